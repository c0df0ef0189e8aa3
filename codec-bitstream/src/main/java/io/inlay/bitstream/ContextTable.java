package io.inlay.bitstream;

/**
 * Initialisation parameters of a set of context models: for each context an {@code initValue}
 * (0..63) and a {@code shiftIdx} (0..15) in the form of H.266 §9.3.2.2, see
 * {@code docs/bitstream/arithmetic-coding.md}. The values themselves are Inlay's own.
 */
public final class ContextTable {
    private final int[] initValue;
    private final int[] shiftIdx;

    public ContextTable(int[] initValue, int[] shiftIdx) {
        if (initValue.length != shiftIdx.length) {
            throw new IllegalArgumentException("initValue and shiftIdx differ in length");
        }
        for (int i = 0; i < initValue.length; i++) {
            if (initValue[i] < 0 || initValue[i] > 63 || shiftIdx[i] < 0 || shiftIdx[i] > 15) {
                throw new IllegalArgumentException("context " + i + ": initValue must be 0..63 and shiftIdx 0..15");
            }
        }
        this.initValue = initValue.clone();
        this.shiftIdx = shiftIdx.clone();
    }

    /** Number of contexts. */
    public int size() {
        return initValue.length;
    }

    public int initValue(int ctx) {
        return initValue[ctx];
    }

    public int shiftIdx(int ctx) {
        return shiftIdx[ctx];
    }
}
