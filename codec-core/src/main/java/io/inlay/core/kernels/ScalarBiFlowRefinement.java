package io.inlay.core.kernels;

/**
 * Reference {@link BiFlowRefinementKernel}: a direct transcription of decoding-process.md §13.1 in plain
 * loops (gradients and differences stored per sample, the five window terms per sample, 8-wide row sums
 * from prefix sums, then 8 of them per 4x4 sub-block), the definition the SIMD version must match.
 */
final class ScalarBiFlowRefinement implements BiFlowRefinementKernel {
    static final ScalarBiFlowRefinement INSTANCE = new ScalarBiFlowRefinement();

    private static final int AREA = MAX_BLOCK * MAX_BLOCK;
    // Scratch layout (ints): gx0, gy0, gx1, gy1, diff, five terms, two reduced inputs (AREA each), five
    // row-sum arrays (AREA / 4 each), the prefix row (MAX_BLOCK + 1).
    private static final int GX0 = 0;
    private static final int GY0 = AREA;
    private static final int GX1 = 2 * AREA;
    private static final int GY1 = 3 * AREA;
    private static final int DIFF = 4 * AREA;
    private static final int TERMS = 5 * AREA;
    private static final int R0 = 10 * AREA;
    private static final int R1 = 11 * AREA;
    private static final int ROW_SUMS = 12 * AREA;
    private static final int PREFIX = ROW_SUMS + 5 * (AREA / 4);

    private ScalarBiFlowRefinement() {
    }

    @Override
    public void refine(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int n, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] s) {
        BiFlowRefinementKernel.checkBlock(n, bitDepth);
        final int off = SubpelInterpolation.PRED_OFFSET;
        // The intermediates reduced by GRAD_SHIFT, then gradients (central differences, neighbours clamped
        // into the block) and differences.
        for (int y = 0; y < n; y++) {
            int ya = aOff + y * aStride;
            int yb = bOff + y * bStride;
            for (int x = 0; x < n; x++) {
                s[R0 + y * n + x] = (a[ya + x] + off) >> GRAD_SHIFT;
                s[R1 + y * n + x] = (b[yb + x] + off) >> GRAD_SHIFT;
            }
        }
        for (int y = 0; y < n; y++) {
            int up = Math.max(0, y - 1) * n;
            int down = Math.min(n - 1, y + 1) * n;
            int row = y * n;
            for (int x = 0; x < n; x++) {
                int l = row + Math.max(0, x - 1);
                int r = row + Math.min(n - 1, x + 1);
                int i = row + x;
                s[GX0 + i] = s[R0 + r] - s[R0 + l];
                s[GX1 + i] = s[R1 + r] - s[R1 + l];
                s[GY0 + i] = s[R0 + down + x] - s[R0 + up + x];
                s[GY1 + i] = s[R1 + down + x] - s[R1 + up + x];
                s[DIFF + i] = s[R0 + i] - s[R1 + i];
            }
        }
        int shift2 = 15 - bitDepth;
        int offset2 = (1 << (shift2 - 1)) + 2 * off;
        int max = (1 << bitDepth) - 1;
        // The terms of the window sums per sample: |Gx|, |Gy|, sign(Gy) Gx, sign(Gx) d, sign(Gy) d.
        for (int i = 0; i < n * n; i++) {
            int gx = s[GX0 + i] + s[GX1 + i];
            int gy = s[GY0 + i] + s[GY1 + i];
            int sx = Integer.signum(gx);
            int sy = Integer.signum(gy);
            int d = s[DIFF + i];
            s[TERMS + i] = Math.abs(gx);
            s[TERMS + AREA + i] = Math.abs(gy);
            s[TERMS + 2 * AREA + i] = sy * gx;
            s[TERMS + 3 * AREA + i] = sx * d;
            s[TERMS + 4 * AREA + i] = sy * d;
        }
        // Horizontal sums over the window's 8 columns (sx - 2 .. sx + 5, clamped) per row and sub-block
        // column, from prefix sums of the row; the vertical sums below add 8 of them (integer sums: the
        // order does not matter, and every partial sum stays below 2^20 in magnitude).
        int cols = n >> 2;
        for (int k = 0; k < 5; k++) {
            int t = TERMS + k * AREA;
            int h = ROW_SUMS + k * (AREA / 4);
            for (int y = 0; y < n; y++) {
                int row = t + y * n;
                s[PREFIX] = 0;
                for (int x = 0; x < n; x++) {
                    s[PREFIX + x + 1] = s[PREFIX + x] + s[row + x];
                }
                // columns 4c - 2 .. 4c + 5; those left of 0 repeat column 0, those right of n - 1 column n - 1
                for (int c = 0; c < cols; c++) {
                    int lo = 4 * c - 2;
                    int hi = 4 * c + 5;
                    int sum = s[PREFIX + Math.min(hi, n - 1) + 1] - s[PREFIX + Math.max(lo, 0)];
                    if (lo < 0) {
                        sum += -lo * s[row];
                    }
                    if (hi > n - 1) {
                        sum += (hi - n + 1) * s[row + n - 1];
                    }
                    s[h + y * cols + c] = sum;
                }
            }
        }
        for (int sy = 0; sy < n; sy += 4) {
            for (int sx = 0; sx < n; sx += 4) {
                // Sums over the 8x8 window from 2 samples before the 4x4 sub-block to 2 after, clamped.
                int s1 = 0;
                int s2 = 0;
                int s3 = 0;
                int s4 = 0;
                int s5 = 0;
                int c = sx >> 2;
                for (int y = sy - 2; y < sy + 6; y++) {
                    int j = ROW_SUMS + Math.clamp(y, 0, n - 1) * cols + c;
                    s1 += s[j];
                    s2 += s[j + AREA / 4];
                    s3 += s[j + 2 * (AREA / 4)];
                    s4 += s[j + 3 * (AREA / 4)];
                    s5 += s[j + 4 * (AREA / 4)];
                }
                int vx = s1 > 0 ? Math.clamp(-(s4 << 5) / s1, -LIMIT, LIMIT) : 0;
                int vy = s2 > 0 ? Math.clamp((-(s5 << 5) - vx * s3) / s2, -LIMIT, LIMIT) : 0;
                for (int y = sy; y < sy + 4; y++) {
                    int ya = aOff + y * aStride;
                    int yb = bOff + y * bStride;
                    int yd = dstOff + y * dstStride;
                    for (int x = sx; x < sx + 4; x++) {
                        int i = y * n + x;
                        int o = (vx * (s[GX0 + i] - s[GX1 + i]) + vy * (s[GY0 + i] - s[GY1 + i]) + 2) >> 2;
                        int v = (a[ya + x] + b[yb + x] + o + offset2) >> shift2;
                        dst[yd + x] = (short) Math.clamp(v, 0, max);
                    }
                }
            }
        }
    }
}
