package io.inlay.neural.training;

import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.Kernels;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Offline study of a non-linear learned intra predictor (docs/learned-intra.md, "Non-linear
 * network (MLP), offline study"; issue 8). Trains with ND4J, per block-size class, a small
 * multi-layer perceptron over the full-resolution reference samples with K output heads (modes),
 * each head a reduced prediction of lip4's shape (4x4 for 4x4 blocks, 8x8 otherwise; 16x16 and
 * 32x32 upsampled by §4.8 step 4), and measures on the held-out blocks the encoder's pre-selection
 * cost of the best of {regular modes} ∪ {lip4} ∪ {MLP heads}, in float and after an integer
 * quantisation (8-bit weights, 32-bit accumulation, integer ReLU with 8-bit activations).
 *
 * <p>Data: {@code LearnedIntraMlpData} (codec-core tests), which writes the blocks of
 * {@code LearnedIntraTrainer} with the regular modes' and lip4's costs. Input: the reference
 * samples minus lip4's boundary mean {@code avg}, divided by 32 (line 1: corner, n above, n left;
 * with {@code --lines 2} also the second line). Training: heads assigned winner-takes-all per block
 * (Lloyd style, as lip4's modes were; the first {@code --warm} steps by lip4's best mode), loss the
 * squared error of the assigned head in the trainer's coordinates (the full-resolution error for
 * 16x16 and 32x32, through {@code LearnedIntraTrainer.Up}), blocks whose best head is worse than
 * 1.25 times the best regular mode weighted 0.1 (lip4's specialisation). Adam, as {@code TrainNlf}.
 *
 * <p>Run {@code TrainLipMlp --data DIR --out DIR [--classes 4,8,16,32] [--hidden 64,64] [--heads 16]
 * [--lines 1|2] [--loss mse|satd] [--steps 3000] [--batch 1024] [--lr 1e-3] [--warm 300] [--seed 1] [--tag NAME]}.
 */
public final class TrainLipMlp {
    private static final double MARGIN = 1.25;
    private static final float LOSER_WEIGHT = 0.1f;
    private static final float IN_SCALE = 1f / 32f;
    /** The codec's area share of each block size's intra CUs, tool off (lip5 section): 4x4 (NxN), 8x8, 16x16, 32x32 and 64x64. */
    private static final double[] AREA = {0.155, 0.326, 0.309, 0.210};

    private final Map<String, String> opt;
    private final PrintStream log;

    private TrainLipMlp(Map<String, String> opt, PrintStream log) {
        this.opt = opt;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            opt.put(args[i].substring(2), args[i + 1]);
        }
        Path out = Path.of(opt.getOrDefault("out", "results/lip-mlp"));
        Files.createDirectories(out);
        String tag = opt.getOrDefault("tag", "mlp");
        try (PrintStream log = new PrintStream(new TeeStream(System.out, Files.newOutputStream(out.resolve(tag + ".log"))),
                true)) {
            log.println("TrainLipMlp " + opt);
            new TrainLipMlp(opt, log).run();
        }
    }

    /** One class's blocks as read from a LearnedIntraMlpData file. */
    static final class Blocks {
        int n;
        int r;
        int featLen;
        int count;
        int[] qps;
        double[][] ltInv;
        byte[] qi;
        short[] avg;
        short[][] feat;
        short[][] orig;
        float[][] t;
        float[] rest;
        float[] regSse;
        float[] regCost;
        float[] lipSse;
        float[] lipCost;
        byte[] lipSseMode;

        static Blocks read(Path file) throws IOException {
            Blocks b = new Blocks();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
                if (in.readInt() != 0x494C4D44) {
                    throw new IOException(file + ": not a LearnedIntraMlpData file");
                }
                b.n = in.readInt();
                b.r = in.readInt();
                b.featLen = in.readInt();
                b.count = in.readInt();
                b.qps = new int[in.readInt()];
                for (int i = 0; i < b.qps.length; i++) {
                    b.qps[i] = in.readInt();
                }
                int outN = b.r * b.r;
                if (b.r < b.n) {
                    b.ltInv = new double[outN][outN];
                    for (int a = 0; a < outN; a++) {
                        for (int c = 0; c < outN; c++) {
                            b.ltInv[a][c] = in.readFloat();
                        }
                    }
                }
                int m = b.count;
                b.qi = new byte[m];
                b.avg = new short[m];
                b.feat = new short[m][b.featLen];
                b.orig = new short[m][b.n * b.n];
                b.t = new float[m][outN];
                b.rest = new float[m];
                b.regSse = new float[m];
                b.regCost = new float[m];
                b.lipSse = new float[m];
                b.lipCost = new float[m];
                b.lipSseMode = new byte[m];
                for (int i = 0; i < m; i++) {
                    b.qi[i] = in.readByte();
                    b.avg[i] = in.readShort();
                    for (int j = 0; j < b.featLen; j++) {
                        b.feat[i][j] = in.readShort();
                    }
                    for (int j = 0; j < b.n * b.n; j++) {
                        b.orig[i][j] = in.readShort();
                    }
                    for (int j = 0; j < outN; j++) {
                        b.t[i][j] = in.readFloat();
                    }
                    b.rest[i] = in.readFloat();
                    b.regSse[i] = in.readFloat();
                    b.regCost[i] = in.readFloat();
                    in.readByte();
                    b.lipSse[i] = in.readFloat();
                    b.lipCost[i] = in.readFloat();
                    in.readByte();
                    b.lipSseMode[i] = in.readByte();
                }
            }
            return b;
        }

        /** Number of network inputs for {@code lines} reference lines. */
        int inputs(int lines) {
            return lines == 1 ? 2 * n + 1 : featLen;
        }
    }

    private void run() throws Exception {
        Path data = Path.of(opt.get("data"));
        String[] classes = opt.getOrDefault("classes", "4,8,16,32").split(",");
        List<double[]> summary = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String cs : classes) {
            int n = Integer.parseInt(cs);
            Blocks train = Blocks.read(data.resolve("c" + n + "-train.bin"));
            Blocks held = Blocks.read(data.resolve("c" + n + "-heldout.bin"));
            summary.add(trainClass(train, held));
            sizes.add(n);
        }
        log.println();
        log.println("summary (held-out; reduction of the summed pre-selection cost against the regular modes alone):");
        log.println("| class | lip4 | MLP float | MLP integer | lip4 + MLP integer | the same, 5-bit index | MLP integer / lip4 |"
                + " MAC/sample (one mode; all K modes) |");
        log.println("|---|---|---|---|---|---|---|---|");
        double[] w = new double[7];
        double wSum = 0;
        for (int i = 0; i < summary.size(); i++) {
            double[] s = summary.get(i);
            int c = Integer.numberOfTrailingZeros(sizes.get(i)) - 2;
            log.printf(Locale.ROOT, "| %dx%d | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.2f | %.1f; %.1f |%n", sizes.get(i),
                    sizes.get(i), s[0], s[1], s[2], s[3], s[6], s[2] / s[0], s[4], s[5]);
            for (int k = 0; k < 7; k++) {
                w[k] += AREA[c] * s[k];
            }
            wSum += AREA[c];
        }
        if (summary.size() == 4) {
            log.printf(Locale.ROOT, "| area-weighted | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.2f | |%n", w[0] / wSum,
                    w[1] / wSum, w[2] / wSum, w[3] / wSum, w[6] / wSum, w[2] / w[0]);
            log.printf(Locale.ROOT, "calibration: lip4's -0.41 %% YUV (-0.46 %% Y) for %.2f %% => MLP integer alone about %.2f %% YUV,"
                    + " lip4 + MLP about %.2f %% YUV (%.2f %% with a 5-bit index)%n", w[0] / wSum, -0.41 * w[2] / w[0],
                    -0.41 * w[3] / w[0], -0.41 * w[6] / w[0]);
        }
    }

    /**
     * Trains one class and evaluates it; returns the held-out reductions (%, positive = lower cost)
     * of lip4, the float MLP, the integer MLP, lip4 and the integer MLP together, and the MACs per
     * sample (one mode, all modes).
     */
    private double[] trainClass(Blocks train, Blocks held) {
        int n = train.n;
        int r = train.r;
        int outN = r * r;
        int lines = Integer.parseInt(opt.getOrDefault("lines", "1"));
        int in = train.inputs(lines);
        int k = Integer.parseInt(opt.getOrDefault("heads", "16"));
        String hs = opt.getOrDefault("hidden", "64,64");
        int[] hidden = hs.isEmpty() || hs.equals("none") ? new int[0]
                : java.util.Arrays.stream(hs.split(",")).mapToInt(Integer::parseInt).toArray();
        int steps = Integer.parseInt(opt.getOrDefault("steps", "3000"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "1024"));
        double lr = Double.parseDouble(opt.getOrDefault("lr", "1e-3"));
        int warm = Integer.parseInt(opt.getOrDefault("warm", "300"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "1"));
        Random rnd = new Random(seed + n);
        // Target scale: the targets' RMS, so that the outputs are about unit size.
        double ss = 0;
        for (float[] t : train.t) {
            for (float v : t) {
                ss += v * v;
            }
        }
        float tScale = (float) Math.sqrt(ss / ((double) train.count * outN));
        log.printf(Locale.ROOT, "%nclass %dx%d: %d training blocks, %d held-out; %d inputs (%d line%s), hidden %s, %d heads of %d"
                + " outputs; target RMS %.2f; %d steps of %d, Adam lr %.1e; loss %s%n", n, n, train.count, held.count, in, lines,
                lines == 1 ? "" : "s", java.util.Arrays.toString(hidden), k, outN, tScale, steps, batch, lr,
                opt.getOrDefault("loss", "mse").equals("satd") && r == n ? "SATD (L1 of Hadamard coefficients)" : "squared error");

        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("in", DataType.FLOAT, -1, in);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, 1, outN);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, k);
        List<String> names = new ArrayList<>();
        int prev = in;
        SDVariable a = x;
        int[] widths = new int[hidden.length + 1];
        System.arraycopy(hidden, 0, widths, 0, hidden.length);
        widths[hidden.length] = k * outN;
        for (int l = 0; l < widths.length; l++) {
            int wOut = widths[l];
            boolean last = l == widths.length - 1;
            double std = last ? Math.sqrt(1.0 / prev) * 0.5 : Math.sqrt(2.0 / prev);   // He for ReLU layers
            float[] w = new float[prev * wOut];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rnd.nextGaussian() * std);
            }
            SDVariable wv = sd.var("w" + l, Nd4j.createFromArray(w).reshape('c', prev, wOut));
            SDVariable bv = sd.var("b" + l, Nd4j.zeros(DataType.FLOAT, wOut));
            names.add("w" + l);
            names.add("b" + l);
            SDVariable z = a.mmul(wv).add(bv);
            a = last ? sd.identity("out", z) : sd.nn().relu("a" + l, z, 0);
            prev = wOut;
        }
        SDVariable out3 = a.reshape(-1, k, outN);
        // --loss satd (4x4 and 8x8): the sum of absolute Hadamard coefficients of the residual, the
        // encoder's pre-selection distortion up to its normalisation; else squared error.
        boolean satdLoss = opt.getOrDefault("loss", "mse").equals("satd") && r == n;
        SDVariable err;
        if (satdLoss) {
            SDVariable hT = sd.constant("hadamardT", Nd4j.createFromArray(hadamard(r)).reshape('c', r, r).transpose().dup('c'));
            SDVariable d = out3.sub(target).reshape(-1, r);                      // rows of each residual
            SDVariable rowsT = d.mmul(hT).reshape(-1, r, r).permute(0, 2, 1).reshape(-1, r);
            SDVariable coef = rowsT.mmul(hT);
            err = sd.math().abs(coef).reshape(-1, k, outN).sum("err", 2);
        } else {
            err = sd.math().square(out3.sub(target)).sum("err", 2);
        }
        SDVariable loss = err.mul(mask).sum("loss");
        sd.setLossVariables(loss);

        Adam adam = new Adam(sd, names, Adam.exponential(lr, Math.pow(0.05, 1.0 / steps), 0));
        int m = train.count;
        float[] xb = new float[batch * in];
        float[] tb = new float[batch * outN];
        float[] mb = new float[batch * k];
        int[] idx = new int[batch];
        long t0 = System.nanoTime();
        double lossSum = 0;
        int lossN = 0;
        for (int step = 1; step <= steps; step++) {
            for (int i = 0; i < batch; i++) {
                idx[i] = rnd.nextInt(m);
                fill(train, idx[i], lines, in, xb, i);
                for (int j = 0; j < outN; j++) {
                    tb[i * outN + j] = train.t[idx[i]][j] / tScale;
                }
            }
            INDArray xin = Nd4j.createFromArray(xb).reshape('c', batch, in);
            INDArray tin = Nd4j.createFromArray(tb).reshape('c', batch, 1, outN);
            java.util.Arrays.fill(mb, 0f);
            if (step <= warm) {
                for (int i = 0; i < batch; i++) {
                    mb[i * k + train.lipSseMode[idx[i]] % k] = 1f / batch;
                }
            } else {
                INDArray e = sd.output(Map.of("in", xin, "target", tin, "mask", Nd4j.createFromArray(mb).reshape('c', batch, k)),
                        "err").get("err");
                float[] ev = e.data().asFloat();
                for (int i = 0; i < batch; i++) {
                    int best = 0;
                    for (int h = 1; h < k; h++) {
                        if (ev[i * k + h] < ev[i * k + best]) {
                            best = h;
                        }
                    }
                    double sse;
                    float wt;
                    if (satdLoss) {
                        // Encoder SATD: (sum + 1) >> 1 for 4x4, (sum + 2) >> 2 for 8x8 (ScalarBlockDistortion).
                        sse = ev[i * k + best] * (double) tScale / (r == 4 ? 2 : 4);
                        double lam = Math.sqrt(0.57 * Math.pow(2.0, (train.qps[train.qi[idx[i]]] - 12) / 3.0));
                        wt = sse + lam * 7.0 < MARGIN * train.regCost[idx[i]] ? 1f : LOSER_WEIGHT;
                    } else {
                        sse = ev[i * k + best] * (double) tScale * tScale;
                        wt = sse < MARGIN * train.regSse[idx[i]] ? 1f : LOSER_WEIGHT;
                    }
                    mb[i * k + best] = wt / batch;
                    lossSum += sse / outN;
                    lossN++;
                }
            }
            INDArray min = Nd4j.createFromArray(mb).reshape('c', batch, k);
            adam.step(Map.of("in", xin, "target", tin, "mask", min));
            if (step % 500 == 0 || step == steps) {
                log.printf(Locale.ROOT, "  step %5d (%5.0f s): training mse of the best head %.2f%n", step,
                        (System.nanoTime() - t0) * 1e-9, lossN > 0 ? lossSum / lossN : Double.NaN);
                lossSum = 0;
                lossN = 0;
            }
        }
        // Float weights, the last layer folded into reduced-sample units: reduced = avg + L^-T (tScale z).
        List<float[][]> W = new ArrayList<>();
        List<float[]> B = new ArrayList<>();
        for (int l = 0; l < widths.length; l++) {
            INDArray wa = sd.getVariable("w" + l).getArr();
            float[] wf = wa.dup('c').data().asFloat();
            int rows = (int) wa.size(0);
            int cols = (int) wa.size(1);
            float[][] wm = new float[cols][rows];   // [out][in]
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    wm[j][i] = wf[i * cols + j] * (l == 0 ? IN_SCALE : 1f);
                }
            }
            float[] bf = sd.getVariable("b" + l).getArr().dup().data().asFloat();
            W.add(wm);
            B.add(bf);
        }
        foldLast(W, B, train, k, tScale);
        Net net = new Net(W, B, k, outN);
        IntNet qnet = IntNet.quantise(net, train, lines, in, outN);
        return evaluate(held, net, qnet, lines, in, k);
    }

    /** Sylvester Hadamard matrix of order r (a power of 2), row-major. */
    private static float[] hadamard(int r) {
        float[] h = new float[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                h[i * r + j] = Integer.bitCount(i & j) % 2 == 0 ? 1f : -1f;
            }
        }
        return h;
    }

    /** Writes block i's network input (samples minus avg, times IN_SCALE) into xb at row row. */
    private static void fill(Blocks b, int i, int lines, int in, float[] xb, int row) {
        for (int j = 0; j < in; j++) {
            xb[row * in + j] = (b.feat[i][j] - b.avg[i]) * IN_SCALE;
        }
    }

    /** Folds the output scale and, for 16x16 and 32x32, L^-T into the last layer, head by head. */
    private static void foldLast(List<float[][]> W, List<float[]> B, Blocks b, int k, float tScale) {
        int last = W.size() - 1;
        float[][] w = W.get(last);
        float[] bias = B.get(last);
        int outN = b.r * b.r;
        int cols = w[0].length;
        float[][] nw = new float[w.length][cols];
        float[] nb = new float[bias.length];
        for (int h = 0; h < k; h++) {
            for (int a = 0; a < outN; a++) {
                int row = h * outN + a;
                if (b.ltInv == null) {
                    for (int c = 0; c < cols; c++) {
                        nw[row][c] = w[row][c] * tScale;
                    }
                    nb[row] = bias[row] * tScale;
                    continue;
                }
                for (int q = a; q < outN; q++) {
                    double li = b.ltInv[a][q] * tScale;
                    if (li == 0) {
                        continue;
                    }
                    for (int c = 0; c < cols; c++) {
                        nw[row][c] += (float) (li * w[h * outN + q][c]);
                    }
                    nb[row] += (float) (li * bias[h * outN + q]);
                }
            }
        }
        W.set(last, nw);
        B.set(last, nb);
    }

    /** The float network on sample-unit inputs (samples minus avg): layers [out][in], ReLU between. */
    record Net(List<float[][]> w, List<float[]> b, int heads, int outN) {
        /** Hidden activations of the last hidden layer (the input itself without hidden layers). */
        double[] hidden(double[] x) {
            double[] a = x;
            for (int l = 0; l < w.size() - 1; l++) {
                float[][] wl = w.get(l);
                double[] z = new double[wl.length];
                for (int j = 0; j < wl.length; j++) {
                    double s = b.get(l)[j];
                    for (int i = 0; i < a.length; i++) {
                        s += wl[j][i] * a[i];
                    }
                    z[j] = Math.max(0, s);
                }
                a = z;
            }
            return a;
        }

        /** Reduced prediction minus avg of head h, from the last hidden activations. */
        void head(double[] a, int h, double[] out) {
            float[][] wl = w.get(w.size() - 1);
            float[] bl = b.get(w.size() - 1);
            for (int j = 0; j < outN; j++) {
                int row = h * outN + j;
                double s = bl[row];
                for (int i = 0; i < a.length; i++) {
                    s += wl[row][i] * a[i];
                }
                out[j] = s;
            }
        }
    }

    /**
     * The integer network: 8-bit weights per layer (per head in the last layer), 32-bit
     * accumulation, hidden activations {@code clip((acc + B) * M >> S, 0, 255)} (integer ReLU with
     * an 8-bit activation), output {@code (acc + B) * M + 2^(S-1) >> S} in reduced samples minus avg.
     * Activation scales from the 99.99th percentile of the float activations on training blocks.
     */
    static final class IntNet {
        final List<byte[][]> w = new ArrayList<>();
        final List<int[]> bias = new ArrayList<>();
        final List<int[]> mult = new ArrayList<>();     // per output row
        final List<Integer> shift = new ArrayList<>();
        int heads;
        int outN;

        static IntNet quantise(Net net, Blocks train, int lines, int in, int outN) {
            IntNet q = new IntNet();
            q.heads = net.heads();
            q.outN = outN;
            int layers = net.w().size();
            // Calibration of the hidden activations.
            double[] actScale = new double[layers];
            actScale[0] = 1.0;   // input: integer samples minus avg
            Random rnd = new Random(7);
            int samples = Math.min(train.count, 20000);
            for (int l = 0; l < layers - 1; l++) {
                List<Double> vals = new ArrayList<>();
                for (int s = 0; s < samples; s++) {
                    int i = rnd.nextInt(train.count);
                    double[] a = input(train, i, in);
                    for (int ll = 0; ll <= l; ll++) {
                        float[][] wl = net.w().get(ll);
                        double[] z = new double[wl.length];
                        for (int j = 0; j < wl.length; j++) {
                            double v = net.b().get(ll)[j];
                            for (int p = 0; p < a.length; p++) {
                                v += wl[j][p] * a[p];
                            }
                            z[j] = Math.max(0, v);
                        }
                        a = z;
                    }
                    for (double v : a) {
                        if (v > 0) {
                            vals.add(v);
                        }
                    }
                }
                vals.sort(null);
                double p = vals.isEmpty() ? 1 : vals.get((int) Math.min(vals.size() - 1, vals.size() * 0.9999));
                actScale[l + 1] = p / 255.0;
            }
            for (int l = 0; l < layers; l++) {
                boolean last = l == layers - 1;
                float[][] wl = net.w().get(l);
                float[] bl = net.b().get(l);
                int rows = wl.length;
                int cols = wl[0].length;
                byte[][] wq = new byte[rows][cols];
                int[] bq = new int[rows];
                int[] mq = new int[rows];
                double sIn = actScale[l];
                // Weight scale: per layer for hidden layers, per head for the last.
                int group = last ? outN : rows;
                double[] sw = new double[rows];
                for (int g0 = 0; g0 < rows; g0 += group) {
                    double max = 1e-12;
                    for (int j = g0; j < g0 + group; j++) {
                        for (int i = 0; i < cols; i++) {
                            max = Math.max(max, Math.abs(wl[j][i] * sIn));
                        }
                    }
                    for (int j = g0; j < g0 + group; j++) {
                        sw[j] = max / 127.0;
                    }
                }
                double sOut = last ? 1.0 : actScale[l + 1];
                int s = 24;
                while (s > 1) {
                    boolean ok = true;
                    for (int j = 0; j < rows && ok; j++) {
                        ok = Math.round(sw[j] / sOut * (1L << s)) <= 65535;
                    }
                    if (ok) {
                        break;
                    }
                    s--;
                }
                for (int j = 0; j < rows; j++) {
                    mq[j] = (int) Math.max(1, Math.round(sw[j] / sOut * (1L << s)));
                    double swExact = mq[j] * sOut / (1L << s);
                    for (int i = 0; i < cols; i++) {
                        wq[j][i] = (byte) Math.max(-127, Math.min(127, Math.round(wl[j][i] * sIn / swExact)));
                    }
                    bq[j] = (int) Math.round(bl[j] / swExact);
                }
                q.w.add(wq);
                q.bias.add(bq);
                q.mult.add(mq);
                q.shift.add(s);
            }
            return q;
        }

        int[] hidden(int[] x) {
            int[] a = x;
            for (int l = 0; l < w.size() - 1; l++) {
                byte[][] wl = w.get(l);
                int[] z = new int[wl.length];
                int s = shift.get(l);
                for (int j = 0; j < wl.length; j++) {
                    int acc = bias.get(l)[j];
                    for (int i = 0; i < a.length; i++) {
                        acc += wl[j][i] * a[i];
                    }
                    long v = ((long) acc * mult.get(l)[j] + (1L << (s - 1))) >> s;
                    z[j] = (int) Math.max(0, Math.min(255, v));
                }
                a = z;
            }
            return a;
        }

        void head(int[] a, int h, int[] out) {
            int l = w.size() - 1;
            byte[][] wl = w.get(l);
            int s = shift.get(l);
            for (int j = 0; j < outN; j++) {
                int row = h * outN + j;
                int acc = bias.get(l)[row];
                for (int i = 0; i < a.length; i++) {
                    acc += wl[row][i] * a[i];
                }
                out[j] = (int) (((long) acc * mult.get(l)[row] + (1L << (s - 1))) >> s);
            }
        }
    }

    private static double[] input(Blocks b, int i, int in) {
        double[] x = new double[in];
        for (int j = 0; j < in; j++) {
            x[j] = b.feat[i][j] - b.avg[i];
        }
        return x;
    }

    /**
     * Held-out evaluation: per QP, the summed pre-selection cost of the regular modes alone, with
     * lip4, with the float and the integer MLP, with lip4 and the integer MLP; share of blocks where
     * each learned set wins; the squared error (trainer's coordinates) of the best of each.
     */
    private double[] evaluate(Blocks h, Net net, IntNet qnet, int lines, int in, int k) {
        int n = h.n;
        int r = h.r;
        int outN = r * r;
        int nq = h.qps.length;
        BlockDistortion dist = Kernels.get().blockDistortion();
        // regular, +lip4, +float, +int, +lip4+int, count, +lip4+int with a 5-bit mode index (32 learned modes)
        double[][] cost = new double[nq][7];
        double[][] wins = new double[nq][3];   // lip4, float, int beat regular
        double[][] sse = new double[nq][4];    // regular, lip4, float, int (best in trainer's coordinates)
        double[] redF = new double[outN];
        int[] redI = new int[outN];
        int[] red = new int[outN];
        short[] pred = new short[n * n];
        int[] predI = new int[n * n];
        double maxAbsDiff = 0;
        double sumAbsDiff = 0;
        long diffN = 0;
        double learnedBits = 7.0;   // LearnedIntraMlpData.learnedBits()
        for (int i = 0; i < h.count; i++) {
            int q = h.qi[i];
            double sqrtLambda = Math.sqrt(0.57 * Math.pow(2.0, (h.qps[q] - 12) / 3.0));
            double[] x = input(h, i, in);
            double[] a = net.hidden(x);
            int[] xi = new int[in];
            for (int j = 0; j < in; j++) {
                xi[j] = (int) x[j];
            }
            int[] ai = qnet.hidden(xi);
            double bestF = Double.MAX_VALUE;
            double bestI = Double.MAX_VALUE;
            double sseF = Double.MAX_VALUE;
            double sseI = Double.MAX_VALUE;
            for (int hd = 0; hd < k; hd++) {
                net.head(a, hd, redF);
                for (int j = 0; j < outN; j++) {
                    red[j] = clip(h.avg[i] + (int) Math.round(redF[j]));
                }
                double[] rs = predictCost(h, i, red, pred, predI, dist);
                bestF = Math.min(bestF, rs[0] + sqrtLambda * learnedBits);
                sseF = Math.min(sseF, rs[1] - h.rest[i]);
                qnet.head(ai, hd, redI);
                for (int j = 0; j < outN; j++) {
                    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(redI[j] - redF[j]));
                    sumAbsDiff += Math.abs(redI[j] - redF[j]);
                    diffN++;
                    red[j] = clip(h.avg[i] + redI[j]);
                }
                rs = predictCost(h, i, red, pred, predI, dist);
                bestI = Math.min(bestI, rs[0] + sqrtLambda * learnedBits);
                sseI = Math.min(sseI, rs[1] - h.rest[i]);
            }
            double reg = h.regCost[i];
            double lip = h.lipCost[i];
            cost[q][0] += reg;
            cost[q][1] += Math.min(reg, lip);
            cost[q][2] += Math.min(reg, bestF);
            cost[q][3] += Math.min(reg, bestI);
            cost[q][4] += Math.min(reg, Math.min(lip, bestI));
            cost[q][5]++;
            cost[q][6] += Math.min(reg, Math.min(lip, bestI) + sqrtLambda);
            wins[q][0] += lip < reg ? 1 : 0;
            wins[q][1] += bestF < reg ? 1 : 0;
            wins[q][2] += bestI < reg ? 1 : 0;
            sse[q][0] += h.regSse[i];
            sse[q][1] += h.lipSse[i];
            sse[q][2] += sseF;
            sse[q][3] += sseI;
        }
        log.printf(Locale.ROOT, "held-out %dx%d: |integer - float| reduced output: mean %.3f, largest %.2f samples%n", n, n,
                sumAbsDiff / diffN, maxAbsDiff);
        log.println("| QP | blocks | lip4 | MLP float | MLP integer | lip4 + MLP int | the same, 5-bit index |"
                + " learned best: lip4 / float / int | best-mode SSE per sample: regular / lip4 / float / int |");
        log.println("|---|---|---|---|---|---|---|---|---|");
        double[] tot = new double[7];
        double[] sseTot = new double[4];
        for (int q = 0; q < nq; q++) {
            double c = cost[q][5];
            log.printf(Locale.ROOT, "| %d | %.0f | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.1f / %.1f / %.1f %% | %.1f / %.1f / %.1f / %.1f |%n",
                    h.qps[q], c, red(cost[q], 1), red(cost[q], 2), red(cost[q], 3), red(cost[q], 4), red(cost[q], 6),
                    100 * wins[q][0] / c, 100 * wins[q][1] / c, 100 * wins[q][2] / c,
                    sse[q][0] / c / (n * n), sse[q][1] / c / (n * n), sse[q][2] / c / (n * n), sse[q][3] / c / (n * n));
            for (int j = 0; j < 7; j++) {
                tot[j] += cost[q][j];
            }
            for (int j = 0; j < 4; j++) {
                sseTot[j] += sse[q][j];
            }
        }
        log.printf(Locale.ROOT, "| all | %.0f | %.2f %% | %.2f %% | %.2f %% | %.2f %% | %.2f %% | | %.1f / %.1f / %.1f / %.1f |%n", tot[5],
                red(tot, 1), red(tot, 2), red(tot, 3), red(tot, 4), red(tot, 6), sseTot[0] / tot[5] / (n * n),
                sseTot[1] / tot[5] / (n * n), sseTot[2] / tot[5] / (n * n), sseTot[3] / tot[5] / (n * n));
        // MACs per predicted sample: one mode (hidden layers + one head), and all K modes (the encoder).
        double shared = 0;
        int prevW = in;
        for (int l = 0; l < net.w().size() - 1; l++) {
            shared += (double) prevW * net.w().get(l).length;
            prevW = net.w().get(l).length;
        }
        double perHead = (double) prevW * outN;
        double up = r < n ? 2.0 * n * n : 0;
        double one = (shared + perHead + up) / (n * n);
        double all = (shared + k * perHead + k * up) / (n * n);
        long params = 0;
        for (int l = 0; l < net.w().size(); l++) {
            params += (long) net.w().get(l).length * (net.w().get(l)[0].length + 1);
        }
        log.printf(Locale.ROOT, "MAC per sample %.1f (one mode), %.1f (all %d modes); %d parameters (%.1f kB at 8 bits)%n",
                one, all, k, params, params / 1024.0);
        return new double[] {red(tot, 1), red(tot, 2), red(tot, 3), red(tot, 4), one, all, red(tot, 6)};
    }

    private static double red(double[] c, int j) {
        return 100 * (1 - c[j] / c[0]);
    }

    private static int clip(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** SATD (the encoder's kernel) and SSE of the block predicted from reduced samples red. */
    private static double[] predictCost(Blocks b, int i, int[] red, short[] pred, int[] full, BlockDistortion dist) {
        int n = b.n;
        int r = b.r;
        if (r == n) {
            for (int j = 0; j < n * n; j++) {
                full[j] = red[j];
            }
        } else {
            // §4.8 step 4: anchors are line 1's top (feat[1..n]) and left (feat[n+1..2n]) samples.
            short[] f = b.feat[i];
            int fct = n / r;
            int log2F = Integer.numberOfTrailingZeros(fct);
            int half = fct >> 1;
            int[] rows = new int[r * n];
            for (int y = 0; y < r; y++) {
                int av = f[1 + n + (y + 1) * fct - 1];
                for (int xx = 0; xx < r; xx++) {
                    int bv = red[y * r + xx];
                    for (int kk = 1; kk <= fct; kk++) {
                        rows[y * n + xx * fct + kk - 1] = ((fct - kk) * av + kk * bv + half) >> log2F;
                    }
                    av = bv;
                }
            }
            for (int xx = 0; xx < n; xx++) {
                int av = f[1 + xx];
                for (int y = 0; y < r; y++) {
                    int bv = rows[y * n + xx];
                    for (int kk = 1; kk <= fct; kk++) {
                        full[(y * fct + kk - 1) * n + xx] = ((fct - kk) * av + kk * bv + half) >> log2F;
                    }
                    av = bv;
                }
            }
        }
        double e = 0;
        short[] o = b.orig[i];
        for (int j = 0; j < n * n; j++) {
            pred[j] = (short) full[j];
            double d = full[j] - o[j];
            e += d * d;
        }
        return new double[] {dist.satd(o, 0, n, pred, 0, n, n, n), e};
    }

    /** Writes to two streams (console and log file). */
    static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            a.flush();
            b.close();
        }
    }
}
