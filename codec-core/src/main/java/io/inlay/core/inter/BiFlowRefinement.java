package io.inlay.core.inter;

/**
 * Bi-prediction optical-flow refinement (docs/bitstream/decoding-process.md §13.1, since format 0.8;
 * docs/learned-inter.md, "Bi-prediction refinement"): the luma of a bi-predicted CU whose two reference
 * pictures lie at equal distances on either side of the current one is the average of §10 plus, per
 * sample, an offset from a per-4x4 displacement estimated from the gradients of both predictions, in the
 * manner of H.266's BDOF (§8.5.6.5; Alshin and Alshina, "Bi-directional optical flow for future video
 * codec", DCC 2016). Integer-exact; the reference implementation (scalar Java).
 *
 * <p>Inputs are the stored intermediates of §10 ({@code predSamples - 8192}) of both lists; output the
 * final luma samples, in place of {@link SubpelFilter#average}. Blocks are square, n = 8..64 (a multiple
 * of 4). Every intermediate fits an int with a wide margin: |gradient| < 2^13, window sums < 2^20,
 * {@code s4 << 5} and {@code vx * s3} < 2^25 (predSamples lie in [-16900, 33300] at every bit depth).
 * One instance per thread (scratch memory); no allocation per call.
 */
public final class BiFlowRefinement {
    /** Largest block side. */
    public static final int MAX_BLOCK = 64;
    /** Right shift from 14-bit predSamples to the precision of gradients and differences. */
    static final int GRAD_SHIFT = 4;
    /** The displacement is in 1/16 sample and clipped to +-{@code LIMIT} (one sample). */
    static final int LIMIT = 16;

    private final int[] gx0 = new int[MAX_BLOCK * MAX_BLOCK];
    private final int[] gy0 = new int[MAX_BLOCK * MAX_BLOCK];
    private final int[] gx1 = new int[MAX_BLOCK * MAX_BLOCK];
    private final int[] gy1 = new int[MAX_BLOCK * MAX_BLOCK];
    private final int[] diff = new int[MAX_BLOCK * MAX_BLOCK];
    /** Per sample the five terms of the window sums, then per row and sub-block column their 8-wide sums. */
    private final int[][] terms = new int[5][MAX_BLOCK * MAX_BLOCK];
    private final int[][] rowSums = new int[5][MAX_BLOCK * MAX_BLOCK / 4];
    private final int[] reduced0 = new int[MAX_BLOCK * MAX_BLOCK];
    private final int[] reduced1 = new int[MAX_BLOCK * MAX_BLOCK];
    private final int[] prefix = new int[MAX_BLOCK + 1];

    /**
     * Whether the refinement applies to a bi-predicted CU of the picture with POC {@code poc} whose
     * list-0 reference has POC {@code poc0} and list-1 reference {@code poc1}: {@code poc - poc0 ==
     * poc1 - poc > 0} (one reference before, one after, at the same distance).
     */
    public static boolean applies(int poc, int poc0, int poc1) {
        long d0 = (long) poc - poc0;
        return d0 > 0 && d0 == (long) poc1 - poc;
    }

    /**
     * Writes the refined bi-prediction of the n x n luma block whose list-0 and list-1 intermediates
     * ({@code predSamples - 8192}) are at {@code a}/{@code aOff} and {@code b}/{@code bOff} (strides
     * {@code aStride}, {@code bStride}) to {@code dst} at {@code dstOff} with stride {@code dstStride}
     * (unsigned samples of {@code bitDepth} bits); writes nothing else. dst may not overlap the inputs.
     */
    public void refine(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int n, int bitDepth,
                       short[] dst, int dstOff, int dstStride) {
        if (n < 8 || n > MAX_BLOCK || (n & 3) != 0) {
            throw new IllegalArgumentException("block size " + n);
        }
        final int off = SubpelFilter.PRED_OFFSET;
        // The intermediates reduced by GRAD_SHIFT, then gradients (central differences, neighbours clamped
        // into the block) and differences.
        int[] r0 = reduced0;
        int[] r1 = reduced1;
        for (int y = 0; y < n; y++) {
            int ya = aOff + y * aStride;
            int yb = bOff + y * bStride;
            for (int x = 0; x < n; x++) {
                r0[y * n + x] = (a[ya + x] + off) >> GRAD_SHIFT;
                r1[y * n + x] = (b[yb + x] + off) >> GRAD_SHIFT;
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
                gx0[i] = r0[r] - r0[l];
                gx1[i] = r1[r] - r1[l];
                gy0[i] = r0[down + x] - r0[up + x];
                gy1[i] = r1[down + x] - r1[up + x];
                diff[i] = r0[i] - r1[i];
            }
        }
        int shift2 = 15 - bitDepth;
        int offset2 = (1 << (shift2 - 1)) + 2 * off;
        int max = (1 << bitDepth) - 1;
        // The terms of the window sums per sample: |Gx|, |Gy|, sign(Gy) Gx, sign(Gx) d, sign(Gy) d.
        int[] t1 = terms[0];
        int[] t2 = terms[1];
        int[] t3 = terms[2];
        int[] t4 = terms[3];
        int[] t5 = terms[4];
        for (int i = 0; i < n * n; i++) {
            int gx = gx0[i] + gx1[i];
            int gy = gy0[i] + gy1[i];
            int sx = Integer.signum(gx);
            int sy = Integer.signum(gy);
            t1[i] = Math.abs(gx);
            t2[i] = Math.abs(gy);
            t3[i] = sy * gx;
            t4[i] = sx * diff[i];
            t5[i] = sy * diff[i];
        }
        // Horizontal sums over the window's 8 columns (sx - 2 .. sx + 5, clamped) per row and sub-block
        // column, from prefix sums of the row; the vertical sums below add 8 of them (integer sums: the
        // order does not matter, and every partial sum stays below 2^20 in magnitude).
        int cols = n >> 2;
        int[] prefix = this.prefix;
        for (int k = 0; k < 5; k++) {
            int[] t = terms[k];
            int[] h = rowSums[k];
            for (int y = 0; y < n; y++) {
                int row = y * n;
                prefix[0] = 0;
                for (int x = 0; x < n; x++) {
                    prefix[x + 1] = prefix[x] + t[row + x];
                }
                // columns 4c - 2 .. 4c + 5; those left of 0 repeat column 0, those right of n - 1 column n - 1
                for (int c = 0; c < cols; c++) {
                    int lo = 4 * c - 2;
                    int hi = 4 * c + 5;
                    int sum = prefix[Math.min(hi, n - 1) + 1] - prefix[Math.max(lo, 0)];
                    if (lo < 0) {
                        sum += -lo * t[row];
                    }
                    if (hi > n - 1) {
                        sum += (hi - n + 1) * t[row + n - 1];
                    }
                    h[y * cols + c] = sum;
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
                    int j = Math.clamp(y, 0, n - 1) * cols + c;
                    s1 += rowSums[0][j];
                    s2 += rowSums[1][j];
                    s3 += rowSums[2][j];
                    s4 += rowSums[3][j];
                    s5 += rowSums[4][j];
                }
                int vx = s1 > 0 ? Math.clamp(-(s4 << 5) / s1, -LIMIT, LIMIT) : 0;
                int vy = s2 > 0 ? Math.clamp((-(s5 << 5) - vx * s3) / s2, -LIMIT, LIMIT) : 0;
                for (int y = sy; y < sy + 4; y++) {
                    int ya = aOff + y * aStride;
                    int yb = bOff + y * bStride;
                    int yd = dstOff + y * dstStride;
                    for (int x = sx; x < sx + 4; x++) {
                        int i = y * n + x;
                        int o = (vx * (gx0[i] - gx1[i]) + vy * (gy0[i] - gy1[i]) + 2) >> 2;
                        int v = (a[ya + x] + b[yb + x] + o + offset2) >> shift2;
                        dst[yd + x] = (short) Math.clamp(v, 0, max);
                    }
                }
            }
        }
    }
}
