package io.inlay.core.neural;

/**
 * How neural networks and the learned predictors are executed. Every choice produces identical
 * samples; they differ in speed and in what they need from the platform.
 *
 * @param runtime        the execution path of the neural loop filter
 * @param threads        threads a network may use inside one call (1 or more)
 * @param learnedRuntime the execution path of the learned predictors (learned intra prediction, the
 *                       learned interpolation filters; {@link LearnedExecutors})
 */
public record NeuralOptions(Runtime runtime, int threads, Runtime learnedRuntime) {
    /** Execution paths of a network. */
    public enum Runtime {
        /** An ONNX Runtime session over the integer-only graph (native code). */
        ONNX,
        /** The pure-Java reference kernel (Vector API when available). */
        JAVA
    }

    /**
     * The learned predictors' runtime when none is named: docs/learned-intra.md, "Execution", gives
     * the measurements behind it.
     */
    public static final Runtime DEFAULT_LEARNED_RUNTIME = Runtime.JAVA;

    public NeuralOptions {
        java.util.Objects.requireNonNull(runtime, "runtime");
        java.util.Objects.requireNonNull(learnedRuntime, "learnedRuntime");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, is " + threads);
        }
    }

    /** {@code runtime} for the filter and the learned predictors alike. */
    public NeuralOptions(Runtime runtime, int threads) {
        this(runtime, threads, runtime);
    }

    /** ONNX Runtime for the filter, {@link #DEFAULT_LEARNED_RUNTIME} for the learned predictors, one thread. */
    public static NeuralOptions defaults() {
        return defaults(1);
    }

    /** As {@link #defaults()} with {@code threads} threads. */
    public static NeuralOptions defaults(int threads) {
        return new NeuralOptions(Runtime.ONNX, threads, DEFAULT_LEARNED_RUNTIME);
    }

    /** {@code runtime} for the filter and the learned predictors when not null, else {@link #defaults(int)}. */
    public static NeuralOptions of(Runtime runtime, int threads) {
        return runtime == null ? defaults(threads) : new NeuralOptions(runtime, threads);
    }
}
