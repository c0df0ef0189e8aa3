package io.inlay.core.decoder;

import io.inlay.bitstream.BitReader;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.ChromaFormat;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.loopfilter.NeuralLoopFilter;
import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.InLoopFilters;
import io.inlay.core.neural.LearnedIntraModels;
import io.inlay.core.recon.CodedPicture;
import io.inlay.core.recon.DecodedPictureBuffer;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.FramesInFlight;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.recon.ReferencePicture;
import io.inlay.core.threads.PerFrame;
import io.inlay.core.threads.Workers;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Drives frame decoding for one sequence: checks what the frame decoder relies on, keeps the
 * decoded-picture buffer, and releases pictures in display order (docs/bitstream/decoding-process.md,
 * "Output order"). Owns the neural loop filter's executor when the sequence enables the filter;
 * {@link #close()} releases it.
 */
public final class SequenceDecoder implements AutoCloseable {
    /** Decoded pictures kept as sources of concealment: as many as the DPB can hold. */
    private static final int CONCEALMENT_SOURCES = FrameHeader.MAX_REF_PICS + 1;

    private final SequenceHeader header;
    private final ChromaFormat chroma;
    private final int maxPending;
    private final boolean concealErrors;
    private final TreeMap<Integer, Picture> pending = new TreeMap<>();
    /** Recently decoded pictures (cropped), by POC, the sources of concealment. */
    private final TreeMap<Integer, Picture> decodedRecently = new TreeMap<>();
    private final Queue<Decoder.Concealment> concealments = new ArrayDeque<>();
    private long nextOutputPoc = -1;
    // allocated with the first frame, not by a bare header
    private DecodedPictureBuffer dpb;
    /** Frames started and not yet finished, in coding order; at most {@link #window}. */
    private final FramesInFlight<Started, Decoded> inFlight = new FramesInFlight<>();
    private int window;
    /** Where frames are decoded: the workers' executor, or the caller when one frame is in flight. */
    private Executor frameExecutor;
    /** One frame decoder per frame being decoded; made with the first frame. */
    private PerFrame<FrameDecoder> decoders;
    private final DecoderConfig config;
    private final long headerOffset;
    /** The neural loop filter stage, or null when the sequence does not enable it. */
    private final NeuralLoopFilter nlf;
    /** The learned intra model, or null when TOOL_LEARNED_INTRA is off. */
    private final LearnedIntraModel learnedIntra;
    /** The learned interpolation model (docs/bitstream/decoding-process.md §10.1), or null. */
    private final LearnedInterModel learnedInter;
    private boolean closed;
    private final Workers workers;
    private int[] lastNlfUsage;
    /** Luma samples of the decoded frames so far: inter, merged or skipped, AMVP with LifIdx > 0, merged with LifIdx > 0. */
    private final long[] lifUsage = new long[6];

    /** A frame started: its POC, payload offset, and whether it is a key frame (an I frame with an empty reference set). */
    private record Started(int poc, long base, boolean keyFrame) {
    }

    /**
     * A decoded frame: its cropped picture, its neural filter use (null without the filter) and its
     * learned interpolation use ({@link #lifUsage(FrameMaps)}; null without the tool).
     */
    private record Decoded(Picture picture, int[] nlfUsage, long[] lifUsage) {
    }

    /**
     * A decoder for the sequence {@code header}.
     *
     * @param headerOffset offset of {@code sequence_header()} in the stream (0 when unknown), for
     *                     error messages
     */
    public SequenceDecoder(SequenceHeader header, DecoderConfig config, long headerOffset) throws BitstreamException {
        ContainerLimits limits = config.limits();
        if (!limits.admitsSize(header.width(), header.height())) {
            throw new BitstreamException(0, "picture size " + header.width() + "x" + header.height()
                    + " is outside the decoder's limits (" + limits.describeSize() + ")");
        }
        ChromaFormat chroma = ChromaFormat.fromIdc(header.chromaFormatIdc());
        if (chroma == null) {
            throw new BitstreamException(0, "chroma_format_idc " + header.chromaFormatIdc() + " is not supported");
        }
        if (header.bitDepth() < 8 || header.bitDepth() > 12) {
            throw new BitstreamException(0, "bit_depth shall be 8..12, is " + header.bitDepth());
        }
        if (header.ctuLog2Size() != FrameMaps.CTU_LOG2 || header.minCuLog2Size() != FrameMaps.MIN_CU_LOG2) {
            throw new BitstreamException(0, "ctu_log2_size shall be 6 and min_cu_log2_size 3");
        }
        if ((header.toolFlags() & ~SequenceHeaderSyntax.KNOWN_TOOL_FLAGS) != 0) {
            throw new BitstreamException(headerOffset, "the stream uses coding tools this decoder does not implement");
        }
        this.header = header;
        this.chroma = chroma;
        this.maxPending = config.maxFramesInFlight();
        this.concealErrors = config.concealment();
        this.learnedIntra = header.learnedIntra() ? findLearnedIntra(header, config, headerOffset) : null;
        this.learnedInter = header.learnedInter() ? findLearnedInter(header, headerOffset) : null;
        this.nlf = header.neuralLoopFilter() ? openFilter(header, config, headerOffset) : null;
        this.workers = Workers.of(config.executor(), config.threads());
        this.config = config;
        this.headerOffset = headerOffset;
    }

    // docs/bitstream/decoding-process.md §4.8: neural_models[learnedIntraModelIndex] names the model
    private static LearnedIntraModel findLearnedIntra(SequenceHeader header, DecoderConfig config, long headerOffset)
            throws BitstreamException {
        int idx = header.learnedIntraModelIndex();
        long at = headerOffset + SequenceHeaderSyntax.FIXED_SIZE + (long) idx * SequenceHeaderSyntax.NEURAL_MODEL_ID_BYTES;
        if (header.neuralModels().size() <= idx) {
            throw new BitstreamException(headerOffset + SequenceHeaderSyntax.FIXED_SIZE - 1,
                    "learned intra prediction needs a model identifier");
        }
        byte[] id = header.neuralModels().get(idx);
        return LearnedIntraModels.find(config.learnedIntraProviders(), id).orElseThrow(() -> new BitstreamException(at,
                "learned intra model " + HexFormat.of().formatHex(id) + " is not available"
                        + " (is codec-neural with this model on the class path?)"));
    }

    // docs/bitstream/decoding-process.md §10.1: neural_models[learnedInterModelIndex] names the model,
    // one of those bundled with codec-core
    private static LearnedInterModel findLearnedInter(SequenceHeader header, long headerOffset)
            throws BitstreamException {
        int idx = header.learnedInterModelIndex();
        long at = headerOffset + SequenceHeaderSyntax.FIXED_SIZE + (long) idx * SequenceHeaderSyntax.NEURAL_MODEL_ID_BYTES;
        if (header.neuralModels().size() <= idx) {
            throw new BitstreamException(headerOffset + SequenceHeaderSyntax.FIXED_SIZE - 1,
                    "learned inter interpolation needs a model identifier");
        }
        byte[] id = header.neuralModels().get(idx);
        return LearnedInterModel.find(id).orElseThrow(() -> new BitstreamException(at,
                "learned interpolation model " + HexFormat.of().formatHex(id) + " is not available"));
    }

    // docs/bitstream/neural-filter.md §4.1: neural_models[0] names the filter's model
    private static NeuralLoopFilter openFilter(SequenceHeader header, DecoderConfig config, long headerOffset)
            throws BitstreamException {
        // offset of num_neural_models, then of neural_model_id[0]
        long countAt = headerOffset + SequenceHeaderSyntax.FIXED_SIZE - 1;
        if (header.neuralModels().isEmpty()) {
            throw new BitstreamException(countAt, "the neural loop filter needs a model identifier");
        }
        byte[] id = header.neuralModels().getFirst();
        Optional<InLoopFilter> f = InLoopFilters.open(config.filterProviders(), id, config.neuralOptions());
        if (f.isEmpty()) {
            throw new BitstreamException(countAt + 1, "neural model " + HexFormat.of().formatHex(id)
                    + " is not available");
        }
        return new NeuralLoopFilter(f.get(), CodedPicture.codedSize(header.width()),
                CodedPicture.codedSize(header.height()), header.bitDepth());
    }

    /** The neural loop filter's executor, or null when the sequence does not enable the filter. */
    public InLoopFilter neuralFilter() {
        return nlf != null ? nlf.network() : null;
    }

    /**
     * Releases the neural loop filters' executors, after the frames in flight have finished; the
     * decoder is unusable afterwards.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inFlight.drain();
            workers.close();
            if (nlf != null) {
                nlf.close();
            }
            if (decoders != null) {
                decoders.forEach(fd -> {
                    fd.closeExecutors();
                    if (fd.neuralFilter() != nlf) {
                        fd.neuralFilter().close();
                    }
                });
            }
        }
    }

    // One per frame in flight; all but the first with a neural filter of their own (the stage
    // keeps per-frame state). Frames in flight do not split their own work (Workers.executor).
    private FrameDecoder newFrameDecoder(NeuralLoopFilter filter) {
        FrameDecoder d = new FrameDecoder(CodedPicture.codedSize(header.width()),
                CodedPicture.codedSize(header.height()), filter, learnedIntra, window == 1 ? workers : Workers.SERIAL,
                config.neuralOptions(), header.bitDepth());
        d.setLearnedInter(learnedInter);
        d.setBiFlow(header.biFlow());
        d.setBiWeights(header.biWeights());
        return d;
    }

    private FrameDecoder newFrameDecoderWithOwnFilter() {
        if (nlf == null) {
            return newFrameDecoder(null);
        }
        try {
            return newFrameDecoder(openFilter(header, config, headerOffset));
        } catch (BitstreamException e) {
            throw new IllegalStateException("the neural filter's model opened once and not again", e);
        }
    }

    /**
     * Decodes one packet and queues the pictures that are due for output, in display order. With
     * concealment on, a frame that cannot be decoded is concealed instead (see
     * {@link #pollConcealment()}); only a POC that cannot be placed in display order is an error.
     *
     * <p>With more than one thread and concealment off, frames are decoded concurrently
     * (docs/threading.md, "Frames"): the frame is started once the frames it predicts from are
     * finished, and finished in coding order by this or a later call, so its pictures and its error,
     * if any, may come from a later call or from {@link #flush}. An error is always the first one in
     * coding order, with the message and offset it has without threads.
     *
     * @param base offset of the payload in the stream (0 when unknown), for error messages
     */
    public void decode(Packet packet, long base, Queue<Picture> output) throws BitstreamException {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        byte[] payload = packet.payload();
        int poc = packet.poc();
        FrameHeader fh = null;
        BitstreamException headerError = null;
        try {
            try {
                fh = FrameHeader.read(new BitReader(payload, 0, payload.length, base), nlf != null);
            } catch (BitstreamException e) {
                if (!concealErrors) {
                    throw e;
                }
                headerError = e;
            }
            checkPoc(poc, base);
        } catch (BitstreamException e) {
            // this packet's error; a frame coded earlier may have failed first, and then its error
            // is the one raised. (Only this packet's: an error raised by finishing frames is already
            // the first in coding order, and finishing the frames after it would replace it.)
            finish(inFlight.size(), output);
            throw e;
        }
        if (dpb == null) {
            dpb = new DecodedPictureBuffer(CodedPicture.codedSize(header.width()),
                    CodedPicture.codedSize(header.height()), header.bitDepth(), chroma);
            // one mini-GOP beside the next (docs/gop.md); concealment reads each frame's outcome
            // before the next frame starts
            window = concealErrors ? 1 : workers.framesInFlight(17, dpb.pictureBytes());
            frameExecutor = window == 1 ? Runnable::run : workers.executor();
            decoders = new PerFrame<>(newFrameDecoder(nlf), this::newFrameDecoderWithOwnFilter);
        }
        finish(inFlight.size() + 1 - window, output);
        if (headerError != null) {
            inFlight.addFailed(new Started(poc, base, false), headerError);
        } else {
            start(packet, fh, base);
        }
        finish(0, output);
    }

    // the POC of a new frame must fit in display order (pictures in flight are checked again when
    // they finish, when the ones before them are in display order)
    private void checkPoc(int poc, long base) throws BitstreamException {
        if (poc < nextOutputPoc || pending.containsKey(poc)) {
            throw new BitstreamException(base, "poc " + poc + " repeats or precedes a picture already output");
        }
    }

    // Starts the frame once the frames it predicts from are decoded; the DPB is left consistent
    // if its reference picture set cannot be applied (then it fails at once).
    private void start(Packet packet, FrameHeader fh, long base) {
        int poc = packet.poc();
        Started tag = new Started(poc, base, packet.frameType() == FrameType.I && fh.refPics().isEmpty());
        ReferenceLists refs;
        try {
            refs = dpb.startFrame(packet.frameType(), poc, fh, base);
        } catch (BitstreamException e) {
            inFlight.addFailed(tag, e);
            return;
        }
        ReferencePicture entry = dpb.reserve(poc, refs, inFlight::busy);
        inFlight.start(tag, entry, refs, () -> decodeFrame(packet, fh, base, refs, entry), frameExecutor);
    }

    // Decodes the frame into its reserved entry and returns its cropped picture.
    private Decoded decodeFrame(Packet packet, FrameHeader fh, long base, ReferenceLists refs, ReferencePicture entry) {
        FrameDecoder fd = decoders.take();
        try {
            fd.decode(packet, base, fh, refs, entry.picture());
            int[] usage = fd.neuralFilter() != null ? nlfUsage(fh, fd.neuralFilter()) : null;
            long[] lif = learnedInter != null || header.biWeights() ? lifUsage(fd.maps()) : null;
            DecodedPictureBuffer.complete(entry, fd.maps());
            return new Decoded(CodedPicture.crop(entry.picture(), header.width(), header.height()), usage, lif);
        } catch (BitstreamException e) {
            throw new CompletionException(e);
        } finally {
            decoders.give(fd);
        }
    }

    // Finishes frames at the head of the coding order: at least count of them (waiting for them),
    // then every one already decoded.
    private void finish(int count, Queue<Picture> output) throws BitstreamException {
        while (inFlight.size() > 0 && (count > 0 || inFlight.headDone())) {
            count--;
            finish(inFlight.poll(), output);
        }
    }

    private void finish(FramesInFlight.Frame<Started, Decoded> frame, Queue<Picture> output) throws BitstreamException {
        Started f = frame.tag();
        checkPoc(f.poc(), f.base());
        Picture picture;
        try {
            Decoded d = frame.join();
            picture = d.picture();
            if (d.nlfUsage() != null) {
                lastNlfUsage = d.nlfUsage();
            }
            if (d.lifUsage() != null) {
                for (int i = 0; i < lifUsage.length; i++) {
                    lifUsage[i] += d.lifUsage()[i];
                }
            }
            if (concealErrors) {
                remember(f.poc(), picture);
            }
        } catch (BitstreamException e) {
            if (frame.target() != null) {
                dpb.discard(frame.target());
            }
            if (!concealErrors) {
                throw e;
            }
            picture = conceal(f.poc(), e.offset(), e.rule());
        }
        if (concealErrors && f.keyFrame()) {
            // frames lost with their units before a key frame leave gaps nothing will fill
            closeGap(f.poc(), f.base(), output);
        }
        pending.put(f.poc(), picture);
        if (nextOutputPoc < 0) {
            nextOutputPoc = f.poc();
        }
        release(output);
        if (pending.size() > maxPending) {
            if (!concealErrors) {
                throw new BitstreamException(f.base(), "more than " + maxPending
                        + " pictures wait for output: display order (POC) shall have no gaps"
                        + (maxPending < DecoderConfig.DEFAULT_FRAMES_IN_FLIGHT
                                ? " (or the stream needs more than the " + maxPending + " frames in flight allowed)"
                                : ""));
            }
            closeGap(pending.firstKey(), f.base(), output);
            release(output);
        }
    }

    /**
     * With concealment: outputs every POC below {@code end} in display order. A missing POC is
     * concealed when the gap is at most the frames in flight (frames lost with their units, e.g.
     * skipped by {@code ContainerReader.recover()}); a longer gap, which no loss of frames
     * explains, is skipped, so that hostile POCs cannot make work or memory grow.
     */
    private void closeGap(int end, long offset, Queue<Picture> output) {
        if (nextOutputPoc < 0) {
            return;
        }
        boolean fill = end - nextOutputPoc <= maxPending;
        while (nextOutputPoc < end) {
            int next = (int) nextOutputPoc;
            Picture waiting = pending.remove(next);
            if (waiting != null) {
                output.add(waiting);
            } else if (fill) {
                output.add(conceal(next, offset, "frame with poc " + next + " is missing"));
            } else {
                Integer k = pending.ceilingKey(next);
                nextOutputPoc = k == null || k >= end ? end : k;
                continue;
            }
            nextOutputPoc++;
        }
    }

    // Keeps a decoded picture as a source of concealment.
    private void remember(int poc, Picture picture) {
        decodedRecently.put(poc, picture);
        if (decodedRecently.size() > CONCEALMENT_SOURCES) {
            // keep the pictures nearest in display order to the newest one
            decodedRecently.remove(Math.abs(decodedRecently.firstKey() - poc)
                    >= Math.abs(decodedRecently.lastKey() - poc) ? decodedRecently.firstKey()
                    : decodedRecently.lastKey());
        }
    }

    // A copy of the decoded picture nearest to poc in display order (the earlier one on a tie), or
    // mid-grey when none was decoded yet. The frame is not added to the DPB, so frames that predict
    // from it fail with a missing reference and are concealed in turn, until a key frame.
    private Picture conceal(int poc, long offset, String reason) {
        Integer below = decodedRecently.floorKey(poc);
        Integer above = decodedRecently.ceilingKey(poc);
        Integer source = below == null ? above
                : above == null || poc - below <= above - poc ? below : above;
        Picture copy;
        if (source != null) {
            copy = decodedRecently.get(source).copy(0);
        } else {
            copy = Picture.allocate(header.width(), header.height(), header.bitDepth(), chroma, 0);
            for (int c = 0; c < copy.planeCount(); c++) {
                java.util.Arrays.fill(copy.plane(c).samples(), (short) (1 << (header.bitDepth() - 1)));
            }
        }
        concealments.add(new Decoder.Concealment(poc, source == null ? -1 : source, offset, reason));
        return copy;
    }

    private void release(Queue<Picture> output) {
        while (!pending.isEmpty() && pending.firstKey() == nextOutputPoc) {
            output.add(pending.pollFirstEntry().getValue());
            nextOutputPoc++;
        }
    }

    /** The next frame concealed since the last call, or null. */
    public Decoder.Concealment pollConcealment() {
        return concealments.poll();
    }

    /**
     * Neural loop filter use in the last decoded frame: {@code nlf_luma_scale}, {@code nlf_chroma_scale},
     * CTUs, CTUs with the luma flag on, CTUs with the chroma flag on; null when the sequence does not
     * enable the filter or no frame was decoded.
     */
    public int[] lastNlfUsage() {
        return lastNlfUsage == null ? null : lastNlfUsage.clone();
    }

    /**
     * Learned interpolation use in the frames finished so far, in luma samples of the coded area:
     * inter predicted, merged or skipped, AMVP with {@code LifIdx} > 0 (coded {@code lif_idx}),
     * merged or skipped with {@code LifIdx} > 0 (inherited); then weighted bi-prediction: AMVP with
     * {@code BcwIdx} > 0, merged or skipped with {@code BcwIdx} > 0; all 0 when the sequence enables
     * neither tool.
     */
    public long[] learnedInterUsage() {
        return lifUsage.clone();
    }

    private static long[] lifUsage(FrameMaps m) {
        long[] u = new long[6];
        for (int y = 0; y < m.height(); y += 4) {
            for (int x = 0; x < m.width(); x += 4) {
                if (!m.isInter(x, y)) {
                    continue;
                }
                boolean merged = m.merge(x, y);
                boolean learned = m.lifIdx(x, y) > 0;
                u[0] += 16;
                u[1] += merged ? 16 : 0;
                u[2] += learned && !merged ? 16 : 0;
                u[3] += learned && merged ? 16 : 0;
                boolean weighted = m.bcwIdx(x, y) > 0;
                u[4] += weighted && !merged ? 16 : 0;
                u[5] += weighted && merged ? 16 : 0;
            }
        }
        return u;
    }

    private static int[] nlfUsage(FrameHeader fh, NeuralLoopFilter nlf) {
        int ctus = nlf.ctbCols() * nlf.ctbRows();
        int luma = 0;
        int chroma = 0;
        for (int i = 0; i < ctus; i++) {
            luma += fh.nlfLumaScale() != 0 ? nlf.lumaFlags()[i] : 0;
            chroma += fh.nlfChromaScale() != 0 ? nlf.chromaFlags()[i] : 0;
        }
        return new int[] {fh.nlfLumaScale(), fh.nlfChromaScale(), ctus, luma, chroma};
    }

    /**
     * End of stream: queues every picture still waiting, in display order; with concealment on,
     * POCs missing between them are concealed.
     */
    public void flush(Queue<Picture> output) throws BitstreamException {
        finish(inFlight.size(), output);
        if (concealErrors && !pending.isEmpty()) {
            closeGap(pending.lastKey(), -1, output);
        }
        while (!pending.isEmpty()) {
            output.add(pending.pollFirstEntry().getValue());
        }
        nextOutputPoc = -1;
    }
}
