package io.inlay.core.inter;

import io.inlay.core.kernels.SubpelInterpolation;

/**
 * Weighted bi-prediction (docs/bitstream/decoding-process.md §13.2, since format 0.9; docs/learned-inter.md,
 * "Weighted bi-prediction"): a bi-predicted CU with {@code BcwIdx} > 0 is predicted, in every component, as
 * {@code ((8 - w) predSamplesL0 + w predSamplesL1) / 8} with {@code w = BCW_W1[BcwIdx]}, in the manner of
 * H.266's bi-prediction with CU-level weights (§8.5.6.6.2; the set of its random-access configuration,
 * which the weight fit on Inlay's training clips reproduces). {@code BcwIdx} 0 is the average of §10 (with
 * the refinement of §13.1 where that applies); the refinement is not applied to weighted CUs.
 *
 * <p>Scalar only (no Vector API twin yet): weighted CUs are a few per cent of the bi-predicted samples.
 */
public final class BiWeights {
    private BiWeights() {
    }

    /** {@code w} (the list-1 weight in 1/8) by {@code BcwIdx}: 4 (the average), 3, 5. */
    private static final int[] BCW_W1 = {4, 3, 5};

    /** {@code w}, the list-1 weight in 1/8, of {@code BcwIdx} {@code idx} (0..{@link #MAX_IDX}). */
    public static int weight(int idx) {
        return BCW_W1[idx];
    }

    /** Largest {@code BcwIdx}: the cMax of {@code bcw_idx}. */
    public static final int MAX_IDX = BCW_W1.length - 1;

    /**
     * Writes {@code Clip1((w0 predSamplesL0 + w1 predSamplesL1 + (1 << (shift3 - 1))) >> shift3)},
     * {@code w1 = BCW_W1[bcwIdx]}, {@code w0 = 8 - w1}, {@code shift3 = 17 - bitDepth} (the 14-bit
     * intermediates times weights summing to 8), for the
     * width x height block whose stored intermediates ({@code predSamples - 8192}) are at {@code a}/
     * {@code aOff} and {@code b}/{@code bOff} (strides {@code aStride}, {@code bStride}), to {@code dst} at
     * {@code dstOff} with stride {@code dstStride}; writes nothing else. 32-bit sums: |predSamples| < 2^16,
     * weights <= 5.
     */
    public static void weighted(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width,
                                int height, int bitDepth, int bcwIdx, short[] dst, int dstOff, int dstStride) {
        if (bcwIdx < 1 || bcwIdx > MAX_IDX) {
            throw new IllegalArgumentException("BcwIdx " + bcwIdx);
        }
        int w1 = BCW_W1[bcwIdx];
        int w0 = 8 - w1;
        int shift = 17 - bitDepth;
        // w0 (a + 8192) + w1 (b + 8192) = w0 a + w1 b + 8 * 8192
        int offset = 8 * SubpelInterpolation.PRED_OFFSET + (1 << (shift - 1));
        int max = (1 << bitDepth) - 1;
        for (int j = 0; j < height; j++) {
            int ao = aOff + j * aStride;
            int bo = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < width; i++) {
                int v = (w0 * a[ao + i] + w1 * b[bo + i] + offset) >> shift;
                dst[d + i] = (short) Math.clamp(v, 0, max);
            }
        }
    }
}
