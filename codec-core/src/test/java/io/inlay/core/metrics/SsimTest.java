package io.inlay.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Plane;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsimTest {
    private static Plane texture(int w, int h, int depth, long seed) {
        Plane p = new Plane(w, h, 3);
        Random rnd = new Random(seed);
        int max = (1 << depth) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0.5 + 0.3 * Math.sin(x * 0.3) * Math.cos(y * 0.2) + 0.1 * rnd.nextGaussian();
                p.set(x, y, Math.clamp(Math.round(v * max), 0, max));
            }
        }
        return p;
    }

    private static Plane noisy(Plane src, int depth, double sigma, long seed) {
        Plane p = new Plane(src.width(), src.height(), 0);
        Random rnd = new Random(seed);
        int max = (1 << depth) - 1;
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                p.set(x, y, Math.clamp(Math.round(src.get(x, y) + sigma * rnd.nextGaussian()), 0, max));
            }
        }
        return p;
    }

    @Test
    void identicalIsOne() {
        for (int depth : new int[] {8, 10, 12}) {
            Plane a = texture(67, 45, depth, depth);
            assertEquals(1.0, Ssim.ssim(a, a, depth), 1e-12);
        }
        Plane tiny = texture(3, 5, 8, 1);
        assertEquals(1.0, Ssim.ssim(tiny, tiny, 8), 1e-12);
        Plane one = texture(1, 1, 8, 1);
        assertEquals(1.0, Ssim.ssim(one, one, 8), 1e-12);
    }

    @Test
    void decreasesWithNoise() {
        Plane a = texture(96, 64, 8, 7);
        double prev = 1.0;
        for (double sigma : new double[] {1, 4, 16, 48}) {
            double s = Ssim.ssim(a, noisy(a, 8, sigma, 11), 8);
            assertTrue(s < prev, "sigma " + sigma + ": " + s + " vs " + prev);
            prev = s;
        }
        assertTrue(prev < 0.7, "heavy noise should drop SSIM well below 1: " + prev);
    }

    /** Direct evaluation of every 8x8 window on the 4-sample grid, per the documented formula. */
    @Test
    void matchesWindowDefinition() {
        int depth = 10;
        Plane a = texture(43, 29, depth, 3);
        Plane b = noisy(a, depth, 30, 4);
        double peak = 1023;
        double c1 = 64 * Math.pow(0.01 * peak, 2);
        double c2 = 64 * 63 * Math.pow(0.03 * peak, 2);
        double sum = 0;
        int n = 0;
        for (int wy = 0; wy + 8 <= (29 / 4) * 4; wy += 4) {
            for (int wx = 0; wx + 8 <= (43 / 4) * 4; wx += 4) {
                double s1 = 0;
                double s2 = 0;
                double ss = 0;
                double s12 = 0;
                for (int y = wy; y < wy + 8; y++) {
                    for (int x = wx; x < wx + 8; x++) {
                        double va = a.get(x, y);
                        double vb = b.get(x, y);
                        s1 += va;
                        s2 += vb;
                        ss += va * va + vb * vb;
                        s12 += va * vb;
                    }
                }
                double vars = 64 * ss - s1 * s1 - s2 * s2;
                double covar = 64 * s12 - s1 * s2;
                sum += (2 * s1 * s2 + c1) * (2 * covar + c2) / ((s1 * s1 + s2 * s2 + c1) * (vars + c2));
                n++;
            }
        }
        assertEquals(9 * 6, n);
        assertEquals(sum / n, Ssim.ssim(a, b, depth), 1e-12);
    }
}
