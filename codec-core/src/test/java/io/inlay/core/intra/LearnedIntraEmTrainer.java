package io.inlay.core.intra;

import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Preset;
import io.inlay.core.encoder.LumaDecisionLog;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Encoder-in-the-loop refit of a {@link LearnedIntraModel} (docs/learned-intra.md, "Encoder-in-the-loop
 * training"): one EM step over the encoder's own decisions. The training frames are coded all intra
 * with the model (preset slow, one thread) while a {@link LumaDecisionLog} records every luma mode
 * decision of the RD search below 64x64 (reference samples as the encoder saw them, original block,
 * the chosen mode, the best regular and the best learned RD cost). Then each learned mode k is
 * refitted by least squares on the blocks the encoder coded with k (weight 1) and on those where k
 * was the best learned candidate and came within {@code margin} of the best regular mode's RD cost
 * (weight {@code closeWeight}), with a ridge towards the input model's matrices (strength
 * {@code prior}, relative to the data's Gram trace; {@link LearnedIntraTrainer#fit}); for 4x4 and
 * 8x8 optionally with the transform-domain L1 loss ({@link #fitL1}). A block coded with a transposed
 * mode (format 0.7) is a sample of its stored mode after transposing it and swapping its sides. The
 * derived modes are kept. This is the rate-aware counterpart of the Lloyd iterations of
 * {@link LearnedIntraTrainer}, whose squared-error assignment is not what the encoder picks; the
 * idea of training each mode on the blocks where the codec selects it follows Helle et al.,
 * "Intra picture prediction for video coding with neural networks", DCC 2019.
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.intra.LearnedIntraEmTrainer IN
 * OUT_PREFIX FRAMES QPS PRIORS MARGINS CLOSE_WEIGHTS L1_ROUNDS CLIP...} (frames 0, 8, 16, ... of each
 * clip; QPS comma separated; PRIORS .. L1_ROUNDS comma lists of equal length, one refit variant
 * each, written to {@code OUT_PREFIX.<i>.ilip}; scripts/train-lip-em.sh). Prints the decision
 * statistics of IN on the training frames (per class and QP: how often a learned mode wins, comes
 * close, and the RD cost it saves) and the fit per mode. Deterministic for the same arguments.
 */
public final class LearnedIntraEmTrainer {
    private LearnedIntraEmTrainer() {
    }

    /** One recorded decision. */
    private record Decision(int qp, short[] refs, short[] orig, int chosen, double regularJ, int learned,
                            double learnedJ) {
    }

    public static void main(String[] args) throws Exception {
        LearnedIntraModel model = LearnedIntraModel.parse(Files.readAllBytes(Path.of(args[0])));
        String out = args[1];
        int frames = Integer.parseInt(args[2]);
        int[] qps = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        // variants, each argument a comma list of equal length: PRIORS MARGINS CLOSE_WEIGHTS L1_ROUNDS
        double[] priors = Arrays.stream(args[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        double[] margins = Arrays.stream(args[5].split(",")).mapToDouble(Double::parseDouble).toArray();
        double[] cw = Arrays.stream(args[6].split(",")).mapToDouble(Double::parseDouble).toArray();
        float[] closeWeights = new float[cw.length];
        for (int i = 0; i < cw.length; i++) {
            closeWeights[i] = (float) cw[i];
        }
        // L1 rounds per variant: "A" (A rounds for 4x4 and 8x8, least squares for 16x16 and 32x32) or
        // "A/B" (B rounds for 16x16 and 32x32, the L1 loss in the 8x8 DCT of the upsampling's fitted
        // coordinates, see refit)
        String[] l1Args = args[7].split(",");
        int[] l1 = new int[l1Args.length];
        int[] l1Large = new int[l1Args.length];
        for (int i = 0; i < l1Args.length; i++) {
            String[] ab = l1Args[i].split("/");
            l1[i] = Integer.parseInt(ab[0]);
            l1Large[i] = ab.length > 1 ? Integer.parseInt(ab[1]) : 0;
        }
        // -Dinlay.em.classes=16,32: refit only these block sizes, copy the other classes from IN unchanged
        boolean[] refitClass = new boolean[LearnedIntraModel.CLASSES];
        String only = System.getProperty("inlay.em.classes");
        for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
            refitClass[c] = only == null;
        }
        if (only != null) {
            for (String size : only.split(",")) {
                int c = Integer.numberOfTrailingZeros(Integer.parseInt(size.trim())) - 2;
                if (c < 0 || c >= LearnedIntraModel.CLASSES || 4 << c != Integer.parseInt(size.trim())) {
                    throw new IllegalArgumentException("inlay.em.classes: not a class size: " + size);
                }
                refitClass[c] = true;
            }
        }
        List<List<Decision>> byClass = new ArrayList<>();
        for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        LumaDecisionLog.install((qp, log2Size, refs, orig, chosen, regularJ, learned, learnedJ, lambda) -> {
            int n = 1 << log2Size;
            short[] r = new short[2 * n];
            short[] o = new short[n * n];
            for (int i = 0; i < 2 * n; i++) {
                r[i] = (short) refs[i];
            }
            for (int i = 0; i < n * n; i++) {
                o[i] = (short) orig[i];
            }
            byClass.get(log2Size - 2).add(new Decision(qp, r, o, chosen, regularJ, learned, learnedJ));
        });
        long t0 = System.nanoTime();
        for (int a = 8; a < args.length; a++) {
            List<Picture> clip = new ArrayList<>();
            VideoFormat f;
            try (VideoReader rd = VideoFiles.openReader(args[a], null)) {
                f = rd.format();
                Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                for (int i = 0; i < frames && rd.read(p); i++) {
                    clip.add(p.copy(0));
                    for (int skip = 0; skip < 7 && rd.read(p); skip++) {
                        // frames 0, 8, 16, ... as LearnedIntraTrainer
                    }
                }
            }
            for (int qp : qps) {
                EncoderConfig cfg = EncoderConfig.builder(f.width(), f.height()).bitDepth(f.bitDepth())
                        .chromaFormat(f.chromaFormat()).qp(qp).gop(GopStructure.ALL_INTRA).threads(1)
                        .preset(Preset.SLOW).learnedIntra(true).learnedIntraModel(model).build();
                long bytes = 0;
                try (Encoder enc = Encoder.create(cfg)) {
                    for (Picture p : clip) {
                        enc.push(p);
                        for (Packet pk; (pk = enc.pull()) != null; ) {
                            bytes += pk.payload().length;
                        }
                    }
                    enc.flush();
                    for (Packet pk; (pk = enc.pull()) != null; ) {
                        bytes += pk.payload().length;
                    }
                }
                System.out.printf(Locale.ROOT, "encoded %s qp %d: %d bytes (%.0f s so far)%n",
                        Path.of(args[a]).getFileName(), qp, bytes, (System.nanoTime() - t0) / 1e9);
            }
        }
        LumaDecisionLog.install(null);
        for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
            statistics(c, byClass.get(c), qps, margins[0]);
        }
        for (int v = 0; v < priors.length; v++) {
            byte[][][] weights = new byte[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES][];
            int[][][] offsets = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES][];
            int[][] shifts = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES];
            int[][] derived = new int[LearnedIntraModel.CLASSES][LearnedIntraModel.STORED_MODES];
            System.out.printf(Locale.ROOT, "variant %d: prior %s, margin %s, close weight %s, L1 rounds %d/%d,"
                    + " classes refitted %s%n", v, priors[v], margins[v], closeWeights[v], l1[v], l1Large[v],
                    Arrays.toString(refitClass));
            for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
                if (!refitClass[c]) {
                    for (int k = 0; k < LearnedIntraModel.STORED_MODES; k++) {
                        weights[c][k] = model.matrixWeights(c, k).clone();
                        offsets[c][k] = model.matrixOffsets(c, k).clone();
                        shifts[c][k] = model.shift(c, k);
                        derived[c][k] = model.derivedMode(c, k);
                    }
                    continue;
                }
                refit(model, c, byClass.get(c), priors[v], margins[v], closeWeights[v], l1[v], l1Large[v], weights,
                        offsets, shifts);
                for (int k = 0; k < LearnedIntraModel.STORED_MODES; k++) {
                    derived[c][k] = model.derivedMode(c, k);
                }
            }
            byte[] file = LearnedIntraModel.serialise(weights, offsets, shifts, derived);
            LearnedIntraModel.parse(file);
            Path o = Path.of(out + "." + v + ".ilip");
            Files.write(o, file);
            System.out.println("wrote " + o + " (" + file.length + " bytes)");
        }
    }

    private static void statistics(int c, List<Decision> ds, int[] qps, double margin) {
        int n = 4 << c;
        for (int qp : qps) {
            int count = 0;
            int won = 0;
            int close = 0;
            double saved = 0;
            double total = 0;
            int[] hist = new int[LearnedIntraModel.MODES];
            for (Decision d : ds) {
                if (d.qp() != qp) {
                    continue;
                }
                count++;
                double best = Math.min(d.regularJ(), d.learnedJ());
                total += best;
                if (IntraModes.isLearned(d.chosen())) {
                    won++;
                    hist[d.chosen() - IntraModes.LEARNED_FIRST]++;
                    saved += d.regularJ() - d.learnedJ();
                } else if (d.learned() >= 0 && d.learnedJ() <= (1 + margin) * d.regularJ()) {
                    close++;
                }
            }
            System.out.printf(Locale.ROOT, "class %dx%d qp %d: %d decisions, learned chosen %.1f%%, close %.1f%%,"
                    + " RD cost saved %.2f%% of total, modes %s%n", n, n, qp, count, 100.0 * won / Math.max(1, count),
                    100.0 * close / Math.max(1, count), 100.0 * saved / Math.max(1e-9, total), Arrays.toString(hist));
        }
    }

    private static void refit(LearnedIntraModel model, int c, List<Decision> ds, double prior, double margin,
                              float closeWeight, int l1Rounds, int l1RoundsLarge, byte[][][] weights,
                              int[][][] offsets, int[][] shifts) {
        int log2 = c + 2;
        int n = 1 << log2;
        int s = LearnedIntraModel.boundaryPerSide(c);
        int r = LearnedIntraModel.reducedSide(c);
        int in = 2 * s;
        int outN = r * r;
        LearnedIntraTrainer.Up up = r < n ? new LearnedIntraTrainer.Up(n, r) : null;
        List<float[]> xs = new ArrayList<>();
        List<float[]> ys = new ArrayList<>();
        List<Integer> assignList = new ArrayList<>();
        List<Float> weightList = new ArrayList<>();
        double[] anchorTop = new double[n];
        double[] anchorLeft = new double[n];
        double[] flat = new double[outN];
        double[] base = new double[n * n];
        double[] full = new double[n * n];
        for (Decision d : ds) {
            int k;
            float wt;
            if (IntraModes.isLearned(d.chosen())) {
                k = d.chosen() - IntraModes.LEARNED_FIRST;
                wt = 1f;
            } else if (d.learned() >= 0 && closeWeight > 0 && d.learnedJ() <= (1 + margin) * d.regularJ()) {
                k = d.learned() - IntraModes.LEARNED_FIRST;
                wt = closeWeight;
            } else {
                continue;
            }
            short[] refs = d.refs();
            short[] orig = d.orig();
            if (k >= LearnedIntraModel.STORED_MODES) {
                // a transposed mode: the block transposed, with top and left swapped, is a sample of
                // the stored mode (up to the order of the two upsampling passes for 16x16, 32x32)
                k -= LearnedIntraModel.STORED_MODES;
                refs = new short[2 * n];
                orig = new short[n * n];
                for (int i = 0; i < n; i++) {
                    refs[i] = d.refs()[n + i];
                    refs[n + i] = d.refs()[i];
                    for (int j = 0; j < n; j++) {
                        orig[j * n + i] = d.orig()[i * n + j];
                    }
                }
            }
            short[] boundary = refs;
            float[] x = new float[in];
            int avg = LearnedIntraTrainer.centredBoundary(i -> boundary[i], i -> boundary[n + i], n, s, x);
            float[] t = new float[outN];
            if (up == null) {
                for (int i = 0; i < n * n; i++) {
                    t[i] = orig[i] - avg;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    anchorTop[i] = refs[i];
                    anchorLeft[i] = refs[n + i];
                }
                Arrays.fill(flat, avg);
                LearnedIntraTrainer.Up.upsample(flat, anchorTop, anchorLeft, n, r, base);
                for (int i = 0; i < n * n; i++) {
                    full[i] = orig[i] - base[i];
                }
                up.target(full, t);
            }
            xs.add(x);
            ys.add(t);
            assignList.add(k);
            weightList.add(wt);
        }
        int m = xs.size();
        int[] assign = new int[m];
        float[] weight = new float[m];
        for (int i = 0; i < m; i++) {
            assign[i] = assignList.get(i);
            weight[i] = weightList.get(i);
        }
        for (int k = 0; k < LearnedIntraModel.STORED_MODES; k++) {
            // the input model's matrix in the fitted coordinates (L^T per column for 16x16, 32x32)
            byte[] wq = model.matrixWeights(c, k);
            int[] bq = model.matrixOffsets(c, k);
            double scale = 1.0 / (1 << model.shift(c, k));
            double[][] old = new double[outN][in + 1];
            for (int j = 0; j < outN; j++) {
                for (int i = 0; i < in; i++) {
                    old[j][i] = wq[j * in + i] * scale;
                }
                old[j][in] = bq[j] * scale;
            }
            if (up != null) {
                double[] col = new double[outN];
                for (int q = 0; q <= in; q++) {
                    for (int j = 0; j < outN; j++) {
                        col[j] = old[j][q];
                    }
                    double[] fc = up.fitted(col);
                    for (int j = 0; j < outN; j++) {
                        old[j][q] = fc[j];
                    }
                }
            }
            int blocks = 0;
            double wsum = 0;
            for (int i = 0; i < m; i++) {
                if (assign[i] == k) {
                    blocks++;
                    wsum += weight[i];
                }
            }
            double[][] w = LearnedIntraTrainer.fit(xs, ys, weight, assign, k, in, outN, old, prior);
            if (l1Rounds > 0 && up == null) {
                w = fitL1(xs, ys, weight, assign, k, in, n, w, old, prior, l1Rounds);
            } else if (l1RoundsLarge > 0 && up != null) {
                // 16x16, 32x32: the targets are the r x r coordinates L^T t' of the upsampling (their
                // squared norm is the squared error of the upsampled block, less the part no reduced
                // prediction reaches); the L1 norm of their r x r DCT-II is a proxy of the rate of the
                // low-frequency coefficients of the residual, not the n x n transform itself
                w = fitL1(xs, ys, weight, assign, k, in, r, w, old, prior, l1RoundsLarge);
            }
            double before = 0;
            double after = 0;
            for (int i = 0; i < m; i++) {
                if (assign[i] == k) {
                    before += weight[i] * sse(old, xs.get(i), ys.get(i), in, outN);
                    after += weight[i] * sse(w, xs.get(i), ys.get(i), in, outN);
                }
            }
            System.out.printf(Locale.ROOT, "class %dx%d mode %d: %d blocks (weight %.0f), weighted mse %.3f -> %.3f%n",
                    n, n, k, blocks, wsum, before / Math.max(1e-9, wsum * outN), after / Math.max(1e-9, wsum * outN));
            if (up != null) {
                w = up.back(w);
            }
            shifts[c][k] = LearnedIntraTrainer.quantise(w, in, outN, weights[c], offsets[c], k);
        }
    }

    /**
     * Rate-aware refit of an n x n class without upsampling (4x4, 8x8): minimises the weighted sum of
     * absolute transform coefficients of the residual (DST-VII for 4x4, DCT-II for 8x8, orthonormal,
     * as the luma transforms of intra blocks), a proxy of its rate that squared error is not, as in
     * the transform-domain loss of Helle et al. (DCC 2019). Each coefficient's affine map is fitted by
     * iteratively reweighted least squares (weights 1 / max(|r|, 1)) from the least-squares fit
     * {@code w0}, with the same ridge towards the prior as {@link LearnedIntraTrainer#fit}.
     */
    private static double[][] fitL1(List<float[]> xs, List<float[]> ys, float[] weight, int[] assign, int k, int in,
                                    int n, double[][] w0, double[][] prior, double priorStrength, int rounds) {
        int outN = n * n;
        double[][] t1 = new double[n][n];
        for (int u = 0; u < n; u++) {
            for (int i = 0; i < n; i++) {
                t1[u][i] = n == 4 ? 2 / Math.sqrt(2 * n + 1) * Math.sin(Math.PI * (2 * u + 1) * (i + 1) / (2 * n + 1))
                        : (u == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n)) * Math.cos(Math.PI * (2 * i + 1) * u / (2 * n));
            }
        }
        // T (n^2 x n^2) = t1 (x) t1 on row-major blocks: coefficient (v, u) = sum t1[v][y] t1[u][x] block[y][x]
        double[][] big = new double[outN][outN];
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        big[v * n + u][y * n + x] = t1[v][y] * t1[u][x];
                    }
                }
            }
        }
        int d = in + 1;
        List<double[]> ax = new ArrayList<>();
        List<double[]> ty = new ArrayList<>();
        List<Float> wt = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (assign[i] != k) {
                continue;
            }
            double[] a = new double[d];
            for (int p = 0; p < in; p++) {
                a[p] = xs.get(i)[p];
            }
            a[in] = 1;
            float[] y = ys.get(i);
            double[] t = new double[outN];
            for (int j = 0; j < outN; j++) {
                double sum = 0;
                for (int q = 0; q < outN; q++) {
                    sum += big[j][q] * y[q];
                }
                t[j] = sum;
            }
            ax.add(a);
            ty.add(t);
            wt.add(weight[i]);
        }
        double[][] wT = mul(big, w0);
        double[][] pT = mul(big, prior);
        int m = ax.size();
        double[][] g = new double[d][d];
        double[] h = new double[d];
        for (int j = 0; j < outN; j++) {
            for (int round = 0; round < rounds; round++) {
                for (double[] row : g) {
                    java.util.Arrays.fill(row, 0);
                }
                java.util.Arrays.fill(h, 0);
                for (int i = 0; i < m; i++) {
                    double[] a = ax.get(i);
                    double pred = 0;
                    for (int p = 0; p < d; p++) {
                        pred += wT[j][p] * a[p];
                    }
                    double r = ty.get(i)[j] - pred;
                    double u = wt.get(i) / Math.max(Math.abs(r), 1.0);
                    for (int p = 0; p < d; p++) {
                        double ua = u * a[p];
                        for (int q = 0; q <= p; q++) {
                            g[p][q] += ua * a[q];
                        }
                        h[p] += ua * ty.get(i)[j];
                    }
                }
                double trace = 0;
                for (int p = 0; p < d; p++) {
                    for (int q = 0; q < p; q++) {
                        g[q][p] = g[p][q];
                    }
                    trace += g[p][p];
                }
                double mu = Math.max(1e-3, priorStrength * trace / d);
                for (int p = 0; p < d; p++) {
                    g[p][p] += mu;
                    h[p] += mu * pT[j][p];
                }
                wT[j] = solve(g, h);
            }
        }
        double[][] tt = new double[outN][outN];
        for (int a = 0; a < outN; a++) {
            for (int b = 0; b < outN; b++) {
                tt[a][b] = big[b][a];
            }
        }
        return mul(tt, wT);
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double v = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += v * b[k][j];
                }
            }
        }
        return c;
    }

    /** Solves the symmetric positive definite system g x = h (Cholesky). */
    private static double[] solve(double[][] g, double[] h) {
        int d = h.length;
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
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = h[i];
            for (int q = 0; q < i; q++) {
                sum -= l[i][q] * z[q];
            }
            z[i] = sum / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = z[i];
            for (int q = i + 1; q < d; q++) {
                sum -= l[q][i] * x[q];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }

    private static double sse(double[][] w, float[] x, float[] y, int in, int outN) {
        double e = 0;
        for (int j = 0; j < outN; j++) {
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
