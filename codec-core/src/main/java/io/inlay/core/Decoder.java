package io.inlay.core;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.decoder.SequenceDecoder;
import java.util.ArrayDeque;

/**
 * The Inlay decoder: push packets in coding order, pull pictures in display order.
 *
 * <pre>{@code
 * try (ContainerReader in = new ContainerReader(Files.newInputStream(path), ContainerLimits.DEFAULT);
 *      Decoder dec = Decoder.create(in.readSequenceHeader(), DecoderConfig.defaults(), in.sequenceHeaderOffset())) {
 *     for (Packet p; (p = in.readPacket()) != null; ) {
 *         dec.push(p, in.payloadOffset());   // errors then name stream offsets
 *         for (Picture pic; (pic = dec.pull()) != null; ) consume(pic);
 *     }
 *     dec.flush();
 *     for (Picture pic; (pic = dec.pull()) != null; ) consume(pic);
 * }
 * }</pre>
 *
 * <p>A malformed packet raises {@link BitstreamException} naming the byte offset and the rule
 * (with {@link DecoderConfig#withThreads more than one thread}, frames are decoded concurrently
 * and the error may come from a later {@code push} or from {@code flush}: always the first one in
 * coding order); nothing derived from the stream causes another kind of exception. With
 * {@link DecoderConfig#withConcealment concealment} on, a frame that cannot be decoded is replaced
 * by a copy of a neighbouring picture instead and reported by {@link #pollConcealment()}; pair it
 * with {@code ContainerReader.recover()} to go on past damaged units. A stream that uses the neural
 * loop filter needs an {@link io.inlay.core.neural.InLoopFilterProvider} that has its model;
 * {@link #close()} releases the filter's resources (native ones with ONNX Runtime). Not
 * thread-safe.
 */
public final class Decoder implements AutoCloseable {
    private final SequenceDecoder sequenceDecoder;
    private final ArrayDeque<Picture> output = new ArrayDeque<>();

    private Decoder(SequenceDecoder sequenceDecoder) {
        this.sequenceDecoder = sequenceDecoder;
    }

    /**
     * Creates a decoder for a sequence; error offsets about the header are relative to the start of
     * {@code sequence_header()}.
     *
     * @throws BitstreamException   if the header is outside what this decoder supports or the limits,
     *                               or names a neural model that no provider has
     * @throws IllegalStateException if a provider has the model but cannot run it (e.g. ONNX
     *                               Runtime cannot create a session)
     */
    public static Decoder create(SequenceHeader header, DecoderConfig config) throws BitstreamException {
        return create(header, config, 0);
    }

    /**
     * Creates a decoder for a sequence whose {@code sequence_header()} starts at byte
     * {@code headerOffset} of the stream (as reported by {@code ContainerReader.sequenceHeaderOffset()}),
     * so errors about the header name stream offsets.
     */
    public static Decoder create(SequenceHeader header, DecoderConfig config, long headerOffset)
            throws BitstreamException {
        return new Decoder(new SequenceDecoder(header, java.util.Objects.requireNonNull(config), headerOffset));
    }

    /**
     * One line about the neural loop filter the stream uses (its executor's description), or null
     * when the stream does not use it.
     */
    public String neuralFilterDescription() {
        var f = sequenceDecoder.neuralFilter();
        return f != null ? f.description() : null;
    }

    /**
     * How the neural loop filter was used in one frame.
     *
     * @param lumaScale   {@code nlf_luma_scale} (0: off for luma)
     * @param chromaScale {@code nlf_chroma_scale} (0: off for chroma)
     * @param ctus        CTUs in the frame
     * @param lumaOn      CTUs whose luma is filtered
     * @param chromaOn    CTUs whose chroma is filtered
     */
    public record NeuralFilterUsage(int lumaScale, int chromaScale, int ctus, int lumaOn, int chromaOn) {
    }

    /**
     * How the neural loop filter was used in the frame of the last packet pushed, or null when the
     * stream does not use the filter (or no packet was decoded yet).
     */
    public NeuralFilterUsage lastNeuralFilterUsage() {
        int[] u = sequenceDecoder.lastNlfUsage();
        return u == null ? null : new NeuralFilterUsage(u[0], u[1], u[2], u[3], u[4]);
    }

    /**
     * Learned interpolation use (docs/learned-inter.md) in the frames decoded so far.
     *
     * @param interSamples         luma samples of inter predicted CUs
     * @param mergedSamples        of them, merged or skipped
     * @param amvpLearnedSamples   AMVP CUs with a learned set ({@code lif_idx} > 0)
     * @param mergedLearnedSamples merged or skipped CUs that inherited a learned set
     * @param amvpWeightedSamples  AMVP CUs with a weighted bi-prediction ({@code bcw_idx} > 0, since format 0.9)
     * @param mergedWeightedSamples merged or skipped CUs that inherited a weight
     */
    public record LearnedInterUsage(long interSamples, long mergedSamples, long amvpLearnedSamples,
                                    long mergedLearnedSamples, long amvpWeightedSamples, long mergedWeightedSamples) {
    }

    /**
     * Learned interpolation and weighted bi-prediction use in the frames decoded so far (all 0 when the
     * stream uses neither tool).
     */
    public LearnedInterUsage learnedInterUsage() {
        long[] u = sequenceDecoder.learnedInterUsage();
        return new LearnedInterUsage(u[0], u[1], u[2], u[3], u[4], u[5]);
    }

    /**
     * A frame that was not decoded but concealed: replaced by a copy of the decoded picture nearest
     * to it in display order ({@link DecoderConfig#withConcealment}; docs/bitstream/decoding-process.md,
     * "Error concealment").
     *
     * @param poc       the concealed frame's POC
     * @param sourcePoc POC of the picture copied, or -1 when none was decoded yet (mid-grey)
     * @param offset    byte offset of the error (-1 when the frame was found missing at the end)
     * @param reason    the rule broken, as {@link BitstreamException#rule()} states it
     */
    public record Concealment(int poc, int sourcePoc, long offset, String reason) {
    }

    /**
     * The next frame concealed since the last call (in the order they were concealed), or null.
     * Always null unless concealment is on.
     */
    public Concealment pollConcealment() {
        return sequenceDecoder.pollConcealment();
    }

    /** Releases the neural loop filter's resources; the decoder is unusable afterwards. */
    @Override
    public void close() {
        sequenceDecoder.close();
    }

    /**
     * Decodes one packet; decoded pictures become available to {@link #pull()}. Error offsets are
     * relative to the start of the payload.
     */
    public void push(Packet packet) throws BitstreamException {
        push(packet, 0);
    }

    /**
     * Decodes one packet whose payload starts at byte {@code payloadOffset} of the stream (as
     * reported by {@code ContainerReader.payloadOffset()}), so errors name stream offsets.
     */
    public void push(Packet packet, long payloadOffset) throws BitstreamException {
        sequenceDecoder.decode(packet, payloadOffset, output);
    }

    /** The next picture in display order, or null when none is ready. */
    public Picture pull() {
        return output.poll();
    }

    /**
     * Signals the end of the stream: every remaining picture becomes available. With frame threads
     * (see {@link DecoderConfig#withThreads}) the last frames finish here, so their error, if any,
     * is raised here.
     */
    public void flush() throws BitstreamException {
        sequenceDecoder.flush(output);
    }
}
