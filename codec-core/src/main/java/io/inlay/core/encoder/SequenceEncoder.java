package io.inlay.core.encoder;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.loopfilter.NeuralLoopFilter;
import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.InLoopFilters;
import io.inlay.core.recon.CodedPicture;
import io.inlay.core.recon.DecodedPictureBuffer;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.threads.Workers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drives frame encoding for one sequence: buffers pictures until the GOP planner can schedule
 * them, codes them in coding order with the decoded-picture buffer the decoder will have, and
 * releases reconstructions in display order (docs/gop.md). Owns the neural loop filter's executor
 * when the configuration uses the filter; {@link #close()} releases it.
 */
public final class SequenceEncoder implements AutoCloseable {
    private final EncoderConfig config;
    private final SequenceHeader header;
    private final FrameEncoder frameEncoder;
    private final GopPlanner planner;
    private final DecodedPictureBuffer dpb;
    /** POC to temporal layer of the pictures in the decoded-picture buffer. */
    private final TreeMap<Integer, Integer> dpbLayers = new TreeMap<>();
    private final TreeMap<Integer, Picture> input = new TreeMap<>();
    private final TreeMap<Integer, Picture> pendingRecon = new TreeMap<>();
    private int received;
    private int nextToPlan;
    private int nextReconPoc;
    private final NeuralLoopFilter nlf;
    private final Workers workers;

    /**
     * An encoder for {@code config}; opens the neural loop filter's model when the configuration
     * uses it.
     *
     * @throws IllegalArgumentException if no provider can open the configured model
     */
    public SequenceEncoder(EncoderConfig config) {
        this.config = config;
        byte[] model = config.neuralModel();
        int cw = CodedPicture.codedSize(config.width());
        int ch = CodedPicture.codedSize(config.height());
        if (model != null) {
            InLoopFilter f = InLoopFilters.open(config.filterProviders(), model, config.neuralOptions())
                    .orElseThrow(() -> new IllegalArgumentException("neural model "
                            + java.util.HexFormat.of().formatHex(model) + " is not available"));
            this.nlf = new NeuralLoopFilter(f, cw, ch, config.bitDepth());
        } else {
            this.nlf = null;
        }
        this.header = new SequenceHeader(config.width(), config.height(), config.bitDepth(),
                config.chromaFormat().idc(), config.fpsNum(), config.fpsDen(), config.colourRange(),
                config.matrixCoefficients(), FrameMaps.CTU_LOG2, FrameMaps.MIN_CU_LOG2,
                (model != null ? SequenceHeaderSyntax.TOOL_NEURAL_LOOP_FILTER : 0L)
                        | (config.learnedIntraModel() != null ? SequenceHeaderSyntax.TOOL_LEARNED_INTRA : 0L),
                neuralModels(model, config.learnedIntraModel()));
        this.workers = Workers.of(config.executor(), config.threads());
        this.frameEncoder = new FrameEncoder(config, nlf, workers);
        this.planner = new GopPlanner(config);
        this.dpb = new DecodedPictureBuffer(CodedPicture.codedSize(config.width()),
                CodedPicture.codedSize(config.height()), config.bitDepth(), config.chromaFormat());
    }

    // container.md §4 / decoding-process.md §4.8: the filter's model first, then the learned intra model
    private static List<byte[]> neuralModels(byte[] nlfModel, LearnedIntraModel learnedIntra) {
        List<byte[]> ids = new java.util.ArrayList<>();
        if (nlfModel != null) {
            ids.add(nlfModel);
        }
        if (learnedIntra != null) {
            ids.add(learnedIntra.id());
        }
        return ids;
    }

    public SequenceHeader sequenceHeader() {
        return header;
    }

    /** The neural loop filter decision of the last frame (for tests), or null when the filter is not used. */
    NeuralFilterDecision lastNlfDecision() {
        return frameEncoder.nlfDecision();
    }

    /** The neural loop filter's executor, or null when the filter is not used. */
    public InLoopFilter neuralFilter() {
        return nlf != null ? nlf.network() : null;
    }

    /** Releases the neural loop filter's executor and the encoder's own thread pool. */
    @Override
    public void close() {
        workers.close();
        if (nlf != null) {
            nlf.close();
        }
    }

    /**
     * Takes the next picture in display order and codes whatever can be coded; packets go to
     * {@code packets} in coding order, reconstructions (when {@code reconstructions} is not null)
     * in display order.
     */
    public void encode(Picture picture, Queue<Packet> packets, Queue<Picture> reconstructions) {
        input.put(received++, picture.copy(0));
        run(false, packets, reconstructions);
    }

    /** End of input: codes every buffered picture. */
    public void flush(Queue<Packet> packets, Queue<Picture> reconstructions) {
        run(true, packets, reconstructions);
    }

    private void run(boolean flush, Queue<Packet> packets, Queue<Picture> reconstructions) {
        while (true) {
            List<GopPlanner.FramePlan> group = planner.nextGroup(nextToPlan, received, flush);
            if (group.isEmpty()) {
                return;
            }
            for (int i = 0; i < group.size(); i++) {
                GopPlanner.FramePlan f = group.get(i);
                packets.add(encodeFrame(f, group.subList(i + 1, group.size()), reconstructions));
                nextToPlan = Math.max(nextToPlan, f.poc() + 1);
            }
        }
    }

    private Packet encodeFrame(GopPlanner.FramePlan f, List<GopPlanner.FramePlan> later,
                               Queue<Picture> reconstructions) {
        GopPlanner.RefChoice rc = planner.references(f, dpbLayers, later);
        int qp = Math.max(0, Math.min(51, config.qp() + f.qpOffset()));
        FrameHeader fh = new FrameHeader(qp, config.deblocking(), 0, 0, config.aqStrength() > 0, f.layer(),
                rc.refPics(), rc.activeL0(), rc.activeL1(), f.type() == FrameType.I ? 0 : config.chromaQpOffset());
        ReferenceLists refs;
        try {
            refs = dpb.startFrame(f.type(), f.poc(), fh, 0);
        } catch (BitstreamException e) {
            throw new IllegalStateException("GOP planner produced an invalid reference picture set", e);
        }
        Set<Integer> kept = new HashSet<>();
        for (FrameHeader.RefPic rp : fh.refPics()) {
            kept.add(f.poc() + rp.deltaPoc());
        }
        dpbLayers.keySet().retainAll(kept);
        Picture recon = dpb.nextPicture();
        Packet p = frameEncoder.encode(input.remove(f.poc()), f.type(), f.poc(), fh, refs, recon,
                GopPlanner.lambdaFactor(f, qp));
        dpb.add(recon, f.poc(), frameEncoder.maps(), refs);
        dpbLayers.put(f.poc(), f.layer());
        if (reconstructions != null) {
            pendingRecon.put(f.poc(), CodedPicture.crop(recon, config.width(), config.height()));
            while (!pendingRecon.isEmpty() && pendingRecon.firstKey() == nextReconPoc) {
                reconstructions.add(pendingRecon.pollFirstEntry().getValue());
                nextReconPoc++;
            }
        }
        return p;
    }
}
