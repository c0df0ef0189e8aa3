package io.inlay.core.neural;

/**
 * Executes the learned luma interpolation filters (docs/bitstream/decoding-process.md §10, §10.1)
 * for a batch of blocks of one size, each with its own learned set and fractions, with the taps of
 * the model it was opened for. The result is H.265's 14-bit intermediate {@code predSamples} minus
 * 8192 (as {@code SubpelInterpolation.luma}); the uni- or bi-prediction output stage stays with
 * the caller. Every implementation computes it exactly (the Java kernel
 * {@code io.inlay.core.inter.JavaLearnedInter} and, through {@link LearnedExecutorProvider},
 * codec-neural's ONNX Runtime path). One caller thread at a time.
 */
public interface LearnedInterExecutor extends AutoCloseable {
    /** Columns and rows a window has beyond its block: 3 left/above, 4 right/below. */
    int WINDOW_EXTRA = 7;

    /**
     * Interpolates {@code count} blocks of {@code width x height}.
     *
     * @param windows {@code count * (height + 7) * (width + 7)} reference samples (0..2^BitDepth - 1), per
     *                block row-major with stride {@code width + 7}; the block's integer position is
     *                at column 3, row 3 (clamping of §10 already applied)
     * @param sets    per block the learned set, 0-based ({@code lif_idx - 1})
     * @param fracs   per block {@code xFrac | yFrac << 2} (quarter samples, 0..3 each)
     * @param out     receives {@code count * width * height} values {@code predSamples - 8192},
     *                per block row-major
     */
    void interpolate(int width, int height, int count, short[] windows, int[] sets, int[] fracs, short[] out);

    /** One line for logs: the runtime. */
    String description();

    @Override
    void close();
}
