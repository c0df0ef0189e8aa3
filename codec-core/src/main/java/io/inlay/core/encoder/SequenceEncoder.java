package io.inlay.core.encoder;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.loopfilter.NeuralLoopFilter;
import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.InLoopFilters;
import io.inlay.core.recon.CodedPicture;
import io.inlay.core.recon.DecodedPictureBuffer;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.FramesInFlight;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.recon.ReferencePicture;
import io.inlay.core.threads.PerFrame;
import io.inlay.core.threads.Workers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drives frame encoding for one sequence: buffers pictures until the GOP planner can schedule
 * them, plans them in coding order with the decoded-picture buffer the decoder will have, codes
 * them, and releases packets in coding order and reconstructions in display order (docs/gop.md).
 *
 * <p>With more than one thread, frames are coded concurrently (docs/threading.md, "Frames"): the
 * planning (frame type, reference picture set, reference lists, the buffer to reconstruct into)
 * stays serial in coding order, and each frame's coding starts on the executor once the frames it
 * predicts from are finished. A frame's coding reads only its source, its finished references and
 * its own header, and each frame in flight has its own {@link FrameEncoder}, so the stream is the
 * same for any thread count. Owns the neural loop filter's executors when the configuration uses
 * the filter; {@link #close()} releases them.
 */
public final class SequenceEncoder implements AutoCloseable {
    private final EncoderConfig config;
    private final SequenceHeader header;
    private final GopPlanner planner;
    private final DecodedPictureBuffer dpb;
    /** POC to temporal layer of the pictures in the decoded-picture buffer. */
    private final TreeMap<Integer, Integer> dpbLayers = new TreeMap<>();
    private final TreeMap<Integer, Picture> input = new TreeMap<>();
    private final TreeMap<Integer, Picture> pendingRecon = new TreeMap<>();
    private int received;
    private int nextToPlan;
    private int nextReconPoc;
    private final Workers workers;
    /** Frames planned and not yet released, by POC, in coding order; at most {@link #window}. */
    private final FramesInFlight<Integer, Coded> inFlight = new FramesInFlight<>();
    private final int window;
    /** One frame encoder per frame being coded. */
    private final PerFrame<FrameEncoder> encoders;
    /** The first frame encoder's neural filter (its model is checked when the encoder is made). */
    private final NeuralLoopFilter firstFilter;
    private FrameEncoder lastEncoder;

    /** A frame coded: its packet and the encoder that coded it. */
    private record Coded(Packet packet, FrameEncoder encoder) {
    }

    /**
     * An encoder for {@code config}; opens the neural loop filter's model when the configuration
     * uses it.
     *
     * @throws IllegalArgumentException if no provider can open the configured model
     */
    public SequenceEncoder(EncoderConfig config) {
        this.config = config;
        byte[] model = config.neuralModel();
        this.header = new SequenceHeader(config.width(), config.height(), config.bitDepth(),
                config.chromaFormat().idc(), config.fpsNum(), config.fpsDen(), config.colourRange(),
                config.matrixCoefficients(), FrameMaps.CTU_LOG2, FrameMaps.MIN_CU_LOG2,
                (model != null ? SequenceHeaderSyntax.TOOL_NEURAL_LOOP_FILTER : 0L)
                        | (config.learnedIntraModel() != null ? SequenceHeaderSyntax.TOOL_LEARNED_INTRA : 0L)
                        | (config.learnedInterModel() != null ? SequenceHeaderSyntax.TOOL_LEARNED_INTER : 0L)
                        | (config.biFlow() ? SequenceHeaderSyntax.TOOL_BI_FLOW : 0L)
                        | (config.biWeights() ? SequenceHeaderSyntax.TOOL_BI_WEIGHTS : 0L),
                neuralModels(model, config.learnedIntraModel(), config.learnedInterModel()));
        this.workers = Workers.of(config.executor(), config.threads());
        this.planner = new GopPlanner(config);
        this.dpb = new DecodedPictureBuffer(CodedPicture.codedSize(config.width()),
                CodedPicture.codedSize(config.height()), config.bitDepth(), config.chromaFormat());
        // two mini-GOPs: the next one's layer-0 picture and chain overlap this one's; a frame in
        // flight holds its source and its reconstruction
        this.window = workers.framesInFlight(2 * config.gopSize() + 1, 2 * dpb.pictureBytes());
        FrameEncoder first = newFrameEncoder();
        this.firstFilter = first.neuralFilter();
        this.encoders = new PerFrame<>(first, this::newFrameEncoder);
    }

    // One per frame in flight, each with its own neural filter stage (the stage and its network
    // keep per-frame state). Frames in flight do not split their own work: frame tasks must not
    // wait for each other's parts (Workers.executor).
    private FrameEncoder newFrameEncoder() {
        NeuralLoopFilter nlf = null;
        byte[] model = config.neuralModel();
        if (model != null) {
            InLoopFilter f = InLoopFilters.open(config.filterProviders(), model, config.neuralOptions())
                    .orElseThrow(() -> new IllegalArgumentException("neural model "
                            + java.util.HexFormat.of().formatHex(model) + " is not available"));
            nlf = new NeuralLoopFilter(f, CodedPicture.codedSize(config.width()),
                    CodedPicture.codedSize(config.height()), config.bitDepth());
        }
        return new FrameEncoder(config, nlf, window == 1 ? workers : Workers.SERIAL);
    }

    // container.md §4 / decoding-process.md §4.8, §10.1: the filter's model first, then the learned
    // intra model, then the learned interpolation model
    private static List<byte[]> neuralModels(byte[] nlfModel, LearnedIntraModel learnedIntra,
                                             LearnedInterModel learnedInter) {
        List<byte[]> ids = new ArrayList<>();
        if (nlfModel != null) {
            ids.add(nlfModel);
        }
        if (learnedIntra != null) {
            ids.add(learnedIntra.id());
        }
        if (learnedInter != null) {
            ids.add(learnedInter.id());
        }
        return ids;
    }

    public SequenceHeader sequenceHeader() {
        return header;
    }

    /** The neural loop filter decision of the last frame released (for tests), or null when the filter is not used. */
    NeuralFilterDecision lastNlfDecision() {
        return lastEncoder != null ? lastEncoder.nlfDecision() : null;
    }

    /** The neural loop filter's executor, or null when the filter is not used. */
    public InLoopFilter neuralFilter() {
        return firstFilter != null ? firstFilter.network() : null;
    }

    /**
     * Releases the neural loop filters' executors and the encoder's own thread pool, after the
     * frames in flight have finished.
     */
    @Override
    public void close() {
        inFlight.drain();
        workers.close();
        encoders.forEach(FrameEncoder::close);
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

    /** End of input: codes every buffered picture and waits for every frame in flight. */
    public void flush(Queue<Packet> packets, Queue<Picture> reconstructions) {
        run(true, packets, reconstructions);
        release(inFlight.size(), packets, reconstructions);
    }

    private void run(boolean flush, Queue<Packet> packets, Queue<Picture> reconstructions) {
        while (true) {
            List<GopPlanner.FramePlan> group = planner.nextGroup(nextToPlan, received, flush);
            if (group.isEmpty()) {
                break;
            }
            for (int i = 0; i < group.size(); i++) {
                GopPlanner.FramePlan f = group.get(i);
                release(inFlight.size() + 1 - window, packets, reconstructions);
                plan(f, group.subList(i + 1, group.size()));
                nextToPlan = Math.max(nextToPlan, f.poc() + 1);
            }
        }
        release(0, packets, reconstructions);
    }

    // Plans f (serially, in coding order) and starts its coding once its references are finished.
    private void plan(GopPlanner.FramePlan f, List<GopPlanner.FramePlan> later) {
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
        ReferencePicture target = dpb.reserve(f.poc(), refs, inFlight::busy);
        dpbLayers.put(f.poc(), f.layer());
        Picture source = input.remove(f.poc());
        double lambdaFactor = GopPlanner.lambdaFactor(f, qp);
        inFlight.start(f.poc(), target, refs, () -> code(source, f, fh, refs, target, lambdaFactor),
                workers.executor());
    }

    private Coded code(Picture source, GopPlanner.FramePlan f, FrameHeader fh, ReferenceLists refs,
                       ReferencePicture target, double lambdaFactor) {
        FrameEncoder fe = encoders.take();
        Packet p = fe.encode(source, f.type(), f.poc(), fh, refs, target.picture(), lambdaFactor);
        DecodedPictureBuffer.complete(target, fe.maps());
        encoders.give(fe);
        return new Coded(p, fe);
    }

    // Releases frames at the head of the coding order: at least count of them (waiting for them),
    // then every one already finished.
    private void release(int count, Queue<Packet> packets, Queue<Picture> reconstructions) {
        while (inFlight.size() > 0 && (count > 0 || inFlight.headDone())) {
            FramesInFlight.Frame<Integer, Coded> f = inFlight.poll();
            count--;
            Coded c;
            try {
                c = f.join();
            } catch (BitstreamException e) {
                throw new IllegalStateException("the encoder's own frame failed", e);
            }
            lastEncoder = c.encoder();
            packets.add(c.packet());
            if (reconstructions != null) {
                pendingRecon.put(f.tag(), CodedPicture.crop(f.target().picture(), config.width(), config.height()));
                while (!pendingRecon.isEmpty() && pendingRecon.firstKey() == nextReconPoc) {
                    reconstructions.add(pendingRecon.pollFirstEntry().getValue());
                    nextReconPoc++;
                }
            }
        }
    }
}
