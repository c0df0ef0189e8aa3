package io.inlay.core.intra;

import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.Preset;
import io.inlay.core.codec.CachedReconstructions;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;
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
 * that fits. Each mode's derived mode (model version 2) is the regular mode with the smallest
 * summed squared error on the blocks fitted to it at full weight.
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
        int a = 3;
        int[] qps = new int[0];
        Path cache = null;
        if (args[a].equals("--recon")) {
            // --recon QP,QP,... CACHE_DIR: boundaries from Inlay reconstructions (all intra, learned
            // intra off, before deblocking: what intra prediction sees), targets from the original.
            qps = java.util.Arrays.stream(args[a + 1].split(",")).mapToInt(Integer::parseInt).toArray();
            cache = Path.of(args[a + 2]);
            Files.createDirectories(cache);
            a += 3;
        }
        List<Picture> pics = new ArrayList<>();
        List<Picture> refs = new ArrayList<>();
        loadFrames(List.of(args).subList(a, args.length), frames, qps, cache, pics, refs, null);
        byte[][][] weights = new byte[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES][];
        int[][][] offsets = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES][];
        int[][] shifts = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES];
        int[][] derived = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES];
        for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
            trainClass(pics, refs, c, new SplittableRandom(seed + c), weights[c], offsets[c], shifts[c], derived[c]);
        }
        byte[] file = LearnedIntraModel.serialise(weights, offsets, shifts, derived);
        LearnedIntraModel.parse(file);
        Files.write(out, file);
        System.out.println("wrote " + out + " (" + file.length + " bytes)");
    }

    /**
     * The trainer's data: frames 0, 8, 16, ... ({@code frames} of them) of each clip into
     * {@code pics}, and into {@code refs} the pictures the boundaries are taken from: the frames
     * themselves when {@code cache} is null, else per QP of {@code qps} their reconstructions
     * ({@link #reconstructions}, cached in {@code cache}), each with its frame in {@code pics}
     * again. {@code qpOf}, when not null, receives per picture its QP (0 for original boundaries).
     * Shared with {@link LearnedIntraMlpData}.
     */
    static void loadFrames(List<String> clips, int frames, int[] qps, Path cache, List<Picture> pics,
                           List<Picture> refs, List<Integer> qpOf) throws IOException {
        for (String clipPath : clips) {
            List<Picture> clip = new ArrayList<>();
            VideoFormat f;
            try (VideoReader r = VideoFiles.openReader(clipPath, null)) {
                f = r.format();
                Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                for (int i = 0; i < frames && r.read(p); i++) {
                    clip.add(p.copy(0));
                    for (int skip = 0; skip < 7 && r.read(p); skip++) {
                        // frames 0, 8, 16, ...: less correlated samples
                    }
                }
            }
            if (cache == null) {
                pics.addAll(clip);
                refs.addAll(clip);
                if (qpOf != null) {
                    clip.forEach(p -> qpOf.add(0));
                }
                continue;
            }
            String name = Path.of(clipPath).getFileName().toString().replace(".y4m", "");
            for (int qp : qps) {
                List<Picture> rec = reconstructions(clip, f, qp, cache.resolve(name + "_qp" + qp + ".y4m"));
                pics.addAll(clip);
                refs.addAll(rec);
                if (qpOf != null) {
                    clip.forEach(p -> qpOf.add(qp));
                }
            }
        }
    }

    /** Receives a sampled block: picture index and top-left corner. */
    interface BlockSink {
        void accept(int pic, int bx, int by);
    }

    /**
     * The trainer's block sampling: the n x n blocks of an aligned grid that have a full row above
     * and column to the left inside the picture, each kept with probability
     * {@code min(1, perClass / count)} ({@code rnd} drawn once per grid block in raster order,
     * picture by picture). Shared with {@link LearnedIntraMlpData}.
     */
    static void sampleBlocks(List<Picture> pics, int n, int perClass, SplittableRandom rnd, BlockSink sink) {
        long total = 0;
        for (Picture p : pics) {
            total += (long) ((p.width() - n) / n) * ((p.height() - n) / n);
        }
        double keep = Math.min(1.0, perClass / (double) total);
        for (int pi = 0; pi < pics.size(); pi++) {
            Plane y = pics.get(pi).plane(0);
            for (int by = n; by + n <= y.height(); by += n) {
                for (int bx = n; bx + n <= y.width(); bx += n) {
                    if (rnd.nextDouble() < keep) {
                        sink.accept(pi, bx, by);
                    }
                }
            }
        }
    }

    /**
     * Reconstructions of {@code clip}'s frames, each coded alone as an intra frame at {@code qp}
     * (preset slow, learned intra off, deblocking off), cached in {@code file}.
     */
    private static List<Picture> reconstructions(List<Picture> clip, VideoFormat f, int qp, Path file)
            throws IOException {
        EncoderConfig cfg = EncoderConfig.builder(f.width(), f.height()).bitDepth(f.bitDepth())
                .chromaFormat(f.chromaFormat()).qp(qp).gop(GopStructure.ALL_INTRA).deblocking(false)
                .keepReconstruction(true).threads(1).preset(Preset.of("slow")).build();
        return CachedReconstructions.of(clip, f, cfg, file);
    }

    private static void trainClass(List<Picture> pics, List<Picture> refs, int c, SplittableRandom rnd, byte[][] wq,
                                   int[][] bq, int[] sq, int[] derived) {
        int log2 = c + 2;
        int n = 1 << log2;
        int s = LearnedIntraModel.boundaryPerSide(c);
        int r = LearnedIntraModel.reducedSide(c);
        int in = 2 * s;
        int outN = r * r;
        List<float[]> xs = new ArrayList<>();
        List<float[]> ys = new ArrayList<>();
        List<Integer> init = new ArrayList<>();
        List<Double> angularSse = new ArrayList<>();
        List<Integer> bestRegular = new ArrayList<>();
        List<float[]> regularSse = new ArrayList<>();
        int[] top = new int[2 * n + 1];
        int[] left = new int[2 * n + 1];
        IntraReference ref = new IntraReference();
        IntraPredictor angular = new IntraPredictor();
        int[] pred = new int[n * n];
        Target target = new Target(n, r);
        // Blocks by the trainer's sampling (PER_CLASS per class on the aligned grid).
        sampleBlocks(pics, n, PER_CLASS, rnd, (pi, bx, by) -> {
            Plane y = pics.get(pi).plane(0);
            Plane rc = refs.get(pi).plane(0);
            for (int i = 0; i < n; i++) {
                top[1 + i] = rc.get(bx + i, by - 1);
                left[1 + i] = rc.get(bx - 1, by + i);
            }
            float[] x = new float[in];
            int avg = centredBoundary(i -> top[1 + i], i -> left[1 + i], n, s, x);
            float[] t = new float[outN];
            double rest = target.fill(y, bx, by, top, left, avg, t);
            double gxx = 0;
            double gyy = 0;
            double gxy = 0;
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
            int bin = (int) Math.min(LearnedIntraModel.STORED_MODES - 1, angle / Math.PI * LearnedIntraModel.STORED_MODES);
                                    ref.build(rc, bx, by, log2, 4, 8, (ax, ay) -> ax >= 0 && ay >= 0 && ax < y.width()
                    && ay < y.height() && (ay < by || ax < bx));
            double bestAngular = Double.MAX_VALUE;
            int bestMode = 0;
            float[] sseByMode = new float[IntraModes.NUM_MODES];
            for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                angular.predict(ref, mode, log2, true, 8, pred);
                double e = 0;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        double dlt = pred[j * n + i] - y.get(bx + i, by + j);
                        e += dlt * dlt;
                    }
                }
                sseByMode[mode] = (float) (e - rest);
                if (e - rest < bestAngular) {
                    bestAngular = e - rest;
                    bestMode = mode;
                }
            }
            xs.add(x);
            ys.add(t);
            init.add(bin);
            angularSse.add(bestAngular);
            bestRegular.add(bestMode);
            regularSse.add(sseByMode);
        });
        int m = xs.size();
        int[] assign = new int[m];
        for (int i = 0; i < m; i++) {
            assign[i] = init.get(i);
        }
        double[][][] w = new double[LearnedIntraModel.STORED_MODES][][];
        float[] weight = new float[m];
        java.util.Arrays.fill(weight, 1f);
        for (int it = 0; it < ITERATIONS; it++) {
            for (int k = 0; k < LearnedIntraModel.STORED_MODES; k++) {
                w[k] = fit(xs, ys, weight, assign, k, in, outN);
            }
            double err = 0;
            int wins = 0;
            int[] counts = new int[LearnedIntraModel.STORED_MODES];
            for (int i = 0; i < m; i++) {
                double best = Double.MAX_VALUE;
                int bk = 0;
                for (int k = 0; k < LearnedIntraModel.STORED_MODES; k++) {
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
        // Derived mode of each learned mode (coding-tree.md §5.3, §5.4): the regular mode with the
        // smallest summed squared error over the blocks the mode is fitted to at full weight (those
        // it predicts at least about as well as the regular modes); ties go to the lower mode number.
        // The regular mode most often best on them, printed too, is planar for 27 of the 32 modes:
        // planar wins many blocks by a little, the directions split the rest.
        int[][] histogram = new int[LearnedIntraModel.STORED_MODES][IntraModes.NUM_MODES];
        double[][] sseSum = new double[LearnedIntraModel.STORED_MODES][IntraModes.NUM_MODES];
        for (int i = 0; i < m; i++) {
            if (weight[i] == 1f) {
                histogram[assign[i]][bestRegular.get(i)]++;
                float[] e = regularSse.get(i);
                for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                    sseSum[assign[i]][mode] += e[mode];
                }
            }
        }
        for (int k = 0; k < LearnedIntraModel.STORED_MODES; k++) {
            int often = 0;
            int counted = 0;
            int smallest = 0;
            for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                counted += histogram[k][mode];
                if (histogram[k][mode] > histogram[k][often]) {
                    often = mode;
                }
                if (sseSum[k][mode] < sseSum[k][smallest]) {
                    smallest = mode;
                }
            }
            derived[k] = smallest;
            System.out.printf(Locale.ROOT, "class %dx%d mode %d: derived mode %d (smallest summed error, %.3f of"
                    + " planar's); most often best: mode %d (on %.1f%% of %d full-weight blocks; planar %.1f%%)%n",
                    n, n, k, smallest, sseSum[k][smallest] / sseSum[k][IntraModes.PLANAR], often,
                    100.0 * histogram[k][often] / Math.max(1, counted), counted,
                    100.0 * histogram[k][IntraModes.PLANAR] / Math.max(1, counted));
        }
        for (int k = 0; k < LearnedIntraModel.STORED_MODES; k++) {
            w[k] = fit(xs, ys, weight, assign, k, in, outN);
            if (target.up() != null) {
                w[k] = target.up().back(w[k]);
            }
            sq[k] = quantise(w[k], in, outN, wq, bq, k);
        }
    }

    /**
     * Quantises the real rows {@code w} [outN][in + 1] of mode k (last column the offset) to 8-bit
     * weights with the largest shift (<= 15) that fits, into {@code wq[k]} and {@code bq[k]}; returns the shift.
     */
    static int quantise(double[][] w, int in, int outN, byte[][] wq, int[][] bq, int k) {
        double maxAbs = 1e-9;
        for (int j = 0; j < outN; j++) {
            for (int i = 0; i < in; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(w[j][i]));
            }
        }
        int shift = 1;
        while (shift < 15 && maxAbs * (1 << (shift + 1)) <= 127.0) {
            shift++;
        }
        wq[k] = new byte[outN * in];
        bq[k] = new int[outN];
        for (int j = 0; j < outN; j++) {
            for (int i = 0; i < in; i++) {
                long q = Math.round(w[j][i] * (1 << shift));
                wq[k][j * in + i] = (byte) Math.max(-128, Math.min(127, q));
            }
            long b = Math.round(w[j][in] * (1 << shift));
            bq[k][j] = (int) Math.max(-LearnedIntraModel.OFFSET_LIMIT + 1, Math.min(LearnedIntraModel.OFFSET_LIMIT - 1, b));
        }
        return shift;
    }

    /**
     * The training target of one block. For r = n the block minus {@code avg}; for r < n the reduced vector whose
     * upsampling (step 4 of §4.8, in real arithmetic) is closest to the block, in the coordinates where squared
     * distance is the full-resolution error (see {@link Up}).
     */
    static final class Target {
        private final int n;
        private final int r;
        private final Up up;
        private final double[] anchorTop;
        private final double[] anchorLeft;
        private final double[] flat;
        private final double[] base;
        private final double[] full;

        Target(int n, int r) {
            this.n = n;
            this.r = r;
            up = r < n ? new Up(n, r) : null;
            anchorTop = new double[n];
            anchorLeft = new double[n];
            flat = new double[r * r];
            base = new double[n * n];
            full = new double[n * n];
        }

        /** The upsampling's fit (null for r = n). */
        Up up() {
            return up;
        }

        /**
         * Writes the target of the n x n block of {@code y} at (bx, by) to {@code t} (r * r values), from the reference
         * samples {@code top[1..n]}, {@code left[1..n]} and their centring {@code avg}; returns the part of the block's
         * squared error no reduced vector can remove (0 for r = n).
         */
        double fill(Plane y, int bx, int by, int[] top, int[] left, int avg, float[] t) {
            if (up == null) {
                for (int j = 0; j < r; j++) {
                    for (int i = 0; i < r; i++) {
                        t[j * r + i] = y.get(bx + i, by + j) - avg;
                    }
                }
                return 0;
            }
            for (int i = 0; i < n; i++) {
                anchorTop[i] = top[1 + i];
                anchorLeft[i] = left[1 + i];
            }
            java.util.Arrays.fill(flat, avg);
            Up.upsample(flat, anchorTop, anchorLeft, n, r, base);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    full[j * n + i] = y.get(bx + i, by + j) - base[j * n + i];
                }
            }
            return up.target(full, t);
        }
    }

    /**
     * The upsampling of §4.8 step 4 in real arithmetic is affine in the reduced prediction red:
     * {@code pred = U red + c(anchors)}. The full-resolution error of red against a block z (after
     * c is subtracted) is {@code |U red - z|^2 = |L^T (red - t')|^2 + |z - U t'|^2} with
     * {@code t' = (U^T U)^-1 U^T z} and {@code U^T U = L L^T} (Cholesky). So the modes are fitted
     * to targets {@code L^T t'} in those coordinates by ordinary least squares (the error there is
     * the full-resolution one, less a per-block constant) and mapped back by {@code L^-T}. Without
     * this the reduced sample at ((i + 1) f - 1, (j + 1) f - 1) would be fitted to the mean of its
     * cell, half a cell off.
     */
    static final class Up {
        private final int n;
        private final int r;
        /** U, n^2 x r^2. */
        private final double[][] u;
        /** (U^T U)^-1 U^T, r^2 x n^2. */
        private final double[][] p;
        /** L^T and its inverse, r^2 x r^2. */
        private final double[][] lt;
        private final double[][] ltInv;
        private final double[] tp;

        Up(int n, int r) {
            this.n = n;
            this.r = r;
            int m = r * r;
            int nn = n * n;
            // the columns of U: the upsampling of each unit reduced prediction
            double[][] ut = new double[m][nn];
            double[] e = new double[m];
            double[] zero = new double[n];
            for (int q = 0; q < m; q++) {
                java.util.Arrays.fill(e, 0);
                e[q] = 1;
                upsample(e, zero, zero, n, r, ut[q]);
            }
            u = transpose(ut);
            lt = transpose(cholesky(timesTransposed(ut, ut)));   // U^T U = L L^T
            ltInv = invertUpper(lt);
            // (U^T U)^-1 U^T = L^-T L^-1 U^T
            p = timesTransposed(timesTransposed(ltInv, ltInv), u);
            tp = new double[m];
        }

        /** Writes L^T t' of block z into t; returns |z - U t'|^2. */
        double target(double[] z, float[] t) {
            int m = r * r;
            int nn = n * n;
            for (int a = 0; a < m; a++) {
                double sum = 0;
                for (int i = 0; i < nn; i++) {
                    sum += p[a][i] * z[i];
                }
                tp[a] = sum;
            }
            double rest = 0;
            for (int i = 0; i < nn; i++) {
                double v = z[i];
                for (int a = 0; a < m; a++) {
                    v -= u[i][a] * tp[a];
                }
                rest += v * v;
            }
            for (int a = 0; a < m; a++) {
                double sum = 0;
                for (int b = a; b < m; b++) {
                    sum += lt[a][b] * tp[b];
                }
                t[a] = (float) sum;
            }
            return rest;
        }

        /** L^-T, r^2 x r^2 (upper triangular): maps fitted coordinates back to reduced samples. */
        double[][] ltInv() {
            return ltInv;
        }

        /** L^T red: a reduced prediction in the fitted coordinates. */
        double[] fitted(double[] red) {
            int m = r * r;
            double[] out = new double[m];
            for (int a = 0; a < m; a++) {
                for (int b = a; b < m; b++) {
                    out[a] += lt[a][b] * red[b];
                }
            }
            return out;
        }

        /** Maps fitted rows [out][in + 1] from the L^T coordinates back to reduced samples. */
        double[][] back(double[][] w) {
            int m = r * r;
            int cols = w[0].length;
            double[][] out = new double[m][cols];
            for (int a = 0; a < m; a++) {
                for (int q = 0; q < cols; q++) {
                    double sum = 0;
                    for (int b = a; b < m; b++) {
                        sum += ltInv[a][b] * w[b][q];
                    }
                    out[a][q] = sum;
                }
            }
            return out;
        }

        /** §4.8 step 4 without rounding: rows (anchored on left[y]), then columns (on top[x]). */
        static void upsample(double[] red, double[] top, double[] left, int n, int r, double[] out) {
            int f = n / r;
            double[] h = new double[r * n];
            for (int i = 0; i < r; i++) {
                double a = left[(i + 1) * f - 1];
                for (int j = 0; j < r; j++) {
                    double bv = red[i * r + j];
                    for (int k = 1; k <= f; k++) {
                        h[i * n + j * f + k - 1] = ((f - k) * a + k * bv) / f;
                    }
                    a = bv;
                }
            }
            for (int x = 0; x < n; x++) {
                double a = top[x];
                for (int i = 0; i < r; i++) {
                    double bv = h[i * n + x];
                    for (int k = 1; k <= f; k++) {
                        out[(i * f + k - 1) * n + x] = ((f - k) * a + k * bv) / f;
                    }
                    a = bv;
                }
            }
        }

        /** {@code a b^T}: entry (i, j) is the dot product of row i of a and row j of b. */
        private static double[][] timesTransposed(double[][] a, double[][] b) {
            double[][] c = new double[a.length][b.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    double sum = 0;
                    for (int k = 0; k < a[i].length; k++) {
                        sum += a[i][k] * b[j][k];
                    }
                    c[i][j] = sum;
                }
            }
            return c;
        }

        private static double[][] transpose(double[][] a) {
            double[][] t = new double[a[0].length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    t[j][i] = a[i][j];
                }
            }
            return t;
        }

        private static double[][] cholesky(double[][] g) {
            int d = g.length;
            double[][] l = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = g[i][j];
                    for (int q = 0; q < j; q++) {
                        sum -= l[i][q] * l[j][q];
                    }
                    l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
                }
            }
            return l;
        }

        private static double[][] invertUpper(double[][] a) {
            int d = a.length;
            double[][] inv = new double[d][d];
            for (int c = 0; c < d; c++) {
                for (int i = d - 1; i >= 0; i--) {
                    double sum = i == c ? 1 : 0;
                    for (int k = i + 1; k < d; k++) {
                        sum -= a[i][k] * inv[k][c];
                    }
                    inv[i][c] = sum / a[i][i];
                }
            }
            return inv;
        }
    }

    /** Ridge least squares of mode k: returns [out][in + 1] (last column the offset). */
    private static double[][] fit(List<float[]> xs, List<float[]> ys, float[] weight, int[] assign, int k, int in,
                                  int outN) {
        return fit(xs, ys, weight, assign, k, in, outN, null, 0);
    }

    /**
     * As {@link #fit(List, List, float[], int[], int, int, int)}, and with {@code prior} [out][in + 1]
     * non-null the ridge pulls towards it instead of towards zero: minimises
     * {@code sum w |y - W a|^2 + mu |W - prior|^2} with {@code mu = priorStrength * trace(G) / d}
     * (G the weighted Gram matrix of the inputs and the constant, d its order).
     */
    static double[][] fit(List<float[]> xs, List<float[]> ys, float[] weight, int[] assign, int k, int in,
                          int outN, double[][] prior, double priorStrength) {
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
        if (prior != null) {
            double trace = 0;
            for (int p = 0; p < d; p++) {
                trace += g[p][p];
            }
            double mu = Math.max(1.0, priorStrength * trace / d);
            for (int p = 0; p < d; p++) {
                g[p][p] += mu;
                for (int j = 0; j < outN; j++) {
                    h[p][j] += mu * prior[j][p];
                }
            }
        } else {
            for (int p = 0; p < in; p++) {
                g[p][p] += RIDGE;
            }
            g[in][in] += 1e-6;
        }
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

    /**
     * Steps 1 and 2 of §4.8 as the trainers use them: the n top reference samples
     * {@code topAt(0..n-1)} and the n left ones {@code leftAt(0..n-1)} averaged to {@code s} per
     * side (rounded), their rounded mean subtracted; writes the 2s centred values to {@code x} and
     * returns the mean.
     */
    static int centredBoundary(IntUnaryOperator topAt, IntUnaryOperator leftAt, int n, int s, float[] x) {
        int f = n / s;
        int in = 2 * s;
        int[] bd = new int[in];
        int sum = 0;
        for (int i = 0; i < s; i++) {
            int t = 0;
            int l = 0;
            for (int j = 0; j < f; j++) {
                t += topAt.applyAsInt(i * f + j);
                l += leftAt.applyAsInt(i * f + j);
            }
            bd[i] = (t + f / 2) / f;
            bd[s + i] = (l + f / 2) / f;
            sum += bd[i] + bd[s + i];
        }
        int avg = (sum + in / 2) / in;
        for (int i = 0; i < in; i++) {
            x[i] = bd[i] - avg;
        }
        return avg;
    }
}
