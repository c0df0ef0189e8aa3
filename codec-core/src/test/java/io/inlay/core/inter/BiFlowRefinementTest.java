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

    /**
     * The kernel (running sums of per-sample terms) against a literal transcription of §13.1 (every window
     * summed anew with clamped coordinates), on random intermediates, smooth displaced texture and the
     * extremes of the range, every block size and bit depth, at offsets and strides other than the block's.
     */
    @Test
    void equalsTheLiteralFormulasOfTheSpecification() {
        Random r = new Random(2026);
        BiFlowRefinement k = new BiFlowRefinement();
        for (int bitDepth : new int[] {8, 10, 12}) {
            for (int n : new int[] {8, 16, 32, 64}) {
                for (int kind = 0; kind < 3; kind++) {
                    int stride = n + 5;
                    short[] a = new short[3 + stride * n];
                    short[] b = new short[7 + stride * n];
                    double fx = r.nextDouble() * 0.8 - 0.4;
                    double fy = r.nextDouble() * 0.8 - 0.4;
                    for (int y = 0; y < n; y++) {
                        for (int x = 0; x < n; x++) {
                            int va;
                            int vb;
                            if (kind == 0) {
                                va = r.nextInt(50201) - 16900;
                                vb = r.nextInt(50201) - 16900;
                            } else if (kind == 1) {
                                va = (int) Math.round(64 * texture(x + fx, y + fy));
                                vb = (int) Math.round(64 * texture(x - fx, y - fy)) + r.nextInt(65) - 32;
                            } else {
                                va = r.nextBoolean() ? 33300 : -16900;
                                vb = r.nextBoolean() ? 33300 : -16900;
                            }
                            a[3 + y * stride + x] = (short) (va - OFF);
                            b[7 + y * stride + x] = (short) (vb - OFF);
                        }
                    }
                    short[] want = reference(a, 3, stride, b, 7, stride, n, bitDepth);
                    short[] got = new short[n * n];
                    k.refine(a, 3, stride, b, 7, stride, n, bitDepth, got, 0, n);
                    assertArrayEquals(want, got, bitDepth + "-bit " + n + "x" + n + " kind " + kind);
                }
            }
        }
    }

    /** decoding-process.md §13.1 written out literally. */
    private static short[] reference(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int n,
                                     int bitDepth) {
        int[][] p0 = new int[n][n];
        int[][] p1 = new int[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                p0[x][y] = a[aOff + y * aStride + x] + OFF;
                p1[x][y] = b[bOff + y * bStride + x] + OFF;
            }
        }
        int[][] gx0 = new int[n][n];
        int[][] gy0 = new int[n][n];
        int[][] gx1 = new int[n][n];
        int[][] gy1 = new int[n][n];
        int[][] d = new int[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                gx0[x][y] = s(p0, x + 1, y, n) - s(p0, x - 1, y, n);
                gy0[x][y] = s(p0, x, y + 1, n) - s(p0, x, y - 1, n);
                gx1[x][y] = s(p1, x + 1, y, n) - s(p1, x - 1, y, n);
                gy1[x][y] = s(p1, x, y + 1, n) - s(p1, x, y - 1, n);
                d[x][y] = s(p0, x, y, n) - s(p1, x, y, n);
            }
        }
        int shift2 = 15 - bitDepth;
        int offset2 = 1 << (shift2 - 1);
        short[] out = new short[n * n];
        for (int ys = 0; ys < n; ys += 4) {
            for (int xs = 0; xs < n; xs += 4) {
                long s1 = 0;
                long s2 = 0;
                long s3 = 0;
                long s4 = 0;
                long s5 = 0;
                for (int j = ys - 2; j <= ys + 5; j++) {
                    for (int i = xs - 2; i <= xs + 5; i++) {
                        int ci = Math.clamp(i, 0, n - 1);
                        int cj = Math.clamp(j, 0, n - 1);
                        long gx = gx0[ci][cj] + gx1[ci][cj];
                        long gy = gy0[ci][cj] + gy1[ci][cj];
                        s1 += Math.abs(gx);
                        s2 += Math.abs(gy);
                        s3 += Long.signum(gy) * gx;
                        s4 += Long.signum(gx) * d[ci][cj];
                        s5 += Long.signum(gy) * d[ci][cj];
                    }
                }
                long vx = s1 > 0 ? Math.clamp(-(s4 << 5) / s1, -16, 16) : 0;
                long vy = s2 > 0 ? Math.clamp((-(s5 << 5) - vx * s3) / s2, -16, 16) : 0;
                for (int y = ys; y < ys + 4; y++) {
                    for (int x = xs; x < xs + 4; x++) {
                        long o = (vx * (gx0[x][y] - gx1[x][y]) + vy * (gy0[x][y] - gy1[x][y]) + 2) >> 2;
                        long v = (p0[x][y] + p1[x][y] + o + offset2) >> shift2;
                        out[y * n + x] = (short) Math.clamp(v, 0, (1 << bitDepth) - 1);
                    }
                }
            }
        }
        return out;
    }

    private static int s(int[][] p, int x, int y, int n) {
        return p[Math.clamp(x, 0, n - 1)][Math.clamp(y, 0, n - 1)] >> 4;
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
