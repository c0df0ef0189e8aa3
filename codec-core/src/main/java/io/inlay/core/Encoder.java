package io.inlay.core;

import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.encoder.SequenceEncoder;
import java.util.ArrayDeque;

/**
 * The Inlay encoder: push pictures in display order, pull packets in coding order. With random
 * access, packets lag the input by up to a mini-GOP; {@link #flush()} releases the rest.
 *
 * <pre>{@code
 * EncoderConfig cfg = EncoderConfig.builder(352, 288).qp(32).build();
 * Encoder enc = Encoder.create(cfg);
 * try (ContainerWriter out = new ContainerWriter(Files.newOutputStream(path))) {
 *     out.writeSequenceHeader(enc.sequenceHeader());
 *     for (Picture pic : pictures) {
 *         enc.push(pic);
 *         for (Packet p; (p = enc.pull()) != null; ) out.writePacket(p);
 *     }
 *     enc.flush();
 *     for (Packet p; (p = enc.pull()) != null; ) out.writePacket(p);
 * }
 * }</pre>
 *
 * <p>With the neural loop filter ({@link EncoderConfig#neuralFilter()}) the encoder holds the
 * filter's executor; {@link #close()} releases it. Not thread-safe: one thread drives an encoder.
 */
public final class Encoder implements AutoCloseable {
    private final EncoderConfig config;
    private final SequenceEncoder sequenceEncoder;
    private final ArrayDeque<Packet> packets = new ArrayDeque<>();
    private final ArrayDeque<Picture> reconstructions = new ArrayDeque<>();
    private boolean flushed;

    private Encoder(EncoderConfig config) {
        this.config = config;
        this.sequenceEncoder = new SequenceEncoder(config);
    }

    /**
     * Creates an encoder for {@code config}.
     *
     * @throws IllegalArgumentException if the configured neural model cannot be opened
     */
    public static Encoder create(EncoderConfig config) {
        return new Encoder(java.util.Objects.requireNonNull(config));
    }

    /** The sequence header every stream from this encoder starts with. */
    public SequenceHeader sequenceHeader() {
        return sequenceEncoder.sequenceHeader();
    }

    /**
     * Submits the next picture in display order. Its size, bit depth and chroma format must
     * equal the configuration's; the encoder copies what it needs, so the caller may reuse it.
     */
    public void push(Picture picture) {
        if (flushed) {
            throw new IllegalStateException("encoder already flushed");
        }
        if (picture.width() != config.width() || picture.height() != config.height()
                || picture.bitDepth() != config.bitDepth() || picture.chromaFormat() != config.chromaFormat()) {
            throw new IllegalArgumentException("picture " + picture.width() + "x" + picture.height() + " "
                    + picture.bitDepth() + "-bit does not match the encoder configuration "
                    + config.width() + "x" + config.height() + " " + config.bitDepth() + "-bit");
        }
        sequenceEncoder.encode(picture, packets, config.keepReconstruction() ? reconstructions : null);
    }

    /** The next coded packet, or null when none is ready. */
    public Packet pull() {
        return packets.poll();
    }

    /**
     * The next reconstructed picture in display order (what a decoder will output), or null when
     * none is ready. Only when {@link EncoderConfig#keepReconstruction()} is set.
     */
    public Picture pullReconstruction() {
        return reconstructions.poll();
    }

    /** One line about the neural loop filter's model and executor, or null when the filter is off. */
    public String neuralFilterDescription() {
        var f = sequenceEncoder.neuralFilter();
        return f != null ? f.description() : null;
    }

    /** Releases the neural loop filter's resources; the encoder is unusable afterwards. */
    @Override
    public void close() {
        flushed = true;
        sequenceEncoder.close();
    }

    /** Signals the end of input: every remaining packet becomes available to {@link #pull()}. */
    public void flush() {
        if (!flushed) {
            flushed = true;
            sequenceEncoder.flush(packets, config.keepReconstruction() ? reconstructions : null);
        }
    }
}
