package io.inlay.neural.kernels;

/**
 * Kernel family "network layers" of the Java network path: one output row of every channel of
 * one convolution layer of docs/bitstream/neural-filter.md §2 (a {@link ConvLayer}), on padded
 * activation planes. {@link ScalarLayerKernel} is the reference; the Vector API twin is
 * {@code io.inlay.neural.kernels.vector.VectorLayerKernel}; {@link LayerKernels} chooses.
 *
 * <p>Layout: plane {@code i} of an activation array starts at {@code i * padded}; sample
 * {@code (x, y)} of a {@code w x h} picture is at {@code (y + 1) * stride + x + 1}, around it a
 * border of zeros (row 0, row {@code h + 1}, column 0 and columns {@code w + 1..stride - 1}),
 * which is the zero padding of §2; {@code stride >= roundUp(w, lanes()) + 2} and
 * {@code padded >= (h + 2) * stride}. Input samples of a hidden layer's output are 0..255.
 *
 * <p>{@link #row} reads rows {@code y .. y + 2} (padded coordinates; only {@code y + 1} for a 1x1
 * layer) of every input plane, columns {@code 0..stride - 1}; columns past {@code w + 1} only feed
 * lanes that are discarded, so their contents never matter. A hidden layer writes row
 * {@code y + 1} of every output plane, columns {@code 1..stride - 1} (the {@code w} samples, then
 * zeros: the right border stays zero); the output layer writes
 * {@code output[c * w * h + y * w + x]} for {@code x < w} and every channel {@code c}. Nothing
 * else is written; {@code scratch} is working memory of {@link #SCRATCH_INTS}. Stateless and
 * thread-safe (callers split rows over threads).
 */
public interface LayerKernel {
    /** Length of the {@code scratch} array {@link #row} takes. */
    int SCRATCH_INTS = 16;

    /** Output row {@code y} (picture coordinates, 0..h-1) of every channel of {@code layer}. */
    void row(ConvLayer layer, int[] in, int[] out, short[] output, int w, int h, int stride, int padded, int y,
            int[] scratch);

    /** Lanes the kernel computes at once: the stride must leave room for {@code roundUp(w, lanes())}. */
    int lanes();

    /** Human-readable level, e.g. {@code "java vector (256-bit)"}. */
    String description();
}
