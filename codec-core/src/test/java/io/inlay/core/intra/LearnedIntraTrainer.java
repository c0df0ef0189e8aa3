package io.inlay.core.intra;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a {@link LearnedIntraModel} from original luma: for every block-size class, blocks on an
 * aligned grid (boundary taken from the original picture) are clustered into
 * {@link LearnedIntraModel#MODES} modes by alternating a least-squares fit per mode and
 * re-assignment of each block to the mode with the smallest squared error (Lloyd iterations;
 * initial assignment by the block's dominant gradient orientation). The fit of a mode is the
 * ridge-regularised normal-equation solve of {@code target - avg ~ A d + b} (17 unknowns at most
 * per output), so no ND4J: a closed-form linear least-squares problem this small is solved
 * directly. Targets of the 16x16 and 32x32 classes are the means of the f x f cells. From the
 * second iteration on, blocks whose learned error exceeds 1.25 times that of the best of the 35
 * angular/planar/DC modes (computed the same way) weigh 0.1 in the fit, so the modes specialise on
 * what the encoder can use them for. Weights are then quantised to 8 bits with the largest shift
 * that fits.
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.intra.LearnedIntraTrainer OUT SEED
 * FRAMES CLIP...}; deterministic for the same arguments. Prints per class and iteration the mean
 * squared error of the float fit.
 */
public final class LearnedIntraTrainer {
    private static final int PER_CLASS = 150_000;
    private static final int ITERATIONS = 8;
    private static final double RIDGE = 1.0;
    /** A block counts fully while its learned error is below this multiple of the best angular one. */
    private static final double WIN_MARGIN = 1.25;
    private static final float LOSER_WEIGHT = 0.1f;

    private LearnedIntraTrainer() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int frames = Integer.parseInt(args[2]);
        List<Picture> pics = new ArrayList<>();
        for (int a = 3; a < args.length; a++) {
            try (VideoReader r = VideoFiles.openReader(args[a], null)) {
                var f = r.format();
                Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                for (int i = 0; i < frames && r.read(p); i++) {
                    pics.add(p.copy(0));
                    for (int skip = 0; skip < 7 && r.read(p); skip++) {
                        // frames 0, 8, 16, ...: less correlated samples
                    }
                }
            }
        }
        byte[][][] weights = new byte[LearnedIntraModel.CLASSES][LearnedIntraModel.MODES][];
        int[][][] offsets = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.MODES][];
        int[][] shifts = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.MODES];
        for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
            trainClass(pics, c, new SplittableRandom(seed + c), weights[c], offsets[c], shifts[c]);
        }
        byte[] file = LearnedIntraModel.serialise(weights, offsets, shifts);
        LearnedIntraModel.parse(file);
        Files.write(out, file);
        System.out.println("wrote " + out + " (" + file.length + " bytes)");
    }

    private static void trainClass(List<Picture> pics, int c, SplittableRandom rnd, byte[][] wq, int[][] bq, int[] sq) {
        int log2 = c + 2;
        int n = 1 << log2;
        int s = LearnedIntraModel.boundaryPerSide(c);
        int r = LearnedIntraModel.reducedSide(c);
        int in = 2 * s;
        int outN = r * r;
        int f = n / s;
        int cf = n / r;
        // Count candidate blocks, then keep each with probability PER_CLASS / count.
        long total = 0;
        for (Picture p : pics) {
            total += (long) ((p.width() - n) / n) * ((p.height() - n) / n);
        }
        double keep = Math.min(1.0, PER_CLASS / (double) total);
        List<float[]> xs = new ArrayList<>();
        List<float[]> ys = new ArrayList<>();
        List<Integer> init = new ArrayList<>();
        List<Double> angularSse = new ArrayList<>();
        int[] top = new int[2 * n + 1];
        int[] left = new int[2 * n + 1];
        IntraReference ref = new IntraReference();
        IntraPredictor angular = new IntraPredictor();
        int[] pred = new int[n * n];
        for (Picture p : pics) {
            Plane y = p.plane(0);
            for (int by = n; by + n <= y.height(); by += n) {
                for (int bx = n; bx + n <= y.width(); bx += n) {
                    if (rnd.nextDouble() >= keep) {
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        top[1 + i] = y.get(bx + i, by - 1);
                        left[1 + i] = y.get(bx - 1, by + i);
                    }
                    int[] bd = new int[in];
                    int sum = 0;
                    for (int i = 0; i < s; i++) {
                        int t = 0;
                        int l = 0;
                        for (int j = 0; j < f; j++) {
                            t += top[1 + i * f + j];
                            l += left[1 + i * f + j];
                        }
                        bd[i] = (t + f / 2) / f;
                        bd[s + i] = (l + f / 2) / f;
                        sum += bd[i] + bd[s + i];
                    }
                    int avg = (sum + in / 2) / in;
                    float[] x = new float[in];
                    for (int i = 0; i < in; i++) {
                        x[i] = bd[i] - avg;
                    }
                    float[] t = new float[outN];
                    double gxx = 0;
                    double gyy = 0;
                    double gxy = 0;
                    for (int j = 0; j < r; j++) {
                        for (int i = 0; i < r; i++) {
                            int acc = 0;
                            for (int v = 0; v < cf; v++) {
                                for (int u = 0; u < cf; u++) {
                                    acc += y.get(bx + i * cf + u, by + j * cf + v);
                                }
                            }
                            t[j * r + i] = (float) acc / (cf * cf) - avg;
                        }
                    }
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < n; i++) {
                            int gx = y.get(bx + i, by + j) - y.get(bx + i - 1, by + j);
                            int gy = y.get(bx + i, by + j) - y.get(bx + i, by + j - 1);
                            gxx += gx * gx;
                            gyy += gy * gy;
                            gxy += gx * gy;
                        }
                    }
                    double angle = 0.5 * Math.atan2(2 * gxy, gxx - gyy) + Math.PI / 2;   // 0..pi
                    int bin = (int) Math.min(LearnedIntraModel.MODES - 1, angle / Math.PI * LearnedIntraModel.MODES);
                    final int fx = bx;
                    final int fy = by;
                    ref.build(y, bx, by, log2, 4, 8, (ax, ay) -> ax >= 0 && ay >= 0 && ax < y.width()
                            && ay < y.height() && (ay < fy || ax < fx));
                    double bestAngular = Double.MAX_VALUE;
                    for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                        angular.predict(ref, mode, log2, true, 8, pred);
                        double e = 0;
                        for (int j = 0; j < r; j++) {
                            for (int i = 0; i < r; i++) {
                                double acc = 0;
                                for (int v = 0; v < cf; v++) {
                                    for (int u = 0; u < cf; u++) {
                                        acc += pred[(j * cf + v) * n + i * cf + u];
                                    }
                                }
                                double dlt = acc / (cf * cf) - avg - t[j * r + i];
                                e += dlt * dlt;
                            }
                        }
                        bestAngular = Math.min(bestAngular, e);
                    }
                    xs.add(x);
                    ys.add(t);
                    init.add(bin);
                    angularSse.add(bestAngular);
                }
            }
        }
        int m = xs.size();
        int[] assign = new int[m];
        for (int i = 0; i < m; i++) {
            assign[i] = init.get(i);
        }
        double[][][] w = new double[LearnedIntraModel.MODES][][];
        float[] weight = new float[m];
        java.util.Arrays.fill(weight, 1f);
        for (int it = 0; it < ITERATIONS; it++) {
            for (int k = 0; k < LearnedIntraModel.MODES; k++) {
                w[k] = fit(xs, ys, weight, assign, k, in, outN);
            }
            double err = 0;
            int wins = 0;
            int[] counts = new int[LearnedIntraModel.MODES];
            for (int i = 0; i < m; i++) {
                double best = Double.MAX_VALUE;
                int bk = 0;
                for (int k = 0; k < LearnedIntraModel.MODES; k++) {
                    double e = sse(w[k], xs.get(i), ys.get(i), in, outN, best);
                    if (e < best) {
                        best = e;
                        bk = k;
                    }
                }
                assign[i] = bk;
                counts[bk]++;
                err += best;
                // Specialise: blocks the angular modes already predict clearly better count less
                // (the encoder only picks a learned mode where it wins).
                weight[i] = best < WIN_MARGIN * angularSse.get(i) ? 1f : LOSER_WEIGHT;
                wins += best < angularSse.get(i) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "class %dx%d iteration %d: %d blocks, mse %.3f, better than angular %.1f%%,"
                    + " modes %s%n", n, n, it, m, err / ((double) m * outN), 100.0 * wins / m,
                    java.util.Arrays.toString(counts));
        }
        for (int k = 0; k < LearnedIntraModel.MODES; k++) {
            w[k] = fit(xs, ys, weight, assign, k, in, outN);
            double maxAbs = 1e-9;
            for (int j = 0; j < outN; j++) {
                for (int i = 0; i < in; i++) {
                    maxAbs = Math.max(maxAbs, Math.abs(w[k][j][i]));
                }
            }
            int shift = 1;
            while (shift < 15 && maxAbs * (1 << (shift + 1)) <= 127.0) {
                shift++;
            }
            sq[k] = shift;
            wq[k] = new byte[outN * in];
            bq[k] = new int[outN];
            for (int j = 0; j < outN; j++) {
                for (int i = 0; i < in; i++) {
                    long q = Math.round(w[k][j][i] * (1 << shift));
                    wq[k][j * in + i] = (byte) Math.max(-128, Math.min(127, q));
                }
                long b = Math.round(w[k][j][in] * (1 << shift));
                bq[k][j] = (int) Math.max(-LearnedIntraModel.OFFSET_LIMIT + 1, Math.min(LearnedIntraModel.OFFSET_LIMIT - 1, b));
            }
        }
    }

    /** Ridge least squares of mode k: returns [out][in + 1] (last column the offset). */
    private static double[][] fit(List<float[]> xs, List<float[]> ys, float[] weight, int[] assign, int k, int in,
                                  int outN) {
        int d = in + 1;
        double[][] g = new double[d][d];
        double[][] h = new double[d][outN];
        double[] a = new double[d];
        for (int i = 0; i < xs.size(); i++) {
            if (assign[i] != k) {
                continue;
            }
            float[] x = xs.get(i);
            float[] y = ys.get(i);
            double wt = weight[i];
            for (int p = 0; p < in; p++) {
                a[p] = x[p];
            }
            a[in] = 1;
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    g[p][q] += wt * a[p] * a[q];
                }
                for (int j = 0; j < outN; j++) {
                    h[p][j] += wt * a[p] * y[j];
                }
            }
        }
        for (int p = 0; p < in; p++) {
            g[p][p] += RIDGE;
        }
        g[in][in] += 1e-6;
        // Cholesky solve of g w = h for every output column.
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = g[i][j];
                for (int q = 0; q < j; q++) {
                    sum -= l[i][q] * l[j][q];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        double[][] w = new double[outN][d];
        double[] z = new double[d];
        for (int j = 0; j < outN; j++) {
            for (int i = 0; i < d; i++) {
                double sum = h[i][j];
                for (int q = 0; q < i; q++) {
                    sum -= l[i][q] * z[q];
                }
                z[i] = sum / l[i][i];
            }
            for (int i = d - 1; i >= 0; i--) {
                double sum = z[i];
                for (int q = i + 1; q < d; q++) {
                    sum -= l[q][i] * w[j][q];
                }
                w[j][i] = sum / l[i][i];
            }
        }
        return w;
    }

    private static double sse(double[][] w, float[] x, float[] y, int in, int outN, double bound) {
        double e = 0;
        for (int j = 0; j < outN && e < bound; j++) {
            double v = w[j][in];
            for (int i = 0; i < in; i++) {
                v += w[j][i] * x[i];
            }
            double dlt = v - y[j];
            e += dlt * dlt;
        }
        return e;
    }
}
