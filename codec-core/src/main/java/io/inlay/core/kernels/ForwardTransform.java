package io.inlay.core.kernels;

import io.inlay.core.transform.TransformType;

/**
 * Forward 2-D transform, the encoder-side counterpart of
 * {@link io.inlay.core.transform.InverseTransform} (the decoder never uses it). Same matrices
 * (H.265 §8.6.4.2, {@link io.inlay.core.transform.TransformMatrices}), transposed use: first each
 * row, {@code (sum + (1 << (shift1 - 1))) >> shift1} with {@code shift1 = log2Size + bitDepth - 9},
 * then each column with {@code shift2 = log2Size + 6} (the HEVC reference encoder's scaling, which
 * makes forward then inverse an identity up to rounding). Sums are 32-bit; output is not clipped.
 * For residuals within +-(2^bitDepth - 1) the coefficients stay within 16 bits.
 *
 * <p>Implementations are stateless and thread-safe: the intermediate goes to the caller's
 * {@code scratch}. Encoder-side family.
 */
public interface ForwardTransform {
    /** Minimum length of the {@code scratch} array of {@link #forward}. */
    int SCRATCH_INTS = 32 * 32 + 32;

    /**
     * Forward-transforms one block.
     *
     * @param residual n*n residual samples, row-major, at {@code residual[0..n*n)} (not modified)
     * @param coeff    receives the n*n coefficients, row-major (row = vertical frequency), at
     *                 {@code coeff[0..n*n)}; nothing else is written; must not be {@code residual}
     * @param scratch  at least {@link #SCRATCH_INTS} ints, overwritten (contents on entry ignored)
     * @param log2Size 2..5
     * @param type     DCT2, or DST7 for 4x4
     * @param bitDepth 8..12
     */
    void forward(int[] residual, int[] coeff, int[] scratch, int log2Size, TransformType type, int bitDepth);
}
