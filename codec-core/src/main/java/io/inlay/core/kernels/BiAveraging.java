package io.inlay.core.kernels;

/**
 * The output stage of inter prediction, the default weighted sample prediction of H.265
 * §8.5.3.3.4.2: 14-bit intermediates (as {@link SubpelInterpolation} stores them, predSamples
 * minus {@value SubpelInterpolation#PRED_OFFSET}) rounded, shifted and clipped to the sample
 * range, one list's ({@link #single}), the average of two ({@link #average}) or, for a weighted
 * bi-predicted CU (docs/bitstream/decoding-process.md §13.2, format 0.9), their weighted sum
 * ({@link #weighted}). Each call writes
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

    /**
     * Weighted bi-prediction (docs/bitstream/decoding-process.md §13.2, {@code BcwIdx} > 0; H.266's
     * §8.5.6.6.2 with CU-level weights): {@code dst = Clip1((w0 (a + 8192) + w1 (b + 8192) + offset3) >>
     * shift3)}, {@code w1} the list-1 weight in 1/8 (the format's are 3 and 5, {@code inter.BiWeights};
     * any in -2..10, H.266's whole set, is supported), {@code w0 = 8 - w1}, shift3 = 17 - bitDepth,
     * offset3 = 1 << (shift3 - 1). The sums are 32-bit: |w0| + |w1| <= 12, so any {@code short} input
     * works. {@code w1 = 4} gives exactly {@link #average}.
     */
    void weighted(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height,
            int bitDepth, int w1, short[] dst, int dstOff, int dstStride);
}
