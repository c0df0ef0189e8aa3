package io.inlay.core.transform;

import java.util.Arrays;

/**
 * Forward 2-D transform, the encoder-side counterpart of {@link InverseTransform} (not part of
 * decoding; the decoder never uses it). Same matrices (H.265 §8.6.4.2), transposed use: first
 * each row, {@code (sum + (1 << (shift1 - 1))) >> shift1} with
 * {@code shift1 = log2Size + bitDepth - 9}, then each column with {@code shift2 = log2Size + 6}
 * (the HEVC reference encoder's scaling, which makes forward then inverse an identity up to
 * rounding). Output is not clipped; for residuals within +-(2^bitDepth - 1) it stays within
 * 16 bits.
 *
 * <p>An instance owns its scratch buffer: use one per thread. No allocation per call.
 */
public final class ForwardTransform {
    private final int[] tmp = new int[32 * 32];
    private final int[] even = new int[16];
    private final int[] odd = new int[16];

    public ForwardTransform() {
    }

    /**
     * Forward-transforms one block.
     *
     * @param residual n*n residual samples, row-major (not modified)
     * @param coeff    n*n output coefficients, row-major (row = vertical frequency); must not
     *                 be {@code residual}
     * @param log2Size 2..5
     * @param type     DCT2, or DST7 for 4x4
     * @param bitDepth 8..12
     */
    public void forward(int[] residual, int[] coeff, int log2Size, TransformType type, int bitDepth) {
        assert log2Size >= 2 && log2Size <= 5 : "log2Size " + log2Size;
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        assert coeff != residual : "coeff must not alias residual";
        int n = 1 << log2Size;
        int shift1 = log2Size + bitDepth - 9;
        int round1 = 1 << (shift1 - 1);
        int shift2 = log2Size + 6;
        int round2 = 1 << (shift2 - 1);
        int[] m = TransformMatrices.matrix(log2Size, type);
        int[] t = tmp;
        if (type == TransformType.DCT2) {
            // Even/odd decomposition: row k of the DCT matrix is symmetric for even k and
            // antisymmetric for odd k, so each output needs n/2 products. Exact integer sums,
            // hence identical to the direct matrix product.
            int half = n >> 1;
            int[] e = even;
            int[] o = odd;
            for (int y = 0; y < n; y++) {
                int row = y * n;
                for (int x = 0; x < half; x++) {
                    int a = residual[row + x];
                    int b = residual[row + n - 1 - x];
                    e[x] = a + b;
                    o[x] = a - b;
                }
                for (int k = 0; k < n; k++) {
                    int[] src = (k & 1) == 0 ? e : o;
                    int mrow = k * n;
                    int sum = 0;
                    for (int x = 0; x < half; x++) {
                        sum += m[mrow + x] * src[x];
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
                    e[y] = a + b;
                    o[y] = a - b;
                }
                for (int k = 0; k < n; k++) {
                    int[] src = (k & 1) == 0 ? e : o;
                    int mrow = k * n;
                    int sum = 0;
                    for (int y = 0; y < half; y++) {
                        sum += m[mrow + y] * src[y];
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
            Arrays.fill(coeff, crow, crow + n, 0);
            for (int y = 0; y < n; y++) {
                int mk = m[crow + y];
                int trow = y * n;
                for (int x = 0; x < n; x++) {
                    coeff[crow + x] += mk * t[trow + x];
                }
            }
            for (int x = 0; x < n; x++) {
                coeff[crow + x] = (coeff[crow + x] + round2) >> shift2;
            }
        }
    }
}
