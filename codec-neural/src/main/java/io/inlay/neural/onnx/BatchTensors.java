package io.inlay.neural.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.inlay.core.neural.NativeCalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * int32 input and output tensors of one batch shape over direct buffers, created once and reused
 * (the output pre-bound), and a small cache of them keyed by shape, least recently used evicted.
 */
final class BatchTensors {
    final IntBuffer[] in;
    final IntBuffer out;
    final Map<String, OnnxTensor> inputs;
    final Map<String, OnnxTensor> outputs;

    private BatchTensors(IntBuffer[] in, IntBuffer out, Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs) {
        this.in = in;
        this.out = out;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    static BatchTensors create(OrtEnvironment env, String[] inNames, long[][] inShapes, String outName, long[] outShape) {
        IntBuffer[] in = new IntBuffer[inNames.length];
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (int i = 0; i < in.length; i++) {
                IntBuffer b = buffer(inShapes[i]);
                in[i] = b;
                long[] shape = inShapes[i];
                inputs.put(inNames[i], NativeCalls.call(() -> OnnxTensor.createTensor(env, b, shape)));
            }
            IntBuffer out = buffer(outShape);
            OnnxTensor o = NativeCalls.call(() -> OnnxTensor.createTensor(env, out, outShape));
            return new BatchTensors(in, out, Map.copyOf(inputs), Map.of(outName, o));
        } catch (OrtException e) {
            inputs.values().forEach(OnnxTensor::close);
            throw new IllegalStateException("cannot create ONNX Runtime tensors: " + e.getMessage(), e);
        }
    }

    private static IntBuffer buffer(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return ByteBuffer.allocateDirect(Math.toIntExact(4 * n)).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    void close() {
        NativeCalls.call(() -> {
            inputs.values().forEach(OnnxTensor::close);
            outputs.values().forEach(OnnxTensor::close);
            return null;
        });
    }

    /** Tensors by shape key, at most {@code capacity}, the least recently used closed and evicted. */
    static final class Cache {
        private final int capacity;
        private final LinkedHashMap<Long, BatchTensors> map = new LinkedHashMap<>(16, 0.75f, true);

        Cache(int capacity) {
            this.capacity = capacity;
        }

        BatchTensors get(long key) {
            return map.get(key);
        }

        void put(long key, BatchTensors t) {
            if (map.size() >= capacity) {
                Iterator<BatchTensors> it = map.values().iterator();
                it.next().close();
                it.remove();
            }
            map.put(key, t);
        }

        void close() {
            map.values().forEach(BatchTensors::close);
            map.clear();
        }
    }
}
