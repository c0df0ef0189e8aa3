package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.IntraAngular;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link IntraAngular}, bit-exact with the scalar reference (the same 32-bit integer
 * expression per sample). Each line j of the block (a row for vertical modes) is
 * {@code (f0 * ref[idx..] + fact * ref[idx + 1..] + 16) >> 5} over n consecutive reference
 * samples: two unaligned loads, two multiplies, add, shift, one store, in lanes of 16/8/4 ints
 * (512/256/128 bits) as the block width and the allowed vector width permit. Horizontal modes
 * compute the transposed block (line j into row j) and transpose it in place, so that every
 * load and store stays contiguous. Reads exactly the reference samples the scalar loops read.
 */
final class VectorIntraAngular implements IntraAngular {
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

    private final int maxLanes;

    VectorIntraAngular(int preferredBits) {
        this.maxLanes = preferredBits / 32;
    }

    @Override
    public void predict(int[] ref, int refBase, int angle, boolean vertical, int n, int[] pred, int predOff) {
        int lanes = Math.min(n, maxLanes);
        if (lanes == 16) {
            lines16(ref, refBase, angle, n, pred, predOff);
        } else if (lanes == 8) {
            lines8(ref, refBase, angle, n, pred, predOff);
        } else {
            lines4(ref, refBase, angle, n, pred, predOff);
        }
        if (!vertical) {
            transpose(pred, predOff, n);
        }
    }

    // One method per vector width with its species a constant (not a parameter): C2 then
    // compiles the vector operations to instructions whether or not it inlines these methods.

    /** Line j of the block into row j, 16 lanes at a time; {@code n} is a multiple of 16. */
    private static void lines16(int[] ref, int refBase, int angle, int n, int[] pred, int predOff) {
        for (int j = 0; j < n; j++) {
            int pos = (j + 1) * angle;
            int idx = refBase + (pos >> 5) + 1;
            int fact = pos & 31;
            int row = predOff + j * n;
            if (fact == 0) {
                System.arraycopy(ref, idx, pred, row, n);
                continue;
            }
            int f0 = 32 - fact;
            for (int i = 0; i < n; i += 16) {
                IntVector a = IntVector.fromArray(I512, ref, idx + i);
                IntVector b = IntVector.fromArray(I512, ref, idx + i + 1);
                a.mul(f0).add(b.mul(fact)).add(16).lanewise(VectorOperators.ASHR, 5).intoArray(pred, row + i);
            }
        }
    }

    /** As {@link #lines16}, 8 lanes at a time. */
    private static void lines8(int[] ref, int refBase, int angle, int n, int[] pred, int predOff) {
        for (int j = 0; j < n; j++) {
            int pos = (j + 1) * angle;
            int idx = refBase + (pos >> 5) + 1;
            int fact = pos & 31;
            int row = predOff + j * n;
            if (fact == 0) {
                System.arraycopy(ref, idx, pred, row, n);
                continue;
            }
            int f0 = 32 - fact;
            for (int i = 0; i < n; i += 8) {
                IntVector a = IntVector.fromArray(I256, ref, idx + i);
                IntVector b = IntVector.fromArray(I256, ref, idx + i + 1);
                a.mul(f0).add(b.mul(fact)).add(16).lanewise(VectorOperators.ASHR, 5).intoArray(pred, row + i);
            }
        }
    }

    /** As {@link #lines16}, 4 lanes at a time. */
    private static void lines4(int[] ref, int refBase, int angle, int n, int[] pred, int predOff) {
        for (int j = 0; j < n; j++) {
            int pos = (j + 1) * angle;
            int idx = refBase + (pos >> 5) + 1;
            int fact = pos & 31;
            int row = predOff + j * n;
            if (fact == 0) {
                System.arraycopy(ref, idx, pred, row, n);
                continue;
            }
            int f0 = 32 - fact;
            for (int i = 0; i < n; i += 4) {
                IntVector a = IntVector.fromArray(I128, ref, idx + i);
                IntVector b = IntVector.fromArray(I128, ref, idx + i + 1);
                a.mul(f0).add(b.mul(fact)).add(16).lanewise(VectorOperators.ASHR, 5).intoArray(pred, row + i);
            }
        }
    }

    private static void transpose(int[] p, int off, int n) {
        for (int r = 1; r < n; r++) {
            int rowR = off + r * n;
            for (int c = 0; c < r; c++) {
                int a = rowR + c;
                int b = off + c * n + r;
                int t = p[a];
                p[a] = p[b];
                p[b] = t;
            }
        }
    }
}
