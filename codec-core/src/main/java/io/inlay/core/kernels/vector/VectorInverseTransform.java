package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.InverseTransformKernel;
import io.inlay.core.transform.TransformMatrices;
import io.inlay.core.transform.TransformType;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link InverseTransformKernel}, bit-exact with the scalar reference.
 *
 * <p>Both stages are one product {@code out = clip((A B + round) >> shift)} computed a row of
 * {@code out} at a time: {@code out[r][x..] = sum_j A[r][j] * B[j][x..]}, a broadcast entry of A
 * times a vector loaded from a row of B (the shape of {@code VectorForwardTransform}). The first
 * stage takes A = the transposed matrix and B = the coefficients, summing only over the rows
 * up to the last nonzero one and computing only the columns up to the last nonzero one (rounded
 * up to the vector width; the others are zero); the second takes A = that intermediate and B =
 * the matrix, summing only over those columns. The clip is to 16 bits in the first stage and
 * none (the full int range) in the second. Sums are the reference's 32-bit sums in another order,
 * so they are identical. All-zero and DC-only blocks take the reference's closed forms.
 */
final class VectorInverseTransform implements InverseTransformKernel {
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private static final int COEFF_MIN = -32768;
    private static final int COEFF_MAX = 32767;

    private final boolean use16;
    private final boolean use8;

    VectorInverseTransform(int preferredBits) {
        this.use16 = preferredBits >= 512;
        this.use8 = preferredBits >= 256;
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
        int[] mt = TransformMatrices.transposed(log2Size, type);
        int rows = maxRow + 1;
        int cols = maxCol + 1;
        if (use16 && n >= 16) {
            int w = Math.min(n, (cols + 15) & ~15);
            product16(mt, coeff, scratch, n, rows, w, 64, 7, COEFF_MIN, COEFF_MAX);
            product16(scratch, m, residual, n, cols, n, bdRound, bdShift, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (use8 && n >= 8) {
            int w = Math.min(n, (cols + 7) & ~7);
            product8(mt, coeff, scratch, n, rows, w, 64, 7, COEFF_MIN, COEFF_MAX);
            product8(scratch, m, residual, n, cols, n, bdRound, bdShift, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else {
            int w = Math.min(n, (cols + 3) & ~3);
            product4(mt, coeff, scratch, n, rows, w, 64, 7, COEFF_MIN, COEFF_MAX);
            product4(scratch, m, residual, n, cols, n, bdRound, bdShift, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    // One method per vector width, each with its species constant, and no vector crossing a
    // call: C2 then keeps every vector in registers whether or not it inlines these methods.

    /**
     * out[r][x] = clamp((sum_{j < terms} a[r][j] * b[j][x] + round) >> shift, lo, hi) for the
     * n rows r and the columns x < width (a multiple of 16) of n x n row-major blocks.
     */
    private static void product16(int[] a, int[] b, int[] out, int n, int terms, int width, int round, int shift,
                                  int lo, int hi) {
        for (int r = 0; r < n; r++) {
            int ar = r * n;
            for (int x = 0; x < width; x += 16) {
                IntVector acc = IntVector.broadcast(I512, round);
                for (int j = 0; j < terms; j++) {
                    acc = acc.add(IntVector.fromArray(I512, b, j * n + x).mul(a[ar + j]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).max(lo).min(hi).intoArray(out, ar + x);
            }
        }
    }

    /** As {@link #product16}, 8 columns at a time. */
    private static void product8(int[] a, int[] b, int[] out, int n, int terms, int width, int round, int shift,
                                 int lo, int hi) {
        for (int r = 0; r < n; r++) {
            int ar = r * n;
            for (int x = 0; x < width; x += 8) {
                IntVector acc = IntVector.broadcast(I256, round);
                for (int j = 0; j < terms; j++) {
                    acc = acc.add(IntVector.fromArray(I256, b, j * n + x).mul(a[ar + j]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).max(lo).min(hi).intoArray(out, ar + x);
            }
        }
    }

    /** As {@link #product16}, 4 columns at a time. */
    private static void product4(int[] a, int[] b, int[] out, int n, int terms, int width, int round, int shift,
                                 int lo, int hi) {
        for (int r = 0; r < n; r++) {
            int ar = r * n;
            for (int x = 0; x < width; x += 4) {
                IntVector acc = IntVector.broadcast(I128, round);
                for (int j = 0; j < terms; j++) {
                    acc = acc.add(IntVector.fromArray(I128, b, j * n + x).mul(a[ar + j]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).max(lo).min(hi).intoArray(out, ar + x);
            }
        }
    }
}
