package io.inlay.core.neural;

/**
 * How neural networks are executed. Every choice produces identical samples; they differ in
 * speed and in what they need from the platform.
 *
 * @param runtime the execution path
 * @param threads threads a network may use inside one call (1 or more)
 */
public record NeuralOptions(Runtime runtime, int threads) {
    /** Execution paths of a network. */
    public enum Runtime {
        /** An ONNX Runtime session over the integer-only graph (native code). */
        ONNX,
        /** The pure-Java reference kernel (Vector API when available). */
        JAVA
    }

    public NeuralOptions {
        java.util.Objects.requireNonNull(runtime, "runtime");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, is " + threads);
        }
    }

    /** ONNX Runtime, one thread. */
    public static NeuralOptions defaults() {
        return new NeuralOptions(Runtime.ONNX, 1);
    }
}
