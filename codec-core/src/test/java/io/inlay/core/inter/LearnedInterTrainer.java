package io.inlay.core.inter;

import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.Preset;
import io.inlay.core.codec.CachedReconstructions;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.kernels.SubpelInterpolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a {@link LearnedInterModel} (docs/learned-inter.md): K sets of quarter-sample luma
 * filters fitted by least squares to corpus motion, in the manner of the adaptive interpolation
 * filter of Vatis and Ostermann (IEEE TCSVT 2009) but offline and with K alternatives chosen per
 * coding unit.
 *
 * <p><b>Data.</b> For each clip, reference frames 0 and 8 (5 in a clip of fewer than 11 frames)
 * are coded alone, all intra, by Inlay at each of the given QPs (deblocking on, as references
 * are), reconstructions cached; the originals of frames 1, 2 (for 0) and 9, 10 (for 8) are the
 * targets. 16x16 target blocks at random grid
 * positions get a motion vector by a full integer search (+-{@value #RANGE}, SAD against the
 * reconstruction) and a quarter-sample refinement (squared error, H.265's filters); blocks whose
 * best vector has a fractional part and whose error is not an outlier (mean squared error at most
 * {@value #MAX_MSE}) are kept with their 23x23 reference window.
 *
 * <p><b>Fit.</b> A set is three 8-tap rows c_f (f = 1/4, 1/2, 3/4) used separably like H.265's:
 * pred = sum_s c_fy[s] sum_t c_fx[t] ref / 4096. The fit is bilinear, so it alternates: with the
 * current rows fixed, each c_f is the linear least-squares solution (normal equations, sum of taps
 * constrained to 64 by a Lagrange multiplier) over every sample whose horizontal fraction is f
 * (features: the vertically filtered reference) or vertical fraction is f (features: the
 * horizontally filtered reference). {@value #ALS} alternations per fit.
 *
 * <p><b>Sets.</b> Lloyd iterations over K sets plus H.265's filters (fixed): each block goes to
 * the filter with its smallest squared error, each set is refitted on its blocks. Initially set 1
 * is fitted on every block; with K > 1, set k (k >= 2) starts from the blocks on which every
 * earlier set loses to H.265, or on a split by the blocks' high-frequency energy.
 * Taps are then rounded (sum kept at 64) and every block's error is measured with the integer
 * kernel.
 *
 * <p>Run {@code java -cp ... io.inlay.core.inter.LearnedInterTrainer OUT K SEED --recon QPS CACHE CLIP...};
 * deterministic for the same arguments.
 */
public final class LearnedInterTrainer {
    static final int B = 16;
    static final int WIN = B + 7;
    static final int RANGE = 12;
    static final int PER_PAIR = 500;
    static final double MAX_MSE = 100;
    static final int ALS = 4;
    static final int LLOYD = 6;
    /** Ridge towards H.265's taps ({@link #solveSum64}), {@code -Dinlay.lifRidge}; 0 for lif1. */
    static final double RIDGE = Double.parseDouble(System.getProperty("inlay.lifRidge", "0"));

    /**
     * Training blocks: fractions, reference window ((n + 7) x (n + 7), top-left at (-3, -3)), target
     * (n x n; {@link #pairBlocks} makes n = {@value #B}, the encoder's blocks have their CU's size).
     */
    public record Block(int fx, int fy, short[] win, short[] target) {
        /** The block's size n. */
        int n() {
            return (int) Math.round(Math.sqrt(target.length));
        }
    }

    private LearnedInterTrainer() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int k = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        if (args[3].equals("--encoder")) {
            trainOnEncoderMotion(out, k, args);
            return;
        }
        if (!args[3].equals("--recon")) {
            throw new IllegalArgumentException("usage: OUT K SEED --recon QPS CACHE CLIP... | OUT K SEED --encoder QPS FRAMES CLIP...");
        }
        int[] qps = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        Path cache = Path.of(args[5]);
        Files.createDirectories(cache);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Block> blocks = new ArrayList<>();
        for (int a = 6; a < args.length; a++) {
            collect(Path.of(args[a]), qps, cache, rnd, blocks);
        }
        System.out.printf(Locale.ROOT, "%d training blocks%n", blocks.size());
        int[][][] sets = train(blocks, k);
        byte[] file = LearnedInterModel.serialise(sets);
        Files.write(out, file);
        System.out.println("wrote " + out + " (" + file.length + " bytes)");
        for (int s = 0; s < sets.length; s++) {
            for (int f = 1; f < 4; f++) {
                System.out.println("set " + (s + 1) + " frac " + f + ": " + Arrays.toString(sets[s][f]));
            }
        }
    }

    /**
     * {@code OUT K SEED --encoder QPS FRAMES CLIP...}: trains on the encoder's own motion
     * ({@link EncoderMotionBlocks}); {@code -Dinlay.lifInLoop=FILE} encodes with that model on,
     * {@code -Dinlay.lifCompare=FILE} also reports that model's error on the same blocks.
     */
    static void trainOnEncoderMotion(Path out, int k, String[] args) throws Exception {
        int[] qps = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        int frames = Integer.parseInt(args[5]);
        String inLoopFile = System.getProperty("inlay.lifInLoop");
        LearnedInterModel inLoop = inLoopFile == null ? null : LearnedInterModel.parse(Files.readAllBytes(Path.of(inLoopFile)));
        double maxMse = Double.parseDouble(System.getProperty("inlay.lifMaxMse", String.valueOf(MAX_MSE)));
        String cacheFile = System.getProperty("inlay.lifBlocks");
        List<Block> blocks = new ArrayList<>();
        if (cacheFile != null && Files.exists(Path.of(cacheFile))) {
            blocks = readBlocks(Path.of(cacheFile));
            System.out.printf(Locale.ROOT, "%d blocks read from %s%n", blocks.size(), cacheFile);
        } else {
            for (int a = 6; a < args.length; a++) {
                EncoderMotionBlocks.collect(Path.of(args[a]), frames, qps, inLoop,
                        cacheFile != null ? Double.MAX_VALUE : maxMse, blocks);
            }
            if (cacheFile != null) {
                writeBlocks(Path.of(cacheFile), blocks);
            }
        }
        if (cacheFile != null) {
            // the cache keeps every block; outliers are dropped here
            SubpelInterpolation kernel = Kernels.scalar().subpelInterpolation();
            int[][] regularInt = REGULAR_TAPS;
            List<Block> kept = new ArrayList<>();
            for (Block b : blocks) {
                if (intError(kernel, b, regularInt) <= maxMse * b.target().length) {
                    kept.add(b);
                }
            }
            System.out.printf(Locale.ROOT, "%d of %d blocks with a mean squared error of at most %s%n", kept.size(),
                    blocks.size(), maxMse);
            blocks = kept;
        }
        long samples = 0;
        int[] bySize = new int[7];
        for (Block b : blocks) {
            samples += b.target().length;
            bySize[Integer.numberOfTrailingZeros(b.n())]++;
        }
        System.out.printf(Locale.ROOT, "%d training blocks, %d samples; 8x8 %d, 16x16 %d, 32x32 %d, 64x64 %d; ridge %s%n",
                blocks.size(), samples, bySize[3], bySize[4], bySize[5], bySize[6], RIDGE);
        String compare = System.getProperty("inlay.lifCompare");
        if (compare != null) {
            report("compared model " + compare, blocks,
                    LearnedInterModel.parse(Files.readAllBytes(Path.of(compare))));
        }
        int[][][] sets = train(blocks, k);
        byte[] file = LearnedInterModel.serialise(sets);
        Files.write(out, file);
        System.out.println("wrote " + out + " (" + file.length + " bytes)");
        for (int s = 0; s < sets.length; s++) {
            for (int f = 1; f < 4; f++) {
                System.out.println("set " + (s + 1) + " frac " + f + ": " + Arrays.toString(sets[s][f]));
            }
        }
    }

    /** Writes blocks (fx, fy, n, window, target) to a cache file ({@code -Dinlay.lifBlocks}). */
    static void writeBlocks(Path file, List<Block> blocks) throws IOException {
        try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(blocks.size());
            for (Block b : blocks) {
                out.writeByte(b.fx());
                out.writeByte(b.fy());
                out.writeByte(b.n());
                for (short v : b.win()) {
                    out.writeShort(v);
                }
                for (short v : b.target()) {
                    out.writeShort(v);
                }
            }
        }
    }

    static List<Block> readBlocks(Path file) throws IOException {
        try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            List<Block> blocks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int fx = in.readByte();
                int fy = in.readByte();
                int n = in.readByte();
                short[] win = new short[(n + 7) * (n + 7)];
                short[] target = new short[n * n];
                for (int k = 0; k < win.length; k++) {
                    win[k] = in.readShort();
                }
                for (int k = 0; k < target.length; k++) {
                    target[k] = in.readShort();
                }
                blocks.add(new Block(fx, fy, win, target));
            }
            return blocks;
        }
    }

    /** {@link #report(String, List, int[][][])} of the sets of {@code model}. */
    static void report(String what, List<Block> blocks, LearnedInterModel model) {
        int[][][] sets = new int[model.sets()][][];
        for (int s = 0; s < sets.length; s++) {
            sets[s] = model.taps(s);
        }
        report(what, blocks, sets);
    }

    /**
     * Integer-kernel MSE of H.265's filters, of each of {@code sets} (integer taps per fraction) alone and
     * of the best per block, over {@code blocks}, through the scalar kernel.
     */
    static void report(String what, List<Block> blocks, int[][][] sets) {
        SubpelInterpolation kernel = Kernels.scalar().subpelInterpolation();
        int k = sets.length;
        int[][] regularInt = REGULAR_TAPS;
        double reg = 0;
        double best = 0;
        double[] perSet = new double[k];
        int[] count = new int[k + 1];
        long samples = 0;
        for (Block b : blocks) {
            samples += b.target().length;
            double r = intError(kernel, b, regularInt);
            reg += r;
            double m = r;
            int arg = 0;
            for (int s = 0; s < k; s++) {
                double e = intError(kernel, b, sets[s]);
                perSet[s] += e;
                if (e < m) {
                    m = e;
                    arg = s + 1;
                }
            }
            best += m;
            count[arg]++;
        }
        System.out.printf(Locale.ROOT, "%s: MSE H.265 %.3f, best of all %.3f (%.2f%% lower), blocks per filter %s%n",
                what, reg / samples, best / samples, 100 * (1 - best / reg), Arrays.toString(count));
        for (int s = 0; s < k; s++) {
            System.out.printf(Locale.ROOT, "  set %d alone: MSE %.3f%n", s + 1, perSet[s] / samples);
        }
    }

    static void collect(Path clip, int[] qps, Path cache, SplittableRandom rnd, List<Block> blocks) throws IOException {
        List<Picture> frames = new ArrayList<>();
        VideoFormat f;
        try (VideoReader r = VideoFiles.openReader(clip.toString(), null)) {
            f = r.format();
            Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
            for (int i = 0; i <= 10 && r.read(p); i++) {
                frames.add(p.copy(0));
            }
        }
        if (frames.size() < 8) {
            throw new IOException(clip + ": fewer than 8 frames");
        }
        // references 0 and 8 (targets 1, 2 and 9, 10); 0 and 5 in clips of fewer than 11 frames
        int second = frames.size() >= 11 ? 8 : 5;
        int[] refFrames = {0, second};
        int[][] targets = {{1, 2}, {second + 1, second + 2}};
        String name = clip.getFileName().toString().replace(".y4m", "");
        int before = blocks.size();
        for (int qp : qps) {
            List<Picture> rec = reconstructions(List.of(frames.get(0), frames.get(second)), f, qp,
                    cache.resolve(name + "_lif_qp" + qp + ".y4m"));
            for (int i = 0; i < refFrames.length; i++) {
                for (int t : targets[i]) {
                    pairBlocks(rec.get(i).plane(0), frames.get(t).plane(0), rnd, blocks);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d blocks%n", name, blocks.size() - before);
    }

    /** Random 16x16 blocks of {@code org} with their motion into {@code ref}; keeps fractional, non-outlier ones. */
    static void pairBlocks(Plane ref, Plane org, SplittableRandom rnd, List<Block> blocks) {
        SubpelInterpolation kernel = Kernels.scalar().subpelInterpolation();
        int cols = org.width() / B;
        int rows = org.height() / B;
        int n = Math.min(PER_PAIR, cols * rows);
        short[] pred = new short[B * B];
        int[] tmp = new int[SubpelInterpolation.TMP_INTS];
        short[] rs = ref.samples();
        short[] os = org.samples();
        int margin = RANGE + 4;
        for (int i = 0; i < n; i++) {
            int bx = rnd.nextInt(cols) * B;
            int by = rnd.nextInt(rows) * B;
            if (bx < margin || by < margin || bx + B + margin > org.width() || by + B + margin > org.height()) {
                continue;
            }
            long bestSad = Long.MAX_VALUE;
            int mx = 0;
            int my = 0;
            for (int dy = -RANGE; dy <= RANGE; dy++) {
                for (int dx = -RANGE; dx <= RANGE; dx++) {
                    long sad = 0;
                    for (int y = 0; y < B && sad < bestSad; y++) {
                        int o = org.index(bx, by + y);
                        int r = ref.index(bx + dx, by + dy + y);
                        for (int x = 0; x < B; x++) {
                            sad += Math.abs(os[o + x] - rs[r + x]);
                        }
                    }
                    if (sad < bestSad || sad == bestSad && Math.abs(dx) + Math.abs(dy) < Math.abs(mx) + Math.abs(my)) {
                        bestSad = sad;
                        mx = dx;
                        my = dy;
                    }
                }
            }
            long bestSse = Long.MAX_VALUE;
            int bfx = 0;
            int bfy = 0;
            int bix = 0;
            int biy = 0;
            for (int qy = 4 * my - 3; qy <= 4 * my + 3; qy++) {
                for (int qx = 4 * mx - 3; qx <= 4 * mx + 3; qx++) {
                    int ix = qx >> 2;
                    int iy = qy >> 2;
                    kernel.luma(rs, ref.index(bx + ix, by + iy), ref.stride(), qx & 3, qy & 3, B, B, 8, pred, 0, B, tmp);
                    long sse = 0;
                    for (int y = 0; y < B; y++) {
                        int o = org.index(bx, by + y);
                        for (int x = 0; x < B; x++) {
                            int p = (pred[y * B + x] + SubpelInterpolation.PRED_OFFSET + 32) >> 6;
                            p = Math.max(0, Math.min(255, p));
                            int d = os[o + x] - p;
                            sse += d * d;
                        }
                    }
                    if (sse < bestSse) {
                        bestSse = sse;
                        bfx = qx & 3;
                        bfy = qy & 3;
                        bix = ix;
                        biy = iy;
                    }
                }
            }
            if ((bfx | bfy) == 0 || bestSse > MAX_MSE * B * B) {
                continue;
            }
            short[] win = new short[WIN * WIN];
            for (int y = 0; y < WIN; y++) {
                System.arraycopy(rs, ref.index(bx + bix - 3, by + biy - 3 + y), win, y * WIN, WIN);
            }
            short[] target = new short[B * B];
            for (int y = 0; y < B; y++) {
                System.arraycopy(os, org.index(bx, by + y), target, y * B, B);
            }
            blocks.add(new Block(bfx, bfy, win, target));
        }
    }

    /** Lloyd iterations over K sets plus H.265's filters; returns the rounded sets [set][frac][tap]. */
    static int[][][] train(List<Block> blocks, int k) {
        int n = blocks.size();
        double[][][] sets = new double[k][][];
        int[] assign = new int[n];   // 0: H.265, s + 1: set s
        double[][] regular = regularTaps();
        double[] regErr = new double[n];
        long samples = 0;
        for (int i = 0; i < n; i++) {
            regErr[i] = error(blocks.get(i), regular);
            samples += blocks.get(i).target().length;
        }
        Arrays.fill(assign, 1);
        sets[0] = fit(blocks, assign, 1, regular);
        for (int s = 1; s < k; s++) {
            // set s starts on the blocks every earlier set and H.265 predict worst relative to their energy:
            // the half of the blocks with the largest high-frequency energy among those not assigned yet
            double[] hf = new double[n];
            for (int i = 0; i < n; i++) {
                hf[i] = highFrequency(blocks.get(i));
            }
            double[] sorted = hf.clone();
            Arrays.sort(sorted);
            double median = sorted[n / 2];
            for (int i = 0; i < n; i++) {
                double best = regErr[i];
                assign[i] = 0;
                for (int t = 0; t < s; t++) {
                    double e = error(blocks.get(i), sets[t]);
                    if (e < best) {
                        best = e;
                        assign[i] = t + 1;
                    }
                }
                if ((s == 1) == (hf[i] < median)) {
                    assign[i] = s + 1;
                }
            }
            sets[s] = fit(blocks, assign, s + 1, sets[0]);
        }
        for (int it = 0; it < LLOYD; it++) {
            double total = 0;
            double regTotal = 0;
            int[] count = new int[k + 1];
            for (int i = 0; i < n; i++) {
                double best = regErr[i];
                assign[i] = 0;
                for (int s = 0; s < k; s++) {
                    double e = error(blocks.get(i), sets[s]);
                    if (e < best) {
                        best = e;
                        assign[i] = s + 1;
                    }
                }
                total += best;
                regTotal += regErr[i];
                count[assign[i]]++;
            }
            System.out.printf(Locale.ROOT, "iteration %d: MSE H.265 %.3f, best of H.265 and sets %.3f, blocks per filter %s%n",
                    it, regTotal / samples, total / samples, Arrays.toString(count));
            for (int s = 0; s < k; s++) {
                if (count[s + 1] > 50) {
                    sets[s] = fit(blocks, assign, s + 1, sets[s]);
                }
            }
        }
        int[][][] q = new int[k][][];
        for (int s = 0; s < k; s++) {
            q[s] = round(sets[s]);
        }
        report("integer taps", blocks, q); // every block with the rounded taps
        return q;
    }

    /** H.265's luma taps per fraction (row 0 the identity), as the integer kernels take them; not to be modified. */
    static final int[][] REGULAR_TAPS = new int[4][8];

    static {
        for (int f = 0; f < 4; f++) {
            for (int t = 0; t < 8; t++) {
                REGULAR_TAPS[f][t] = SubpelInterpolation.lumaTap(f, t);
            }
        }
    }

    static double[][] regularTaps() {
        double[][] c = new double[4][8];
        for (int f = 0; f < 4; f++) {
            for (int t = 0; t < 8; t++) {
                c[f][t] = SubpelInterpolation.lumaTap(f, t);
            }
        }
        return c;
    }

    /** Sum of squared horizontal and vertical second differences of the target: a sharpness measure. */
    static double highFrequency(Block b) {
        double e = 0;
        short[] t = b.target;
        int B = b.n();
        for (int y = 1; y < B - 1; y++) {
            for (int x = 1; x < B - 1; x++) {
                int c = t[y * B + x];
                int h = 2 * c - t[y * B + x - 1] - t[y * B + x + 1];
                int v = 2 * c - t[(y - 1) * B + x] - t[(y + 1) * B + x];
                e += h * h + v * v;
            }
        }
        return e;
    }

    /** Float prediction of block b with rows c (scaled by 64): pred[y][x]. */
    static double[] predict(Block b, double[][] c) {
        int B = b.n();
        int WIN = B + 7;
        double[] hpass = new double[WIN * B];   // rows 0..WIN-1 of the window, columns 0..B-1 of the block
        double[] cx = b.fx == 0 ? null : c[b.fx];
        for (int y = 0; y < WIN; y++) {
            for (int x = 0; x < B; x++) {
                double v;
                if (cx == null) {
                    v = b.win[y * WIN + x + 3];
                } else {
                    v = 0;
                    for (int t = 0; t < 8; t++) {
                        v += cx[t] * b.win[y * WIN + x + t];
                    }
                    v /= 64;
                }
                hpass[y * B + x] = v;
            }
        }
        double[] p = new double[B * B];
        double[] cy = b.fy == 0 ? null : c[b.fy];
        for (int y = 0; y < B; y++) {
            for (int x = 0; x < B; x++) {
                double v;
                if (cy == null) {
                    v = hpass[(y + 3) * B + x];
                } else {
                    v = 0;
                    for (int s = 0; s < 8; s++) {
                        v += cy[s] * hpass[(y + s) * B + x];
                    }
                    v /= 64;
                }
                p[y * B + x] = v;
            }
        }
        return p;
    }

    static double error(Block b, double[][] c) {
        double[] p = predict(b, c);
        double e = 0;
        for (int i = 0; i < p.length; i++) {
            double d = b.target[i] - p[i];
            e += d * d;
        }
        return e;
    }

    /** The uni-prediction of block b with integer taps, rounded to samples (clipped to 8 bits). */
    static short[] intPrediction(SubpelInterpolation kernel, Block b, int[][] taps) {
        int n = b.n();
        short[] pred = new short[n * n];
        int[] tmp = new int[SubpelInterpolation.TMP_INTS];
        kernel.luma(b.win(), 3 * (n + 7) + 3, n + 7, taps, b.fx(), b.fy(), n, n, 8, pred, 0, n, tmp);
        for (int i = 0; i < pred.length; i++) {
            pred[i] = (short) Math.max(0, Math.min(255, (pred[i] + SubpelInterpolation.PRED_OFFSET + 32) >> 6));
        }
        return pred;
    }

    static double intError(SubpelInterpolation kernel, Block b, int[][] taps) {
        short[] pred = intPrediction(kernel, b, taps);
        double e = 0;
        for (int i = 0; i < pred.length; i++) {
            int d = b.target[i] - pred[i];
            e += d * d;
        }
        return e;
    }

    /** Alternating least-squares fit of one set on the blocks with {@code assign == label}, starting from {@code start}. */
    static double[][] fit(List<Block> blocks, int[] assign, int label, double[][] start) {
        double[][] c = new double[4][];
        for (int f = 0; f < 4; f++) {
            c[f] = start[f].clone();
        }
        for (int it = 0; it < ALS; it++) {
            double[][][] ata = new double[4][8][8];
            double[][] atb = new double[4][8];
            double[] feat = new double[8];
            for (int i = 0; i < blocks.size(); i++) {
                if (assign[i] != label) {
                    continue;
                }
                Block b = blocks.get(i);
                int B = b.n();
                int WIN = B + 7;
                for (int y = 0; y < B; y++) {
                    for (int x = 0; x < B; x++) {
                        double target = 64.0 * b.target[y * B + x];
                        if (b.fx != 0) {
                            // horizontal role: feature t = vertical pass (c_fy, or the row itself) at column x + t
                            for (int t = 0; t < 8; t++) {
                                double v;
                                if (b.fy == 0) {
                                    v = b.win[(y + 3) * WIN + x + t];
                                } else {
                                    v = 0;
                                    for (int s = 0; s < 8; s++) {
                                        v += c[b.fy][s] * b.win[(y + s) * WIN + x + t];
                                    }
                                    v /= 64;
                                }
                                feat[t] = v;
                            }
                            accumulate(ata[b.fx], atb[b.fx], feat, target);
                        }
                        if (b.fy != 0) {
                            for (int s = 0; s < 8; s++) {
                                double v;
                                if (b.fx == 0) {
                                    v = b.win[(y + s) * WIN + x + 3];
                                } else {
                                    v = 0;
                                    for (int t = 0; t < 8; t++) {
                                        v += c[b.fx][t] * b.win[(y + s) * WIN + x + t];
                                    }
                                    v /= 64;
                                }
                                feat[s] = v;
                            }
                            accumulate(ata[b.fy], atb[b.fy], feat, target);
                        }
                    }
                }
            }
            for (int f = 1; f < 4; f++) {
                if (ata[f][0][0] > 0) {
                    c[f] = solveSum64(ata[f], atb[f], f);
                }
            }
        }
        return c;
    }

    private static void accumulate(double[][] ata, double[] atb, double[] feat, double target) {
        for (int i = 0; i < 8; i++) {
            double fi = feat[i];
            atb[i] += fi * target;
            for (int j = 0; j <= i; j++) {
                ata[i][j] += fi * feat[j];
            }
        }
    }

    /**
     * Minimises |A c - b|^2 + r |c - h|^2 subject to sum(c) = 64, from the normal equations (lower
     * triangle of ata), where h is H.265's row for fraction {@code f} and r = {@link #RIDGE} times
     * the mean diagonal of A'A: a pull towards H.265's interpolating taps against rows that fit
     * wrong vectors by shifting (0: none, as for lif1).
     */
    static double[] solveSum64(double[][] ataLower, double[] atb0, int f) {
        double[] atb = atb0.clone();
        double[][] m = new double[8][8];
        double trace = 0;
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j <= i; j++) {
                m[i][j] = ataLower[i][j];
                m[j][i] = ataLower[i][j];
            }
            trace += m[i][i];
        }
        for (int i = 0; i < 8; i++) {
            m[i][i] += 1e-6 * trace / 8;   // a whisper of ridge against singular systems
        }
        double r = RIDGE * trace / 8;
        for (int i = 0; i < 8; i++) {
            m[i][i] += r;
            atb[i] += r * SubpelInterpolation.lumaTap(f, i);
        }
        double[] x = solve(m, atb);
        double[] ones = new double[8];
        Arrays.fill(ones, 1);
        double[] y = solve(m, ones);
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < 8; i++) {
            sx += x[i];
            sy += y[i];
        }
        double mu = (64 - sx) / sy;
        for (int i = 0; i < 8; i++) {
            x[i] += mu * y[i];
        }
        return x;
    }

    /** Gaussian elimination with partial pivoting (8x8). */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** Rounds each row to integers summing to 64 (the largest rounding error absorbs the difference). */
    static int[][] round(double[][] c) {
        int[][] q = new int[4][8];
        q[0][3] = 64;
        for (int f = 1; f < 4; f++) {
            int sum = 0;
            for (int t = 0; t < 8; t++) {
                q[f][t] = (int) Math.round(c[f][t]);
                sum += q[f][t];
            }
            while (sum != 64) {
                int dir = sum < 64 ? 1 : -1;
                int arg = -1;
                double bestGap = -1;
                for (int t = 0; t < 8; t++) {
                    double gap = dir * (c[f][t] - q[f][t]);
                    if (gap > bestGap) {
                        bestGap = gap;
                        arg = t;
                    }
                }
                q[f][arg] += dir;
                sum += dir;
            }
            if (!SubpelInterpolation.validLumaTaps(q[f])) {
                throw new IllegalStateException("fitted row exceeds the positive-tap bound: " + Arrays.toString(q[f]));
            }
        }
        return q;
    }

    /** Reconstructions of {@code frames}, each coded alone as an intra frame at {@code qp} (preset veryfast, deblocking on), cached. */
    static List<Picture> reconstructions(List<Picture> frames, VideoFormat f, int qp, Path file) throws IOException {
        EncoderConfig cfg = EncoderConfig.builder(f.width(), f.height()).bitDepth(f.bitDepth())
                .chromaFormat(f.chromaFormat()).qp(qp).gop(GopStructure.ALL_INTRA)
                .keepReconstruction(true).threads(1).preset(Preset.of("veryfast")).build();
        return CachedReconstructions.of(frames, f, cfg, file);
    }
}
