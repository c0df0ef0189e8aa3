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
        product(residual, mt, scratch, n, 1 << (shift1 - 1), shift1);
        if (type == TransformType.DCT2 && use8 && n >= 8) {
            columns8(m, scratch, coeff, n, 1 << (shift2 - 1), shift2);
        } else {
            product(m, scratch, coeff, n, 1 << (shift2 - 1), shift2);
        }
    }

    /** {@code out = (a b + round) >> shift} at the widest vectors the CPU and the block allow. */
    private void product(int[] a, int[] b, int[] out, int n, int round, int shift) {
        if (use16 && n >= 16) {
            product16(a, b, out, n, round, shift);
        } else if (use8 && n >= 8) {
            product8(a, b, out, n, round, shift);
        } else {
            product4(a, b, out, n, round, shift);
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

    /**
     * The column pass of the DCT, {@code out = (m t + round) >> shift}, by recursive even/odd
     * decomposition (the partial butterfly of the HM reference encoder, here over rows of 8-column
     * vectors). Row k of the DCT matrix restricted to its first mLen columns is symmetric or
     * antisymmetric about their middle when k is a multiple of n / mLen, by the parity of
     * k / (n / mLen) (TransformMatrices subsamples one 32-point matrix, and ScalarForwardTransform
     * uses the first level of the same property). So at each level the rows 0..mLen-1 of
     * {@code t}, which the outputs k = 0 (mod s) use, are replaced in place by their sums
     * {@code t[r] + t[mLen-1-r]} (rows r < mLen/2) and differences (rows mLen-1-r); the outputs
     * k = s (mod 2s) take mLen/2 products with the differences, and the sums go on to the next
     * level with s doubled. An n-point column needs 342 products instead of 1024 at n = 32. The
     * sums are the direct product's 32-bit sums regrouped, so they are identical.
     */
    private static void columns8(int[] m, int[] t, int[] out, int n, int round, int shift) {
        int s = 1;
        for (int len = n; len >= 2; len >>= 1, s <<= 1) {
            int half = len >> 1;
            for (int r = 0; r < half; r++) {
                int lo = r * n;
                int hi = (len - 1 - r) * n;
                for (int x = 0; x < n; x += 8) {
                    IntVector a = IntVector.fromArray(I256, t, lo + x);
                    IntVector b = IntVector.fromArray(I256, t, hi + x);
                    a.add(b).intoArray(t, lo + x);
                    a.sub(b).intoArray(t, hi + x);
                }
            }
            for (int k = s; k < n; k += 2 * s) {
                int mk = k * n;
                for (int x = 0; x < n; x += 8) {
                    IntVector acc = IntVector.broadcast(I256, round);
                    for (int r = 0; r < half; r++) {
                        acc = acc.add(IntVector.fromArray(I256, t, (len - 1 - r) * n + x).mul(m[mk + r]));
                    }
                    acc.lanewise(VectorOperators.ASHR, shift).intoArray(out, mk + x);
                }
            }
        }
        // k = 0: the sum of all rows, now in row 0
        for (int x = 0; x < n; x += 8) {
            IntVector.fromArray(I256, t, x).mul(m[0]).add(round).lanewise(VectorOperators.ASHR, shift)
                    .intoArray(out, x);
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
