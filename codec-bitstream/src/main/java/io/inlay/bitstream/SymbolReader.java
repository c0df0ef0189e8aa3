package io.inlay.bitstream;

/** Source of arithmetic-coded symbols: the mirror of {@link SymbolWriter}. */
public interface SymbolReader {
    /** Decodes one bin with context {@code ctx}, then adapts that context. */
    int decodeBin(int ctx) throws BitstreamException;

    /** Decodes {@code numBits} (0..32) bypass bins, most significant first. */
    int decodeBypass(int numBits) throws BitstreamException;

    /** Decodes a terminating bin. */
    int decodeTerminate() throws BitstreamException;

    /** The context models this reader decodes with and adapts. */
    ContextSet contexts();

    /** Byte offset (absolute, for error messages) of the data being read. */
    long byteOffset();
}
