package io.inlay.core.kernels;

import io.inlay.core.transform.TransformType;

/**
 * Inverse 2-D transform of H.265 §8.6.4.2 (with the residual scaling of §8.6.2), shared by the
 * encoder's reconstruction and the decoder; {@link io.inlay.core.transform.InverseTransform} is
 * its per-thread front (it owns the scratch). Named {@code …Kernel} because that front keeps the
 * plain name.
 *
 * <p>Contract of {@link #inverse}: {@code coeff} holds n x n coefficients row-major (row =
 * vertical frequency), each in [-32768, 32767]; {@code residual} receives n x n residual samples
 * row-major. First stage: each column through the 1-D inverse transform, {@code (e + 64) >> 7},
 * clipped to [-32768, 32767]. Second stage: each row, {@code (r + (1 << (bdShift - 1))) >> bdShift}
 * with {@code bdShift = 20 - bitDepth}. Sums are 32-bit (they cannot overflow for such inputs).
 * The residual is not clipped (the caller adds it to the prediction and clips to the sample
 * range).
 *
 * <p>Implementations are stateless and thread-safe: the intermediate goes to the caller's
 * {@code scratch}. Decoder-side family (the encoder reconstructs with it too).
 */
public interface InverseTransformKernel {
    /** Minimum length of the {@code scratch} array of {@link #inverse}. */
    int SCRATCH_INTS = 32 * 32 + 64;

    /**
     * Inverse-transforms one block.
     *
     * @param coeff    n*n coefficients, row-major, at {@code coeff[0..n*n)} (not modified)
     * @param residual receives the n*n residuals, row-major, at {@code residual[0..n*n)}; nothing
     *                 else is written; must not be {@code coeff}
     * @param scratch  at least {@link #SCRATCH_INTS} ints, overwritten (contents on entry ignored)
     * @param log2Size 2..5 (n = 1 << log2Size)
     * @param type     DCT2, or DST7 for 4x4
     * @param bitDepth sample bit depth 8..12
     */
    void inverse(int[] coeff, int[] residual, int[] scratch, int log2Size, TransformType type, int bitDepth);
}
