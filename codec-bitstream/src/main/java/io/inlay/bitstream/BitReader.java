package io.inlay.bitstream;

import java.util.Objects;

/**
 * Reads the descriptors of {@code docs/bitstream/conventions.md} from a byte range, most
 * significant bit first. Every stream-derived failure (reading past the end, an over-long or
 * out-of-range exp-Golomb code, non-zero alignment bits) raises {@link BitstreamException} with
 * the absolute byte offset; nothing here can loop or allocate on stream content.
 */
public final class BitReader {
    private final byte[] data;
    private final int off;
    private final long lenBits;
    private final long baseOffset;
    private long pos;   // bit position relative to data[off]

    /**
     * Reads {@code data[off .. off + len)}; {@code baseOffset} is the absolute offset of
     * {@code data[off]}, used in error messages.
     */
    public BitReader(byte[] data, int off, int len, long baseOffset) {
        Objects.checkFromIndexSize(off, len, data.length);
        this.data = data;
        this.off = off;
        this.lenBits = (long) len * 8;
        this.baseOffset = baseOffset;
    }

    /** Reads {@code numBits} (0..32) bits as an unsigned value ({@code u(n)}); 32 bits may be negative as an int. */
    public int readBits(int numBits) throws BitstreamException {
        if (numBits < 0 || numBits > 32) {
            throw new IllegalArgumentException("numBits must be 0..32: " + numBits);
        }
        return (int) read(numBits);
    }

    /** Reads {@code numBits} (0..64) bits as an unsigned value ({@code u(n)}). */
    public long readLong(int numBits) throws BitstreamException {
        if (numBits < 0 || numBits > 64) {
            throw new IllegalArgumentException("numBits must be 0..64: " + numBits);
        }
        if (numBits > 32) {
            long hi = read(numBits - 32);
            return (hi << 32) | read(32);
        }
        return read(numBits);
    }

    // n <= 32
    private long read(int n) throws BitstreamException {
        if (n == 0) {
            return 0;
        }
        if (lenBits - pos < n) {
            throw new BitstreamException(byteOffset(), "syntax element of " + n
                    + " bits runs past the end of the buffer (" + (lenBits - pos) + " bits left)");
        }
        long v = 0;
        int need = n;
        while (need > 0) {
            int idx = off + (int) (pos >>> 3);
            int bitInByte = (int) (pos & 7);
            int avail = 8 - bitInByte;
            int take = Math.min(avail, need);
            int bits = ((data[idx] & 0xFF) >>> (avail - take)) & ((1 << take) - 1);
            v = (v << take) | bits;
            need -= take;
            pos += take;
        }
        return v;
    }

    /** Reads one bit as a flag. */
    public boolean readFlag() throws BitstreamException {
        return read(1) != 0;
    }

    /**
     * Reads a 0-th order exp-Golomb code {@code ue(v)} (H.266 §9.2). More than 31 leading zero bits
     * would code a value beyond {@link BitWriter#MAX_UE} = 2^32 - 2 and raises
     * {@link BitstreamException}.
     */
    public long readUe() throws BitstreamException {
        long start = byteOffset();
        int leadingZeroBits = 0;
        while (read(1) == 0) {
            if (++leadingZeroBits > 31) {
                throw new BitstreamException(start, "ue(v) has more than 31 leading zero bits (value beyond 2^32 - 2)");
            }
        }
        return (1L << leadingZeroBits) - 1 + read(leadingZeroBits);
    }

    /** Reads a signed exp-Golomb code {@code se(v)} (H.266 §9.2.2), range -(2^31 - 1)..2^31 - 1. */
    public long readSe() throws BitstreamException {
        long k = readUe();
        return (k & 1) != 0 ? (k + 1) >> 1 : -(k >> 1);
    }

    /**
     * Skips to the next byte boundary: {@code byte_alignment()}. The skipped bits
     * ({@code alignment_bit_equal_to_zero}) shall be zero, else {@link BitstreamException}.
     */
    public void align() throws BitstreamException {
        int rem = (int) ((8 - (pos & 7)) & 7);
        if (rem != 0) {
            long at = byteOffset();
            if (read(rem) != 0) {
                throw new BitstreamException(at, "alignment_bit_equal_to_zero is not zero");
            }
        }
    }

    /** Whether the read position is on a byte boundary. */
    public boolean isAligned() {
        return (pos & 7) == 0;
    }

    /**
     * Bytes touched so far, relative to {@code off}: the bit position divided by 8, rounded up, so
     * a partially read byte counts as consumed. After {@link #align()} it is the exact index of the
     * next byte to read.
     */
    public int bytePosition() {
        return (int) ((pos + 7) >>> 3);
    }

    /** Number of bits read so far. */
    public long bitPosition() {
        return pos;
    }

    /** Bits left before the end of the range. */
    public long bitsRemaining() {
        return lenBits - pos;
    }

    /** Absolute offset of the byte holding the next bit to read (rounded down). */
    public long byteOffset() {
        return baseOffset + (pos >>> 3);
    }
}
