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
    default void inverse(int[] coeff, int[] residual, int[] scratch, int log2Size, TransformType type, int bitDepth) {
        inverse(coeff, residual, scratch, log2Size, type, bitDepth, nonzeroBox(coeff, 1 << log2Size));
    }

    /**
     * As {@link #inverse(int[], int[], int[], int, TransformType, int)} with the bounding box of the
     * nonzero coefficients given: packed as {@code (maxRow << 8) | maxColumn}, every nonzero
     * coefficient lying in rows 0..maxRow and columns 0..maxColumn, or -1 when all are zero. A
     * box larger than the tight one ({@link #nonzeroBox}) gives the same result, only slower
     * (the decoder passes the box of the nonzero levels, which dequantisation may shrink).
     */
    void inverse(int[] coeff, int[] residual, int[] scratch, int log2Size, TransformType type, int bitDepth, int box);

    /**
     * The bounding box of the nonzero coefficients of an n x n block, packed as
     * {@code (lastRow << 8) | lastColumn}, or -1 when every coefficient is zero. Coefficients
     * outside it are zero, so both levels transform only the box.
     */
    static int nonzeroBox(int[] coeff, int n) {
        int maxRow = -1;
        int maxCol = -1;
        for (int k = 0; k < n; k++) {
            int row = k * n;
            for (int x = n - 1; x >= 0; x--) {
                if (coeff[row + x] != 0) {
                    maxRow = k;
                    maxCol = Math.max(maxCol, x);
                    break;
                }
            }
        }
        return maxRow < 0 ? -1 : maxRow << 8 | maxCol;
    }

    /**
     * The closed forms of {@link #inverse}, equal to the full computation: an all-zero block
     * ({@code box == -1}) gives a zero residual, a DCT-II block whose only nonzero coefficient is DC
     * a flat one (every basis entry of row 0 is 64, so both stages reduce to one product). Returns
     * whether the block was one of them and {@code residual} is written.
     */
    static boolean closedForm(int[] coeff, int[] residual, int n, int box, TransformType type, int bitDepth) {
        if (box == -1) {
            java.util.Arrays.fill(residual, 0, n * n, 0);
            return true;
        }
        if (box == 0 && type == TransformType.DCT2) {
            java.util.Arrays.fill(residual, 0, n * n, dcResidual(coeff[0], bitDepth));
            return true;
        }
        return false;
    }

    /**
     * The residual, equal in every sample, of a DCT-II block whose only nonzero coefficient is the
     * DC coefficient {@code dc}: both stages multiply by the basis entry 64, the first with its
     * {@code (e + 64) >> 7} and 16-bit clip, the second with its {@code 20 - bitDepth} shift.
     */
    static int dcResidual(int dc, int bitDepth) {
        int bdShift = 20 - bitDepth;
        int g = Math.clamp((64 * dc + 64) >> 7, -32768, 32767);
        return (64 * g + (1 << (bdShift - 1))) >> bdShift;
    }
}
