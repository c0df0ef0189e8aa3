package io.inlay.bitstream;

import java.util.Objects;

/**
 * The arithmetic decoding engine of H.266 §9.3.4.3 (DecodeDecision §9.3.4.3.2, RenormD
 * §9.3.4.3.3, DecodeBypass §9.3.4.3.4, DecodeTerminate §9.3.4.3.5), specified in
 * {@code docs/bitstream/arithmetic-coding.md}.
 *
 * <p>The 9-bit {@code ivlOffset} is kept in the high bits of {@code value}, followed by
 * {@code bits} (0..7) bits already read from the buffer; comparisons scale the range instead of
 * the offset, so bytes are fetched whole.
 *
 * <p>Bounded on any input: the data is extended with zero bytes, but consuming more than
 * {@link #MAX_OVERREAD} bytes beyond the end raises {@link BitstreamException} (a correct stream
 * reads at most one byte beyond its end, see the class comment of {@link ArithmeticEncoder}).
 */
public final class ArithmeticDecoder implements SymbolReader {
    /** Zero bytes the decoder may consume past the end of its data before failing. */
    public static final int MAX_OVERREAD = 2;

    private final byte[] data;
    private final int off;
    private final int end;
    private final long baseOffset;
    private final ContextSet contexts;

    private int pos;        // next byte to fetch (may exceed end by up to MAX_OVERREAD)
    private int range;      // ivlCurrRange
    private long value;     // ivlOffset << bits | pre-read bits
    private int bits;       // pre-read bits below ivlOffset, 0..7
    private boolean terminated;

    /**
     * Initialises the engine (H.266 §9.3.2.5) on {@code data[off .. off + len)}: ivlCurrRange =
     * 510, ivlOffset = read_bits(9). {@code baseOffset} is the absolute offset of {@code data[off]}.
     *
     * @throws BitstreamException if {@code len < 2} (no room for the 9 initial bits) or
     *     ivlOffset is 510 or 511
     */
    public ArithmeticDecoder(byte[] data, int off, int len, long baseOffset, ContextSet contexts)
            throws BitstreamException {
        Objects.checkFromIndexSize(off, len, data.length);
        this.data = data;
        this.off = off;
        this.end = off + len;
        this.baseOffset = baseOffset;
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        if (len < 2) {
            throw new BitstreamException(baseOffset, "arithmetic-coded data is shorter than 2 bytes");
        }
        this.pos = off + 2;
        this.value = ((data[off] & 0xFF) << 8) | (data[off + 1] & 0xFF);
        this.bits = 7;
        this.range = 510;
        if ((value >> 7) >= 510) {
            throw new BitstreamException(baseOffset, "initial ivlOffset shall not be 510 or 511");
        }
    }

    @Override
    public ContextSet contexts() {
        return contexts;
    }

    /** Absolute offset of the next byte the engine has not yet fetched. */
    @Override
    public long byteOffset() {
        return baseOffset + (pos - off);
    }

    /** DecodeDecision (H.266 §9.3.4.3.2), RenormD (§9.3.4.3.3), then the context update. */
    @Override
    public int decodeBin(int ctx) throws BitstreamException {
        checkOpen();
        int[] states = contexts.packed;
        int packed = states[ctx];
        int pState = ContextSet.state15(packed);
        int valMps = pState >> 14;
        int lps = (((range >> 5) * ((valMps != 0 ? 32767 - pState : pState) >> 9)) >> 1) + 4;
        range -= lps;
        long scaled = (long) range << bits;
        int bin;
        if (value < scaled) {
            bin = valMps;
        } else {
            bin = 1 - valMps;
            value -= scaled;
            range = lps;
        }
        states[ctx] = ContextSet.adapted(packed, bin);
        if (range < 256) {
            int n = Integer.numberOfLeadingZeros(range) - 23;
            range <<= n;
            bits -= n;
            if (bits < 0) {
                fetch();
            }
        }
        return bin;
    }

    /** DecodeBypass (H.266 §9.3.4.3.4) for {@code numBits} (0..32) bins, first bin most significant. */
    @Override
    public int decodeBypass(int numBits) throws BitstreamException {
        if (numBits < 0 || numBits > 32) {
            throw new IllegalArgumentException("numBits must be 0..32: " + numBits);
        }
        checkOpen();
        int v = 0;
        for (int i = 0; i < numBits; i++) {
            if (--bits < 0) {
                fetch();
            }
            long scaled = (long) range << bits;
            v <<= 1;
            if (value >= scaled) {
                value -= scaled;
                v |= 1;
            }
        }
        return v;
    }

    /**
     * DecodeTerminate (H.266 §9.3.4.3.5). After a 1 the engine reads nothing more; see
     * {@link #finish()} for the end-of-data checks.
     */
    @Override
    public int decodeTerminate() throws BitstreamException {
        checkOpen();
        range -= 2;
        if (value >= ((long) range << bits)) {
            terminated = true;
            return 1;
        }
        if (range < 256) {
            range <<= 1;
            if (--bits < 0) {
                fetch();
            }
        }
        return 0;
    }

    /**
     * Checks the end of the arithmetic-coded data after {@code decodeTerminate()} returned 1: the
     * last bit read into ivlOffset is the stop bit and shall be 1, the bits after it in its byte
     * shall be 0, and that byte shall be the last byte of the data (no trailing bytes, none of the
     * zero extension used).
     */
    public void finish() throws BitstreamException {
        if (!terminated) {
            throw new IllegalStateException("finish() requires decodeTerminate() to have returned 1");
        }
        if (pos > end) {
            throw new BitstreamException(baseOffset + (end - off),
                    "arithmetic-coded data runs past the end of the frame payload");
        }
        // ivlOffset's last bit is bit `bits` of the last fetched byte; the bits below it are raw
        // stream bits (range subtractions only touch bits at or above position `bits`).
        long last = byteOffset() - 1;
        int lastByte = data[pos - 1] & 0xFF;
        if (((lastByte >> bits) & 1) == 0) {
            throw new BitstreamException(last, "the stop bit ending the arithmetic-coded data is not 1");
        }
        if ((lastByte & ((1 << bits) - 1)) != 0) {
            throw new BitstreamException(last, "alignment bits after the arithmetic-coded data are not zero");
        }
        if (pos < end) {
            throw new BitstreamException(byteOffset(), (end - pos) + " bytes follow the end of the arithmetic-coded data");
        }
    }

    private void checkOpen() {
        if (terminated) {
            throw new IllegalStateException("the arithmetic-coded data has ended");
        }
    }

    // Appends one byte (zero beyond the end) below the pre-read bits.
    private void fetch() throws BitstreamException {
        int b;
        if (pos < end) {
            b = data[pos] & 0xFF;
        } else if (pos - end < MAX_OVERREAD) {
            b = 0;
        } else {
            throw new BitstreamException(baseOffset + (end - off),
                    "arithmetic-coded data runs past the end of the frame payload");
        }
        pos++;
        value = (value << 8) | b;
        bits += 8;
    }
}
