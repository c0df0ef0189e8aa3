package io.inlay.neural.onnx;

import io.inlay.neural.ModelFile;

/**
 * Builds the ONNX model ({@code ModelProto}, serialised) that computes docs/bitstream/neural-filter.md
 * §2 exactly, with integer operators only. Per layer {@code l} with shift {@code s}:
 *
 * <pre>
 *   acc = ConvInteger(x_l u8, W_l u8 = weight + 128, x_zero_point 0, w_zero_point 128)   int32
 *         (pads r on every side = the zero padding of §2; u8 weights with one per-tensor zero
 *          point are the fast path of ONNX Runtime's ConvInteger and exact: (w+128) - 128 = w)
 *   t   = Add(Mul(acc, M_l), B_l)     M_l = multiplier, B_l = bias * multiplier + 2^(s-1)
 *                                     [+ 2048 * 2^s for the output layer], int32 [1, C, 1, 1]
 *   q   = Div(Clip(t, 0, hi), 2^s)    hi = 256 * 2^s - 1 (hidden) or 4096 * 2^s - 1 (output);
 *                                     Div truncates, equal to >> on the clipped value (>= 0)
 *   hidden: x_{l+1} = Cast(q, uint8)  (q is in 0..255, so the wrapping cast is exact)
 *   output: r = Sub(q, 2048)          int32 in -2048..2047
 * </pre>
 *
 * Input {@code x}: uint8 {@code [1, 7, H, W]}; output {@code r}: int32 {@code [1, 6, H, W]}; H and W
 * are symbolic. The last validity rule of §1 keeps every int32 intermediate (and hi) in range.
 *
 * <p>Field numbers are those of onnx.proto (onnx/onnx, IR version 7 and later), cited at each use.
 */
public final class OnnxGraphWriter {
    /** IR version written (7 goes with opset 13; ONNX Runtime 1.29 reads 3..13). */
    public static final int IR_VERSION = GraphBuilder.IR_VERSION;
    /** Default-domain opset: ConvInteger-10, Mul/Add/Sub/Div/Clip/Cast-13. */
    public static final int OPSET = GraphBuilder.OPSET;
    public static final String INPUT = "x";
    public static final String OUTPUT = "r";

    private OnnxGraphWriter() {
    }

    /** The serialised {@code ModelProto} of {@code model}. */
    public static byte[] write(ModelFile model) {
        GraphBuilder g = new GraphBuilder("inlay_nlf");
        g.const8("x_zero_point", GraphBuilder.UINT8, new long[0], new byte[] {0});
        g.const8("w_zero_point", GraphBuilder.UINT8, new long[0], new byte[] {(byte) 128});
        g.scalarI32("zero", 0);
        g.scalarI32("c2048", 2048);
        String x = INPUT;
        int n = model.numLayers();
        for (int l = 0; l < n; l++) {
            ModelFile.Layer layer = model.layer(l);
            boolean last = l == n - 1;
            int co = layer.outChannels();
            int k = layer.kernelSize();
            int r = layer.radius();
            int s = layer.shift();
            byte[] w = layer.weights();
            for (int j = 0; j < w.length; j++) {
                w[j] = (byte) (w[j] + 128); // -127..127 -> 1..255 as u8
            }
            int[] mult = layer.multiplier();
            int[] add = new int[co];
            for (int c = 0; c < co; c++) {
                add[c] = Math.toIntExact((long) layer.bias(c) * mult[c] + (1L << (s - 1)) + (last ? 2048L << s : 0));
            }
            int hi = Math.toIntExact(Math.min(Integer.MAX_VALUE, (last ? 4096L << s : 256L << s) - 1));
            String p = "l" + l + "_";
            g.const8(p + "w", GraphBuilder.UINT8, new long[] {co, layer.inChannels(), k, k}, w);
            g.constI32(p + "mult", new long[] {1, co, 1, 1}, mult);
            g.constI32(p + "bias", new long[] {1, co, 1, 1}, add);
            g.scalarI32(p + "hi", hi);
            g.scalarI32(p + "div", 1 << s);

            g.node("ConvInteger", p + "acc", x, p + "w", "x_zero_point", "w_zero_point")
                    .ints("kernel_shape", k, k).ints("pads", r, r, r, r).ints("strides", 1, 1);
            g.op("Mul", p + "scaled", p + "acc", p + "mult");
            g.op("Add", p + "t", p + "scaled", p + "bias");
            g.op("Clip", p + "clipped", p + "t", "zero", p + "hi");
            g.op("Div", p + "q", p + "clipped", p + "div");
            if (!last) {
                g.node("Cast", p + "out", p + "q").integer("to", GraphBuilder.UINT8);
                x = p + "out";
            } else {
                g.op("Sub", OUTPUT, p + "q", "c2048");
            }
        }
        g.input(INPUT, GraphBuilder.UINT8, 1L, (long) ModelFile.INPUT_CHANNELS, "H", "W");
        g.output(OUTPUT, GraphBuilder.INT32, 1L, (long) ModelFile.OUTPUT_CHANNELS, "H", "W");
        return g.model(model.name() + " " + model.idHex());
    }
}
