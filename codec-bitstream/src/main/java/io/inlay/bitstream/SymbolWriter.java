package io.inlay.bitstream;

/**
 * Sink for arithmetic-coded symbols. Two implementations share this interface: the
 * {@link ArithmeticEncoder}, which produces bytes, and the {@link BitCounter}, which only
 * accumulates the cost of the symbols from the same probability state, so rate-distortion
 * decisions are priced by the code that writes the bits.
 */
public interface SymbolWriter {
    /** Codes {@code bin} (0 or 1) with context {@code ctx}, then adapts that context. */
    void encodeBin(int ctx, int bin);

    /** Codes the low {@code numBits} bits (0..32) of {@code value}, most significant first, at probability 1/2. */
    void encodeBypass(int value, int numBits);

    /** Codes a terminating bin (1 ends the arithmetic-coded payload). */
    void encodeTerminate(int bin);

    /** The context models this writer codes with and adapts. */
    ContextSet contexts();
}
