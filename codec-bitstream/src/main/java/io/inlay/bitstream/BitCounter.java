package io.inlay.bitstream;

/**
 * A {@link SymbolWriter} that produces no bytes and only adds up what the symbols would cost the
 * {@link ArithmeticEncoder}, in 1/32768 bit ({@link ContextSet#COST_SHIFT} fractional bits). It
 * adapts the contexts exactly as the encoder does, so a trial coded through a
 * {@link ContextSet#copy() copy} of the encoder's contexts prices each bin at the probability the
 * encoder would use.
 *
 * <p>Terminating bins use fixed estimates: the bin "1" is coded in the top 2 of a 9-bit range,
 * about 7.5 bits, plus the bits the flush pushes out of the register, together
 * {@link #TERMINATE_ONE_COST} (9 bits); the bin "0" costs -log2(1 - 2/range) at a typical range
 * of 362, {@link #TERMINATE_ZERO_COST} (about 0.008 bit).
 */
public final class BitCounter implements SymbolWriter {
    /** Cost of {@code encodeTerminate(0)}: -log2(1 - 2/362) in 1/32768 bit. */
    public static final int TERMINATE_ZERO_COST = 261;

    /** Cost of {@code encodeTerminate(1)} including the flush: 9 bits. */
    public static final int TERMINATE_ONE_COST = 9 << ContextSet.COST_SHIFT;

    private final ContextSet contexts;
    private long cost;

    /** A counter pricing with, and adapting, {@code contexts}. */
    public BitCounter(ContextSet contexts) {
        this.contexts = contexts;
    }

    @Override
    public ContextSet contexts() {
        return contexts;
    }

    @Override
    public void encodeBin(int ctx, int bin) {
        cost += contexts.cost(ctx, bin);
        contexts.update(ctx, bin);
    }

    @Override
    public void encodeBypass(int value, int numBits) {
        if (numBits < 0 || numBits > 32) {
            throw new IllegalArgumentException("numBits must be 0..32: " + numBits);
        }
        cost += (long) numBits << ContextSet.COST_SHIFT;
    }

    @Override
    public void encodeTerminate(int bin) {
        cost += bin != 0 ? TERMINATE_ONE_COST : TERMINATE_ZERO_COST;
    }

    /** Accumulated cost in 1/32768 bit. */
    public long cost() {
        return cost;
    }

    /** Sets the accumulated cost to zero. */
    public void reset() {
        cost = 0;
    }

    /** Sets the accumulated cost (e.g. to restore a saved point of a trial). */
    public void setCost(long cost) {
        this.cost = cost;
    }
}
