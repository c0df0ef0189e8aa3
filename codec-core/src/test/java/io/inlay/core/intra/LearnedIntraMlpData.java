package io.inlay.core.intra;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.Kernels;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Data of the offline study of a non-linear learned intra predictor (docs/learned-intra.md,
 * "Non-linear network (MLP), offline study"): the blocks of {@link LearnedIntraTrainer} (its
 * frames, reconstruction cache and block sampling), each written with what an MLP needs to train
 * and what the study needs to compare it with the regular modes and with a {@link LearnedIntraModel}
 * (lip4) in the encoder's pre-selection cost.
 *
 * <p>Per block: the QP index; lip4's boundary mean {@code avg} (§4.8 step 2); two reference lines
 * from the reconstruction at full resolution (line 1: corner, n above, n left; line 2: the corner
 * at (-2, -2), n + 1 above at row -2 from x = -1, n + 1 left at column -2 from y = -1); the original
 * block; the trainer's target (block minus avg for 4x4 and 8x8, the fitted coordinates
 * {@code L^T t'} of {@link LearnedIntraTrainer.Up} for 16x16 and 32x32) and the part of the error no
 * reduced prediction reaches ({@code rest}); for the best of the 35 regular modes and the best of
 * the model's 16 modes: the squared error in the fitted coordinates (full-resolution SSE minus
 * {@code rest}) and the pre-selection cost {@code SATD + sqrt(lambda) * bits} (as
 * {@code CtuSearch.rmdCost}, with the rate proxy below), and the chosen modes.
 *
 * <p>Rate proxy (no neighbours in a sampled grid): a regular mode pays {@code lip_flag} = 0
 * (0.2 bit) and {@code prev_intra_luma_pred_flag} (1 bit) and then 1 or 2 bits for the MPMs of a block
 * without angular neighbours (planar, DC, vertical) or 5 bits; a learned mode pays {@code lip_flag}
 * = 1 (3 bits, i.e. used on about one block in eight) and 4 bits. Regular references are built with
 * the trainer's availability (every sample above, and left of the block in its rows), so the
 * regular modes see above-right and below-left samples; the learned ones do not.
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.intra.LearnedIntraMlpData OUT_DIR
 * MODEL FRAMES QPS CACHE PER_CLASS SEED CLIP... -- HELDOUT_CLIP...}; writes
 * {@code OUT_DIR/c<n>-train.bin} and {@code c<n>-heldout.bin} per class.
 */
public final class LearnedIntraMlpData {
    static final double LIP_FLAG0_BITS = 0.2;
    static final double LIP_FLAG1_BITS = 3.0;
    static final double PREV_FLAG_BITS = 1.0;
    static final double LEARNED_MODE_BITS = 4.0;
    static final int[] MPM = {IntraModes.PLANAR, IntraModes.DC, IntraModes.VERTICAL};

    private LearnedIntraMlpData() {
    }

    /** Bits of a regular mode under the rate proxy. */
    static double regularBits(int mode) {
        for (int i = 0; i < MPM.length; i++) {
            if (MPM[i] == mode) {
                return LIP_FLAG0_BITS + PREV_FLAG_BITS + (i == 0 ? 1 : 2);
            }
        }
        return LIP_FLAG0_BITS + PREV_FLAG_BITS + 5;
    }

    /** Bits of a learned mode under the rate proxy. */
    static double learnedBits() {
        return LIP_FLAG1_BITS + LEARNED_MODE_BITS;
    }

    /** The encoder's intra lambda (RdCost.lambda, 8 bits, factor 0.57). */
    static double lambda(int qp) {
        return 0.57 * Math.pow(2.0, (qp - 12) / 3.0);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        LearnedIntraModel model = LearnedIntraModel.parse(Files.readAllBytes(Path.of(args[1])));
        int frames = Integer.parseInt(args[2]);
        int[] qps = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        Path cache = Path.of(args[4]);
        int perClass = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        List<String> train = new ArrayList<>();
        List<String> held = new ArrayList<>();
        boolean h = false;
        for (int a = 7; a < args.length; a++) {
            if (args[a].equals("--")) {
                h = true;
            } else {
                (h ? held : train).add(args[a]);
            }
        }
        Files.createDirectories(out);
        Files.createDirectories(cache);
        for (int set = 0; set < 2; set++) {
            List<Picture> pics = new ArrayList<>();
            List<Picture> refs = new ArrayList<>();
            List<Integer> qpOf = new ArrayList<>();
            LearnedIntraTrainer.loadFrames(set == 0 ? train : held, frames, qps, cache, pics, refs, qpOf);
            for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
                Path file = out.resolve("c" + (4 << c) + (set == 0 ? "-train.bin" : "-heldout.bin"));
                write(file, pics, refs, qpOf, qps, model, c, perClass, new SplittableRandom(seed + c + 100 * set));
            }
        }
    }

    private static void write(Path file, List<Picture> pics, List<Picture> refs, List<Integer> qpOf, int[] qps,
                              LearnedIntraModel model, int c, int perClass, SplittableRandom rnd) throws Exception {
        int log2 = c + 2;
        int n = 1 << log2;
        int s = LearnedIntraModel.boundaryPerSide(c);
        int r = LearnedIntraModel.reducedSide(c);
        int outN = r * r;
        LearnedIntraTrainer.Target target = new LearnedIntraTrainer.Target(n, r);
        List<int[]> blocks = new ArrayList<>();
        LearnedIntraTrainer.sampleBlocks(pics, n, perClass, rnd, (pi, bx, by) -> blocks.add(new int[] {pi, bx, by}));
        BlockDistortion dist = Kernels.get().blockDistortion();
        IntraReference ref = new IntraReference();
        IntraPredictor angular = new IntraPredictor();
        LearnedIntraPredictor learned = new LearnedIntraPredictor();
        int[] pred = new int[n * n];
        short[] orig = new short[n * n];
        short[] ps = new short[n * n];
        float[] x = new float[2 * s];
        float[] t = new float[outN];
        double[][] sum = new double[qps.length][5];
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            o.writeInt(0x494C4D44);   // "ILMD"
            o.writeInt(n);
            o.writeInt(r);
            o.writeInt(4 * n + 4);
            o.writeInt(blocks.size());
            o.writeInt(qps.length);
            for (int qp : qps) {
                o.writeInt(qp);
            }
            if (target.up() != null) {
                double[][] li = target.up().ltInv();
                for (int a = 0; a < outN; a++) {
                    for (int b = 0; b < outN; b++) {
                        o.writeFloat((float) li[a][b]);
                    }
                }
            }
            for (int[] blk : blocks) {
                int pi = blk[0];
                int bx = blk[1];
                int by = blk[2];
                Plane y = pics.get(pi).plane(0);
                Plane rc = refs.get(pi).plane(0);
                int qi = Arrays.binarySearch(qps, qpOf.get(pi));
                double sqrtLambda = Math.sqrt(lambda(qps[qi]));
                ref.build(rc, bx, by, log2, 4, 8, (ax, ay) -> ax >= 0 && ay >= 0 && ax < y.width()
                        && ay < y.height() && (ay < by || ax < bx));
                int[] top = ref.top();
                int[] left = ref.left();
                int avg = LearnedIntraTrainer.centredBoundary(i -> top[1 + i], i -> left[1 + i], n, s, x);
                double rest = target.fill(y, bx, by, top, left, avg, t);
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        orig[j * n + i] = (short) y.get(bx + i, by + j);
                    }
                }
                double regSse = Double.MAX_VALUE;
                double regCost = Double.MAX_VALUE;
                int regMode = 0;
                for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                    angular.predict(ref, mode, log2, true, 8, pred);
                    double e = sseSatd(orig, pred, ps, n, dist);
                    regSse = Math.min(regSse, e - rest);
                    double cost = satd + sqrtLambda * regularBits(mode);
                    if (cost < regCost) {
                        regCost = cost;
                        regMode = mode;
                    }
                }
                double lipSse = Double.MAX_VALUE;
                double lipCost = Double.MAX_VALUE;
                int lipMode = 0;
                int lipSseMode = 0;
                for (int k = 0; k < LearnedIntraModel.MODES; k++) {
                    learned.predict(model, top, left, k, log2, 8, pred);
                    double e = sseSatd(orig, pred, ps, n, dist);
                    if (e - rest < lipSse) {
                        lipSse = e - rest;
                        lipSseMode = k;
                    }
                    double cost = satd + sqrtLambda * learnedBits();
                    if (cost < lipCost) {
                        lipCost = cost;
                        lipMode = k;
                    }
                }
                sum[qi][0]++;
                sum[qi][1] += regCost;
                sum[qi][2] += Math.min(regCost, lipCost);
                sum[qi][3] += lipCost < regCost ? 1 : 0;
                o.writeByte(qi);
                o.writeShort(avg);
                o.writeShort(rc.get(bx - 1, by - 1));
                for (int i = 0; i < n; i++) {
                    o.writeShort(rc.get(bx + i, by - 1));
                }
                for (int i = 0; i < n; i++) {
                    o.writeShort(rc.get(bx - 1, by + i));
                }
                o.writeShort(rc.get(bx - 2, by - 2));
                for (int i = -1; i < n; i++) {
                    o.writeShort(rc.get(bx + i, by - 2));
                }
                for (int i = -1; i < n; i++) {
                    o.writeShort(rc.get(bx - 2, by + i));
                }
                for (short v : orig) {
                    o.writeShort(v);
                }
                for (float v : t) {
                    o.writeFloat(v);
                }
                o.writeFloat((float) rest);
                o.writeFloat((float) regSse);
                o.writeFloat((float) regCost);
                o.writeByte(regMode);
                o.writeFloat((float) lipSse);
                o.writeFloat((float) lipCost);
                o.writeByte(lipMode);
                o.writeByte(lipSseMode);
            }
        }
        for (int qi = 0; qi < qps.length; qi++) {
            System.out.printf(Locale.ROOT, "%s QP %d: %.0f blocks, pre-selection cost regular %.1f, best of regular and"
                    + " model %.1f (%.2f %%), model best on %.1f %%%n", file.getFileName(), qps[qi], sum[qi][0],
                    sum[qi][1] / sum[qi][0], sum[qi][2] / sum[qi][0], 100 * (sum[qi][2] / sum[qi][1] - 1),
                    100 * sum[qi][3] / sum[qi][0]);
        }
    }

    private static int satd;

    /** Squared error of pred against orig; leaves the SATD (the encoder's kernel) in {@link #satd}. */
    private static double sseSatd(short[] orig, int[] pred, short[] ps, int n, BlockDistortion dist) {
        double e = 0;
        for (int i = 0; i < n * n; i++) {
            ps[i] = (short) pred[i];
            double d = pred[i] - orig[i];
            e += d * d;
        }
        satd = dist.satd(orig, 0, n, ps, 0, n, n, n);
        return e;
    }
}
