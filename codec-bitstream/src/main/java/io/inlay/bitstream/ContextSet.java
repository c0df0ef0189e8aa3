package io.inlay.bitstream;

/**
 * The adaptive probability state of a set of binary context models.
 *
 * <p>Each context keeps two probability estimates of "bin == 1" that adapt at different speeds,
 * a 10-bit one ({@code pStateIdx0}) and a 14-bit one ({@code pStateIdx1}); their combination
 * {@code pState = 16 * pStateIdx0 + pStateIdx1} is a 15-bit probability. This is the estimator of
 * H.266 §9.3.4.3.2 (initialisation §9.3.2.2), written from the specification's equations.
 *
 * <p>The same state prices bins for rate-distortion decisions ({@link #cost(int, int)}), so
 * estimated and actual rates come from one model. Costs are in units of 1/32768 bit
 * ({@link #COST_SHIFT} fractional bits).
 */
public final class ContextSet {
    /** Number of fractional bits of a cost: a cost of {@code 1 << COST_SHIFT} is one bit. */
    public static final int COST_SHIFT = 15;

    /** Cost of one bypass bin. */
    public static final int BYPASS_COST = 1 << COST_SHIFT;

    /*
     * The coding engine sees a probability only through q = (LPS probability) >> 9, 0..31
     * (H.266 eq. 1563). COST_LPS[q] / COST_MPS[q] are -log2 of the interval fraction the engine
     * gives the LPS / MPS, ivlLpsRange / ivlCurrRange and 1 - that, averaged over ivlCurrRange
     * 256..510 weighted 1/ivlCurrRange (the range's typical distribution), in 1/32768 bit.
     */
    private static final int[] COST_LPS = new int[32];
    private static final int[] COST_MPS = new int[32];

    static {
        for (int q = 0; q < 32; q++) {
            double wsum = 0;
            double lpsBits = 0;
            double mpsBits = 0;
            for (int r = 256; r <= 510; r++) {
                int lps = (((r >> 5) * q) >> 1) + 4;
                double w = 1.0 / r;
                wsum += w;
                lpsBits += w * -Math.log((double) lps / r);
                mpsBits += w * -Math.log((double) (r - lps) / r);
            }
            double scale = (1 << COST_SHIFT) / Math.log(2.0) / wsum;
            COST_LPS[q] = (int) Math.round(lpsBits * scale);
            COST_MPS[q] = (int) Math.round(mpsBits * scale);
        }
    }

    private final int size;
    /**
     * One int per context (read and written once per bin): bits 0-13 pStateIdx1, 14-23
     * pStateIdx0, 24-26 the adaptation shift of pStateIdx0 (2..5), 27-30 that of pStateIdx1
     * (5..11). Package-private so that the arithmetic decoder can inline the estimator.
     */
    final int[] packed;

    static final int P1_MASK = 0x3FFF;
    static final int P0_SHIFT = 14;
    static final int P0_MASK = 0x3FF;
    static final int SHIFT0_AT = 24;
    static final int SHIFT1_AT = 27;
    static final int RATES_MASK = 0x7F << SHIFT0_AT;

    /** A set of {@code size} contexts, all at probability 1/2 with the default rates. */
    public ContextSet(int size) {
        this.size = size;
        this.packed = new int[size];
        java.util.Arrays.fill(packed, pack(512, 8192, 4, 7));
    }

    private static int pack(int p0, int p1, int shift0, int shift1) {
        return p1 | p0 << P0_SHIFT | shift0 << SHIFT0_AT | shift1 << SHIFT1_AT;
    }

    /** A set sized for {@code table} and initialised from it at {@code qp}. */
    public ContextSet(ContextTable table, int qp) {
        this(table.size());
        init(table, qp);
    }

    /**
     * Initialises every context from {@code table} at slice QP {@code qp} (H.266 eq. 1528-1530):
     * {@code m = slopeIdx - 4}, {@code n = offsetIdx * 18 + 1},
     * {@code preCtxState = Clip3(1, 127, ((m * (Clip3(0, 63, qp) - 16)) >> 1) + n)}.
     */
    public void init(ContextTable table, int qp) {
        if (table.size() != size) {
            throw new IllegalArgumentException("table has " + table.size() + " contexts, set has " + size);
        }
        int q = Math.max(0, Math.min(63, qp));
        for (int i = 0; i < size; i++) {
            int iv = table.initValue(i);
            int m = (iv >> 3) - 4;
            int n = (iv & 7) * 18 + 1;
            int pre = Math.max(1, Math.min(127, ((m * (q - 16)) >> 1) + n));
            int s = table.shiftIdx(i);
            int shift0 = (s >> 2) + 2;
            int shift1 = (s & 3) + 3 + shift0;
            packed[i] = pack(pre << 3, pre << 7, shift0, shift1);
        }
    }

    /** Number of contexts. */
    public int size() {
        return size;
    }

    /** The 15-bit probability that the next bin coded with {@code ctx} is 1. */
    public int state(int ctx) {
        return state15(packed[ctx]);
    }

    /** {@code 16 * pStateIdx0 + pStateIdx1} of a packed context. */
    static int state15(int v) {
        return ((v >> P0_SHIFT & P0_MASK) << 4) + (v & P1_MASK);
    }

    /** Adapts {@code ctx} after coding {@code bin} (H.266 eq. 1565-1566). */
    public void update(int ctx, int bin) {
        packed[ctx] = adapted(packed[ctx], bin);
    }

    /**
     * The packed context {@code v} after coding {@code bin}: {@code p0 - (p0 >> shift0) +
     * ((1023 * bin) >> shift0)} and {@code p1 - (p1 >> shift1) + ((16383 * bin) >> shift1)}
     * (both stay within their 10 and 14 bits).
     */
    static int adapted(int v, int bin) {
        int s0 = v >> SHIFT0_AT & 7;
        int s1 = v >> SHIFT1_AT & 15;
        int a = v >> P0_SHIFT & P0_MASK;
        int b = v & P1_MASK;
        a = a - (a >> s0) + ((1023 * bin) >> s0);
        b = b - (b >> s1) + ((16383 * bin) >> s1);
        return (v & RATES_MASK) | a << P0_SHIFT | b;
    }

    /**
     * Estimated cost, in 1/32768 bit, of coding {@code bin} with {@code ctx} now (no adaptation):
     * the engine's own quantised probability, so totals track the encoder's output to within
     * about 0.1% (see {@code BitCounterTest}).
     */
    public int cost(int ctx, int bin) {
        int pState = state(ctx);
        int valMps = pState >> 14;
        int q = (valMps != 0 ? 32767 - pState : pState) >> 9;
        return bin == valMps ? COST_MPS[q] : COST_LPS[q];
    }

    /** Copies the whole state of {@code other}, which must have the same size. */
    public void copyFrom(ContextSet other) {
        if (other.size != size) {
            throw new IllegalArgumentException("context set sizes differ");
        }
        System.arraycopy(other.packed, 0, packed, 0, size);
    }

    /** An independent copy of this state. */
    public ContextSet copy() {
        ContextSet c = new ContextSet(size);
        c.copyFrom(this);
        return c;
    }
}
