package io.inlay.neural.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.neural.LearnedInterExecutor;
import java.nio.IntBuffer;

/**
 * The learned interpolation filters on ONNX Runtime: one session over {@link LearnedInterGraph},
 * one {@code run} per {@link #interpolate} call whatever the batch size; each block's two tap rows
 * come from the model's set for its fractions. Tensors per (size, batch size) are created once and
 * reused (least recently used evicted).
 */
public final class OnnxLearnedInter implements LearnedInterExecutor {
    private static final int SHAPES = 32;

    private final LearnedInterModel model;
    private final int threads;
    private final OrtEnvironment env = Sessions.environment();
    private final OrtSession session;
    private final BatchTensors.Cache tensors = new BatchTensors.Cache(SHAPES);
    private int[] row = new int[0];
    private boolean closed;

    /**
     * @throws IllegalStateException when ONNX Runtime cannot create the session
     */
    public OnnxLearnedInter(LearnedInterModel model, int bitDepth, int threads) {
        this.model = model;
        this.threads = threads;
        try {
            this.session = Sessions.open(env, LearnedInterGraph.write(bitDepth), threads);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot run the learned interpolation graph: " + e.getMessage(), e);
        }
    }

    @Override
    public void interpolate(int width, int height, int count, short[] windows, int[] sets, int[] fracs, short[] out) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (width < 1 || height < 1 || width > 128 || height > 128 || count < 1) {
            throw new IllegalArgumentException(width + "x" + height + ", count " + count);
        }
        int ww = width + WINDOW_EXTRA;
        int wh = height + WINDOW_EXTRA;
        long key = ((long) width << 48) | ((long) height << 32) | count;
        BatchTensors t = tensors.get(key);
        if (t == null) {
            t = BatchTensors.create(env, new String[] {LearnedInterGraph.WINDOW, LearnedInterGraph.TAPS_X,
                LearnedInterGraph.TAPS_Y}, new long[][] {{count, wh, ww}, {count, LearnedInterGraph.TAPS, 1},
                {count, LearnedInterGraph.TAPS, 1}}, LearnedInterGraph.PRED, new long[] {count, height, width});
            tensors.put(key, t);
        }
        int samples = count * ww * wh;
        if (row.length < Math.max(samples, count * width * height)) {
            row = new int[Math.max(samples, count * width * height)];
        }
        for (int i = 0; i < samples; i++) {
            row[i] = windows[i];
        }
        IntBuffer win = t.in[0].clear();
        win.put(row, 0, samples);
        IntBuffer tx = t.in[1].clear();
        IntBuffer ty = t.in[2].clear();
        for (int b = 0; b < count; b++) {
            int[][] taps = model.taps(sets[b]);
            tx.put(taps[fracs[b] & 3]);
            ty.put(taps[(fracs[b] >> 2) & 3]);
        }
        Sessions.run(session, t.inputs, t.outputs, count + " learned-filter blocks of " + width + "x" + height);
        int n = count * width * height;
        t.out.clear().get(row, 0, n);
        for (int i = 0; i < n; i++) {
            out[i] = (short) row[i];
        }
    }

    @Override
    public String description() {
        return "onnxruntime " + env.getVersion() + " (" + threads + " thread" + (threads > 1 ? "s" : "") + ")";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tensors.close();
            Sessions.close(session);
        }
    }
}
