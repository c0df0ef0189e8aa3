package io.inlay.neural.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.inlay.core.neural.NativeCalls;
import java.util.Map;

/**
 * ONNX Runtime sessions as every integer graph of the project runs them (docs/neural-filter.md,
 * "Threads and determinism"): {@code threads} intra-op threads, one inter-op thread, sequential
 * execution, no spinning; every native call under {@link NativeCalls}.
 */
final class Sessions {
    private Sessions() {
    }

    /** The shared environment (and, once, the clean-up of ONNX Runtime's library directory at exit). */
    static OrtEnvironment environment() {
        OrtEnvironment env = NativeCalls.call(OrtEnvironment::getEnvironment);
        NativeLibraryDirectory.removeAtExit();
        return env;
    }

    /** A session over the serialised model {@code onnx}. */
    static OrtSession open(OrtEnvironment env, byte[] onnx, int threads) throws OrtException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        return NativeCalls.call(() -> {
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(threads);
                o.setInterOpNumThreads(1);
                o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                o.addConfigEntry("session.intra_op.allow_spinning", "0");
                o.addConfigEntry("session.inter_op.allow_spinning", "0");
                return env.createSession(onnx, o);
            }
        });
    }

    /** Runs {@code session} with pre-bound outputs (ONNX Runtime writes into their buffers). */
    static void run(OrtSession session, Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs, String what) {
        try {
            NativeCalls.call(() -> {
                try (OrtSession.Result r = session.run(inputs, outputs)) {
                    assert !r.isResultOwner(0);
                }
                return null;
            });
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + what + ": " + e.getMessage(), e);
        }
    }

    /** Closes {@code session} (and nothing else) under {@link NativeCalls}. */
    static void close(OrtSession session) {
        try {
            NativeCalls.call(() -> {
                session.close();
                return null;
            });
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        }
    }
}
