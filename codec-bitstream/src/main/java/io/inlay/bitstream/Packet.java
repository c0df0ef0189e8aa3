package io.inlay.bitstream;

import java.util.Objects;

/**
 * One coded frame: its type, picture order count and payload (frame header followed by the
 * arithmetic-coded frame data). This is the unit the encoder emits and the decoder consumes; the
 * container adds framing and a CRC-32C around it.
 */
public record Packet(FrameType frameType, int poc, byte[] payload) {
    public Packet {
        Objects.requireNonNull(frameType, "frameType");
        Objects.requireNonNull(payload, "payload");
        if (poc < 0) {
            throw new IllegalArgumentException("poc must be non-negative: " + poc);
        }
    }
}
