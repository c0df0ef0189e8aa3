package io.inlay.core.neural;

/**
 * Executes learned intra prediction (docs/bitstream/decoding-process.md §4.8) for a batch of blocks
 * of one size, each with its own mode, with the matrices of the model it was opened for. Every
 * implementation computes §4.8 exactly (the Java kernel {@code io.inlay.core.intra.JavaLearnedIntra}
 * and, through {@link LearnedExecutorProvider}, codec-neural's ONNX Runtime path); they differ only
 * in speed. One caller thread at a time; {@link #close()} releases native resources.
 */
public interface LearnedIntraExecutor extends AutoCloseable {
    /**
     * Predicts {@code count} n x n blocks (n = 1 << log2Size, 4..32).
     *
     * @param refs  {@code count * 2n} values: per block the n unfiltered top reference samples
     *              {@code p[0..n-1][-1]}, then the n left ones {@code p[-1][0..n-1]} (§4.1, after
     *              substitution), each in 0..2^BitDepth - 1
     * @param modes {@code count} learned modes, 0..{@code LearnedIntraModel.MODES} - 1 (0..15)
     * @param pred  receives {@code count * n * n} samples, per block row-major
     */
    void predict(int log2Size, int count, int[] refs, int[] modes, int[] pred);

    /** One line for logs: the runtime. */
    String description();

    @Override
    void close();
}
