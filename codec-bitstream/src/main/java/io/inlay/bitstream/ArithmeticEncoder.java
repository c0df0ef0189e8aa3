package io.inlay.bitstream;

import java.util.Arrays;

/**
 * Binary arithmetic encoder: the exact inverse of the decoding engine of H.266 §9.3.4.3
 * ({@link ArithmeticDecoder}), specified in {@code docs/bitstream/arithmetic-coding.md}.
 *
 * <p>It follows the encoding process of H.265 §9.3.5 (EncodeDecision, EncodeBypass,
 * EncodeTerminate, EncodeFlush) with the VVC probability estimator, but keeps the low end of
 * the interval in a wide register and emits whole bytes: instead of the bit-serial
 * "outstanding bits" it keeps one buffered byte plus a count of 0xFF bytes that a later carry
 * may still turn into 0x00 (incrementing the buffered byte).
 *
 * <p>Register layout: {@code low} holds the spec's 10-bit {@code ivlLow} in its bits 0..9 and,
 * above them, the {@code 8 - bitsLeft} (9 - bitsLeft before the first byte) bits already shifted
 * out of it but not yet emitted, plus at most one carry above those. The very first bit shifted
 * out is the "first bit" that H.265's PutBit suppresses; it is always zero (the initial interval
 * lies below 512) and becomes the carry position of the first byte.
 *
 * <p>Usage: code the bins, then {@link #encodeTerminate(int) encodeTerminate(1)}, then
 * {@link #finish()}, which returns the bytes. The last byte ends with the stop bit (the final
 * {@code 1} written by the flush) followed by zero bits.
 */
public final class ArithmeticEncoder implements SymbolWriter {
    private final ContextSet contexts;

    private long low;           // see class comment
    private int range = 510;    // ivlCurrRange, 9 bits, 256..510 between bins
    private int bitsLeft = 9;   // shifts until the next byte is complete
    private int buffered = -1;  // last completed byte not yet known to be carry-free, or -1
    private int pendingFF;      // 0xFF bytes after `buffered`, still subject to a carry
    private long shifts;        // total renormalisation shifts (for bitsWritten)
    private boolean terminated;
    private boolean finished;

    private byte[] out = new byte[256];
    private int outLen;

    /** An encoder coding with, and adapting, {@code contexts}. */
    public ArithmeticEncoder(ContextSet contexts) {
        this.contexts = contexts;
    }

    @Override
    public ContextSet contexts() {
        return contexts;
    }

    /**
     * EncodeDecision (H.265 §9.3.5.2 with the H.266 §9.3.4.3.2 range derivation), then the
     * context update of H.266 §9.3.4.3.2.2.
     */
    @Override
    public void encodeBin(int ctx, int bin) {
        assert bin == 0 || bin == 1 : bin;
        checkOpen();
        int pState = contexts.state(ctx);
        int valMps = pState >> 14;
        int lps = (((range >> 5) * ((valMps != 0 ? 32767 - pState : pState) >> 9)) >> 1) + 4;
        range -= lps;
        if (bin != valMps) {
            low += range;
            range = lps;
        }
        contexts.update(ctx, bin);
        if (range < 256) {
            renorm(Integer.numberOfLeadingZeros(range) - 23);
        }
    }

    /** EncodeBypass (H.265 §9.3.5.4) for each of the {@code numBits} (0..32) bits, MSB first. */
    @Override
    public void encodeBypass(int value, int numBits) {
        if (numBits < 0 || numBits > 32) {
            throw new IllegalArgumentException("numBits must be 0..32: " + numBits);
        }
        checkOpen();
        // n bits at once: low = (low << n) + range * value; done in chunks of at most 8 bits so
        // the register stays within 10 + 7 + 1 + 8 + 9 bits.
        while (numBits > 0) {
            int n = Math.min(8, numBits);
            numBits -= n;
            int chunk = (int) ((value & 0xFFFF_FFFFL) >>> numBits) & ((1 << n) - 1);
            low = (low << n) + (long) range * chunk;
            shifts += n;
            bitsLeft -= n;
            if (bitsLeft <= 0) {
                emitBytes();
            }
        }
    }

    /**
     * EncodeTerminate (H.265 §9.3.5.5): the interval's top 2 is reserved for "1". A 1 ends the
     * arithmetic-coded data; only {@link #finish()} may follow.
     */
    @Override
    public void encodeTerminate(int bin) {
        assert bin == 0 || bin == 1 : bin;
        checkOpen();
        range -= 2;
        if (bin != 0) {
            low += range;
            flush();
            terminated = true;
        } else if (range < 256) {
            renorm(1);
        }
    }

    /**
     * Returns the coded bytes. Must be called exactly once, after {@code encodeTerminate(1)}.
     */
    public byte[] finish() {
        if (!terminated) {
            throw new IllegalStateException("finish() requires encodeTerminate(1) first");
        }
        if (finished) {
            throw new IllegalStateException("finish() already called");
        }
        finished = true;
        return Arrays.copyOf(out, outLen);
    }

    /**
     * Number of bits the data would occupy if terminated now, before byte alignment: every
     * renormalisation shift emits one bit and termination adds 9 (H.265 §9.3.5.6: 7 shifts of the
     * flush plus 3 bits written, minus the suppressed first bit). Exact once terminated.
     */
    public long bitsWritten() {
        return terminated ? shifts - 1 : shifts + 9;
    }

    // RenormE (H.265 §9.3.5.3), n shifts at once.
    private void renorm(int n) {
        range <<= n;
        low <<= n;
        shifts += n;
        bitsLeft -= n;
        if (bitsLeft <= 0) {
            emitBytes();
        }
    }

    // Moves every complete byte above the 10-bit window out of `low`.
    private void emitBytes() {
        while (bitsLeft <= 0) {
            int keep = 10 - bitsLeft;   // window plus the bits of the next, incomplete byte
            int v = (int) (low >>> keep);  // one byte plus a possible carry in bit 8
            low &= (1L << keep) - 1;
            bitsLeft += 8;
            if (v == 0xFF) {
                pendingFF++;    // a later carry could still overflow it
                continue;
            }
            int carry = v >>> 8;
            if (buffered >= 0) {
                put(buffered + carry);
            } else {
                assert carry == 0 : "carry into the suppressed first bit";
            }
            for (; pendingFF > 0; pendingFF--) {
                put(0xFF + carry);
            }
            buffered = v & 0xFF;
        }
    }

    /*
     * EncodeFlush (H.265 §9.3.5.6): ivlCurrRange = 2, RenormE (7 shifts), then PutBit of bit 9
     * and the two bits 8..7 of ivlLow with bit 7 forced to 1 (the stop bit). Equivalently: shift
     * 10 with bit 7 set before the last 3 shifts; the window bits left below are discarded and
     * the last byte is completed with zero bits (byte alignment).
     */
    private void flush() {
        low = (((low << 7) | 0x80) << 3) & ~0x3FFL;
        shifts += 10;
        bitsLeft -= 10;
        if (bitsLeft <= 0) {
            emitBytes();
        }
        if (bitsLeft < 8) {     // an incomplete byte: pad with zero bits
            low <<= bitsLeft;
            bitsLeft = 0;
            emitBytes();
        }
        // No more carries are possible: release the buffered byte and the pending 0xFFs.
        if (buffered >= 0) {
            put(buffered);
        }
        for (; pendingFF > 0; pendingFF--) {
            put(0xFF);
        }
        buffered = -1;
    }

    private void put(int b) {
        if (outLen == out.length) {
            if (out.length > Integer.MAX_VALUE / 2 - 8) {
                throw new IllegalStateException("arithmetic-coded data exceeds 1 GiB");
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[outLen++] = (byte) b;
    }

    private void checkOpen() {
        if (terminated) {
            throw new IllegalStateException("encoder already terminated");
        }
    }
}
