package io.inlay.bitstream;

import java.util.Arrays;
import java.util.Objects;

/**
 * Writes the fixed- and variable-length descriptors of {@code docs/bitstream/conventions.md}:
 * {@code u(n)}, {@code ue(v)}, {@code se(v)} and {@code byte_alignment()}, most significant bit
 * first, into a growable byte array.
 *
 * <p>Arguments that cannot be represented by the descriptor raise
 * {@link IllegalArgumentException}: a writer never produces a stream its reader would reject.
 */
public final class BitWriter {
    /** Largest value {@code ue(v)} may carry (the parser rejects larger ones). */
    public static final long MAX_UE = 0xFFFF_FFFEL;

    private byte[] buf = new byte[64];
    private int bytes;      // completed bytes in buf
    private long acc;       // pending bits, right-aligned
    private int accBits;    // number of pending bits, 0..7 between calls

    public BitWriter() {
    }

    /**
     * Writes the {@code numBits} (0..64) low bits of {@code value}, most significant first: the
     * descriptor {@code u(n)}. {@code value} must be representable in {@code numBits} unsigned bits
     * (for {@code numBits == 64} every value is).
     */
    public void writeBits(long value, int numBits) {
        if (numBits < 0 || numBits > 64) {
            throw new IllegalArgumentException("numBits must be 0..64: " + numBits);
        }
        if (numBits < 64 && (value >>> numBits) != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + numBits + " bits");
        }
        if (numBits > 32) {
            put(value >>> 32, numBits - 32);
            put(value & 0xFFFF_FFFFL, 32);
        } else {
            put(value, numBits);
        }
    }

    // n <= 32, value < 2^n; acc holds < 8 bits, so acc + n <= 39 bits fits.
    private void put(long value, int n) {
        acc = (acc << n) | value;
        accBits += n;
        while (accBits >= 8) {
            accBits -= 8;
            ensure(1);
            buf[bytes++] = (byte) (acc >>> accBits);
        }
        acc &= (1L << accBits) - 1;
    }

    /** Writes one bit: 1 for true. */
    public void writeFlag(boolean flag) {
        put(flag ? 1 : 0, 1);
    }

    /**
     * Writes {@code v} (0..{@link #MAX_UE}) as a 0-th order exp-Golomb code {@code ue(v)}
     * (H.266 §9.2): {@code leadingZeroBits} zeros, a one, then the {@code leadingZeroBits} low bits
     * of {@code v + 1}.
     */
    public void writeUe(long v) {
        if (v < 0 || v > MAX_UE) {
            throw new IllegalArgumentException("ue(v) value out of range 0.." + MAX_UE + ": " + v);
        }
        long x = v + 1;
        int len = 64 - Long.numberOfLeadingZeros(x);  // 1..32
        put(0, len - 1);
        put(x, len);
    }

    /**
     * Writes {@code v} as a signed exp-Golomb code {@code se(v)} (H.266 §9.2.2): k = 2|v| - 1 for
     * v > 0, k = -2v for v <= 0. Range -(2^31 - 1)..2^31 - 1.
     */
    public void writeSe(long v) {
        if (v < -0x7FFF_FFFFL || v > 0x7FFF_FFFFL) {
            throw new IllegalArgumentException("se(v) value out of range: " + v);
        }
        writeUe(v > 0 ? 2 * v - 1 : -2 * v);
    }

    /** Writes zero bits up to the next byte boundary: {@code byte_alignment()}. */
    public void alignZero() {
        if (accBits != 0) {
            put(0, 8 - accBits);
        }
    }

    /** Whether the write position is on a byte boundary. */
    public boolean isAligned() {
        return accBits == 0;
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}; the writer must be byte-aligned. */
    public void writeBytes(byte[] b, int off, int len) {
        if (accBits != 0) {
            throw new IllegalStateException("writeBytes requires byte alignment");
        }
        Objects.checkFromIndexSize(off, len, b.length);
        ensure(len);
        System.arraycopy(b, off, buf, bytes, len);
        bytes += len;
    }

    /** Number of bits written so far. */
    public long bitPosition() {
        return (long) bytes * 8 + accBits;
    }

    /** The bytes written so far; a partial last byte is padded with zero bits. */
    public byte[] toByteArray() {
        byte[] out = Arrays.copyOf(buf, bytes + (accBits != 0 ? 1 : 0));
        if (accBits != 0) {
            out[bytes] = (byte) (acc << (8 - accBits));
        }
        return out;
    }

    private void ensure(int n) {
        if (buf.length - bytes < n) {
            long want = Math.max((long) buf.length * 2, (long) bytes + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("bit writer exceeds 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
