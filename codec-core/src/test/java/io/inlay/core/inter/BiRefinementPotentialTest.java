package io.inlay.core.inter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlay.core.kernels.Kernels;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BiRefinementPotential#defaultPrediction}, the anchor of the learned bi-prediction refinement study
 * (docs/learned-inter.md, "Learned bi-prediction refinement (CNN), offline study"), against the codec's
 * kernels: which prediction applies (decoding-process.md §13.2: a weighted CU takes neither the average nor
 * the refinement; §13.1: bi-flow only at equal POC distances on both sides) and its samples.
 */
class BiRefinementPotentialTest {
    private static BiRefinementPotential.Block block(Random rnd, int n, int tau0, int tau1, int bcw) {
        short[] org = new short[n * n];
        short[] p0 = new short[n * n];
        short[] p1 = new short[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // a textured block, the two predictions displaced against each other, plus noise
                double v = 128 + 60 * Math.sin(0.7 * x + 0.3 * y);
                org[y * n + x] = (short) Math.round(v);
                p0[y * n + x] = (short) (Math.round((128 + 60 * Math.sin(0.7 * (x + 0.4) + 0.3 * y)) * 64)
                        + rnd.nextInt(41) - 20 - 8192);
                p1[y * n + x] = (short) (Math.round((128 + 60 * Math.sin(0.7 * (x - 0.4) + 0.3 * y)) * 64)
                        + rnd.nextInt(41) - 20 - 8192);
            }
        }
        return new BiRefinementPotential.Block(0, 32, n, tau0, tau1, false, bcw, org, p0, p1, null, null, null);
    }

    @Test
    void rebuildsTheCodecsPrediction() {
        Random rnd = new Random(11);
        BiFlowRefinement flow = new BiFlowRefinement(Kernels.scalar().biFlowRefinement());
        for (int n : new int[] {8, 16, 32, 64}) {
            short[] dst = new short[n * n];
            short[] want = new short[n * n];
            // BcwIdx > 0: the weighted sum, even where bi-flow's condition holds
            for (int bcw = 1; bcw <= BiWeights.MAX_IDX; bcw++) {
                BiRefinementPotential.Block k = block(rnd, n, 2, 2, bcw);
                assertEquals(2, BiRefinementPotential.defaultPrediction(k, flow, dst));
                Kernels.scalar().biAveraging().weighted(k.p0(), 0, n, k.p1(), 0, n, n, n, 8, BiWeights.weight(bcw),
                        want, 0, n);
                assertArrayEquals(Arrays.copyOf(want, n * n), Arrays.copyOf(dst, n * n), "weighted, n " + n);
            }
            // equal distances on both sides: bi-flow, which differs from the average on this texture
            BiRefinementPotential.Block k = block(rnd, n, 4, 4, 0);
            assertEquals(1, BiRefinementPotential.defaultPrediction(k, flow, dst));
            flow.refine(k.p0(), 0, n, k.p1(), 0, n, n, 8, want, 0, n);
            assertArrayEquals(want, dst, "bi-flow, n " + n);
            Kernels.scalar().biAveraging().average(k.p0(), 0, n, k.p1(), 0, n, n, n, 8, want, 0, n);
            assertEquals(false, Arrays.equals(want, dst), "bi-flow must refine this block, n " + n);
            // unequal distances: the average of §10
            k = block(rnd, n, 1, 3, 0);
            assertEquals(0, BiRefinementPotential.defaultPrediction(k, flow, dst));
            Kernels.scalar().biAveraging().average(k.p0(), 0, n, k.p1(), 0, n, n, n, 8, want, 0, n);
            assertArrayEquals(want, dst, "average, n " + n);
        }
    }
}
