package io.inlay.neural.training;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Would classes pay for the least-squares filter (docs/neural-filter.md, "Classes")? Fits lsf8's
 * output layer (the same 8 fixed sign-dependent features, FeatureFit with lsf8's seed) once for all
 * positions and once per class, the classes those of VVC's adaptive loop filter (H.266 §8.8.5.3:
 * direction 0..4 from the ratios of the horizontal/vertical and the two diagonal Laplacian sums,
 * thresholds 2 and 4.5, times 5 activity levels), computed on the luma 6x6 window around each 2x2
 * luma block of a chroma-grid position, the activity levels cut at the training positions'
 * quintiles. Both fits in float (not quantised), evaluated on the held-out (or validation) pairs
 * with EvalNlf's gains (the correction in 1/16 samples, rounded as §3.2 at the best scale, with and
 * without the per-CTU switch). {@code --classes grid} classifies by position instead: the phase on the
 * 8x8 luma grid of transform and deblocking edges (16 classes), which a network could only see
 * through an extra input plane.
 *
 * <pre>
 * EvalClassifiedNlf --cache DIR [--corpus DIR] [--set heldout|validation] [--clips a,b] [--positions 21] [--ridge 1e-5]
 *                   [--classes alf|grid]
 * </pre>
 */
final class EvalClassifiedNlf {
    private static final int DIRECTIONS = 5;
    private static final int LEVELS = 5;
    /** Grid classes: the position's phase on the 8x8 luma grid, 4x4 on the chroma grid. */
    private static final int GRID = 4;

    private EvalClassifiedNlf() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        EvalArgs a = EvalArgs.parse(args);
        PrintStream out = System.out;
        List<Sample> train = a.trainSamples(out);
        long[] cum = Sample.cumulativeSizes(train);
        int positions = 1 << Integer.parseInt(a.option("positions", "21"));
        double ridge = Double.parseDouble(a.option("ridge", "1e-5"));
        FeatureFit ff = new FeatureFit(8, new Random(1 ^ 0xFEA7L));
        int nf = ff.channels * 9 + 1;
        boolean grid = a.option("classes", "alf").equals("grid");
        int[] levels = grid ? null : activityCuts(train, cum, new Random(7));
        out.printf("classes %s%s%n", grid ? "grid" : "alf, activity cuts ", grid ? "" : Arrays.toString(levels));
        int classes = grid ? GRID * GRID : DIRECTIONS * LEVELS;
        double[][][] xtx = new double[classes + 1][nf][nf]; // index classes: all positions
        double[][][] xty = new double[classes + 1][6][nf];
        int[] count = new int[classes];
        Random rnd = new Random(1 ^ 0x11EA1L);
        double[] f = new double[nf];
        double[][] hid = new double[9][ff.channels];
        for (int s = 0; s < positions; s++) {
            Sample sm = Sample.pick(train, cum, rnd);
            int x = 2 + rnd.nextInt(sm.w - 4);
            int y = 2 + rnd.nextInt(sm.h - 4);
            features(ff, sm, x, y, hid, f);
            int k = grid ? gridClass(x, y) : classOf(sm, x, y, levels);
            count[k]++;
            double wgt = sm.lossWeight();
            for (int m : new int[] {k, classes}) {
                addNormal(xtx[m], xty[m], f, sm, x, y, wgt);
            }
        }
        out.printf("positions per class %s%n", Arrays.toString(count));
        double[][][] coef = new double[classes + 1][6][];
        for (int m = 0; m <= classes; m++) {
            coef[m] = solve(xtx[m], xty[m], ridge);
        }
        List<Sample> eval = a.samples(out);
        TreeMap<String, double[]> groups = new TreeMap<>();
        for (Sample s : eval) {
            short[] one = new short[6 * s.n()];
            short[] cls = new short[6 * s.n()];
            for (int y = 0; y < s.h; y++) {
                for (int x = 0; x < s.w; x++) {
                    int cx = Math.clamp(x, 1, s.w - 2);
                    int cy = Math.clamp(y, 1, s.h - 2);
                    features(ff, s, cx, cy, hid, f);
                    int k = grid ? gridClass(x, y) : classOf(s, x, y, levels);
                    for (int p = 0; p < 6; p++) {
                        one[p * s.n() + y * s.w + x] = r16(dot(coef[classes][p], f));
                        cls[p * s.n() + y * s.w + x] = r16(dot(coef[k][p], f));
                    }
                }
            }
            double[] g1 = EvalNlf.gains(s, one);
            double[] g25 = EvalNlf.gains(s, cls);
            double[] row = new double[6];
            for (int i = 0; i < 3; i++) {
                row[i] = g1[i + 1];
                row[3 + i] = g25[i + 1];
            }
            EvalNlf.accumulate(groups, s, row);
        }
        out.printf("dB YUV over deblocked, float fits, mean per frame%n  %-22s %6s %9s %9s %9s | %9s %9s %9s%n", "group",
                "frames", "1: s64", "frame", "ctu", classes + ": s64", "frame", "ctu");
        for (Map.Entry<String, double[]> en : groups.entrySet()) {
            double[] v = en.getValue();
            double n = v[v.length - 1];
            out.printf("  %-22s %6d %+9.4f %+9.4f %+9.4f | %+9.4f %+9.4f %+9.4f%n", en.getKey(), (int) n, v[0] / n, v[1] / n,
                    v[2] / n, v[3] / n, v[4] / n, v[5] / n);
        }
    }

    private static short r16(double corr) {
        return (short) Math.clamp(Math.round(16 * corr), -2048, 2047);
    }

    private static double dot(double[] c, double[] f) {
        double t = 0;
        for (int i = 0; i < f.length; i++) {
            t += c[i] * f[i];
        }
        return t;
    }

    private static void features(FeatureFit ff, Sample s, int x, int y, double[][] hid, double[] f) {
        for (int k = 0; k < 9; k++) {
            ff.hidden(s, Math.clamp(x + k % 3 - 1, 1, s.w - 2), Math.clamp(y + k / 3 - 1, 1, s.h - 2), hid[k]);
        }
        for (int c = 0; c < ff.channels; c++) {
            for (int k = 0; k < 9; k++) {
                f[c * 9 + k] = hid[k][c];
            }
        }
        f[f.length - 1] = 1;
    }

    private static void addNormal(double[][] xtx, double[][] xty, double[] f, Sample sm, int x, int y, double wgt) {
        int nf = f.length;
        for (int i = 0; i < nf; i++) {
            double fi = f[i] * wgt;
            if (fi == 0) {
                continue;
            }
            for (int j = i; j < nf; j++) {
                xtx[i][j] += fi * f[j];
            }
        }
        int n = sm.n();
        for (int p = 0; p < 6; p++) {
            int i = p * n + y * sm.w + x;
            double t = ((sm.orig[i] & 255) - (sm.rec[i] & 255)) * wgt;
            for (int j = 0; j < nf; j++) {
                xty[p][j] += f[j] * t;
            }
        }
    }

    private static double[][] solve(double[][] xtx, double[][] xty, double ridge) {
        int nf = xtx.length;
        double[][] m = new double[nf][nf];
        double trace = 0;
        for (int i = 0; i < nf; i++) {
            for (int j = 0; j < nf; j++) {
                m[i][j] = j >= i ? xtx[i][j] : xtx[j][i];
            }
            trace += m[i][i];
        }
        for (int i = 0; i < nf; i++) {
            m[i][i] += ridge * trace / nf + 1e-12;
        }
        double[][] l = LinearFit.cholesky(m);
        double[][] c = new double[6][];
        for (int p = 0; p < 6; p++) {
            c[p] = LinearFit.solve(l, xty[p]);
        }
        return c;
    }

    /** Class of the position's phase on the 8x8 luma block grid (16 classes). */
    static int gridClass(int x, int y) {
        return (y % GRID) * GRID + x % GRID;
    }

    /** Luma sample at luma coordinates (clamped to the picture) of a chroma-grid frame. */
    private static int luma(Sample s, int lx, int ly) {
        lx = Math.clamp(lx, 0, 2 * s.w - 1);
        ly = Math.clamp(ly, 0, 2 * s.h - 1);
        int plane = 2 * (ly & 1) + (lx & 1);
        return s.rec[plane * s.n() + (ly >> 1) * s.w + (lx >> 1)] & 255;
    }

    /** Laplacian sums V, H, D0, D1 over the 6x6 luma window around the 2x2 luma block of (x, y). */
    private static int[] laplacians(Sample s, int x, int y) {
        int[] g = new int[4];
        for (int ly = 2 * y - 2; ly < 2 * y + 4; ly++) {
            for (int lx = 2 * x - 2; lx < 2 * x + 4; lx++) {
                int c2 = 2 * luma(s, lx, ly);
                g[0] += Math.abs(c2 - luma(s, lx, ly - 1) - luma(s, lx, ly + 1));
                g[1] += Math.abs(c2 - luma(s, lx - 1, ly) - luma(s, lx + 1, ly));
                g[2] += Math.abs(c2 - luma(s, lx - 1, ly - 1) - luma(s, lx + 1, ly + 1));
                g[3] += Math.abs(c2 - luma(s, lx + 1, ly - 1) - luma(s, lx - 1, ly + 1));
            }
        }
        return g;
    }

    /** Class 5 * direction + activity level (H.266 §8.8.5.3's direction rule, activity cut at {@code cuts}). */
    static int classOf(Sample s, int x, int y, int[] cuts) {
        int[] g = laplacians(s, x, y);
        long hvMax = Math.max(g[0], g[1]);
        long hvMin = Math.min(g[0], g[1]);
        long dMax = Math.max(g[2], g[3]);
        long dMin = Math.min(g[2], g[3]);
        int dir;
        if (hvMax * 2 <= hvMin * 4 && dMax * 2 <= dMin * 4) {
            dir = 0; // hvMax <= 2 hvMin and dMax <= 2 dMin: no direction
        } else if (hvMax * dMin > dMax * hvMin) {
            dir = 2 * hvMax > 9 * hvMin ? 2 : 1; // 4.5
        } else {
            dir = 2 * dMax > 9 * dMin ? 4 : 3;
        }
        int act = g[0] + g[1];
        int level = 0;
        while (level < cuts.length && act > cuts[level]) {
            level++;
        }
        return dir * LEVELS + level;
    }

    /** Activity (V + H) quintiles over random training positions. */
    private static int[] activityCuts(List<Sample> train, long[] cum, Random rnd) {
        int n = 1 << 16;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            Sample s = Sample.pick(train, cum, rnd);
            int[] g = laplacians(s, rnd.nextInt(s.w), rnd.nextInt(s.h));
            v[i] = g[0] + g[1];
        }
        Arrays.sort(v);
        int[] cuts = new int[LEVELS - 1];
        for (int l = 1; l < LEVELS; l++) {
            cuts[l - 1] = v[l * n / LEVELS];
        }
        return cuts;
    }
}
