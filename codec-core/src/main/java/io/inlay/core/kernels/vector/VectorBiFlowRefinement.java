package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.BiFlowRefinementKernel;
import io.inlay.core.kernels.SubpelInterpolation;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link BiFlowRefinementKernel}, bit-exact with the scalar reference: the same integer terms
 * and sums, added in another order (integer sums below 2^20 in magnitude, so the order does not matter).
 *
 * <p>Shape, 8 int lanes (256 bits) along a row, n a multiple of 8 (CUs are 8, 16, 32, 64; other sizes
 * the contract allows go to the scalar reference):
 * <ol>
 * <li>{@link #reduce}: both inputs {@code (p + 8192) >> 4} into rows padded by one column on each side
 * (the edge repeated), so that the horizontal neighbours of any 8 samples are two contiguous loads.</li>
 * <li>{@link #termsRow}, per row: the four gradients and d, the stored differences {@code gx0 - gx1} and
 * {@code gy0 - gy1} (all the final offset needs), and the five window terms (signs by masked negation),
 * added straight into row groups: group g holds rows 4g - 2 .. 4g + 1 clamped (row 0 and row n - 1 count
 * three times), so the 8 window rows of sub-block row r are groups r and r + 1.</li>
 * <li>Scalar: the same grouping across columns (quads 4q - 2 .. 4q + 1 of each group row), then per 4x4
 * sub-block four quads per term and the two divisions.</li>
 * <li>{@link #outputRow}: per row, the offset, the rounding shift and the clip, 8 samples at a time, with
 * vx and vy spread over each sub-block's four lanes.</li>
 * </ol>
 * Below 256-bit vectors the provider hands out the scalar reference (see {@link VectorKernelProvider}).
 */
final class VectorBiFlowRefinement implements BiFlowRefinementKernel {
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final int OFF = SubpelInterpolation.PRED_OFFSET;
    private static final int PADDED = MAX_BLOCK + 2;
    private static final int GROUPS = MAX_BLOCK / 4 + 1;
    // Scratch layout (ints): two padded reduced inputs, gx0 - gx1, gy0 - gy1, five group arrays
    // (GROUPS rows of n), five quad arrays (GROUPS x GROUPS), vx and vy spread over a row.
    private static final int R0 = 0;
    private static final int R1 = MAX_BLOCK * PADDED;
    private static final int DGX = 2 * MAX_BLOCK * PADDED;
    private static final int DGY = DGX + MAX_BLOCK * MAX_BLOCK;
    private static final int GRP = DGY + MAX_BLOCK * MAX_BLOCK;
    private static final int GRP_SIZE = GROUPS * MAX_BLOCK;
    private static final int QUAD = GRP + 5 * GRP_SIZE;
    private static final int QUAD_SIZE = GROUPS * GROUPS;
    private static final int VX = QUAD + 5 * QUAD_SIZE;
    private static final int VY = VX + MAX_BLOCK;
    static final int SCRATCH_USED = VY + MAX_BLOCK;

    static {
        if (SCRATCH_USED > SCRATCH_INTS) {
            throw new AssertionError("scratch " + SCRATCH_USED + " > " + SCRATCH_INTS);
        }
    }

    private final BiFlowRefinementKernel fallback;

    /** {@code fallback}: the scalar reference, for block sizes that are not a multiple of 8. */
    VectorBiFlowRefinement(BiFlowRefinementKernel fallback) {
        this.fallback = fallback;
    }

    @Override
    public void refine(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int n, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] s) {
        BiFlowRefinementKernel.checkBlock(n, bitDepth);
        if ((n & 7) != 0) {
            fallback.refine(a, aOff, aStride, b, bOff, bStride, n, bitDepth, dst, dstOff, dstStride, s);
            return;
        }
        int p = n + 2;
        for (int y = 0; y < n; y++) {
            reduce(a, aOff + y * aStride, s, R0 + y * p, n);
            reduce(b, bOff + y * bStride, s, R1 + y * p, n);
        }
        for (int y = 0; y < n; y++) {
            int up = Math.max(0, y - 1) * p;
            int down = Math.min(n - 1, y + 1) * p;
            int g = (y + 2) >> 2;
            boolean first = y == 0 || ((y + 2) & 3) == 0;
            boolean triple = y == 0 || y == n - 1;
            termsRow(s, y * p, up, down, y * n, GRP + g * n, n, first, triple);
        }
        // Column quads of every group row: quad q = columns 4q - 2 .. 4q + 1, clamped.
        int cols = n >> 2;
        for (int k = 0; k < 5; k++) {
            int grp = GRP + k * GRP_SIZE;
            int quad = QUAD + k * QUAD_SIZE;
            for (int g = 0; g <= cols; g++) {
                int row = grp + g * n;
                int qrow = quad + g * (cols + 1);
                s[qrow] = 3 * s[row] + s[row + 1];
                for (int q = 1; q < cols; q++) {
                    int x = row + 4 * q - 2;
                    s[qrow + q] = s[x] + s[x + 1] + s[x + 2] + s[x + 3];
                }
                s[qrow + cols] = s[row + n - 2] + 3 * s[row + n - 1];
            }
        }
        int shift2 = 15 - bitDepth;
        int add = (1 << (shift2 - 1)) + 2 * OFF;
        int max = (1 << bitDepth) - 1;
        int qs = cols + 1;
        for (int r = 0; r < cols; r++) {
            for (int c = 0; c < cols; c++) {
                int q = QUAD + r * qs + c;
                int s1 = s[q] + s[q + 1] + s[q + qs] + s[q + qs + 1];
                q += QUAD_SIZE;
                int s2 = s[q] + s[q + 1] + s[q + qs] + s[q + qs + 1];
                q += QUAD_SIZE;
                int s3 = s[q] + s[q + 1] + s[q + qs] + s[q + qs + 1];
                q += QUAD_SIZE;
                int s4 = s[q] + s[q + 1] + s[q + qs] + s[q + qs + 1];
                q += QUAD_SIZE;
                int s5 = s[q] + s[q + 1] + s[q + qs] + s[q + qs + 1];
                int vx = s1 > 0 ? Math.clamp(-(s4 << 5) / s1, -LIMIT, LIMIT) : 0;
                int vy = s2 > 0 ? Math.clamp((-(s5 << 5) - vx * s3) / s2, -LIMIT, LIMIT) : 0;
                int x = 4 * c;
                s[VX + x] = vx;
                s[VX + x + 1] = vx;
                s[VX + x + 2] = vx;
                s[VX + x + 3] = vx;
                s[VY + x] = vy;
                s[VY + x + 1] = vy;
                s[VY + x + 2] = vy;
                s[VY + x + 3] = vy;
            }
            for (int y = 4 * r; y < 4 * r + 4; y++) {
                outputRow(a, aOff + y * aStride, b, bOff + y * bStride, s, y * n, n, add, shift2, max, dst,
                        dstOff + y * dstStride);
            }
        }
    }

    /** One row of n samples (a multiple of 8) reduced into a row padded by one repeated sample per side. */
    private static void reduce(short[] src, int srcOff, int[] s, int row, int n) {
        for (int x = 0; x < n; x += 8) {
            IntVector v = (IntVector) ShortVector.fromArray(S128, src, srcOff + x)
                    .convertShape(VectorOperators.S2I, I256, 0);
            v.add(OFF).lanewise(VectorOperators.ASHR, GRAD_SHIFT).intoArray(s, row + 1 + x);
        }
        s[row] = s[row + 1];
        s[row + n + 1] = s[row + n];
    }

    /**
     * Gradients, differences and window terms of one row ({@code row}, {@code up}, {@code down}: padded
     * rows; {@code out}: the row in the n-wide arrays), added into (or, {@code first}, stored as) the
     * group row at {@code grp}, three times when {@code triple} (the clamped rows above 0 and below n - 1).
     */
    private static void termsRow(int[] s, int row, int up, int down, int out, int grp, int n, boolean first,
            boolean triple) {
        for (int x = 0; x < n; x += 8) {
            IntVector l0 = IntVector.fromArray(I256, s, R0 + row + x);
            IntVector c0 = IntVector.fromArray(I256, s, R0 + row + x + 1);
            IntVector r0 = IntVector.fromArray(I256, s, R0 + row + x + 2);
            IntVector l1 = IntVector.fromArray(I256, s, R1 + row + x);
            IntVector c1 = IntVector.fromArray(I256, s, R1 + row + x + 1);
            IntVector r1 = IntVector.fromArray(I256, s, R1 + row + x + 2);
            IntVector gx0 = r0.sub(l0);
            IntVector gx1 = r1.sub(l1);
            IntVector gy0 = IntVector.fromArray(I256, s, R0 + down + x + 1)
                    .sub(IntVector.fromArray(I256, s, R0 + up + x + 1));
            IntVector gy1 = IntVector.fromArray(I256, s, R1 + down + x + 1)
                    .sub(IntVector.fromArray(I256, s, R1 + up + x + 1));
            IntVector d = c0.sub(c1);
            gx0.sub(gx1).intoArray(s, DGX + out + x);
            gy0.sub(gy1).intoArray(s, DGY + out + x);
            IntVector gx = gx0.add(gx1);
            IntVector gy = gy0.add(gy1);
            VectorMask<Integer> nx = gx.lt(0);
            VectorMask<Integer> ny = gy.lt(0);
            VectorMask<Integer> zx = gx.eq(0);
            VectorMask<Integer> zy = gy.eq(0);
            IntVector t1 = gx.lanewise(VectorOperators.ABS);
            IntVector t2 = gy.lanewise(VectorOperators.ABS);
            IntVector t3 = gx.lanewise(VectorOperators.NEG, ny).blend(0, zy);
            IntVector t4 = d.lanewise(VectorOperators.NEG, nx).blend(0, zx);
            IntVector t5 = d.lanewise(VectorOperators.NEG, ny).blend(0, zy);
            if (triple) {
                t1 = t1.add(t1).add(t1);
                t2 = t2.add(t2).add(t2);
                t3 = t3.add(t3).add(t3);
                t4 = t4.add(t4).add(t4);
                t5 = t5.add(t5).add(t5);
            }
            int i = grp + x;
            if (!first) {
                t1 = t1.add(IntVector.fromArray(I256, s, i));
                t2 = t2.add(IntVector.fromArray(I256, s, i + GRP_SIZE));
                t3 = t3.add(IntVector.fromArray(I256, s, i + 2 * GRP_SIZE));
                t4 = t4.add(IntVector.fromArray(I256, s, i + 3 * GRP_SIZE));
                t5 = t5.add(IntVector.fromArray(I256, s, i + 4 * GRP_SIZE));
            }
            t1.intoArray(s, i);
            t2.intoArray(s, i + GRP_SIZE);
            t3.intoArray(s, i + 2 * GRP_SIZE);
            t4.intoArray(s, i + 3 * GRP_SIZE);
            t5.intoArray(s, i + 4 * GRP_SIZE);
        }
    }

    /** The final samples of one row: {@code Clip1((a + b + ((vx dgx + vy dgy + 2) >> 2) + add) >> shift)}. */
    private static void outputRow(short[] a, int aOff, short[] b, int bOff, int[] s, int out, int n, int add,
            int shift, int max, short[] dst, int dstOff) {
        for (int x = 0; x < n; x += 8) {
            IntVector va = (IntVector) ShortVector.fromArray(S128, a, aOff + x)
                    .convertShape(VectorOperators.S2I, I256, 0);
            IntVector vb = (IntVector) ShortVector.fromArray(S128, b, bOff + x)
                    .convertShape(VectorOperators.S2I, I256, 0);
            IntVector o = IntVector.fromArray(I256, s, VX + x).mul(IntVector.fromArray(I256, s, DGX + out + x))
                    .add(IntVector.fromArray(I256, s, VY + x).mul(IntVector.fromArray(I256, s, DGY + out + x)))
                    .add(2).lanewise(VectorOperators.ASHR, 2);
            IntVector v = va.add(vb).add(o).add(add).lanewise(VectorOperators.ASHR, shift).max(0).min(max);
            ((ShortVector) v.convertShape(VectorOperators.I2S, S128, 0)).intoArray(dst, dstOff + x);
        }
    }
}
