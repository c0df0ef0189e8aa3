package io.inlay.core.metrics;

import io.inlay.core.Plane;

/**
 * Structural similarity of one plane, computed the way x264 and ffmpeg do: 8x8 windows on a
 * 4-sample grid (each window is 2x2 adjacent 4x4 blocks; samples right of or below the last
 * whole 4x4 block are ignored), no Gaussian weighting, and the mean over all windows. For a
 * window with sums {@code s1 = Σa, s2 = Σb, ss = Σa²+Σb², s12 = Σab} over its 64 samples:
 *
 * <pre>
 *   ssim = (2 s1 s2 + c1) (2 (64 s12 - s1 s2) + c2)
 *        / ((s1² + s2² + c1) (64 ss - s1² - s2² + c2))
 *   c1 = 64 (0.01 L)²,  c2 = 64·63 (0.03 L)²,  L = 2^bitDepth - 1
 * </pre>
 *
 * <p>which is the textbook SSIM with C1 = (0.01 L)² and C2 = (0.03 L)² applied to window sums
 * (variances with the 1/(N-1) estimator), including x264's scaling of c1. Sums are exact
 * ({@code long}), the ratio is evaluated in double. A plane narrower or shorter than 8 samples
 * is treated as a single window covering it (N samples instead of 64; c2 scaled by
 * N·max(N-1, 1)).
 */
public final class Ssim {
    private Ssim() {
    }

    /** Mean SSIM over the visible areas of two planes of equal size, in [-1, 1]; 1 when identical. */
    public static double ssim(Plane a, Plane b, int bitDepth) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("plane sizes differ: " + a.width() + "x" + a.height() + " vs "
                    + b.width() + "x" + b.height());
        }
        int w = a.width();
        int h = a.height();
        double peak = (1 << bitDepth) - 1;
        if (w < 8 || h < 8) {
            return wholePlane(a, b, w, h, peak);
        }
        double c1 = 64 * (0.01 * peak) * (0.01 * peak);
        double c2 = 64 * 63 * (0.03 * peak) * (0.03 * peak);
        int bw = w >> 2;
        int bh = h >> 2;
        long[] prev = new long[bw * 4];
        long[] cur = new long[bw * 4];
        blockSums(a, b, 0, bw, prev);
        double total = 0;
        for (int by = 1; by < bh; by++) {
            blockSums(a, b, by * 4, bw, cur);
            for (int bx = 0; bx + 1 < bw; bx++) {
                int i = bx * 4;
                int j = i + 4;
                long s1 = prev[i] + prev[j] + cur[i] + cur[j];
                long s2 = prev[i + 1] + prev[j + 1] + cur[i + 1] + cur[j + 1];
                long ss = prev[i + 2] + prev[j + 2] + cur[i + 2] + cur[j + 2];
                long s12 = prev[i + 3] + prev[j + 3] + cur[i + 3] + cur[j + 3];
                total += window(s1, s2, ss, s12, 64, c1, c2);
            }
            long[] t = prev;
            prev = cur;
            cur = t;
        }
        return total / ((double) (bw - 1) * (bh - 1));
    }

    /** Sums s1, s2, ss, s12 of each 4x4 block of the block row starting at luma row {@code y0}. */
    private static void blockSums(Plane a, Plane b, int y0, int bw, long[] out) {
        short[] sa = a.samples();
        short[] sb = b.samples();
        for (int bx = 0; bx < bw; bx++) {
            long s1 = 0;
            long s2 = 0;
            long ss = 0;
            long s12 = 0;
            for (int y = y0; y < y0 + 4; y++) {
                int ia = a.index(bx * 4, y);
                int ib = b.index(bx * 4, y);
                for (int x = 0; x < 4; x++) {
                    long va = sa[ia + x] & 0xFFFF;
                    long vb = sb[ib + x] & 0xFFFF;
                    s1 += va;
                    s2 += vb;
                    ss += va * va + vb * vb;
                    s12 += va * vb;
                }
            }
            out[bx * 4] = s1;
            out[bx * 4 + 1] = s2;
            out[bx * 4 + 2] = ss;
            out[bx * 4 + 3] = s12;
        }
    }

    private static double window(long s1, long s2, long ss, long s12, long n, double c1, double c2) {
        double vars = n * ss - s1 * s1 - s2 * s2;
        double covar = n * s12 - s1 * s2;
        return (2.0 * s1 * s2 + c1) * (2.0 * covar + c2)
                / (((double) s1 * s1 + (double) s2 * s2 + c1) * (vars + c2));
    }

    private static double wholePlane(Plane a, Plane b, int w, int h, double peak) {
        long s1 = 0;
        long s2 = 0;
        long ss = 0;
        long s12 = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long va = a.get(x, y);
                long vb = b.get(x, y);
                s1 += va;
                s2 += vb;
                ss += va * va + vb * vb;
                s12 += va * vb;
            }
        }
        long n = (long) w * h;
        double c1 = n * (0.01 * peak) * (0.01 * peak);
        double c2 = n * Math.max(n - 1, 1) * (0.03 * peak) * (0.03 * peak);
        return window(s1, s2, ss, s12, n, c1, c2);
    }
}
