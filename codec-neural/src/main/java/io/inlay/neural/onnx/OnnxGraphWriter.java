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
    public static final int IR_VERSION = 7;
    /** Default-domain opset: ConvInteger-10, Mul/Add/Sub/Div/Clip/Cast-13. */
    public static final int OPSET = 13;
    public static final String INPUT = "x";
    public static final String OUTPUT = "r";

    // TensorProto.DataType (onnx.proto): UINT8 = 2, INT32 = 6.
    static final int UINT8 = 2;
    static final int INT32 = 6;
    // AttributeProto.AttributeType: INT = 2, INTS = 7.
    static final int ATTR_INT = 2;
    static final int ATTR_INTS = 7;

    private OnnxGraphWriter() {
    }

    /** The serialised {@code ModelProto} of {@code model}. */
    public static byte[] write(ModelFile model) {
        ProtoWriter graph = new ProtoWriter();
        // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
        graph.string(2, "inlay_nlf");
        graph.message(5, tensorU8("x_zero_point", new long[0], new byte[] {0}));
        graph.message(5, tensorU8("w_zero_point", new long[0], new byte[] {(byte) 128}));
        graph.message(5, tensorI32("zero", new long[0], new int[] {0}));
        graph.message(5, tensorI32("c2048", new long[0], new int[] {2048}));
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
            graph.message(5, tensorU8(p + "w", new long[] {co, layer.inChannels(), k, k}, w));
            graph.message(5, tensorI32(p + "mult", new long[] {1, co, 1, 1}, mult));
            graph.message(5, tensorI32(p + "bias", new long[] {1, co, 1, 1}, add));
            graph.message(5, tensorI32(p + "hi", new long[0], new int[] {hi}));
            graph.message(5, tensorI32(p + "div", new long[0], new int[] {1 << s}));

            ProtoWriter conv = node("ConvInteger", p + "conv", new String[] {x, p + "w", "x_zero_point", "w_zero_point"},
                    p + "acc");
            conv.message(5, intsAttribute("kernel_shape", k, k));
            conv.message(5, intsAttribute("pads", r, r, r, r));
            conv.message(5, intsAttribute("strides", 1, 1));
            graph.message(1, conv);
            graph.message(1, node("Mul", p + "mul", new String[] {p + "acc", p + "mult"}, p + "scaled"));
            graph.message(1, node("Add", p + "add", new String[] {p + "scaled", p + "bias"}, p + "t"));
            graph.message(1, node("Clip", p + "clip", new String[] {p + "t", "zero", p + "hi"}, p + "clipped"));
            graph.message(1, node("Div", p + "shift", new String[] {p + "clipped", p + "div"}, p + "q"));
            if (!last) {
                ProtoWriter cast = node("Cast", p + "cast", new String[] {p + "q"}, p + "out");
                cast.message(5, new ProtoWriter().string(1, "to").int64(20, ATTR_INT).int64(3, UINT8));
                graph.message(1, cast);
                x = p + "out";
            } else {
                graph.message(1, node("Sub", p + "sub", new String[] {p + "q", "c2048"}, OUTPUT));
            }
        }
        graph.message(11, valueInfo(INPUT, UINT8, ModelFile.INPUT_CHANNELS));
        graph.message(12, valueInfo(OUTPUT, INT32, ModelFile.OUTPUT_CHANNELS));

        ProtoWriter model1 = new ProtoWriter();
        // ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, doc_string = 6,
        // graph = 7, opset_import = 8 (OperatorSetIdProto: domain = 1, version = 2).
        model1.int64(1, IR_VERSION);
        model1.string(2, "inlay");
        model1.string(3, "1");
        model1.string(6, model.name() + " " + model.idHex());
        model1.message(7, graph);
        model1.message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
        return model1.toByteArray();
    }

    // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
    private static ProtoWriter node(String op, String name, String[] inputs, String output) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output);
        n.string(3, name);
        n.string(4, op);
        return n;
    }

    // AttributeProto: name = 1, ints = 8, type = 20.
    private static ProtoWriter intsAttribute(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name).int64(20, ATTR_INTS);
        for (long v : values) {
            a.int64(8, v);
        }
        return a;
    }

    // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian values).
    private static ProtoWriter tensorU8(String name, long[] dims, byte[] data) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        return t.int64(2, UINT8).string(8, name).bytes(9, data);
    }

    private static ProtoWriter tensorI32(String name, long[] dims, int[] data) {
        byte[] raw = new byte[4 * data.length];
        for (int j = 0; j < data.length; j++) {
            for (int b = 0; b < 4; b++) {
                raw[4 * j + b] = (byte) (data[j] >>> (8 * b));
            }
        }
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        return t.int64(2, INT32).string(8, name).bytes(9, raw);
    }

    // ValueInfoProto: name = 1, type = 2. TypeProto: tensor_type = 1. TypeProto.Tensor:
    // elem_type = 1, shape = 2. TensorShapeProto: dim = 1. Dimension: dim_value = 1, dim_param = 2.
    private static ProtoWriter valueInfo(String name, int elemType, int channels) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().int64(1, 1))
                .message(1, new ProtoWriter().int64(1, channels))
                .message(1, new ProtoWriter().string(2, "H"))
                .message(1, new ProtoWriter().string(2, "W"));
        ProtoWriter tensor = new ProtoWriter().int64(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }
}
