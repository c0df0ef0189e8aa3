package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.ForwardTransform;
import io.inlay.core.transform.TransformMatrices;
import io.inlay.core.transform.TransformType;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link ForwardTransform}, bit-exact with the scalar reference.
 *
 * <p>Both passes are one matrix product {@code out = (A B + round) >> shift} computed a row of
 * {@code out} at a time: {@code out[r][x..] = sum_j A[r][j] * B[j][x..]}, a broadcast of one
 * entry of A times a vector loaded from a row of B. The row pass takes A = residual and B = the
 * transposed matrix, so that the scratch holds T = residual M^T row-major; the column pass takes
 * A = M and B = T. Vectors are 16 ints (512 bits) when the CPU has them and the block is at least
 * 16 wide, else 8 or 4. Sums are the scalar reference's 32-bit sums in another order, so they are
 * identical (integer addition is associative modulo 2^32).
 */
final class VectorForwardTransform implements ForwardTransform {
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

    private final boolean use16;
    private final boolean use8;

    VectorForwardTransform(int preferredBits) {
        this.use16 = preferredBits >= 512;
        this.use8 = preferredBits >= 256;
    }

    @Override
    public void forward(int[] residual, int[] coeff, int[] scratch, int log2Size, TransformType type, int bitDepth) {
        assert log2Size >= 2 && log2Size <= 5 : "log2Size " + log2Size;
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        assert coeff != residual : "coeff must not alias residual";
        int n = 1 << log2Size;
        int shift1 = log2Size + bitDepth - 9;
        int shift2 = log2Size + 6;
        int[] m = TransformMatrices.matrix(log2Size, type);
        int[] mt = TransformMatrices.transposed(log2Size, type);
        if (use16 && n >= 16) {
            product16(residual, mt, scratch, n, 1 << (shift1 - 1), shift1);
            product16(m, scratch, coeff, n, 1 << (shift2 - 1), shift2);
        } else if (use8 && n >= 8) {
            product8(residual, mt, scratch, n, 1 << (shift1 - 1), shift1);
            product8(m, scratch, coeff, n, 1 << (shift2 - 1), shift2);
        } else {
            product4(residual, mt, scratch, n, 1 << (shift1 - 1), shift1);
            product4(m, scratch, coeff, n, 1 << (shift2 - 1), shift2);
        }
    }

    // One method per vector width, each with its species constant, and no vector crossing a
    // call: C2 then keeps every vector in registers whether or not it inlines these methods.

    /** out[r][x] = (sum_j a[r][j] * b[j][x] + round) >> shift for n x n blocks, n a multiple of 16. */
    private static void product16(int[] a, int[] b, int[] out, int n, int round, int shift) {
        for (int r = 0; r < n; r++) {
            int ar = r * n;
            for (int x = 0; x < n; x += 16) {
                IntVector acc = IntVector.broadcast(I512, round);
                for (int j = 0; j < n; j++) {
                    acc = acc.add(IntVector.fromArray(I512, b, j * n + x).mul(a[ar + j]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).intoArray(out, ar + x);
            }
        }
    }

    /** As {@link #product16}, 8 columns at a time. */
    private static void product8(int[] a, int[] b, int[] out, int n, int round, int shift) {
        for (int r = 0; r < n; r++) {
            int ar = r * n;
            for (int x = 0; x < n; x += 8) {
                IntVector acc = IntVector.broadcast(I256, round);
                for (int j = 0; j < n; j++) {
                    acc = acc.add(IntVector.fromArray(I256, b, j * n + x).mul(a[ar + j]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).intoArray(out, ar + x);
            }
        }
    }

    /** As {@link #product16}, 4 columns at a time. */
    private static void product4(int[] a, int[] b, int[] out, int n, int round, int shift) {
        for (int r = 0; r < n; r++) {
            int ar = r * n;
            for (int x = 0; x < n; x += 4) {
                IntVector acc = IntVector.broadcast(I128, round);
                for (int j = 0; j < n; j++) {
                    acc = acc.add(IntVector.fromArray(I128, b, j * n + x).mul(a[ar + j]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).intoArray(out, ar + x);
            }
        }
    }
}
