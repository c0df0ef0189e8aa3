package io.inlay.neural.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.neural.LearnedIntraExecutor;

/**
 * Learned intra prediction on ONNX Runtime: one session per block-size class over
 * {@link LearnedIntraGraph} (made on first use of the class), one {@code run} per
 * {@link #predict} call whatever the batch size. Tensors per (class, batch size) are created
 * once and reused.
 */
public final class OnnxLearnedIntra implements LearnedIntraExecutor {
    private static final int SHAPES = 16;

    private final LearnedIntraModel model;
    private final int bitDepth;
    private final int threads;
    private final OrtEnvironment env = Sessions.environment();
    private final OrtSession[] sessions = new OrtSession[LearnedIntraModel.CLASSES];
    private final BatchTensors.Cache tensors = new BatchTensors.Cache(SHAPES);
    private boolean closed;

    /**
     * An executor of {@code model} at {@code bitDepth}; the sessions are built on first use, so an
     * ONNX Runtime failure surfaces there as {@link IllegalStateException}.
     */
    public OnnxLearnedIntra(LearnedIntraModel model, int bitDepth, int threads) {
        if (bitDepth < 8 || bitDepth > 12 || threads < 1) {
            throw new IllegalArgumentException("bit depth " + bitDepth + ", threads " + threads);
        }
        this.model = model;
        this.bitDepth = bitDepth;
        this.threads = threads;
    }

    @Override
    public void predict(int log2Size, int count, int[] refs, int[] modes, int[] pred) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (log2Size < 2 || log2Size > 5 || count < 1) {
            throw new IllegalArgumentException("log2 size " + log2Size + ", count " + count);
        }
        int c = log2Size - 2;
        int n = 1 << log2Size;
        OrtSession session = session(c);
        long key = (long) c << 32 | count;
        BatchTensors t = tensors.get(key);
        if (t == null) {
            t = BatchTensors.create(env, new String[] {LearnedIntraGraph.REF, LearnedIntraGraph.MODE},
                    new long[][] {{count, 2L * n}, {count}}, LearnedIntraGraph.PRED, new long[] {count, (long) n * n});
            tensors.put(key, t);
        }
        t.in[0].clear();
        t.in[0].put(refs, 0, count * 2 * n);
        t.in[1].clear();
        t.in[1].put(modes, 0, count);
        Sessions.run(session, t.inputs, t.outputs, count + " learned intra blocks of " + n + "x" + n);
        t.out.clear();
        t.out.get(pred, 0, count * n * n);
    }

    private OrtSession session(int c) {
        OrtSession s = sessions[c];
        if (s == null) {
            try {
                sessions[c] = s = Sessions.open(env, LearnedIntraGraph.write(model, c, bitDepth), threads);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot run the learned intra graph of class " + c + ": "
                        + e.getMessage(), e);
            }
        }
        return s;
    }

    @Override
    public String description() {
        return "onnxruntime " + env.getVersion() + " (" + threads + " thread" + (threads > 1 ? "s" : "") + ")";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tensors.close();
        for (OrtSession s : sessions) {
            if (s != null) {
                Sessions.close(s);
            }
        }
    }
}
