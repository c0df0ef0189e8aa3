package io.inlay.core.kernels;

import io.inlay.core.transform.TransformMatrices;
import io.inlay.core.transform.TransformType;

/** Reference {@link ForwardTransform}: plain loops, the definition the SIMD versions must match. */
final class ScalarForwardTransform implements ForwardTransform {
    static final ScalarForwardTransform INSTANCE = new ScalarForwardTransform();

    /** Offsets in scratch: the first pass (32 * 32), then the even and odd halves of a line. */
    private static final int EVEN = 32 * 32;
    private static final int ODD = EVEN + 16;

    private ScalarForwardTransform() {
    }

    @Override
    public void forward(int[] residual, int[] coeff, int[] scratch, int log2Size, TransformType type, int bitDepth) {
        assert log2Size >= 2 && log2Size <= 5 : "log2Size " + log2Size;
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        assert coeff != residual : "coeff must not alias residual";
        int n = 1 << log2Size;
        int shift1 = log2Size + bitDepth - 9;
        int round1 = 1 << (shift1 - 1);
        int shift2 = log2Size + 6;
        int round2 = 1 << (shift2 - 1);
        int[] m = TransformMatrices.matrix(log2Size, type);
        int[] t = scratch;
        if (type == TransformType.DCT2) {
            // Even/odd decomposition: row k of the DCT matrix is symmetric for even k and
            // antisymmetric for odd k, so each output needs n/2 products. Exact integer sums,
            // hence identical to the direct matrix product.
            int half = n >> 1;
            for (int y = 0; y < n; y++) {
                int row = y * n;
                for (int x = 0; x < half; x++) {
                    int a = residual[row + x];
                    int b = residual[row + n - 1 - x];
                    t[EVEN + x] = a + b;
                    t[ODD + x] = a - b;
                }
                for (int k = 0; k < n; k++) {
                    int src = (k & 1) == 0 ? EVEN : ODD;
                    int mrow = k * n;
                    int sum = 0;
                    for (int x = 0; x < half; x++) {
                        sum += m[mrow + x] * t[src + x];
                    }
                    // transposed store: t holds columns as rows for the second pass
                    t[k * n + y] = (sum + round1) >> shift1;
                }
            }
            for (int x = 0; x < n; x++) {
                int row = x * n;
                for (int y = 0; y < half; y++) {
                    int a = t[row + y];
                    int b = t[row + n - 1 - y];
                    t[EVEN + y] = a + b;
                    t[ODD + y] = a - b;
                }
                for (int k = 0; k < n; k++) {
                    int src = (k & 1) == 0 ? EVEN : ODD;
                    int mrow = k * n;
                    int sum = 0;
                    for (int y = 0; y < half; y++) {
                        sum += m[mrow + y] * t[src + y];
                    }
                    coeff[k * n + x] = (sum + round2) >> shift2;
                }
            }
            return;
        }

        // Rows: t[y][k] = (sum_x m[k][x] * res[y][x] + round1) >> shift1.
        for (int y = 0; y < n; y++) {
            int row = y * n;
            for (int k = 0; k < n; k++) {
                int mrow = k * n;
                int sum = 0;
                for (int x = 0; x < n; x++) {
                    sum += m[mrow + x] * residual[row + x];
                }
                t[row + k] = (sum + round1) >> shift1;
            }
        }
        // Columns: coeff[k][x] = (sum_y m[k][y] * t[y][x] + round2) >> shift2.
        for (int k = 0; k < n; k++) {
            int crow = k * n;
            for (int x = 0; x < n; x++) {
                int sum = 0;
                for (int y = 0; y < n; y++) {
                    sum += m[crow + y] * t[y * n + x];
                }
                coeff[crow + x] = (sum + round2) >> shift2;
            }
        }
    }
}
