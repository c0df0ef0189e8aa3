package io.inlay.neural.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A one-layer model: the least-squares linear 3x3 filter over the 7 input planes
 * ({@link LinearFit}, each position weighted by its frame's loss weight) as a 7 -> 6 3x3 layer of
 * the model file (docs/bitstream/neural-filter.md §1: a single layer is the output layer), 378
 * MAC per chroma-grid position, 0.09 kMAC per luma sample. A baseline for the networks (what a
 * linear cross-component filter reaches) and a cheap filter in its own right.
 *
 * <pre>
 * FitLinearNlf --cache DIR [--corpus DIR] [--seed 1] [--positions 22] [--out DIR] [--name lin1]
 *              [--features K [--ridge 1e-7]]
 * </pre>
 *
 * Writes DIR/NAME.innf, NAME.sha256 and NAME.log. The seed fixes the sampled positions; the
 * sums run in a fixed order, so a rerun gives the same file.
 */
public final class FitLinearNlf {
    private FitLinearNlf() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        java.util.Map<String, String> opt = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            opt.put(args[i].substring(2), args[i + 1]);
        }
        Path corpus = Path.of(opt.getOrDefault("corpus", "/work/shared/corpus"));
        PairCache cache = new PairCache(Path.of(opt.getOrDefault("cache", "/tmp/inlay-nlf-cache")));
        long seed = Long.parseLong(opt.getOrDefault("seed", "1"));
        int log2 = Integer.parseInt(opt.getOrDefault("positions", "22"));
        String name = opt.getOrDefault("name", "lin1");
        Path out = Path.of(opt.getOrDefault("out", "target/nlf"));
        Files.createDirectories(out);
        StringBuilder log = new StringBuilder();
        log.append("# Inlay neural loop filter, linear least-squares model: ").append(name).append('\n');
        log.append("command: FitLinearNlf ").append(String.join(" ", args)).append('\n');
        List<PairCache.Job> jobs = DataSets.train(corpus);
        cache.ensure(jobs, 2, System.out);
        List<Sample> train = new ArrayList<>();
        for (PairCache.Job j : jobs) {
            for (PairCache.Frame f : cache.load(j)) {
                train.add(new Sample(f));
            }
        }
        long[] cum = Sample.cumulativeSizes(train);
        int features = Integer.parseInt(opt.getOrDefault("features", "0"));
        if (features > 0) {
            long t1 = System.nanoTime();
            FeatureFit ff = new FeatureFit(features, new Random(seed ^ 0xFEA7L));
            double ridge = Double.parseDouble(opt.getOrDefault("ridge", "1e-7"));
            float[] pct = ff.fit(train, cum, 1 << log2, new Random(seed ^ 0x11EA1L), ridge);
            log.append(String.format("two layers: 7 -> %d (3x3, fixed: 7 pass-through channels, %d relu(+-h) of random zero-sum "
                    + "3x3 filters, seed %d) -> 6 (3x3, least squares on 2^%d training positions of %d frames, each weighted by "
                    + "its frame's loss weight, ridge %.0e): %.1f s%n", ff.channels, features, seed, log2, train.size(), ridge,
                    (System.nanoTime() - t1) * 1e-9));
            log.append("feature percentiles (99.99 %):").append(java.util.Arrays.toString(pct)).append('\n');
            IntModel model = ff.quantise(name, pct);
            write(model, name, out, log, jobs.size());
            return;
        }
        long t0 = System.nanoTime();
        double[][] c = LinearFit.fit(train, cum, 1 << log2, new Random(seed ^ 0x11EA1L));
        log.append(String.format("least-squares 3x3 filter over the 7 input planes and a constant, per output plane, on "
                + "2^%d training positions of %d frames (each weighted by its frame's loss weight, seed %d): %.1f s%n", log2,
                train.size(), seed, (System.nanoTime() - t0) * 1e-9));
        // File order [c][i][ky][kx]; LinearFit's feature i * 9 + ky * 3 + kx is the same order.
        float[] w = new float[6 * 7 * 9];
        float[] b = new float[6];
        for (int o = 0; o < 6; o++) {
            for (int j = 0; j < 7 * 9; j++) {
                w[o * 63 + j] = (float) c[o][j];
            }
            b[o] = (float) c[o][LinearFit.FEATURES - 1];
        }
        IntModel model = Quantiser.quantise(name, List.of(new Quantiser.FloatLayer(7, 6, 3, w, b)), List.of());
        write(model, name, out, log, jobs.size());
    }

    private static void write(IntModel model, String name, Path out, StringBuilder log, int jobs) throws java.io.IOException {
        byte[] bytes = model.toBytes();
        Files.write(out.resolve(name + ".innf"), bytes);
        String sha = IntModel.sha256Hex(bytes);
        Files.writeString(out.resolve(name + ".sha256"), sha + "  " + name + ".innf\n");
        for (IntModel.Layer L : model.layers()) {
            log.append(String.format("layer %d -> %d (3x3), shift %d, multipliers %s%n", L.in(), L.out(), L.shift(),
                    java.util.Arrays.toString(L.multiplier())));
        }
        log.append(String.format("%.2f kMAC per luma sample%n", model.macPerLumaSample() / 1000));
        log.append(String.format("wrote %s.innf (%d bytes), SHA-256 %s%n", name, bytes.length, sha));
        log.append("data (training): the training pairs of TrainNlf (DataSets.train), ").append(jobs).append(" jobs\n");
        System.out.print(log);
        Files.writeString(out.resolve(name + ".log"), log);
    }
}
