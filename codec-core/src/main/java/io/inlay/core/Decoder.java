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
 * try (ContainerReader in = new ContainerReader(Files.newInputStream(path), ContainerLimits.DEFAULT)) {
 *     Decoder dec = Decoder.create(in.readSequenceHeader(), DecoderConfig.defaults());
 *     for (Packet p; (p = in.readPacket()) != null; ) {
 *         dec.push(p, in.payloadOffset());   // errors then name stream offsets
 *         for (Picture pic; (pic = dec.pull()) != null; ) consume(pic);
 *     }
 *     dec.flush();
 *     for (Picture pic; (pic = dec.pull()) != null; ) consume(pic);
 * }
 * }</pre>
 *
 * <p>A malformed packet raises {@link BitstreamException} naming the byte offset and the rule;
 * nothing derived from the stream causes another kind of exception. Not thread-safe.
 */
public final class Decoder {
    private final SequenceDecoder sequenceDecoder;
    private final ArrayDeque<Picture> output = new ArrayDeque<>();

    private Decoder(SequenceDecoder sequenceDecoder) {
        this.sequenceDecoder = sequenceDecoder;
    }

    /**
     * Creates a decoder for a sequence.
     *
     * @throws BitstreamException if the header is outside what this decoder supports or the limits
     */
    public static Decoder create(SequenceHeader header, DecoderConfig config) throws BitstreamException {
        return new Decoder(new SequenceDecoder(header, config));
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

    /** Signals the end of the stream: every remaining picture becomes available. */
    public void flush() {
        sequenceDecoder.flush(output);
    }
}
