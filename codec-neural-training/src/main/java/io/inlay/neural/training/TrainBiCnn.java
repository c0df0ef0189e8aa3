package io.inlay.neural.training;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Offline study of a learned bi-prediction refinement (docs/learned-inter.md, "Learned bi-prediction
 * refinement (CNN), offline study"; issue 8): a small CNN over the two intermediate predictions and the
 * codec's default prediction of a bi-predicted CU (the BCW weighted sum, the bi-flow refinement or the
 * average), whose output is a residual added to the default prediction before its final rounding.
 *
 * <p>Data: the files of {@code BiCnnExport} (codec-core tests; {@code train.bin} from the training clips,
 * {@code heldout.bin} from foreman, tennis, parkour, bear). Training: 16x16 tiles of the training CUs of size
 * 16 and more (a random subsample), the network's zero padding at the tile's edges as at a CU's, Adam on the
 * mean squared error in 8-bit sample units. Inputs per sample: {@code (P0 - D) / 8}, {@code (P1 - D) / 8},
 * {@code (D - 128) / 64} (P in 8-bit sample units, D the default prediction before its final rounding, in
 * 1/16 sample from the export) and with {@code --qp-input} {@code (QP - 30) / 8}. Hidden layers 3x3 + ReLU, the last 3x3 linear (one channel, the residual).
 *
 * <p>Evaluation on every held-out CU (a plain Java forward pass, whole CU, zero padding at its edges): the
 * refined prediction {@code clip(round(D + r))}, its squared error against the default's (the codec's 8-bit
 * prediction), (a) on every CU,
 * (b) with a per-CU flag chosen by {@code SSE + lambda * bits} (lambda of the CU's frame, from the export;
 * bits 1 for either value, or an adaptive binary context per clip and QP), by clip, QP, CU size, merged
 * versus AMVP and default kind; the same for the network with 8-bit weights (per output channel) and 8-bit
 * hidden activations (per layer, calibrated scale).
 *
 * <p>Usage: {@code TrainBiCnn --data DIR --log FILE [--channels 16] [--layers 4] [--tiles 40000]
 * [--epochs 4] [--batch 128] [--lr 1e-3] [--seed 1] [--qp-input] [--save FILE] [--load FILE]}.
 */
public final class TrainBiCnn {

    /** One exported CU. */
    record Cu(int clip, int qp, int n, int tau0, int tau1, boolean merged, int bcw, int kind, float lambda,
              byte[] org, short[] p0, short[] p1, short[] def16, byte[] def) {
        /** The default prediction before its final rounding, in samples. */
        float pbar(int i) {
            return def16[i] / 16f;
        }

        int org(int i) {
            return org[i] & 0xff;
        }

        int def(int i) {
            return def[i] & 0xff;
        }
    }

    static final int K = 3;
    static final int TILE = 16;

    int channels = 16;
    int layers = 4;
    int tiles = 40000;
    int epochs = 4;
    int batch = 128;
    double lr = 1e-3;
    long seed = 1;
    boolean qpInput;
    int inputs = 3;
    PrintStream log = System.out;

    SameDiff sd;
    /** Float weights per layer, [c][i][ky][kx], and biases (the Java forward pass). */
    float[][] w;
    float[][] b;
    int[] chIn;
    int[] chOut;

    public static void main(String[] args) throws Exception {
        TrainBiCnn t = new TrainBiCnn();
        Path data = null;
        Path logFile = null;
        Path save = null;
        Path load = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--log" -> logFile = Path.of(args[++i]);
                case "--channels" -> t.channels = Integer.parseInt(args[++i]);
                case "--layers" -> t.layers = Integer.parseInt(args[++i]);
                case "--tiles" -> t.tiles = Integer.parseInt(args[++i]);
                case "--epochs" -> t.epochs = Integer.parseInt(args[++i]);
                case "--batch" -> t.batch = Integer.parseInt(args[++i]);
                case "--lr" -> t.lr = Double.parseDouble(args[++i]);
                case "--seed" -> t.seed = Long.parseLong(args[++i]);
                case "--qp-input" -> t.qpInput = true;
                case "--save" -> save = Path.of(args[++i]);
                case "--load" -> load = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        t.inputs = t.qpInput ? 4 : 3;
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            t.log = new PrintStream(Files.newOutputStream(logFile), true, "UTF-8");
        }
        t.log.printf(Locale.ROOT, "TrainBiCnn %s%n", String.join(" ", args));
        t.layout();
        t.log.printf(Locale.ROOT, "network: %d layers 3x3, %d channels, %d inputs: %d weights, %d MAC per sample%n",
                t.layers, t.channels, t.inputs, t.weightCount(), t.macs());
        List<Cu> train = null;
        if (load != null) {
            t.loadWeights(load);
        } else {
            long t0 = System.nanoTime();
            train = read(data.resolve("train.bin"));
            t.log.printf(Locale.ROOT, "training CUs %d (read in %.1f s)%n", train.size(), (System.nanoTime() - t0) / 1e9);
            t.train(train);
            if (save != null) {
                t.saveWeights(save);
            }
        }
        List<Cu> test = read(data.resolve("heldout.bin"));
        t.log.printf(Locale.ROOT, "held-out CUs %d%n", test.size());
        long t1 = System.nanoTime();
        t.evaluate(test, "float", null);
        t.log.printf(Locale.ROOT, "float evaluation %.1f s%n", (System.nanoTime() - t1) / 1e9);
        // activation scales from the training CUs (the held-out ones' inputs when only loading a network)
        float[][] act = t.calibrate(train != null ? train : test);
        t.evaluate(test, "8-bit", act);
        t.log.close();
    }

    void layout() {
        chIn = new int[layers];
        chOut = new int[layers];
        for (int l = 0; l < layers; l++) {
            chIn[l] = l == 0 ? inputs : channels;
            chOut[l] = l == layers - 1 ? 1 : channels;
        }
    }

    long weightCount() {
        long s = 0;
        for (int l = 0; l < layers; l++) {
            s += (long) chIn[l] * chOut[l] * K * K + chOut[l];
        }
        return s;
    }

    long macs() {
        long s = 0;
        for (int l = 0; l < layers; l++) {
            s += (long) chIn[l] * chOut[l] * K * K;
        }
        return s;
    }

    static List<Cu> read(Path file) throws IOException {
        List<Cu> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            while (true) {
                int clip;
                try {
                    clip = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                int qp = in.readInt();
                int n = in.readInt();
                int tau0 = in.readInt();
                int tau1 = in.readInt();
                boolean merged = in.readByte() != 0;
                int bcw = in.readByte();
                int kind = in.readByte();
                float lambda = in.readFloat();
                int len = n * n;
                byte[] org = new byte[len];
                in.readFully(org);
                short[] p0 = new short[len];
                short[] p1 = new short[len];
                for (int i = 0; i < len; i++) {
                    p0[i] = in.readShort();
                }
                for (int i = 0; i < len; i++) {
                    p1[i] = in.readShort();
                }
                short[] def16 = new short[len];
                for (int i = 0; i < len; i++) {
                    def16[i] = in.readShort();
                }
                byte[] def = new byte[len];
                in.readFully(def);
                out.add(new Cu(clip, qp, n, tau0, tau1, merged, bcw, kind, lambda, org, p0, p1, def16, def));
            }
        }
        return out;
    }

    /** The network's input planes of a w x h window of {@code k} at (x0, y0), into {@code dst} (planes of w*h). */
    void input(Cu k, int x0, int y0, int wd, int ht, float[] dst, int off) {
        int plane = wd * ht;
        for (int y = 0; y < ht; y++) {
            for (int x = 0; x < wd; x++) {
                int i = (y0 + y) * k.n() + x0 + x;
                int j = off + y * wd + x;
                float d = k.pbar(i);
                dst[j] = ((k.p0()[i] + 8192) / 64f - d) / 8f;
                dst[j + plane] = ((k.p1()[i] + 8192) / 64f - d) / 8f;
                dst[j + 2 * plane] = (d - 128f) / 64f;
                if (qpInput) {
                    dst[j + 3 * plane] = (k.qp() - 30) / 8f;
                }
            }
        }
    }

    void build() {
        sd = SameDiff.create();
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + 7);
        SDVariable x = sd.placeHolder("in", DataType.FLOAT, -1, inputs, -1, -1);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, 1, -1, -1);
        SDVariable padding = sd.constant("padding", Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {1, 1}, {1, 1}}));
        for (int l = 0; l < layers; l++) {
            int ci = chIn[l];
            int co = chOut[l];
            boolean last = l == layers - 1;
            // He initialisation; the last layer starts small, so the network starts near the default prediction
            float std = (float) Math.sqrt(2.0 / (K * K * ci)) * (last ? 0.05f : 1f);
            float[] wt = new float[K * K * ci * co];
            for (int i = 0; i < wt.length; i++) {
                wt[i] = (float) rng.nextGaussian() * std;
            }
            // weights [ky][kx][i][c] (SameDiff's YXIO), zero padding as an explicit pad and a VALID convolution
            SDVariable wv = sd.var("w" + l, Nd4j.createFromArray(wt).reshape('c', K, K, ci, co));
            SDVariable bv = sd.var("b" + l, Nd4j.createFromArray(new float[co]));
            SDVariable xp = sd.nn().pad(x, padding, PadMode.CONSTANT, 0.0);
            SDVariable z = sd.cnn().conv2d("z" + l, xp, wv, bv, Conv2DConfig.builder().kH(K).kW(K).sH(1).sW(1)
                    .dH(1).dW(1).pH(0).pW(0).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
            x = last ? sd.identity("out", z) : sd.nn().relu("a" + l, z, 0);
        }
        SDVariable loss = sd.math().square(x.sub(target)).mean("loss");
        sd.setLossVariables(loss);
    }

    void train(List<Cu> cus) {
        // all 16x16 tiles of the CUs of size 16 and more, then a random subsample
        List<int[]> all = new ArrayList<>();
        for (int c = 0; c < cus.size(); c++) {
            int n = cus.get(c).n();
            if (n < TILE) {
                continue;
            }
            for (int y = 0; y < n; y += TILE) {
                for (int x = 0; x < n; x += TILE) {
                    all.add(new int[] {c, x, y});
                }
            }
        }
        Random rng = new Random(seed);
        java.util.Collections.shuffle(all, rng);
        int m = Math.min(tiles, all.size());
        int plane = TILE * TILE;
        float[] in = new float[m * inputs * plane];
        float[] tg = new float[m * plane];
        double baseSse = 0;
        for (int t = 0; t < m; t++) {
            int[] a = all.get(t);
            Cu k = cus.get(a[0]);
            input(k, a[1], a[2], TILE, TILE, in, t * inputs * plane);
            for (int y = 0; y < TILE; y++) {
                for (int x = 0; x < TILE; x++) {
                    int i = (a[2] + y) * k.n() + a[1] + x;
                    float e = k.org(i) - k.pbar(i);
                    tg[t * plane + y * TILE + x] = e;
                    baseSse += e * e;
                }
            }
        }
        log.printf(Locale.ROOT, "tiles: %d of %d (16x16), MSE of the default before its rounding %.3f%n", m, all.size(), baseSse / ((double) m * plane));
        build();
        List<String> names = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            names.add("w" + l);
            names.add("b" + l);
        }
        int perEpoch = m / batch;
        int total = perEpoch * epochs;
        // cosine decay of the learning rate to a tenth
        Adam adam = new Adam(sd, names, t -> lr * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * t / total))));
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        long t0 = System.nanoTime();
        float[] bi = new float[batch * inputs * plane];
        float[] bt = new float[batch * plane];
        for (int ep = 0; ep < epochs; ep++) {
            for (int i = m - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int s = order[i];
                order[i] = order[j];
                order[j] = s;
            }
            double lossSum = 0;
            for (int s = 0; s < perEpoch; s++) {
                for (int q = 0; q < batch; q++) {
                    int t = order[s * batch + q];
                    System.arraycopy(in, t * inputs * plane, bi, q * inputs * plane, inputs * plane);
                    System.arraycopy(tg, t * plane, bt, q * plane, plane);
                }
                Map<String, INDArray> ph = new HashMap<>();
                ph.put("in", Nd4j.createFromArray(bi).reshape('c', batch, inputs, TILE, TILE));
                ph.put("target", Nd4j.createFromArray(bt).reshape('c', batch, 1, TILE, TILE));
                adam.step(ph);
                if (s % 50 == 0 || s == perEpoch - 1) {
                    double l = sd.output(ph, "loss").get("loss").getDouble(0);
                    lossSum = l;
                    log.printf(Locale.ROOT, "epoch %d step %d/%d: batch MSE %.3f (%.0f s)%n", ep, s, perEpoch, l,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            log.printf(Locale.ROOT, "epoch %d done, last batch MSE %.3f, %.0f s%n", ep, lossSum, (System.nanoTime() - t0) / 1e9);
        }
        // training-set MSE of the final network (over all the tiles, in batches)
        double sse = 0;
        for (int s = 0; s + batch <= m; s += batch) {
            INDArray x = Nd4j.createFromArray(Arrays.copyOfRange(in, s * inputs * plane, (s + batch) * inputs * plane))
                    .reshape('c', batch, inputs, TILE, TILE);
            INDArray y = Nd4j.createFromArray(Arrays.copyOfRange(tg, s * plane, (s + batch) * plane))
                    .reshape('c', batch, 1, TILE, TILE);
            sse += sd.output(Map.of("in", x, "target", y), "loss").get("loss").getDouble(0) * batch * plane;
        }
        log.printf(Locale.ROOT, "training tiles: MSE %.3f -> %.3f (%+.2f %%, unrounded)%n", baseSse / ((double) m * plane),
                sse / ((double) (m / batch) * batch * plane), 100 * (sse / ((double) (m / batch) * batch * plane)
                        / (baseSse / ((double) m * plane)) - 1));
        extract();
    }

    /** Copies the trained weights into {@link #w}, {@link #b} ([c][i][ky][kx]). */
    void extract() {
        w = new float[layers][];
        b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            INDArray wa = sd.getVariable("w" + l).getArr();
            int ci = chIn[l];
            int co = chOut[l];
            w[l] = new float[co * ci * K * K];
            for (int ky = 0; ky < K; ky++) {
                for (int kx = 0; kx < K; kx++) {
                    for (int i = 0; i < ci; i++) {
                        for (int c = 0; c < co; c++) {
                            w[l][((c * ci + i) * K + ky) * K + kx] = wa.getFloat(ky, kx, i, c);
                        }
                    }
                }
            }
            b[l] = sd.getVariable("b" + l).getArr().dup().data().asFloat();
        }
    }

    void saveWeights(Path f) throws IOException {
        try (var out = new java.io.DataOutputStream(Files.newOutputStream(f))) {
            out.writeInt(layers);
            out.writeInt(channels);
            out.writeInt(inputs);
            for (int l = 0; l < layers; l++) {
                for (float v : w[l]) {
                    out.writeFloat(v);
                }
                for (float v : b[l]) {
                    out.writeFloat(v);
                }
            }
        }
    }

    void loadWeights(Path f) throws IOException {
        try (var in = new DataInputStream(Files.newInputStream(f))) {
            if (in.readInt() != layers || in.readInt() != channels || in.readInt() != inputs) {
                throw new IOException(f + ": another network shape");
            }
            w = new float[layers][];
            b = new float[layers][];
            for (int l = 0; l < layers; l++) {
                w[l] = new float[chOut[l] * chIn[l] * K * K];
                b[l] = new float[chOut[l]];
                for (int i = 0; i < w[l].length; i++) {
                    w[l][i] = in.readFloat();
                }
                for (int i = 0; i < b[l].length; i++) {
                    b[l][i] = in.readFloat();
                }
            }
        }
    }

    /**
     * Forward pass over one n x n CU (zero padding at its edges), float; with {@code act} non-null the
     * 8-bit network: weights rounded per output channel to 127 steps of their largest magnitude, each hidden
     * activation rounded to 255 steps of {@code act[l]} (clipped); with {@code stats} non-null the hidden
     * activations' values are collected there (calibration). Returns the residual per sample.
     */
    float[] forward(Cu k, float[][] wq, float[][] act, List<float[]>[] stats) {
        int n = k.n();
        int p = n + 2;
        float[] cur = new float[inputs * p * p];
        float[] tmp = new float[inputs * n * n];
        input(k, 0, 0, n, n, tmp, 0);
        for (int i = 0; i < inputs; i++) {
            for (int y = 0; y < n; y++) {
                System.arraycopy(tmp, i * n * n + y * n, cur, i * p * p + (y + 1) * p + 1, n);
            }
        }
        float[] out = null;
        for (int l = 0; l < layers; l++) {
            int ci = chIn[l];
            int co = chOut[l];
            boolean last = l == layers - 1;
            float[] nx = new float[co * p * p];
            float[] acc = new float[n];
            for (int c = 0; c < co; c++) {
                for (int y = 0; y < n; y++) {
                    Arrays.fill(acc, b[l][c]);
                    for (int i = 0; i < ci; i++) {
                        int base = i * p * p;
                        for (int ky = 0; ky < K; ky++) {
                            int row = base + (y + ky) * p;
                            for (int kx = 0; kx < K; kx++) {
                                float wt = wq[l][((c * ci + i) * K + ky) * K + kx];
                                int o = row + kx;
                                for (int x = 0; x < n; x++) {
                                    acc[x] += wt * cur[o + x];
                                }
                            }
                        }
                    }
                    int d = c * p * p + (y + 1) * p + 1;
                    for (int x = 0; x < n; x++) {
                        float v = last ? acc[x] : Math.max(0f, acc[x]);
                        if (!last && act != null) {
                            float s = act[l][c];
                            v = s > 0 ? Math.min(255f, Math.round(v / s)) * s : 0f;
                        }
                        nx[d + x] = v;
                    }
                    if (!last && stats != null) {
                        stats[l].add(Arrays.copyOfRange(nx, d, d + n));
                    }
                }
            }
            cur = nx;
            if (last) {
                out = new float[n * n];
                for (int y = 0; y < n; y++) {
                    System.arraycopy(nx, (y + 1) * p + 1, out, y * n, n);
                }
            }
        }
        return out;
    }

    /** Weights rounded per output channel to 8 bits (127 steps of the largest magnitude). */
    float[][] quantisedWeights() {
        float[][] q = new float[layers][];
        for (int l = 0; l < layers; l++) {
            q[l] = w[l].clone();
            int per = chIn[l] * K * K;
            for (int c = 0; c < chOut[l]; c++) {
                float max = 0;
                for (int j = 0; j < per; j++) {
                    max = Math.max(max, Math.abs(q[l][c * per + j]));
                }
                float s = max / 127f;
                for (int j = 0; j < per; j++) {
                    q[l][c * per + j] = s > 0 ? Math.round(q[l][c * per + j] / s) * s : 0f;
                }
            }
        }
        return q;
    }

    /** Per hidden layer and channel the activation step: the 99.99th percentile over 300 CUs / 255. */
    @SuppressWarnings("unchecked")
    float[][] calibrate(List<Cu> cus) {
        float[][] act = new float[layers][];
        List<float[]>[] stats = new List[layers];
        for (int l = 0; l < layers; l++) {
            stats[l] = new ArrayList<>();
        }
        // every 100th CU (inputs only)
        for (int i = 0; i < cus.size(); i += 100) {
            forward(cus.get(i), w, null, stats);
        }
        for (int l = 0; l < layers - 1; l++) {
            act[l] = new float[chOut[l]];
            // rows are stored channel by channel per CU: gather per channel by position
            List<float[]> rows = stats[l];
            // each forward call adds co * n rows in channel order; rebuild the channel of each row
            Map<Integer, List<Float>> per = new TreeMap<>();
            int idx = 0;
            for (int i = 0; i < cus.size(); i += 100) {
                int n = cus.get(i).n();
                for (int c = 0; c < chOut[l]; c++) {
                    for (int y = 0; y < n; y++) {
                        for (float v : rows.get(idx++)) {
                            per.computeIfAbsent(c, z -> new ArrayList<>()).add(v);
                        }
                    }
                }
            }
            for (int c = 0; c < chOut[l]; c++) {
                List<Float> v = per.getOrDefault(c, List.of());
                float[] s = new float[v.size()];
                for (int j = 0; j < s.length; j++) {
                    s[j] = v.get(j);
                }
                Arrays.sort(s);
                float pct = s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) (s.length * 0.9999))];
                act[l][c] = pct / 255f;
            }
        }
        return act;
    }

    /** Accumulators of a group: default SSE, refined SSE (always on), flag choice SSE and cost (fixed, adaptive). */
    static final class Acc {
        double def;
        /** The refined prediction's formula with a zero residual (round(pbar)): the double rounding's effect. */
        double zero;
        double all;
        double oracle;
        double flag1;
        double flagCtx;
        long samples;
        long cus;
        long on;

        void add(Acc a) {
            def += a.def;
            zero += a.zero;
            all += a.all;
            oracle += a.oracle;
            flag1 += a.flag1;
            flagCtx += a.flagCtx;
            samples += a.samples;
            cus += a.cus;
            on += a.on;
        }

        String row(String name) {
            return String.format(Locale.ROOT,
                    "| %s | %d | %d | %.3f | %+.3f %% | %+.2f %% | %+.2f %% | %+.2f %% | %+.2f %% | %.1f %% |", name, cus,
                    samples, def / samples, pct(zero), pct(all), pct(oracle), pct(flag1), pct(flagCtx), 100.0 * on / cus);
        }

        private double pct(double v) {
            return 100 * (v / def - 1);
        }
    }

    void evaluate(List<Cu> cus, String label, float[][] act) {
        float[][] wq = act != null ? quantisedWeights() : w;
        TreeMap<String, Acc> groups = new TreeMap<>();
        // adaptive context per (clip, qp): probability of "on", update max(1/(count+2), 1/32)
        Map<Long, double[]> ctx = new HashMap<>();
        String[] kinds = {"average", "bi-flow", "weighted"};
        for (Cu k : cus) {
            float[] r = forward(k, wq, act, null);
            Acc a = new Acc();
            int len = k.n() * k.n();
            for (int i = 0; i < len; i++) {
                int d = k.def(i);
                int o = k.org(i);
                // the residual is added before the default prediction's final rounding
                int ref = Math.clamp(Math.round(k.pbar(i) + r[i]), 0, 255);
                int r0 = Math.clamp(Math.round(k.pbar(i)), 0, 255);
                a.def += (double) (o - d) * (o - d);
                a.all += (double) (o - ref) * (o - ref);
                a.zero += (double) (o - r0) * (o - r0);
            }
            boolean better = a.all < a.def;
            a.oracle = Math.min(a.all, a.def);
            double lam = k.lambda();
            a.flag1 = Math.min(a.all, a.def) + lam;
            double[] c = ctx.computeIfAbsent(((long) k.clip() << 8) | k.qp(), z -> new double[] {0.5, 0});
            double bitsOn = -Math.log(Math.max(c[0], 1.0 / 64)) / Math.log(2);
            double bitsOff = -Math.log(Math.max(1 - c[0], 1.0 / 64)) / Math.log(2);
            double jOn = a.all + lam * bitsOn;
            double jOff = a.def + lam * bitsOff;
            boolean on = jOn < jOff;
            a.flagCtx = Math.min(jOn, jOff);
            double rate = Math.max(1.0 / (c[1] + 2), 1.0 / 32);
            c[0] += rate * ((on ? 1 : 0) - c[0]);
            c[1]++;
            a.samples = len;
            a.cus = 1;
            a.on = on ? 1 : 0;
            String[] keys = {"0 all", "1 clip " + k.clip(), "2 qp " + k.qp(), "3 size " + k.n(),
                    "4 " + (k.merged() ? "merged/skipped" : "AMVP"), "5 default " + kinds[k.kind()]};
            for (String key : keys) {
                groups.computeIfAbsent(key, z -> new Acc()).add(a);
            }
            if (better && a.on == 0) {
                groups.computeIfAbsent("6 better but flag off (rate)", z -> new Acc()).add(a);
            }
        }
        log.printf(Locale.ROOT, "%n%s network on the held-out CUs (change of SSE against the default prediction; flag: "
                + "SSE + lambda * bits)%n", label);
        log.println("| group | CUs | samples | default MSE | zero residual | (a) every CU | per-CU oracle (no rate) | (b) flag, 1 bit "
                + "| (b) flag, adaptive context | flag on |");
        log.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Acc> e : groups.entrySet()) {
            log.println(e.getValue().row(e.getKey().substring(2)));
        }
    }
}
