package io.inlay.core.kernels;

import io.inlay.core.transform.TransformMatrices;
import io.inlay.core.transform.TransformType;
import java.util.Arrays;

/**
 * Reference {@link InverseTransformKernel}: plain loops, the definition the SIMD versions must
 * match. Zero coefficients outside the bounding box of the nonzero ones are skipped, which is
 * exact; an all-zero block and a DC-only DCT block take closed-form paths that equal the full
 * computation.
 */
final class ScalarInverseTransform implements InverseTransformKernel {
    static final ScalarInverseTransform INSTANCE = new ScalarInverseTransform();

    private static final int COEFF_MIN = -32768;
    private static final int COEFF_MAX = 32767;
    /** Offsets in scratch: the first stage (32 * 32), then the even and odd sums of a line. */
    private static final int EVEN = 32 * 32;
    private static final int ODD = EVEN + 32;

    private ScalarInverseTransform() {
    }

    @Override
    public void inverse(int[] coeff, int[] residual, int[] scratch, int log2Size, TransformType type, int bitDepth,
                        int box) {
        assert log2Size >= 2 && log2Size <= 5 : "log2Size " + log2Size;
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        assert coeff != residual : "residual must not alias coeff";
        int n = 1 << log2Size;
        if (InverseTransformKernel.closedForm(coeff, residual, n, box, type, bitDepth)) {
            return;
        }
        int maxRow = box >> 8;
        int maxCol = box & 0xFF;
        int bdShift = 20 - bitDepth;
        int bdRound = 1 << (bdShift - 1);

        int[] m = TransformMatrices.matrix(log2Size, type);
        int[] t = scratch;
        int cols = maxCol + 1;
        if (type == TransformType.DCT2) {
            inverseDct(coeff, residual, scratch, m, n, maxRow, cols, bdShift, bdRound);
            return;
        }

        // First stage (vertical): t[y][x] = clip16((sum_k m[k][y] * coeff[k][x] + 64) >> 7),
        // nonzero only for x <= maxCol.
        for (int y = 0; y < n; y++) {
            int trow = y * n;
            Arrays.fill(t, trow, trow + cols, 0);
            for (int k = 0; k <= maxRow; k++) {
                int mk = m[k * n + y];
                int crow = k * n;
                for (int x = 0; x < cols; x++) {
                    t[trow + x] += mk * coeff[crow + x];
                }
            }
            for (int x = 0; x < cols; x++) {
                t[trow + x] = clip16((t[trow + x] + 64) >> 7);
            }
        }

        // Second stage (horizontal): r[y][x] = (sum_k m[k][x] * t[y][k] + round) >> bdShift.
        for (int y = 0; y < n; y++) {
            int rrow = y * n;
            Arrays.fill(residual, rrow, rrow + n, 0);
            for (int k = 0; k < cols; k++) {
                int tv = t[rrow + k];
                if (tv == 0) {
                    continue;
                }
                int mrow = k * n;
                for (int x = 0; x < n; x++) {
                    residual[rrow + x] += tv * m[mrow + x];
                }
            }
            for (int x = 0; x < n; x++) {
                residual[rrow + x] = (residual[rrow + x] + bdRound) >> bdShift;
            }
        }
    }

    /**
     * The same two stages for DCT-II with the even/odd split: basis row k is symmetric for even k
     * and antisymmetric for odd k, so the sums over even and over odd k give output y as E + O
     * and output n-1-y as E - O. Integer sums are exact, so the result equals the direct product.
     */
    private static void inverseDct(int[] coeff, int[] residual, int[] scratch, int[] m, int n, int maxRow,
                                   int cols, int bdShift, int bdRound) {
        int half = n >> 1;
        int[] t = scratch;
        for (int y = 0; y < half; y++) {
            Arrays.fill(t, EVEN, EVEN + cols, 0);
            Arrays.fill(t, ODD, ODD + cols, 0);
            for (int k = 0; k <= maxRow; k++) {
                int mk = m[k * n + y];
                int acc = (k & 1) == 0 ? EVEN : ODD;
                int crow = k * n;
                for (int x = 0; x < cols; x++) {
                    t[acc + x] += mk * coeff[crow + x];
                }
            }
            int top = y * n;
            int bottom = (n - 1 - y) * n;
            for (int x = 0; x < cols; x++) {
                t[top + x] = clip16((t[EVEN + x] + t[ODD + x] + 64) >> 7);
                t[bottom + x] = clip16((t[EVEN + x] - t[ODD + x] + 64) >> 7);
            }
        }
        for (int y = 0; y < n; y++) {
            int rrow = y * n;
            Arrays.fill(t, EVEN, EVEN + half, 0);
            Arrays.fill(t, ODD, ODD + half, 0);
            for (int k = 0; k < cols; k++) {
                int tv = t[rrow + k];
                if (tv == 0) {
                    continue;
                }
                int acc = (k & 1) == 0 ? EVEN : ODD;
                int mrow = k * n;
                for (int x = 0; x < half; x++) {
                    t[acc + x] += tv * m[mrow + x];
                }
            }
            for (int x = 0; x < half; x++) {
                residual[rrow + x] = (t[EVEN + x] + t[ODD + x] + bdRound) >> bdShift;
                residual[rrow + n - 1 - x] = (t[EVEN + x] - t[ODD + x] + bdRound) >> bdShift;
            }
        }
    }

    private static int clip16(int v) {
        return v < COEFF_MIN ? COEFF_MIN : Math.min(v, COEFF_MAX);
    }
}
