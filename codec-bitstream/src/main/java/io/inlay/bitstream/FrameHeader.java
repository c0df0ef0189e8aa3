package io.inlay.bitstream;

/**
 * {@code frame_header()}: the byte-aligned start of every frame payload, followed by the
 * arithmetic-coded frame data ({@code docs/bitstream/frame-header.md}). Field names equal the
 * syntax-element names.
 *
 * @param frameQp           {@code frame_qp}, 0..51
 * @param deblockingEnabled {@code deblocking_enabled_flag}
 * @param betaOffsetDiv2    {@code beta_offset_div2}, -6..6; not coded (and 0 when parsed) unless
 *                          deblocking is enabled
 * @param tcOffsetDiv2      {@code tc_offset_div2}, -6..6; as {@code betaOffsetDiv2}
 * @param cuQpDeltaEnabled  {@code cu_qp_delta_enabled_flag}
 */
public record FrameHeader(int frameQp, boolean deblockingEnabled, int betaOffsetDiv2, int tcOffsetDiv2,
        boolean cuQpDeltaEnabled) {
    /** Largest {@code frame_qp}. */
    public static final int MAX_QP = 51;

    /** Bound of {@code beta_offset_div2} and {@code tc_offset_div2} (inclusive, both signs). */
    public static final int MAX_OFFSET_DIV2 = 6;

    public FrameHeader {
        if (frameQp < 0 || frameQp > MAX_QP) {
            throw new IllegalArgumentException("frame_qp must be 0..51: " + frameQp);
        }
        if (Math.abs(betaOffsetDiv2) > MAX_OFFSET_DIV2 || Math.abs(tcOffsetDiv2) > MAX_OFFSET_DIV2) {
            throw new IllegalArgumentException("beta_offset_div2 and tc_offset_div2 must be -6..6");
        }
    }

    /** Writes {@code frame_header()}, ending byte-aligned. */
    public void write(BitWriter w) {
        w.writeBits(frameQp, 6);
        w.writeFlag(deblockingEnabled);
        if (deblockingEnabled) {
            w.writeSe(betaOffsetDiv2);
            w.writeSe(tcOffsetDiv2);
        }
        w.writeFlag(cuQpDeltaEnabled);
        w.alignZero();
    }

    /**
     * Parses {@code frame_header()} and checks its semantics. Leaves {@code r} byte-aligned at the
     * first byte of the arithmetic-coded data.
     */
    public static FrameHeader read(BitReader r) throws BitstreamException {
        long at = r.byteOffset();
        int frameQp = r.readBits(6);
        if (frameQp > MAX_QP) {
            throw new BitstreamException(at, "frame_qp shall be in 0..51, is " + frameQp);
        }
        boolean deblockingEnabled = r.readFlag();
        int beta = 0;
        int tc = 0;
        if (deblockingEnabled) {
            beta = readOffset(r, "beta_offset_div2");
            tc = readOffset(r, "tc_offset_div2");
        }
        boolean cuQpDeltaEnabled = r.readFlag();
        r.align();
        return new FrameHeader(frameQp, deblockingEnabled, beta, tc, cuQpDeltaEnabled);
    }

    private static int readOffset(BitReader r, String name) throws BitstreamException {
        long at = r.byteOffset();
        long v = r.readSe();
        if (Math.abs(v) > MAX_OFFSET_DIV2) {
            throw new BitstreamException(at, name + " shall be in -6..6, is " + v);
        }
        return (int) v;
    }

    /**
     * Parses the frame header at the start of {@code p}'s payload; offsets in errors are relative
     * to the payload.
     */
    public static FrameHeader parse(Packet p) throws BitstreamException {
        byte[] payload = p.payload();
        return read(new BitReader(payload, 0, payload.length, 0));
    }

    /**
     * Size of this header when written, in bytes: the offset of the arithmetic-coded data in the
     * frame payload. (The coding is canonical, so a parsed header has the size it was read with.)
     */
    public int sizeInBytes() {
        int bits = 6 + 1 + 1;
        if (deblockingEnabled) {
            bits += seBits(betaOffsetDiv2) + seBits(tcOffsetDiv2);
        }
        return (bits + 7) >> 3;
    }

    private static int seBits(int v) {
        long k = v > 0 ? 2L * v - 1 : -2L * v;
        return 2 * (63 - Long.numberOfLeadingZeros(k + 1)) + 1;
    }
}
