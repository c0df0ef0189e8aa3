package io.inlay.neural.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.NativeCalls;
import io.inlay.neural.ModelFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a model through an ONNX Runtime session over the integer graph of {@link OnnxGraphWriter}
 * (built in memory once per instance). The picture is processed in tiles of
 * {@code tileSize x tileSize} chroma-grid positions, each extended by the model's receptive-field
 * radius on the sides that are not picture edges; the margins are discarded, so the result equals
 * the whole-picture computation of docs/bitstream/neural-filter.md §2 (its informative note).
 *
 * <p>Deterministic session: {@code threads} intra-op threads, one inter-op thread, sequential
 * execution, no spinning. Input and output tensors are direct buffers created once per tile shape
 * (a picture has at most nine) and reused; outputs are pre-bound, so ONNX Runtime writes into them.
 */
public final class OnnxNetwork implements InLoopFilter {
    /** Default tile size in chroma-grid positions. */
    public static final int DEFAULT_TILE = 128;
    private static final int MAX_SHAPES = 16;

    private final ModelFile model;
    private final int threads;
    private final int tileSize;
    private final int margin;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<Long, TileTensors> shapes = new LinkedHashMap<>();
    private int[] row = new int[0];
    private boolean closed;

    /** Tensors of one tile shape, backed by direct buffers. */
    private record TileTensors(ByteBuffer in, IntBuffer out, OnnxTensor inTensor, OnnxTensor outTensor,
            Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs) {
        void close() {
            inTensor.close();
            outTensor.close();
        }
    }

    /**
     * @param threads  intra-op threads (1 or more)
     * @param tileSize tile width and height in chroma-grid positions (1 or more)
     * @throws OrtException when ONNX Runtime cannot load or create the session
     */
    public OnnxNetwork(ModelFile model, int threads, int tileSize) throws OrtException {
        if (threads < 1 || tileSize < 1) {
            throw new IllegalArgumentException("threads and tile size must be at least 1: " + threads + ", " + tileSize);
        }
        this.model = model;
        this.threads = threads;
        this.tileSize = tileSize;
        this.margin = model.receptiveFieldRadius();
        // native calls run under NativeCalls, so that an exit (e.g. on SIGTERM) waits for them
        this.env = Sessions.environment();
        this.session = Sessions.open(env, OnnxGraphWriter.write(model), threads);
    }

    @Override
    public byte[] modelId() {
        return model.id();
    }

    @Override
    public int receptiveFieldRadius() {
        return model.receptiveFieldRadius();
    }

    @Override
    public String description() {
        return model.summary() + ", onnxruntime " + env.getVersion() + " (" + threads + " thread"
                + (threads > 1 ? "s" : "") + ", tiles " + tileSize + ")";
    }

    @Override
    public void run(byte[] input, int width, int height, short[] output) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("picture size " + width + "x" + height);
        }
        long plane = (long) width * height;
        if (input.length < INPUT_CHANNELS * plane || output.length < OUTPUT_CHANNELS * plane) {
            throw new IllegalArgumentException("input/output arrays too small for " + width + "x" + height);
        }
        for (int ty = 0; ty < height; ty += tileSize) {
            for (int tx = 0; tx < width; tx += tileSize) {
                runTile(input, width, height, output, tx, ty, Math.min(width, tx + tileSize),
                        Math.min(height, ty + tileSize));
            }
        }
    }

    // Output region [x0, x1) x [y0, y1); the network runs on it extended by the margin.
    private void runTile(byte[] input, int w, int h, short[] output, int x0, int y0, int x1, int y1) {
        int ex0 = Math.max(0, x0 - margin);
        int ey0 = Math.max(0, y0 - margin);
        int ex1 = Math.min(w, x1 + margin);
        int ey1 = Math.min(h, y1 + margin);
        int ew = ex1 - ex0;
        int eh = ey1 - ey0;
        TileTensors t = tensors(ew, eh);
        int tilePlane = ew * eh;
        int plane = w * h;
        for (int i = 0; i < INPUT_CHANNELS; i++) {
            for (int y = ey0; y < ey1; y++) {
                t.in().put(i * tilePlane + (y - ey0) * ew, input, i * plane + y * w + ex0, ew);
            }
        }
        Sessions.run(session, t.inputs(), t.outputs(), "a " + ew + "x" + eh + " tile");
        int cw = x1 - x0;
        if (row.length < cw) {
            row = new int[cw];
        }
        for (int c = 0; c < OUTPUT_CHANNELS; c++) {
            for (int y = y0; y < y1; y++) {
                t.out().get(c * tilePlane + (y - ey0) * ew + (x0 - ex0), row, 0, cw);
                int o = c * plane + y * w + x0;
                for (int x = 0; x < cw; x++) {
                    output[o + x] = (short) row[x];
                }
            }
        }
    }

    private TileTensors tensors(int ew, int eh) {
        long key = (long) ew << 32 | eh;
        TileTensors t = shapes.get(key);
        if (t != null) {
            return t;
        }
        if (shapes.size() >= MAX_SHAPES) {
            Iterator<TileTensors> it = shapes.values().iterator();
            TileTensors evicted = it.next();
            NativeCalls.call(() -> {
                evicted.close();
                return null;
            });
            it.remove();
        }
        try {
            long tilePlane = (long) ew * eh;
            ByteBuffer in = ByteBuffer.allocateDirect(Math.toIntExact(INPUT_CHANNELS * tilePlane))
                    .order(ByteOrder.nativeOrder());
            IntBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(4 * OUTPUT_CHANNELS * tilePlane))
                    .order(ByteOrder.nativeOrder()).asIntBuffer();
            OnnxTensor inT = NativeCalls.call(
                    () -> OnnxTensor.createTensor(env, in, new long[] {1, INPUT_CHANNELS, eh, ew}, OnnxJavaType.UINT8));
            OnnxTensor outT = NativeCalls.call(
                    () -> OnnxTensor.createTensor(env, out, new long[] {1, OUTPUT_CHANNELS, eh, ew}));
            t = new TileTensors(in, out, inT, outT, Map.of(OnnxGraphWriter.INPUT, inT),
                    Map.of(OnnxGraphWriter.OUTPUT, outT));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot create ONNX Runtime tensors: " + e.getMessage(), e);
        }
        shapes.put(key, t);
        return t;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            NativeCalls.call(() -> {
                for (TileTensors t : shapes.values()) {
                    t.close();
                }
                shapes.clear();
                session.close();
                return null;
            });
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        }
    }
}
