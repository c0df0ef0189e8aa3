package io.inlay.neural.onnx;

import io.inlay.core.intra.LearnedIntraModel;

/**
 * The integer ONNX graph of learned intra prediction, docs/bitstream/decoding-process.md §4.8, for
 * one block-size class and bit depth: a batch of blocks, each with its own mode.
 *
 * <p>Inputs: {@code ref} int32 {@code [N, 2n]}, per block the n unfiltered top reference samples
 * {@code p[0..n-1][-1]} then the n left ones {@code p[-1][0..n-1]} (after §4.1 substitution);
 * {@code mode} int32 {@code [N]}, 0..7. Output: {@code pred} int32 {@code [N, n * n]} (row-major).
 *
 * <pre>
 *   bdry = Div(ReduceSum(Reshape(ref, [N, 2S, f]), axis 2) + f/2, f)          step 1 (f = n / S)
 *   avg  = Div(ReduceSum(bdry, axis 1) + S, 2S)                                step 2
 *   lo   = Cast(Clip(bdry - 256 hi, 0, 255), u8), hi = Cast(Clip(Div(bdry, 256), 0, 15), u8)
 *   A.bdry = MatMulInteger(lo, W[mode]) [+ 256 MatMulInteger(hi, W[mode]) when BitDepth > 8]
 *            W = A^T + 128 as u8, zero point 128 (exact: -127..127 maps to 1..255)
 *   acc  = A.bdry - avg * rowsum[mode] + (b << (BitDepth - 8)) + 2^(shift-1) + 2^30   (= step 3's sum + 2^30 >= 0)
 *   red  = Clip(Div(acc, 2^shift) - 2^(30 - shift) + avg, 0, 2^BitDepth - 1)
 * </pre>
 *
 * {@code A.d = A.bdry - avg * rowsum} is exact in int32 (|A.bdry| < 2^23), and adding 2^30 makes
 * the value positive, so {@code Div} (truncating) equals the arithmetic shift of §4.8 on it: 2^30 is a
 * multiple of 2^shift and |acc - 2^30| < 2^27. Per-mode constants (weights, row sums, offsets,
 * 2^shift) are gathered by {@code mode}. For 16x16 and 32x32 step 4 is two int32 MatMuls with the
 * two-tap weights {@code u - k, k} (rows anchored on the left references, then columns anchored on
 * the top references), each followed by {@code Div(+ u/2, u)} (all values non-negative).
 */
public final class LearnedIntraGraph {
    public static final String REF = "ref";
    public static final String MODE = "mode";
    public static final String PRED = "pred";
    private static final int BIAS = 1 << 30;

    private LearnedIntraGraph() {
    }

    /** The serialised {@code ModelProto} of class {@code c} (log2 size - 2) of {@code model} at {@code bitDepth}. */
    public static byte[] write(LearnedIntraModel model, int c, int bitDepth) {
        if (c < 0 || c >= LearnedIntraModel.CLASSES || bitDepth < 8 || bitDepth > 12) {
            throw new IllegalArgumentException("class " + c + ", bit depth " + bitDepth);
        }
        int n = 4 << c;
        int s = LearnedIntraModel.boundaryPerSide(c);
        int in = LearnedIntraModel.inputs(c);
        int f = n / s;
        int r = LearnedIntraModel.reducedSide(c);
        int outs = LearnedIntraModel.outputs(c);
        int modes = LearnedIntraModel.MODES;
        byte[] w = new byte[modes * in * outs];
        int[] rowSum = new int[modes * outs];
        int[] bias = new int[modes * outs];
        int[] div = new int[modes];
        int[] off = new int[modes];
        for (int k = 0; k < modes; k++) {
            byte[] a = model.matrixWeights(c, k);
            int[] b = model.matrixOffsets(c, k);
            int shift = model.shift(c, k);
            for (int j = 0; j < outs; j++) {
                int sum = 0;
                for (int i = 0; i < in; i++) {
                    sum += a[j * in + i];
                    w[(k * in + i) * outs + j] = (byte) (a[j * in + i] + 128);
                }
                rowSum[k * outs + j] = sum;
                bias[k * outs + j] = Math.toIntExact((long) (b[j] << (bitDepth - 8)) + (1 << (shift - 1)) + BIAS);
            }
            div[k] = 1 << shift;
            off[k] = BIAS >> shift;
        }
        GraphBuilder g = new GraphBuilder("inlay_lip_c" + c);
        g.const8("zp0", GraphBuilder.UINT8, new long[0], new byte[] {0});
        g.const8("zp128", GraphBuilder.UINT8, new long[0], new byte[] {(byte) 128});
        g.const8("W", GraphBuilder.UINT8, new long[] {modes, in, outs}, w);
        g.constI32("rowsum", new long[] {modes, outs}, rowSum);
        g.constI32("bias", new long[] {modes, outs}, bias);
        g.constI32("div", new long[] {modes, 1}, div);
        g.constI32("off", new long[] {modes, 1}, off);
        g.scalarI32("c0", 0);
        g.scalarI32("c255", 255);
        g.scalarI32("max", (1 << bitDepth) - 1);
        g.constI64("ax1", new long[] {1}, 1);
        if (f > 1 || r < n) {
            g.constI64("ax2", new long[] {1}, 2);
        }

        // step 1: boundary reduction
        String bdry = REF;
        if (f > 1) {
            g.constI64("shape_red", new long[] {3}, -1, in, f);
            g.scalarI32("half_f", f >> 1);
            g.scalarI32("f", f);
            g.op("Reshape", "groups", REF, "shape_red");
            g.node("ReduceSum", "gsum", "groups", "ax2").integer("keepdims", 0);
            g.op("Add", "gsum_r", "gsum", "half_f");
            bdry = g.op("Div", "bdry", "gsum_r", "f");
        }
        // step 2: mean
        g.scalarI32("half_in", in >> 1);
        g.scalarI32("in", in);
        g.node("ReduceSum", "total", bdry, "ax1").integer("keepdims", 1);
        g.op("Add", "total_r", "total", "half_in");
        g.op("Div", "avg", "total_r", "in");
        // step 3: A.d = A.bdry - avg * rowsum, bytes of bdry through MatMulInteger
        g.node("Gather", "Wm", "W", MODE).integer("axis", 0);
        String lo = bdry;
        String hi = null;
        if (bitDepth > 8) {
            g.scalarI32("c256", 256);
            g.op("Div", "hi32", bdry, "c256");
            g.op("Mul", "hi256", "hi32", "c256");
            lo = g.op("Sub", "lo32", bdry, "hi256");
            g.scalarI32("c15", (1 << (bitDepth - 8)) - 1);
            g.op("Clip", "hi_c", "hi32", "c0", "c15");
            g.node("Cast", "hi8", "hi_c").integer("to", GraphBuilder.UINT8);
            hi = g.op("Unsqueeze", "hi3", "hi8", "ax1");
        }
        g.op("Clip", "lo_c", lo, "c0", "c255");
        g.node("Cast", "lo8", "lo_c").integer("to", GraphBuilder.UINT8);
        g.op("Unsqueeze", "lo3", "lo8", "ax1");
        String ab = g.op("MatMulInteger", "ab_lo", "lo3", "Wm", "zp0", "zp128");
        if (hi != null) {
            g.op("MatMulInteger", "ab_hi", hi, "Wm", "zp0", "zp128");
            g.op("Mul", "ab_hi256", "ab_hi", "c256");
            ab = g.op("Add", "ab", "ab_lo", "ab_hi256");
        }
        g.constI64("shape_outs", new long[] {2}, -1, outs);
        g.op("Reshape", "ab2", ab, "shape_outs");
        g.node("Gather", "rowsum_m", "rowsum", MODE).integer("axis", 0);
        g.op("Mul", "avg_rs", "avg", "rowsum_m");
        g.op("Sub", "ad", "ab2", "avg_rs");
        g.node("Gather", "bias_m", "bias", MODE).integer("axis", 0);
        g.op("Add", "acc", "ad", "bias_m");
        g.node("Gather", "div_m", "div", MODE).integer("axis", 0);
        g.op("Div", "q", "acc", "div_m");
        g.node("Gather", "off_m", "off", MODE).integer("axis", 0);
        g.op("Sub", "avg_off", "avg", "off_m");
        g.op("Add", "v", "q", "avg_off");
        if (r == n) {
            g.op("Clip", PRED, "v", "c0", "max");
        } else {
            g.op("Clip", "red", "v", "c0", "max");
            upsample(g, n, r);
        }
        g.input(REF, GraphBuilder.INT32, "N", (long) (2 * n));
        g.input(MODE, GraphBuilder.INT32, "N");
        g.output(PRED, GraphBuilder.INT32, "N", (long) (n * n));
        return g.model("learned intra class " + c + " bit depth " + bitDepth + " " + hex(model.id()));
    }

    /** Step 4 from {@code red} [N, r * r] and {@code ref}: two int32 MatMuls with two-tap weights. */
    private static void upsample(GraphBuilder g, int n, int r) {
        int u = n / r;
        // rowW[j][x]: column j of [anchor, red_0..red_{r-1}] -> H[x]; x = j u + k - 1 takes (u - k) of
        // column j and k of column j + 1, k = 1..u.
        int[] rowW = new int[(r + 1) * n];
        for (int j = 0; j < r; j++) {
            for (int k = 1; k <= u; k++) {
                int x = j * u + k - 1;
                rowW[j * n + x] = u - k;
                rowW[(j + 1) * n + x] = k;
            }
        }
        int[] colW = new int[n * (r + 1)];
        for (int x = 0; x < n; x++) {
            for (int j = 0; j <= r; j++) {
                colW[x * (r + 1) + j] = rowW[j * n + x];
            }
        }
        long[] leftIdx = new long[r];
        for (int i = 0; i < r; i++) {
            leftIdx[i] = n + (long) (i + 1) * u - 1;
        }
        g.constI32("rowW", new long[] {r + 1, n}, rowW);
        g.constI32("colW", new long[] {n, r + 1}, colW);
        g.constI64("left_idx", new long[] {r}, leftIdx);
        g.scalarI32("half_u", u >> 1);
        g.scalarI32("u", u);
        g.constI64("shape_red3", new long[] {3}, -1, r, r);
        g.constI64("shape_out", new long[] {2}, -1, (long) n * n);
        g.constI64("zero1", new long[] {1}, 0);
        g.constI64("n1", new long[] {1}, n);
        g.op("Reshape", "red3", "red", "shape_red3");
        g.node("Gather", "lanch", REF, "left_idx").integer("axis", 1);
        g.op("Unsqueeze", "lanch3", "lanch", "ax2");
        g.node("Concat", "cat1", "lanch3", "red3").integer("axis", 2);
        g.op("MatMul", "hsum", "cat1", "rowW");
        g.op("Add", "hsum_r", "hsum", "half_u");
        g.op("Div", "H", "hsum_r", "u");
        g.op("Slice", "tanch", REF, "zero1", "n1", "ax1");
        g.op("Unsqueeze", "tanch3", "tanch", "ax1");
        g.node("Concat", "cat2", "tanch3", "H").integer("axis", 1);
        g.op("MatMul", "vsum", "colW", "cat2");
        g.op("Add", "vsum_r", "vsum", "half_u");
        g.op("Div", "pred3", "vsum_r", "u");
        g.op("Reshape", PRED, "pred3", "shape_out");
    }

    private static String hex(byte[] id) {
        StringBuilder b = new StringBuilder();
        for (byte x : id) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }
}
