package io.inlay.neural.kernels;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.neural.ModelFile;

/**
 * The Java network path (docs/bitstream/neural-filter.md §2) over one {@link LayerKernel}: the
 * activations in padded int planes (the kernel's layout, one sample of zero border,
 * {@code stride = roundUp(W, lanes) + 2}), layer by layer, each layer's rows split into bands over
 * threads ({@link RowBands}). With {@link LayerKernels#vector()} it is {@code VectorNetwork};
 * with {@link LayerKernels#scalar()} it runs the scalar layer kernel, which the tests compare
 * with the whole-picture reference {@code ScalarNetwork}. Buffers are kept between calls of the
 * same size; not thread-safe (one executor per caller thread, as {@code InLoopFilter} says).
 */
public final class LayerNetwork implements InLoopFilter {
    private final ModelFile model;
    private final RowBands bands;
    private final LayerKernel kernel;
    private final ConvLayer[] layers;
    private int[] bufA = new int[0];
    private int[] bufB = new int[0];
    private int bufWidth = -1;
    private int bufHeight = -1;

    public LayerNetwork(ModelFile model, int threads, LayerKernel kernel) {
        this.model = model;
        this.bands = new RowBands(threads);
        this.kernel = kernel;
        int n = model.numLayers();
        this.layers = new ConvLayer[n];
        for (int l = 0; l < n; l++) {
            layers[l] = ConvLayer.of(model.layer(l), l == n - 1);
        }
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
        return model.summary() + ", " + kernel.description()
                + (bands.threads() > 1 ? ", " + bands.threads() + " threads" : "");
    }

    @Override
    public void run(byte[] input, int width, int height, short[] output) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("picture size " + width + "x" + height);
        }
        long plane = (long) width * height;
        if (input.length < INPUT_CHANNELS * plane || output.length < OUTPUT_CHANNELS * plane) {
            throw new IllegalArgumentException("input/output arrays too small for " + width + "x" + height);
        }
        int lanes = kernel.lanes();
        int stride = (width + lanes - 1) / lanes * lanes + 2;
        int padded = (height + 2) * stride;
        int maxChannels = INPUT_CHANNELS;
        for (ConvLayer l : layers) {
            maxChannels = Math.max(maxChannels, l.out());
        }
        if (width != bufWidth || height != bufHeight || bufA.length < (long) maxChannels * padded) {
            bufA = new int[Math.multiplyExact(maxChannels, padded)];
            bufB = new int[bufA.length];
            bufWidth = width;
            bufHeight = height;
        }
        int[] cur = bufA;
        int[] next = bufB;
        for (int i = 0; i < INPUT_CHANNELS; i++) {
            for (int y = 0; y < height; y++) {
                int src = (int) (i * plane) + y * width;
                int dst = i * padded + (y + 1) * stride + 1;
                for (int x = 0; x < width; x++) {
                    cur[dst + x] = input[src + x] & 0xFF;
                }
            }
        }
        for (ConvLayer layer : layers) {
            int[] in = cur;
            int[] out = next;
            bands.run(height, (y0, y1) -> {
                int[] scratch = new int[LayerKernel.SCRATCH_INTS];
                for (int y = y0; y < y1; y++) {
                    kernel.row(layer, in, out, output, width, height, stride, padded, y, scratch);
                }
            });
            cur = out;
            next = in;
        }
    }

    @Override
    public void close() {
        bands.close();
    }
}
