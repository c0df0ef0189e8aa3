package io.inlay.neural.onnx;

/**
 * Builds one ONNX {@code ModelProto} (serialised by {@link ProtoWriter}) node by node: the shared
 * part of every integer graph the project writes (the loop filter's {@link OnnxGraphWriter}, the
 * learned intra graph {@link LearnedIntraGraph}, the learned interpolation graph
 * {@link LearnedInterGraph}). Field numbers are those of onnx.proto (onnx/onnx, IR version 7 and
 * later), cited at each use.
 */
final class GraphBuilder {
    /** IR version written (7 goes with opset 13; ONNX Runtime 1.29 reads 3..13). */
    static final int IR_VERSION = 7;
    /** Default-domain opset. */
    static final int OPSET = 13;

    // TensorProto.DataType (onnx.proto): UINT8 = 2, INT8 = 3, INT32 = 6, INT64 = 7.
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    // AttributeProto.AttributeType: INT = 2, INTS = 7.
    static final int ATTR_INT = 2;
    static final int ATTR_INTS = 7;

    /** GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12. */
    private final ProtoWriter graph = new ProtoWriter();

    GraphBuilder(String name) {
        graph.string(2, name);
    }

    /** A constant (initializer) of 8-bit values ({@link #UINT8} or {@link #INT8}); returns its name. */
    String const8(String name, int type, long[] dims, byte[] data) {
        graph.message(5, tensor(name, type, dims, data));
        return name;
    }

    /** An int32 constant (initializer); returns its name. */
    String constI32(String name, long[] dims, int... data) {
        graph.message(5, tensor(name, INT32, dims, littleEndian(java.util.Arrays.stream(data).asLongStream().toArray(), 4)));
        return name;
    }

    /** An int64 constant (initializer); returns its name. */
    String constI64(String name, long[] dims, long... data) {
        graph.message(5, tensor(name, INT64, dims, littleEndian(data, 8)));
        return name;
    }

    // raw_data: each value in `bytes` little-endian bytes
    private static byte[] littleEndian(long[] values, int bytes) {
        byte[] raw = new byte[bytes * values.length];
        for (int j = 0; j < values.length; j++) {
            for (int b = 0; b < bytes; b++) {
                raw[bytes * j + b] = (byte) (values[j] >>> (8 * b));
            }
        }
        return raw;
    }

    /** A scalar int32 constant. */
    String scalarI32(String name, int v) {
        return constI32(name, new long[0], v);
    }

    /** Adds node {@code op} with the given inputs and one output {@code out}; returns the node, for attributes. */
    Node node(String op, String out, String... inputs) {
        Node n = new Node(op, out, inputs);
        nodes.add(n);
        return n;
    }

    /** Adds node {@code op} with several outputs. */
    Node node(String op, String[] outs, String... inputs) {
        Node n = new Node(op, outs, inputs);
        nodes.add(n);
        return n;
    }

    /** Shorthand: adds the node and returns its output name. */
    String op(String op, String out, String... inputs) {
        node(op, out, inputs);
        return out;
    }

    private final java.util.List<Node> nodes = new java.util.ArrayList<>();

    /** One node; attributes are added before the graph is serialised. */
    static final class Node {
        // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
        private final ProtoWriter w = new ProtoWriter();

        private Node(String op, String out, String[] inputs) {
            this(op, new String[] {out}, inputs);
        }

        private Node(String op, String[] outs, String[] inputs) {
            for (String in : inputs) {
                w.string(1, in);
            }
            for (String out : outs) {
                w.string(2, out);
            }
            w.string(3, outs[0] + "_" + op);
            w.string(4, op);
        }

        /** An INTS attribute. AttributeProto: name = 1, ints = 8, type = 20. */
        Node ints(String name, long... values) {
            ProtoWriter a = new ProtoWriter().string(1, name).int64(20, ATTR_INTS);
            for (long v : values) {
                a.int64(8, v);
            }
            w.message(5, a);
            return this;
        }

        /** An INT attribute. AttributeProto: name = 1, i = 3, type = 20. */
        Node integer(String name, long value) {
            w.message(5, new ProtoWriter().string(1, name).int64(20, ATTR_INT).int64(3, value));
            return this;
        }
    }

    /**
     * A graph input or output. {@code dims} holds {@link Long} (fixed) or {@link String} (symbolic)
     * entries. ValueInfoProto: name = 1, type = 2. TypeProto: tensor_type = 1. TypeProto.Tensor:
     * elem_type = 1, shape = 2. TensorShapeProto: dim = 1. Dimension: dim_value = 1, dim_param = 2.
     */
    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? new ProtoWriter().string(2, s)
                    : new ProtoWriter().int64(1, ((Number) d).longValue()));
        }
        ProtoWriter tensor = new ProtoWriter().int64(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }

    private final java.util.List<ProtoWriter> inputs = new java.util.ArrayList<>();
    private final java.util.List<ProtoWriter> outputs = new java.util.ArrayList<>();

    void input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
    }

    void output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
    }

    /**
     * The serialised {@code ModelProto}. ModelProto: ir_version = 1, producer_name = 2,
     * producer_version = 3, doc_string = 6, graph = 7, opset_import = 8 (OperatorSetIdProto:
     * domain = 1, version = 2).
     */
    byte[] model(String doc) {
        for (Node n : nodes) {
            graph.message(1, n.w);
        }
        for (ProtoWriter i : inputs) {
            graph.message(11, i);
        }
        for (ProtoWriter o : outputs) {
            graph.message(12, o);
        }
        ProtoWriter m = new ProtoWriter();
        m.int64(1, IR_VERSION);
        m.string(2, "inlay");
        m.string(3, "1");
        m.string(6, doc);
        m.message(7, graph);
        m.message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
        return m.toByteArray();
    }

    // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian values).
    private static ProtoWriter tensor(String name, int type, long[] dims, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        return t.int64(2, type).string(8, name).bytes(9, raw);
    }
}
