package io.inlay.core.inter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.kernels.Kernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The refinement kernel of decoding-process.md §13.1 ({@link BiFlowRefinement}). */
class BiFlowRefinementTest {
    private static final int OFF = SubpelFilter.PRED_OFFSET;

    @Test
    void appliesOnlyAtEqualDistancesOnBothSides() {
        assertTrue(BiFlowRefinement.applies(4, 0, 8));
        assertTrue(BiFlowRefinement.applies(5, 4, 6));
        assertFalse(BiFlowRefinement.applies(2, 0, 8));
        assertFalse(BiFlowRefinement.applies(4, 8, 0));
        assertFalse(BiFlowRefinement.applies(4, 0, 2));
        assertFalse(BiFlowRefinement.applies(4, 4, 4));
        assertFalse(BiFlowRefinement.applies(Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** Two identical predictions: every difference is 0, so the displacement is 0 and the result is the average. */
    @Test
    void identicalPredictionsGiveTheAverage() {
        Random r = new Random(7);
        BiFlowRefinement k = new BiFlowRefinement();
        SubpelFilter avg = new SubpelFilter(Kernels.scalar().subpelInterpolation(), Kernels.scalar().biAveraging());
        for (int bitDepth : new int[] {8, 10, 12}) {
            for (int n : new int[] {8, 16, 32, 64}) {
                short[] p = new short[n * n];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (short) ((r.nextInt(1 << bitDepth) << (14 - bitDepth)) - OFF);
                }
                short[] want = new short[n * n];
                avg.average(p, 0, n, p, 0, n, n, n, bitDepth, want, 0, n);
                short[] got = new short[n * n];
                k.refine(p, 0, n, p.clone(), 0, n, n, bitDepth, got, 0, n);
                assertArrayEquals(want, got, bitDepth + "-bit " + n);
            }
        }
    }

    private static void assertArrayEquals(short[] a, short[] b, String m) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, m);
    }

    /**
     * Texture displaced by +d in list 0 and -d in list 1 (a symmetric error of the vectors, the case the
     * refinement models): the average blurs it, the refinement's squared error against the undisplaced
     * texture is measurably lower (a bound, at every bit depth).
     */
    @Test
    void reducesTheErrorOfSymmetricallyDisplacedTexture() {
        int n = 32;
        for (int bitDepth : new int[] {8, 10, 12}) {
            double scale = (1 << bitDepth) / 256.0;
            short[] a = new short[n * n];
            short[] b = new short[n * n];
            int[] org = new int[n * n];
            double dx = 0.45;
            double dy = -0.3;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = y * n + x;
                    org[i] = (int) Math.round(scale * texture(x, y));
                    a[i] = (short) (Math.round(scale * (1 << (14 - bitDepth)) * texture(x + dx, y + dy)) - OFF);
                    b[i] = (short) (Math.round(scale * (1 << (14 - bitDepth)) * texture(x - dx, y - dy)) - OFF);
                }
            }
            SubpelFilter avg = new SubpelFilter(Kernels.scalar().subpelInterpolation(), Kernels.scalar().biAveraging());
            short[] pa = new short[n * n];
            avg.average(a, 0, n, b, 0, n, n, n, bitDepth, pa, 0, n);
            short[] pr = new short[n * n];
            new BiFlowRefinement().refine(a, 0, n, b, 0, n, n, bitDepth, pr, 0, n);
            double ea = 0;
            double er = 0;
            for (int i = 0; i < n * n; i++) {
                ea += (double) (pa[i] - org[i]) * (pa[i] - org[i]);
                er += (double) (pr[i] - org[i]) * (pr[i] - org[i]);
            }
            assertTrue(er < 0.6 * ea, bitDepth + "-bit: refined " + er + " against average " + ea);
        }
    }

    private static double texture(double x, double y) {
        return 128 + 50 * Math.sin(x * 0.9 + 0.3) * Math.cos(y * 0.7) + 20 * Math.sin(x * 0.4 - y * 1.1);
    }

    /** Extreme inputs (intermediates at the ends of their range) stay in range and give legal samples. */
    @Test
    void extremeInputsGiveLegalSamples() {
        Random r = new Random(11);
        BiFlowRefinement k = new BiFlowRefinement();
        for (int bitDepth : new int[] {8, 12}) {
            int n = 64;
            short[] a = new short[n * n];
            short[] b = new short[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (short) ((r.nextBoolean() ? 33300 : -16900) - OFF);
                b[i] = (short) ((r.nextBoolean() ? 33300 : -16900) - OFF);
            }
            short[] dst = new short[n * n + 1];
            dst[n * n] = 1234;
            k.refine(a, 0, n, b, 0, n, n, bitDepth, dst, 0, n);
            for (int i = 0; i < n * n; i++) {
                assertTrue(dst[i] >= 0 && dst[i] < (1 << bitDepth), "sample " + i + " = " + dst[i]);
            }
            assertEquals(1234, dst[n * n], "wrote outside the block");
        }
        assertThrows(IllegalArgumentException.class, () -> k.refine(new short[16], 0, 4, new short[16], 0, 4, 4, 8,
                new short[16], 0, 4));
    }
}
