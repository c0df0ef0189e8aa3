package io.inlay.core.kernels;

/**
 * The output stage of inter prediction, the default weighted sample prediction of H.265
 * §8.5.3.3.4.2: 14-bit intermediates (as {@link SubpelInterpolation} stores them, predSamples
 * minus {@value SubpelInterpolation#PRED_OFFSET}) rounded, shifted and clipped to the sample
 * range, one list's ({@link #single}) or the average of two ({@link #average}). Each call writes
 * the width x height block at {@code dst[dstOff + j * dstStride + i]}, i < width, j < height,
 * and nothing else; width and height are 1..{@value SubpelInterpolation#MAX_BLOCK}, bit depth
 * 8..12. Inputs are stored intermediates in [-25100, 25100] (any {@code short} works: the sums
 * are 32-bit). The output block may coincide with an input block (same offset and stride) but
 * must not partly overlap it. Implementations are stateless and thread-safe. Shared by encoder
 * and decoder.
 */
public interface BiAveraging {
    /**
     * Uni-prediction (predFlagL0 xor predFlagL1): {@code dst = Clip1((src + 8192 + offset1) >>
     * shift1)}, shift1 = 14 - bitDepth, offset1 = 1 << (shift1 - 1).
     */
    void single(short[] src, int srcOff, int srcStride, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride);

    /**
     * Bi-prediction (predFlagL0 = predFlagL1 = 1): {@code dst = Clip1((a + b + 2 * 8192 +
     * offset2) >> shift2)}, shift2 = 15 - bitDepth, offset2 = 1 << (shift2 - 1).
     */
    void average(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height,
            int bitDepth, short[] dst, int dstOff, int dstStride);
}
