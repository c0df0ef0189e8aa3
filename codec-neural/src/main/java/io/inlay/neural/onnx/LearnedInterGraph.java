package io.inlay.neural.onnx;

/**
 * The integer ONNX graph of the learned luma interpolation filters, docs/bitstream/decoding-process.md
 * §10 and §10.1, at one bit depth: a batch of blocks of one size, each with its own two 8-tap rows
 * (the learned set's rows for its xFrac and yFrac; the identity row {@code 0,0,0,64,0,0,0,0} for a
 * fraction 0). The taps are graph inputs, so one graph serves every model.
 *
 * <p>Inputs: {@code win} int32 {@code [N, H + 7, W + 7]}, the clamped reference windows (block at
 * column and row 3); {@code tx}, {@code ty} int32 {@code [N, 8, 1]}. Output: {@code pred} int32
 * {@code [N, H, W]}, {@code predSamples - 8192}. H and W are symbolic.
 *
 * <pre>
 *   h    = sum_k Slice(win, cols k .. k + W) * tx[k]                  (8 Mul, 7 Add; int32, exact)
 *   h    = Div(h + 2^20, 2^shift1) - 2^(20 - shift1)                  (= h >> shift1; only BitDepth > 8)
 *   v    = sum_k Slice(h, rows k .. k + H) * ty[k]
 *   pred = Div(v + 2^24, 64) - (2^18 + 8192)                          (= (v >> 6) - 8192)
 * </pre>
 *
 * This is the 2-D case of §10 for every block: with the identity row, {@code 64 s >> shift1} is
 * {@code s << (6 - shift1)} exactly, so a fraction 0 in either direction reproduces the
 * one-dimensional formulas and both 0 gives {@code s << shift3}. The bias keeps each {@code Div}
 * operand positive (|h| < 2^19 before the first shift, |v| < 2^22), where truncation equals the
 * arithmetic shift; the bounds follow from the positive taps of a row summing to at most 96
 * (§10.1), which also keeps {@code pred} within 16 bits.
 */
public final class LearnedInterGraph {
    public static final String WINDOW = "win";
    public static final String TAPS_X = "tx";
    public static final String TAPS_Y = "ty";
    public static final String PRED = "pred";
    /** Taps per row. */
    public static final int TAPS = 8;

    private LearnedInterGraph() {
    }

    /** The serialised {@code ModelProto} for {@code bitDepth} (8..12). */
    public static byte[] write(int bitDepth) {
        if (bitDepth < 8 || bitDepth > 12) {
            throw new IllegalArgumentException("bit depth " + bitDepth);
        }
        int shift1 = bitDepth - 8;
        GraphBuilder g = new GraphBuilder("inlay_lif");
        g.constI64("ax1", new long[] {1}, 1);
        g.constI64("ax2", new long[] {1}, 2);
        String[] cx = new String[TAPS];
        String[] cy = new String[TAPS];
        for (int k = 0; k < TAPS; k++) {
            cx[k] = "tx" + k;
            cy[k] = "ty" + k;
            g.constI64("s" + k, new long[] {1}, k);
            g.constI64("e" + k, new long[] {1}, k == TAPS - 1 ? Long.MAX_VALUE : k - (TAPS - 1));
        }
        g.node("Split", cx, TAPS_X).integer("axis", 1);
        g.node("Split", cy, TAPS_Y).integer("axis", 1);
        String h = pass(g, "h", WINDOW, "ax2", cx);
        if (shift1 > 0) {
            g.scalarI32("h_bias", 1 << 20);
            g.scalarI32("h_div", 1 << shift1);
            g.scalarI32("h_off", 1 << (20 - shift1));
            g.op("Add", "h_b", h, "h_bias");
            g.op("Div", "h_q", "h_b", "h_div");
            h = g.op("Sub", "h_s", "h_q", "h_off");
        }
        String v = pass(g, "v", h, "ax1", cy);
        g.scalarI32("v_bias", 1 << 24);
        g.scalarI32("c64", 64);
        g.scalarI32("v_off", (1 << 18) + 8192);
        g.op("Add", "v_b", v, "v_bias");
        g.op("Div", "v_q", "v_b", "c64");
        g.op("Sub", PRED, "v_q", "v_off");
        g.input(WINDOW, GraphBuilder.INT32, "N", "Hw", "Ww");
        g.input(TAPS_X, GraphBuilder.INT32, "N", (long) TAPS, 1L);
        g.input(TAPS_Y, GraphBuilder.INT32, "N", (long) TAPS, 1L);
        g.output(PRED, GraphBuilder.INT32, "N", "H", "W");
        return g.model("learned interpolation, bit depth " + bitDepth);
    }

    // sum over k of Slice(x, k .. end - 7 + k along axis) * c[k]
    private static String pass(GraphBuilder g, String p, String x, String axis, String[] c) {
        String acc = null;
        for (int k = 0; k < TAPS; k++) {
            g.op("Slice", p + "_s" + k, x, "s" + k, "e" + k, axis);
            String m = g.op("Mul", p + "_m" + k, p + "_s" + k, c[k]);
            acc = acc == null ? m : g.op("Add", p + "_a" + k, acc, m);
        }
        return acc;
    }
}
