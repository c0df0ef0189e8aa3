package io.inlay.neural.training;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains the neural loop filter (docs/neural-filter.md, "Training") and writes the integer model.
 *
 * <pre>
 * TrainNlf --seed 1 --out DIR --cache DIR [--corpus DIR] [--steps 4000] [--batch 16] [--patch 64]
 *          [--lr 3e-4] [--lr-end 1e-5] [--warmup 300] [--epoch-steps 100] [--select-steps 500] [--margin 8]
 *          [--edge-fraction 0.4] [--encode-threads 2] [--name nlf2] [--no-heldout] [--stop-at K]
 *          [--max-minutes M] [--resume CKPT] [--low-qp-weight W]
 * </pre>
 *
 * The seed fixes the weight initialisation, the patch sampling order, the validation patches
 * and the calibration patches. Writes DIR/NAME.innf, DIR/NAME.sha256 and DIR/NAME.log.
 */
public final class TrainNlf {
    /** Channels of the layers: 7 -> 16 (x7) -> 6, all 3x3. */
    static final int[] CHANNELS = {7, 16, 16, 16, 16, 16, 16, 16, 6};
    static final int K = 3;
    /** Loss weights per plane: PSNR-YUV 6:1:1 (luma 6/4 per unshuffled plane). */
    static final float[] PLANE_WEIGHT = {1.5f, 1.5f, 1.5f, 1.5f, 1f, 1f};
    /**
     * Positions at a patch side inside the picture left out of the loss (zero padding there is
     * not the picture's; 8 = the receptive field, so the loss positions are exact). Sides on a
     * picture edge keep all positions: the patch's zero padding is then the picture's (§2).
     */
    static int MARGIN = 8;
    /** Share of training patches placed against a picture edge or corner. */
    static double EDGE_FRACTION = 0.4;
    static final double CALIBRATION_PERCENTILE = 99.99;
    /**
     * The network's last layer is multiplied by this constant ({@code --output-gain}): the trained
     * weights predict the correction in units of outputGain samples. It sets the output layer's
     * step size relative to the hidden layers' under Adam (whose steps are about lr per weight
     * whatever the gradient). 255 (the default of {@code --init linear}) let the linear start's
     * output weights of ~100 samples move (nlf1, nlf2 predicted sample units and barely moved
     * them). With the He start the output weights settle near 1/outputGain of about a sample per
     * unit activation, so at 255 an Adam step of 1e-3 is some 30 % of an output weight but under
     * 1 % of a He hidden weight (std sqrt(2/144) = 0.12): the output layer jitters and the hidden
     * layers learn from noise. 8 (the default of {@code --init he}) puts both near 1 % per step.
     * Folded back into the float weights before quantisation.
     */
    private final float outputGain;
    /**
     * Receptive-field radius of the network (one position per 3x3 layer): the §3.1 input is
     * extended by this many positions on every side by repeating the edge values.
     */
    static final int EXTEND = CHANNELS.length - 1;

    /** Options without a value (besides {@code --no-*}). */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("overfit", "diagnose", "highpass");

    private final Map<String, String> opt;
    private final PrintStream log;
    private final long seed;
    private final int batch;
    private final int patch;
    /**
     * {@code he} (default): inputs centred (x/255 - 0.5), He initialisation of every hidden
     * layer, output layer zero (the network starts as the identity filter). {@code linear}: the
     * nlf3 start (least-squares linear output layer, pass-through hidden channels, inputs x/255).
     */
    private final String init;
    /** Subtracted from the x/255 input inside the graph; folded into layer 0's bias for the integer model. */
    private final float centre;
    /** {@code frame} (default): each patch's error divided by its frame's deblocked MSE; {@code none}: plain MSE. */
    private final String lossNorm;
    /** {@code --input-gain}: the centred input is multiplied by this in the graph (folded into layer 0). */
    private final float inputGain;
    /**
     * {@code --highpass}: layer 0's weights on the six sample planes are constrained to sum to
     * zero over the 3x3 taps (the trained variable minus its tap mean), so its channels see local
     * differences only, not brightness, which dominates the input and the output layer otherwise
     * has to cancel. The QP plane is not constrained.
     */
    private final boolean highpass;
    /**
     * {@code --low-qp-weight W}: the loss of patches from frames with {@code frame_qp} below
     * {@link #LOW_QP} is multiplied by W (default 1). Below it most corrections are under half a
     * sample and round to nothing (§3.2), so their loss spends capacity that cannot pay.
     */
    private final float lowQpWeight;
    static final int LOW_QP = 30;
    SameDiff sd;

    TrainNlf(Map<String, String> opt, PrintStream log) {
        this.opt = opt;
        this.log = log;
        this.seed = Long.parseLong(opt.getOrDefault("seed", "1"));
        this.batch = Integer.parseInt(opt.getOrDefault("batch", "16"));
        this.patch = Integer.parseInt(opt.getOrDefault("patch", "64"));
        MARGIN = Integer.parseInt(opt.getOrDefault("margin", "8"));
        EDGE_FRACTION = Double.parseDouble(opt.getOrDefault("edge-fraction", "0.4"));
        this.init = opt.getOrDefault("init", "he");
        if (!init.equals("he") && !init.equals("linear") && !init.equals("dirac")) {
            throw new IllegalArgumentException("--init he|dirac|linear, not " + init);
        }
        // Pass-through channels need non-negative inputs (the ReLU keeps them), so only the He start centres.
        this.centre = init.equals("linear") ? 0f : 0.5f;
        this.outputGain = Float.parseFloat(opt.getOrDefault("output-gain", init.equals("linear") ? "255" : "8"));
        this.lossNorm = opt.getOrDefault("loss-norm", "frame");
        this.inputGain = Float.parseFloat(opt.getOrDefault("input-gain", "1"));
        this.highpass = opt.containsKey("highpass");
        this.lowQpWeight = Float.parseFloat(opt.getOrDefault("low-qp-weight", "1"));
        if (!lossNorm.equals("frame") && !lossNorm.equals("none")) {
            throw new IllegalArgumentException("--loss-norm frame|none, not " + lossNorm);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String k = args[i].substring(2);
            if (k.startsWith("no-") || FLAGS.contains(k)) {
                opt.put(k, "true");
            } else {
                opt.put(k, args[++i]);
            }
        }
        Path out = Path.of(opt.getOrDefault("out", "target/nlf"));
        Files.createDirectories(out);
        String name = opt.getOrDefault("name", "nlf2");
        try (OutputStream logFile = Files.newOutputStream(out.resolve(name + ".log"))) {
            PrintStream tee = new PrintStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    System.out.write(b);
                    logFile.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    System.out.write(b, off, len);
                    logFile.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    System.out.flush();
                    logFile.flush();
                }
            }, true, StandardCharsets.UTF_8);
            new TrainNlf(opt, tee).run(out, name, args);
        }
    }

    private void run(Path out, String name, String[] args) throws Exception {
        long t0 = System.nanoTime();
        Locale.setDefault(Locale.ROOT);
        log.println("# Inlay neural loop filter training: " + name);
        log.println("command: TrainNlf " + String.join(" ", args));
        log.println("options: " + opt + " (batch " + batch + ", patch " + patch + ", margin " + MARGIN
                + " on interior sides, edge fraction " + EDGE_FRACTION + ")");
        log.println("seed: " + seed);
        log.println("java: " + System.getProperty("java.version") + ", nd4j backend: "
                + Nd4j.getBackend().getClass().getSimpleName() + ", threads: " + Runtime.getRuntime().availableProcessors());
        Path corpus = Path.of(opt.getOrDefault("corpus", "/work/shared/corpus"));
        PairCache cache = new PairCache(Path.of(opt.getOrDefault("cache", "/tmp/inlay-nlf-cache")));
        int encThreads = Integer.parseInt(opt.getOrDefault("encode-threads", "2"));
        List<PairCache.Job> trainJobs = DataSets.train(corpus);
        List<PairCache.Job> valJobs = DataSets.validation(corpus);
        if (opt.containsKey("no-encode")) {
            // Smoke tests: only what is cached already.
            trainJobs = trainJobs.stream().filter(cache::cached).toList();
            valJobs = valJobs.stream().filter(cache::cached).toList();
            if (valJobs.isEmpty()) {
                valJobs = trainJobs;
            }
        }
        List<PairCache.Job> all = new ArrayList<>(trainJobs);
        all.addAll(valJobs);
        long te = System.nanoTime();
        cache.ensure(all, encThreads, log);
        log.printf("pairs (train + validation) ready in %.1f s%n", (System.nanoTime() - te) * 1e-9);
        List<Sample> train = load(cache, trainJobs, "train");
        List<Sample> val = load(cache, valJobs, "validation");
        if (opt.containsKey("val-frames")) {
            // Smoke tests: fewer whole-frame evaluations.
            int k = Integer.parseInt(opt.get("val-frames"));
            List<Sample> sub = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                sub.add(val.get(i * val.size() / k));
            }
            val = sub;
        }

        Random rnd = new Random(seed);
        long[] trainCum = cumulativeArea(train);
        double[][] linear = null;
        if (init.equals("linear") && !opt.containsKey("no-linear-init")) {
            long tl = System.nanoTime();
            linear = LinearFit.fit(train, trainCum, 1 << 21, new Random(seed ^ 0x11EA1L));
            log.printf("linear 3x3 least-squares filter on 2^21 training positions (%.1f s): initialises the output layer; "
                    + "channels 0..%d of the hidden layers start as pass-through of the input planes%n",
                    (System.nanoTime() - tl) * 1e-9, PASS - 1);
        }
        build(linear);
        if (!init.equals("linear")) {
            log.printf("initialisation (" + init + "): He (normal, std sqrt(2 / fan-in)) for the hidden layers, output layer zero "
                    + "(the network starts as the identity filter), inputs centred (x/255 - %.1f, folded into layer 0's bias "
                    + "for the integer model); input gain %.0f%s; output gain %.0f; loss normalisation: %s%n", centre, inputGain,
                    highpass ? ", layer 0 high-pass (zero-sum taps on the sample planes)" : "", outputGain, lossNorm);
        }
        if (opt.containsKey("resume")) {
            readCheckpoint(Path.of(opt.get("resume")));
            log.println("resumed the float variables from " + opt.get("resume") + " (Adam state starts afresh)");
        }
        if (opt.containsKey("diagnose")) {
            diagnose(train, trainCum, rnd);
            return;
        }
        int steps = Integer.parseInt(opt.getOrDefault("steps", "4000"));
        int epochSteps = Integer.parseInt(opt.getOrDefault("epoch-steps", "100"));
        double lr = Double.parseDouble(opt.getOrDefault("lr", "3e-4"));
        double lrEnd = Double.parseDouble(opt.getOrDefault("lr-end", "1e-5"));
        double gamma = Math.pow(lrEnd / lr, 1.0 / steps);
        // Adam is applied here, not by SameDiff.fit: with one fit call per batch (M2.1) the
        // updater did not make progress that lasted (the loss stayed at its initial value and a
        // good initialisation was lost within 250 steps), while calculateGradients agrees with
        // finite differences.
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "300"));
        Adam adam = new Adam(sd, weightNames(), Adam.exponential(lr, gamma, warmup));
        log.printf("training: %d steps of %d patches %dx%d (chroma grid), Adam lr %.1e -> %.1e (exponential, linear warm-up "
                + "over the first " + warmup + " steps), "
                + "loss = weighted MSE (luma planes 1.5, chroma 1) on the patch minus a %d-position margin on sides "
                + "inside the picture; %.0f%% of the patches against a picture edge or corner%n",
                steps, batch, patch, patch, lr, lrEnd, MARGIN, 100 * EDGE_FRACTION);
        if (lowQpWeight != 1) {
            log.printf("loss of frames with frame_qp < %d weighted %.2f%n", LOW_QP, lowQpWeight);
        }

        PatchSet valPatches = PatchSet.sample(val, cumulativeArea(val), 256, patch, new Random(seed ^ 0x5EEDL));
        double[] base = valPatches.gain(null);
        log.printf("validation patches: %d, deblocked PSNR-YUV %.3f dB%n", valPatches.count, base[0]);

        // Model selection: the float network (rounded to R, clipped like the integer output) on the
        // whole validation frames, mean per-frame PSNR-YUV gain; every --select-steps steps.
        int selectSteps = Integer.parseInt(opt.getOrDefault("select-steps", "500"));
        final List<Sample> valFrames = val;
        Map<String, INDArray> best = snapshot();
        double[] g0 = valPatches.gain(this::floatOutput);
        double[] f0 = frameGain(valFrames);
        double bestGain = f0[3];
        int bestStep = 0;
        log.printf("initial network: validation gain (float, patches) Y %+.3f U %+.3f V %+.3f YUV %+.3f dB%n",
                g0[1], g0[2], g0[3], g0[0]);
        log.printf("initial network: validation gain (float, whole frames) Y %+.3f U %+.3f V %+.3f YUV %+.3f dB%n",
                f0[0], f0[1], f0[2], f0[3]);
        double lossSum = 0;
        int lossN = 0;
        long tt = System.nanoTime();
        // --stop-at K ends the run after step K (the schedule still spans --steps); --max-minutes M
        // ends it at the first epoch boundary after M minutes and logs the step, so that the run
        // is reproduced with --stop-at.
        int stopAt = Integer.parseInt(opt.getOrDefault("stop-at", String.valueOf(steps)));
        double maxMinutes = Double.parseDouble(opt.getOrDefault("max-minutes", "1e9"));
        // --overfit: one batch for every step, a check that the optimiser reduces the loss.
        PatchSet overfit = opt.containsKey("overfit") ? PatchSet.sample(train, trainCum, batch, patch, rnd) : null;
        for (int step = 1; step <= stopAt; step++) {
            PatchSet b = overfit != null ? overfit
                    : PatchSet.sample(train, trainCum, batch, patch, rnd).weightBelow(LOW_QP, lowQpWeight);
            Map<String, INDArray> ph = Map.of("in", b.input(), "target", b.target(), "frameWeight", b.frameWeight(),
                    "mask", b.mask());
            if (step % 10 == 0) {
                // The training loss, on this batch before its update (one extra forward pass every 10 steps).
                lossSum += sd.output(ph, "loss").get("loss").getDouble(0);
                lossN++;
            }
            adam.step(ph);
            boolean outOfTime = step % epochSteps == 0 && (System.nanoTime() - tt) * 1e-9 / 60 > maxMinutes;
            if (step % epochSteps == 0 || step == stopAt) {
                double[] g = valPatches.gain(this::floatOutput);
                log.printf("epoch %3d (step %5d, %6.0f s): train loss %.4f, validation gain (float, patches) "
                        + "Y %+.3f U %+.3f V %+.3f YUV %+.3f dB%n", (step + epochSteps - 1) / epochSteps, step,
                        (System.nanoTime() - tt) * 1e-9, lossSum / Math.max(1, lossN), g[1], g[2], g[3], g[0]);
                lossSum = 0;
                lossN = 0;
            }
            if (step % selectSteps == 0 || step == stopAt || outOfTime) {
                long tf = System.nanoTime();
                double[] f = frameGain(valFrames);
                boolean better = f[3] > bestGain;
                log.printf("  step %5d: validation gain (float, whole frames) Y %+.3f U %+.3f V %+.3f YUV %+.3f dB "
                        + "(%.1f s)%s%n", step, f[0], f[1], f[2], f[3], (System.nanoTime() - tf) * 1e-9,
                        better ? " best" : "");
                if (better) {
                    bestGain = f[3];
                    bestStep = step;
                    best = snapshot();
                    writeCheckpoint(best, out.resolve(name + ".best.ckpt"));
                }
                // The float variables, so that a later run continues (--resume) or fine-tunes them.
                writeCheckpoint(snapshot(), out.resolve(name + ".last.ckpt"));
            }
            if (outOfTime && step < stopAt) {
                log.printf("stopped after step %d by --max-minutes %s (reproduce with --stop-at %d)%n", step,
                        opt.get("max-minutes"), step);
                break;
            }
        }
        log.printf("training time %.1f s; best validation gain (float, whole frames) %+.3f dB at step %d (selected)%n",
                (System.nanoTime() - tt) * 1e-9, bestGain, bestStep);
        restore(best);

        // Quantisation.
        List<Quantiser.FloatLayer> fl = floatLayers();
        List<float[]> act = calibrate(train, trainCum, new Random(seed ^ 0xCA11L));
        IntModel model = Quantiser.quantise(name, fl, act);
        StringBuilder shifts = new StringBuilder();
        for (IntModel.Layer L : model.layers()) {
            int minM = Integer.MAX_VALUE;
            int maxM = 0;
            long worst = 0;
            for (int c = 0; c < L.out(); c++) {
                minM = Math.min(minM, L.multiplier()[c]);
                maxM = Math.max(maxM, L.multiplier()[c]);
                worst = Math.max(worst, L.overflowLhs(c));
            }
            shifts.append(String.format("  %2d->%2d shift %2d multiplier %5d..%5d, overflow rule max %.3f * 2^31%n",
                    L.in(), L.out(), L.shift(), minM, maxM, worst / (double) (1L << 31)));
        }
        log.printf("quantised (per-channel s8 weights, per-channel activation scales at the %.2f%% percentile):%n%s",
                CALIBRATION_PERCENTILE, shifts);
        log.printf("model: %d layers, %.1f kMAC per luma sample%n", model.layers().size(), model.macPerLumaSample() / 1000);
        byte[] bytes = model.toBytes();
        crossCheck(bytes, model, val);

        log.println("validation set, whole frames (gain = filtered at scale 1.0 minus deblocked, mean over frames):");
        report("validation", val, model);
        long tw = System.nanoTime();
        Path mf = out.resolve(name + ".innf");
        Files.write(mf, bytes);
        String sha = IntModel.sha256Hex(bytes);
        Files.writeString(out.resolve(name + ".sha256"), sha + "  " + name + ".innf\n");
        log.printf("wrote %s (%d bytes), SHA-256 %s%n", mf, bytes.length, sha);

        if (!opt.containsKey("no-heldout")) {
            List<PairCache.Job> held = DataSets.heldOut(corpus);
            if (opt.containsKey("no-encode")) {
                held = held.stream().filter(cache::cached).toList();
            }
            cache.ensure(held, encThreads, log);
            log.println("held-out clips (never used for training or selection), whole frames:");
            for (String clip : DataSets.HELD_OUT_CLIPS) {
                List<PairCache.Job> jobs = held.stream().filter(j -> j.name().equals(clip)).toList();
                if (jobs.isEmpty()) {
                    continue;
                }
                List<Sample> s = load(cache, jobs, null);
                report(clip, s, model);
            }
        }
        log.println("data (training): " + names(trainJobs));
        log.println("data (validation): " + names(valJobs));
        log.println("data (held out, evaluation only): " + String.join(", ", DataSets.HELD_OUT_CLIPS));
        log.printf("wall time %.1f s (evaluation and held-out after training: %.1f s)%n", (System.nanoTime() - t0) * 1e-9,
                (System.nanoTime() - tw) * 1e-9);
    }

    private static String names(List<PairCache.Job> jobs) {
        StringBuilder b = new StringBuilder();
        for (PairCache.Job j : jobs) {
            b.append(b.isEmpty() ? "" : ", ").append(j.name()).append(" (").append(j.gop().shortName()).append(' ')
                    .append(j.frames()).append(j.frames() == 1 ? " frame" : " frames").append(", QP ")
                    .append(java.util.Arrays.toString(j.qps())).append(')');
        }
        return b.toString();
    }

    private List<Sample> load(PairCache cache, List<PairCache.Job> jobs, String what) throws IOException {
        List<Sample> out = new ArrayList<>();
        long px = 0;
        for (PairCache.Job j : jobs) {
            for (PairCache.Frame f : cache.load(j)) {
                Sample s = new Sample(f);
                out.add(s);
                px += 4L * s.n();
            }
        }
        if (what != null) {
            log.printf("%s: %d frames, %.1f M luma samples%n", what, out.size(), px / 1e6);
        }
        return out;
    }

    private static long[] cumulativeArea(List<Sample> s) {
        long[] c = new long[s.size()];
        long a = 0;
        for (int i = 0; i < s.size(); i++) {
            a += s.get(i).n();
            c[i] = a;
        }
        return c;
    }

    // ---- network ----

    /** Channels 0..6 of every hidden layer start as a pass-through of the 7 input planes (LinearFit). */
    static final int PASS = 7;
    /** Standard deviation of the noise on the identity weights of {@code --init dirac}. */
    static final float DIRAC_NOISE = 0.01f;

    void build(double[][] linear) {
        sd = SameDiff.create();
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        SDVariable x = sd.placeHolder("in", DataType.FLOAT, -1, CHANNELS[0], -1, -1);
        if (centre != 0) {
            x = x.sub(centre);
        }
        if (inputGain != 1) {
            x = x.mul(inputGain);
        }
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, 6, -1, -1);
        int layers = CHANNELS.length - 1;
        SDVariable padding = sd.constant("padding", Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {1, 1}, {1, 1}}));
        for (int l = 0; l < layers; l++) {
            int ci = CHANNELS[l];
            int co = CHANNELS[l + 1];
            boolean centred = !init.equals("linear");
            float std = (float) Math.sqrt(2.0 / (K * K * ci)) * (l == layers - 1 ? centred ? 0f : 0.1f / outputGain : 1f);
            float[] w = new float[K * K * ci * co];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rng.nextGaussian() * std;
            }
            if (init.equals("dirac") && l < layers - 1) {
                // Channels 0..13 carry the centred input planes through every hidden layer as
                // relu(x) and relu(-x) (x = their difference), an identity centre tap plus
                // small noise; 14..15 stay He. With the zero output layer the network starts as
                // the identity filter and every layer sees the input from the first step.
                for (int c = 0; c < 2 * PASS && c < co; c++) {
                    for (int i = 0; i < ci; i++) {
                        for (int k = 0; k < K * K; k++) {
                            int idx = (k * ci + i) * co + c;
                            float id;
                            if (l == 0) {
                                id = k == 4 && i == c % PASS ? (c < PASS ? 1f : -1f) : 0f;
                            } else {
                                id = k == 4 && i == c ? 1f : 0f;
                            }
                            w[idx] = id + (float) rng.nextGaussian() * DIRAC_NOISE;
                        }
                    }
                }
            }
            float[] bias = new float[co];
            if (linear != null) {
                // index of [ky][kx][i][c] in YXIO
                for (int c = 0; c < co; c++) {
                    boolean pass = l < layers - 1 && c < PASS;
                    for (int i = 0; i < ci; i++) {
                        for (int k = 0; k < K * K; k++) {
                            int idx = (k * ci + i) * co + c;
                            if (pass) {
                                w[idx] = i == c && k == 4 ? 1f : 0f;
                            } else if (l == layers - 1 && i < PASS) {
                                w[idx] = (float) (linear[c][i * 9 + k] / outputGain);
                            }
                        }
                    }
                    if (l == layers - 1) {
                        bias[c] = (float) (linear[c][LinearFit.FEATURES - 1] / outputGain);
                    }
                }
            }
            // Weights [ky][kx][i][c] (SameDiff's default YXIO).
            SDVariable wv = sd.var("w" + l, Nd4j.createFromArray(w).reshape('c', K, K, ci, co));
            if (l == 0 && highpass) {
                wv = wv.sub(wv.mean(true, 0, 1).mul(sd.constant("hpMask", highpassMask(ci))));
            }
            SDVariable bv = sd.var("b" + l, Nd4j.createFromArray(bias));
            // Zero padding of §2 as an explicit pad and a VALID convolution (the same values as
            // PaddingMode.SAME; both gradients agree with finite differences in double precision).
            // Weights stay in the default YXIO layout: conv2d_bp of M2.1 rejects OIYX.
            SDVariable xp = sd.nn().pad(x, padding, PadMode.CONSTANT, 0.0);
            SDVariable z = sd.cnn().conv2d("z" + l, xp, wv, bv, Conv2DConfig.builder().kH(K).kW(K).sH(1).sW(1)
                    .dH(1).dW(1).pH(0).pW(0).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
            x = l == layers - 1 ? sd.identity("out", z.mul(outputGain)) : sd.nn().relu("a" + l, z, 0);
        }
        SDVariable diff = x.sub(target);
        // 1 where the loss counts: all but MARGIN positions at patch sides inside the picture.
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, 1, patch, patch);
        SDVariable inner = diff.mul(mask);
        SDVariable pw = sd.constant("planeWeight", Nd4j.createFromArray(PLANE_WEIGHT).reshape(1, 6, 1, 1));
        // Each patch's error is divided by its frame's deblocked (weighted) MSE: the loss is then
        // about the mean relative MSE reduction (dB gain), so the coarse QPs do not dominate it.
        SDVariable frameWeight = sd.placeHolder("frameWeight", DataType.FLOAT, -1, 1, 1, 1);
        SDVariable sq = sd.math().square(inner).mul(pw);
        SDVariable loss = lossNorm.equals("frame") ? sq.mul(frameWeight).mean("loss") : sq.mean("loss");
        sd.setLossVariables(loss);
    }

    /**
     * {@code --diagnose}: checks of the training set-up on one batch, logged, then exits. (1) The
     * placeholders: input range per plane, target = orig - rec, loss mask share. (2) The gradient
     * of SameDiff.calculateGradients against a central finite difference of the loss (two
     * forward passes) for the largest-gradient and two random elements of several weights.
     * (3) That an Adam step is written into the variables and used by the next forward pass:
     * the loss on the same batch before and after steps.
     */
    private void diagnose(List<Sample> train, long[] cum, Random rnd) {
        PatchSet b = PatchSet.sample(train, cum, batch, patch, rnd);
        Map<String, INDArray> ph = Map.of("in", b.input(), "target", b.target(), "frameWeight", b.frameWeight(),
                "mask", b.mask());
        int pp = patch * patch;
        for (int c = 0; c < 7; c++) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            double sum = 0;
            for (int k = 0; k < batch; k++) {
                for (int j = 0; j < pp; j++) {
                    float v = b.in[(k * 7 + c) * pp + j];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    sum += v;
                }
            }
            log.printf("diagnose: input plane %d: min %.3f max %.3f mean %.3f (x/255, before centring by %.1f)%n", c, lo, hi,
                    sum / (batch * pp), centre);
        }
        double maskSum = 0;
        for (float m : b.mask) {
            maskSum += m;
        }
        double[] tm = new double[6];
        double[] tv = new double[6];
        for (int k = 0; k < batch; k++) {
            for (int c = 0; c < 6; c++) {
                for (int j = 0; j < pp; j++) {
                    if (b.mask[k * pp + j] > 0) {
                        float t = b.tgt[(k * 6 + c) * pp + j];
                        tm[c] += t;
                        tv[c] += t * t;
                    }
                }
            }
        }
        StringBuilder ts = new StringBuilder();
        for (int c = 0; c < 6; c++) {
            ts.append(String.format(" %d: mean %+.3f rms %.3f;", c, tm[c] / maskSum, Math.sqrt(tv[c] / maskSum)));
        }
        log.printf("diagnose: loss mask share %.3f; target (orig - rec, samples) per plane at mask positions:%s%n",
                maskSum / (batch * pp), ts);
        double l0 = loss(ph);
        log.printf("diagnose: loss %.6f%n", l0);
        List<String> names = weightNames();
        if (!init.equals("linear")) {
            // With a zero output layer only the output layer has a gradient: check at a random start of it too.
            INDArray w = sd.getVariable("w" + (CHANNELS.length - 2)).getArr();
            Random r = new Random(seed);
            float[] v = new float[(int) w.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextGaussian() * 0.01);
            }
            w.assign(Nd4j.createFromArray(v).reshape(w.shape()));
            l0 = loss(ph);
            log.printf("diagnose: output layer set to N(0, 0.01) for the gradient check: loss %.6f%n", l0);
        }
        Map<String, INDArray> g = sd.calculateGradients(ph, names);
        for (String n : new String[] {"w0", "b0", "w3", "w6", "w7", "b7"}) {
            INDArray var = sd.getVariable(n).getArr();
            INDArray gr = g.get(n).dup('c').reshape(-1);
            INDArray flat = var.reshape(-1);
            long len = gr.length();
            long argmax = 0;
            for (long i = 0; i < len; i++) {
                if (Math.abs(gr.getDouble(i)) > Math.abs(gr.getDouble(argmax))) {
                    argmax = i;
                }
            }
            long[] idx = {argmax, (long) (rnd.nextDouble() * len), (long) (rnd.nextDouble() * len)};
            for (long i : idx) {
                double v = flat.getDouble(i);
                double eps = 1e-3;
                flat.putScalar(i, v + eps);
                double lp = loss(ph);
                flat.putScalar(i, v - eps);
                double lm = loss(ph);
                flat.putScalar(i, v);
                double fd = (lp - lm) / (2 * eps);
                double an = gr.getDouble(i);
                log.printf("diagnose: d loss / d %s[%d] analytic %+.6e finite difference %+.6e (ratio %.4f)%n", n, i, an,
                        fd, an / fd);
            }
        }
        double lr = Double.parseDouble(opt.getOrDefault("lr", "1e-3"));
        Adam adam = new Adam(sd, weightNames(), Adam.exponential(lr, 1.0, 0));
        Map<String, INDArray> before = snapshot();
        double[] losses = new double[201];
        losses[0] = loss(ph);
        for (int t = 1; t <= 200; t++) {
            adam.step(ph);
            losses[t] = loss(ph);
            if (t == 1) {
                double change = 0;
                for (String n : names) {
                    change = Math.max(change, sd.getVariable(n).getArr().sub(before.get(n)).amaxNumber().doubleValue());
                }
                log.printf("diagnose: after one Adam step (lr %.1e): largest weight change %.3e, loss on the same batch "
                        + "%.6f -> %.6f%n", lr, change, losses[0], losses[1]);
            }
        }
        log.printf("diagnose: Adam lr %.1e on this one batch: loss %.6f, after 10 steps %.6f, 50 %.6f, 100 %.6f, "
                + "200 %.6f (%.1f%%)%n", lr, losses[0], losses[10], losses[50], losses[100], losses[200],
                100 * (losses[200] / losses[0] - 1));
    }

    private double loss(Map<String, INDArray> ph) {
        return sd.output(ph, "loss").get("loss").getDouble(0);
    }

    /** [1, 1, ci, 1]: 1 for the six sample planes (zero-sum under --highpass), 0 for the QP plane. */
    private static INDArray highpassMask(int ci) {
        float[] m = new float[ci];
        for (int i = 0; i < ci; i++) {
            m[i] = i < 6 ? 1f : 0f;
        }
        return Nd4j.createFromArray(m).reshape(1, 1, ci, 1);
    }

    /** The names of the network's weights and biases, layer by layer. */
    private static List<String> weightNames() {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < CHANNELS.length - 1; l++) {
            names.add("w" + l);
            names.add("b" + l);
        }
        return names;
    }

    private Map<String, INDArray> snapshot() {
        Map<String, INDArray> m = new HashMap<>();
        for (int l = 0; l < CHANNELS.length - 1; l++) {
            m.put("w" + l, sd.getVariable("w" + l).getArr().dup());
            m.put("b" + l, sd.getVariable("b" + l).getArr().dup());
        }
        return m;
    }

    private void restore(Map<String, INDArray> m) {
        for (Map.Entry<String, INDArray> e : m.entrySet()) {
            sd.getVariable(e.getKey()).getArr().assign(e.getValue());
        }
    }

    /**
     * Writes the float variables (the graph's own parametrisation: w0..w7, b0..b7) as a plain
     * file: per variable its name (UTF), rank, shape and float values in C order. Written to a
     * temporary file and renamed, so a reader never sees a partial checkpoint.
     */
    void writeCheckpoint(Map<String, INDArray> vars, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (java.io.DataOutputStream o = new java.io.DataOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeInt(CHANNELS.length - 1);
            for (int l = 0; l < CHANNELS.length - 1; l++) {
                for (String n : new String[] {"w" + l, "b" + l}) {
                    INDArray a = vars.get(n);
                    o.writeUTF(n);
                    o.writeInt(a.rank());
                    for (long d : a.shape()) {
                        o.writeLong(d);
                    }
                    for (float v : a.dup('c').data().asFloat()) {
                        o.writeFloat(v);
                    }
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a {@link #writeCheckpoint} file into the graph's variables (shapes must match the built graph). */
    void readCheckpoint(Path file) throws IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(
                new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int layers = in.readInt();
            if (layers != CHANNELS.length - 1) {
                throw new IOException(file + ": " + layers + " layers, the network has " + (CHANNELS.length - 1));
            }
            for (int k = 0; k < 2 * layers; k++) {
                String n = in.readUTF();
                INDArray a = sd.getVariable(n).getArr();
                int rank = in.readInt();
                long[] shape = new long[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                }
                if (!java.util.Arrays.equals(shape, a.shape())) {
                    throw new IOException(file + ": " + n + " has shape " + java.util.Arrays.toString(shape) + ", expected "
                            + java.util.Arrays.toString(a.shape()));
                }
                float[] v = new float[(int) a.length()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                a.assign(Nd4j.createFromArray(v).reshape('c', shape));
            }
        }
    }

    /** Float output (8-bit sample units) for an input batch [B,7,H,W] (values x/255). */
    INDArray floatOutput(INDArray in) {
        return sd.output(Map.of("in", in), "out").get("out");
    }

    List<Quantiser.FloatLayer> floatLayers() {
        List<Quantiser.FloatLayer> out = new ArrayList<>();
        for (int l = 0; l < CHANNELS.length - 1; l++) {
            int ci = CHANNELS[l];
            int co = CHANNELS[l + 1];
            // SameDiff's weights are [ky][kx][i][c]; the file's order is [c][i][ky][kx].
            INDArray w = sd.getVariable("w" + l).getArr();
            if (l == 0 && highpass) {
                w = w.sub(w.mean(true, 0, 1).mul(highpassMask(ci)));
            }
            if (l == 0 && inputGain != 1) {
                w = w.mul(inputGain);
            }
            w = w.permute(3, 2, 0, 1).dup('c');
            float[] wf = w.data().asFloat();
            float[] bf = sd.getVariable("b" + l).getArr().dup().data().asFloat();
            if (wf.length != co * ci * K * K || bf.length != co) {
                throw new IllegalStateException("unexpected weight shape " + java.util.Arrays.toString(w.shape()));
            }
            if (l == 0 && centre != 0) {
                // The graph feeds x/255 - centre; the integer input is x (scale 1/255): fold
                // -centre * sum(w) into the bias. Exact at every position the loss and the
                // evaluation use (the first layer's zero padding only reaches positions within
                // the receptive field of a patch side, which both leave out; §3.1 extends frames).
                for (int c = 0; c < co; c++) {
                    double s = 0;
                    for (int j = 0; j < ci * K * K; j++) {
                        s += wf[c * ci * K * K + j];
                    }
                    bf[c] -= (float) (centre * s);
                }
            }
            if (l == CHANNELS.length - 2) {
                for (int i = 0; i < wf.length; i++) {
                    wf[i] *= outputGain;
                }
                for (int i = 0; i < bf.length; i++) {
                    bf[i] *= outputGain;
                }
            }
            out.add(new Quantiser.FloatLayer(ci, co, K, wf, bf));
        }
        return out;
    }

    /** Per hidden layer and channel: the activation value of one u8 step (percentile / 255). */
    private List<float[]> calibrate(List<Sample> train, long[] cum, Random rnd) {
        int hidden = CHANNELS.length - 2;
        List<List<float[]>> vals = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            vals.add(new ArrayList<>());
        }
        for (int rep = 0; rep < 4; rep++) {
            PatchSet p = PatchSet.sample(train, cum, 32, patch, rnd);
            String[] names = new String[hidden];
            for (int l = 0; l < hidden; l++) {
                names[l] = "a" + l;
            }
            Map<String, INDArray> o = sd.output(Map.of("in", p.input()), names);
            for (int l = 0; l < hidden; l++) {
                INDArray a = o.get("a" + l);
                int c = (int) a.size(1);
                INDArray perChannel = a.permute(1, 0, 2, 3).dup('c').reshape(c, -1);
                for (int ch = 0; ch < c; ch++) {
                    vals.get(l).add(perChannel.getRow(ch).dup().data().asFloat());
                }
            }
        }
        List<float[]> scales = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            int c = CHANNELS[l + 1];
            float[] s = new float[c];
            StringBuilder b = new StringBuilder();
            for (int ch = 0; ch < c; ch++) {
                int total = 0;
                for (int r = ch; r < vals.get(l).size(); r += c) {
                    total += vals.get(l).get(r).length;
                }
                float[] all = new float[total];
                int k = 0;
                for (int r = ch; r < vals.get(l).size(); r += c) {
                    float[] v = vals.get(l).get(r);
                    System.arraycopy(v, 0, all, k, v.length);
                    k += v.length;
                }
                java.util.Arrays.sort(all);
                float pct = all[(int) Math.min(all.length - 1, Math.floor(all.length * CALIBRATION_PERCENTILE / 100.0))];
                // A channel that is 0 at the percentile is dead: scale 0 makes the quantiser prune
                // it (nlf2: with a 1/255 fallback its large downstream weights coarsened the
                // others, integer U -1.4 dB against float +-0).
                s[ch] = pct > 1e-6f ? pct / 255f : 0f;
                b.append(String.format(" %.3g", pct));
            }
            scales.add(s);
            log.printf("calibration layer %d (%.2f%% percentile per channel):%s%n", l, CALIBRATION_PERCENTILE, b);
        }
        return scales;
    }

    // ---- evaluation ----

    /** Float network output on a whole frame, as R (1/16 sample, rounded, clipped like the integer output). */
    private short[] floatR(Sample s) {
        byte[] in = s.input(EXTEND);
        float[] f = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            f[i] = (in[i] & 255) / 255f;
        }
        INDArray out = floatOutput(Nd4j.createFromArray(f).reshape('c', 1, 7, s.h + 2 * EXTEND, s.w + 2 * EXTEND));
        float[] o = out.dup('c').data().asFloat();
        short[] r = new short[o.length];
        for (int i = 0; i < o.length; i++) {
            r[i] = (short) Math.max(-2048, Math.min(2047, Math.round(o[i] * 16f)));
        }
        return s.crop(r, EXTEND);
    }

    /** The integer model's output R on a whole frame (§3.1 extended input, cropped). */
    static short[] intR(IntModel model, Sample s) {
        return s.crop(model.run(s.input(EXTEND), s.w + 2 * EXTEND, s.h + 2 * EXTEND), EXTEND);
    }

    /** Float whole-frame gains Y, U, V, YUV (rounded to R), mean over the frames of {@code set}. */
    private double[] frameGain(List<Sample> set) {
        double[] g = new double[4];
        for (Sample s : set) {
            double[] base = psnr(s.sse(null), s.n());
            double[] f = psnr(s.sse(floatR(s)), s.n());
            for (int p = 0; p < 4; p++) {
                g[p] += (f[p] - base[p]) / set.size();
            }
        }
        return g;
    }

    /** Per-frame PSNR gains (float and integer) averaged over the frames of {@code set}; one log line per QP group. */
    private void report(String what, List<Sample> set, IntModel model) {
        double[][] fl = new double[set.size()][];
        for (int i = 0; i < set.size(); i++) {
            fl[i] = set.get(i).sse(floatR(set.get(i)));
        }
        double[][] in = new double[set.size()][];
        IntStream.range(0, set.size()).parallel().forEach(i -> {
            Sample s = set.get(i);
            in[i] = s.sse(intR(model, s));
        });
        TreeMap<String, double[]> groups = new TreeMap<>();
        double[] total = new double[9];
        for (int i = 0; i < set.size(); i++) {
            Sample s = set.get(i);
            double[] base = psnr(s.sse(null), s.n());
            double[] gf = psnr(fl[i], s.n());
            double[] gi = psnr(in[i], s.n());
            double[] row = new double[9];
            for (int p = 0; p < 4; p++) {
                row[p] = gi[p] - base[p];
                row[4 + p] = gf[p] - base[p];
            }
            row[8] = 1;
            String key = s.name.substring(0, s.name.indexOf('#'));
            String gop = key.contains("_ai_") ? "ai" : "ra";
            groups.merge(gop, row, TrainNlf::add);
            add(total, row);
        }
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            line(what + " " + e.getKey(), e.getValue());
        }
        line(what + " all", total);
    }

    private void line(String what, double[] r) {
        double n = r[8];
        log.printf("  %-28s %3d frames: integer Y %+.3f U %+.3f V %+.3f YUV %+.3f dB | float YUV %+.3f dB%n", what,
                (int) n, r[0] / n, r[1] / n, r[2] / n, r[3] / n, r[7] / n);
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** PSNR Y, U, V, YUV (6:1:1) from the six planes' SSE on the chroma grid of n positions. */
    static double[] psnr(double[] sse, int n) {
        double y = 10 * Math.log10(255.0 * 255.0 * 4 * n / Math.max(1e-3, sse[0] + sse[1] + sse[2] + sse[3]));
        double u = 10 * Math.log10(255.0 * 255.0 * n / Math.max(1e-3, sse[4]));
        double v = 10 * Math.log10(255.0 * 255.0 * n / Math.max(1e-3, sse[5]));
        return new double[] {y, u, v, (6 * y + u + v) / 8};
    }

    /** Checks the model against codec-neural's parser and ScalarNetwork when that module is on the class path. */
    private void crossCheck(byte[] bytes, IntModel model, List<Sample> val) {
        try {
            Class<?> mf = Class.forName("io.inlay.neural.ModelFile");
            Object parsed = mf.getMethod("parse", byte[].class).invoke(null, (Object) bytes);
            Class<?> sn = Class.forName("io.inlay.neural.ScalarNetwork");
            Object net = sn.getConstructor(mf, int.class).newInstance(parsed, 1);
            int checked = 0;
            for (int i = 0; i < val.size() && checked < 3; i += Math.max(1, val.size() / 3), checked++) {
                Sample s = val.get(i);
                short[] theirs = new short[6 * s.n()];
                sn.getMethod("run", byte[].class, int.class, int.class, short[].class)
                        .invoke(net, s.input(0), s.w, s.h, theirs);
                if (!java.util.Arrays.equals(theirs, model.run(s.input(0), s.w, s.h))) {
                    throw new IllegalStateException("codec-neural ScalarNetwork differs from the trainer's §2 arithmetic on "
                            + s.name);
                }
            }
            log.printf("cross-check: codec-neural ModelFile.parse accepts the model (id %s) and ScalarNetwork output "
                    + "equals the trainer's §2 arithmetic on %d validation frames%n", mf.getMethod("idHex").invoke(parsed),
                    checked);
        } catch (ClassNotFoundException e) {
            log.println("cross-check: codec-neural not on the class path; the model was validated by the trainer's own §1 rules");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("codec-neural rejects the model: " + e.getCause(), e);
        }
    }

    /** A batch of patches: network input (x/255) and target (orig - rec, 8-bit units). */
    static final class PatchSet {
        final int count;
        final int p;
        final float[] in;
        final float[] tgt;
        final float[] fw;
        final float[] mask;
        /** frame_qp of each patch's frame. */
        final int[] qp;

        private PatchSet(int count, int p) {
            this.qp = new int[count];
            this.count = count;
            this.p = p;
            this.in = new float[count * 7 * p * p];
            this.tgt = new float[count * 6 * p * p];
            this.fw = new float[count];
            this.mask = new float[count * p * p];
        }

        static PatchSet sample(List<Sample> set, long[] cum, int count, int p, Random rnd) {
            PatchSet ps = new PatchSet(count, p);
            for (int b = 0; b < count; b++) {
                Sample s = Sample.pick(set, cum, rnd);
                ps.fw[b] = s.lossWeight();
                ps.qp[b] = s.qp;
                // Patches lie in the frame extended by EXTEND repeated positions on every side (§3.1),
                // so positions at picture edges are trained exactly as they are filtered.
                int e = EXTEND;
                int x0 = rnd.nextInt(s.w + 2 * e - p + 1) - e;
                int y0 = rnd.nextInt(s.h + 2 * e - p + 1) - e;
                if (rnd.nextDouble() < EDGE_FRACTION) {
                    // Against a picture edge: left/right, top/bottom, or a corner.
                    int kind = rnd.nextInt(3);
                    if (kind != 1) {
                        x0 = rnd.nextBoolean() ? -e : s.w + e - p;
                    }
                    if (kind != 0) {
                        y0 = rnd.nextBoolean() ? -e : s.h + e - p;
                    }
                }
                // The loss counts positions inside the picture at least MARGIN from the patch sides
                // (the patch's zero padding reaches MARGIN = the receptive field inwards).
                for (int y = MARGIN; y < p - MARGIN; y++) {
                    for (int x = MARGIN; x < p - MARGIN; x++) {
                        boolean inside = x0 + x >= 0 && x0 + x < s.w && y0 + y >= 0 && y0 + y < s.h;
                        ps.mask[b * p * p + y * p + x] = inside ? 1f : 0f;
                    }
                }
                int n = s.n();
                float q = 5 * s.qp / 255f;
                for (int c = 0; c < 7; c++) {
                    int ob = (b * 7 + c) * p * p;
                    for (int y = 0; y < p; y++) {
                        int row = Math.clamp(y0 + y, 0, s.h - 1) * s.w;
                        for (int x = 0; x < p; x++) {
                            int i = c * n + row + Math.clamp(x0 + x, 0, s.w - 1);
                            ps.in[ob + y * p + x] = c == 6 ? q : (s.rec[i] & 255) / 255f;
                            if (c < 6) {
                                ps.tgt[(b * 6 + c) * p * p + y * p + x] = (s.orig[i] & 255) - (s.rec[i] & 255);
                            }
                        }
                    }
                }
            }
            return ps;
        }

        INDArray input() {
            return Nd4j.createFromArray(in).reshape('c', count, 7, p, p);
        }

        INDArray mask() {
            return Nd4j.createFromArray(mask).reshape('c', count, 1, p, p);
        }

        /** Multiplies the loss weight of patches from frames with frame_qp below {@code qp} by {@code w}; returns this. */
        PatchSet weightBelow(int qp, float w) {
            for (int b = 0; b < count; b++) {
                if (this.qp[b] < qp) {
                    fw[b] *= w;
                }
            }
            return this;
        }

        INDArray frameWeight() {
            return Nd4j.createFromArray(fw).reshape(count, 1, 1, 1);
        }

        INDArray target() {
            return Nd4j.createFromArray(tgt).reshape('c', count, 6, p, p);
        }

        /**
         * PSNR (YUV 6:1:1 in [0], then Y, U, V) over the inner positions of all patches: for
         * {@code net == null} the deblocked PSNR-YUV in [0]; otherwise the gains of the float
         * output (unrounded) over deblocked.
         */
        double[] gain(java.util.function.Function<INDArray, INDArray> net) {
            double[] sum = new double[4];
            for (int start = 0; start < count; start += 32) {
                int m = Math.min(32, count - start);
                float[] o = null;
                if (net != null) {
                    float[] sub = java.util.Arrays.copyOfRange(in, start * 7 * p * p, (start + m) * 7 * p * p);
                    o = net.apply(Nd4j.createFromArray(sub).reshape('c', m, 7, p, p)).dup('c').data().asFloat();
                }
                for (int b = 0; b < m; b++) {
                    double[] before = new double[6];
                    double[] after = new double[6];
                    int inner = 0;
                    for (int j = 0; j < p * p; j++) {
                        inner += mask[(start + b) * p * p + j] > 0 ? 1 : 0;
                    }
                    for (int c = 0; c < 6; c++) {
                        for (int y = 0; y < p; y++) {
                            for (int x = 0; x < p; x++) {
                                if (mask[(start + b) * p * p + y * p + x] == 0) {
                                    continue;
                                }
                                int i = ((start + b) * 6 + c) * p * p + y * p + x;
                                double t = tgt[i];
                                before[c] += t * t;
                                if (o != null) {
                                    double d = t - o[(b * 6 + c) * p * p + y * p + x];
                                    after[c] += d * d;
                                }
                            }
                        }
                    }
                    double[] pb = psnr(before, inner);
                    if (o == null) {
                        sum[0] += pb[3];
                    } else {
                        double[] pa = psnr(after, inner);
                        sum[0] += pa[3] - pb[3];
                        sum[1] += pa[0] - pb[0];
                        sum[2] += pa[1] - pb[1];
                        sum[3] += pa[2] - pb[2];
                    }
                }
            }
            for (int i = 0; i < 4; i++) {
                sum[i] /= count;
            }
            return sum;
        }
    }
}
