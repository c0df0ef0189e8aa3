package io.inlay.neural.kernels;

/**
 * Reference {@link LayerKernel}: docs/bitstream/neural-filter.md §2 on the padded layout, one
 * output position at a time (the sum over input channels and taps, then the requantisation of
 * {@link ConvLayer}). Must equal {@code io.inlay.neural.ScalarNetwork}, the whole-picture
 * reference, layer by layer; {@code NetworkEquivalenceTest} checks the whole network.
 */
public final class ScalarLayerKernel implements LayerKernel {
    /** The only instance. */
    public static final ScalarLayerKernel INSTANCE = new ScalarLayerKernel();

    private ScalarLayerKernel() {
    }

    @Override
    public void row(ConvLayer layer, int[] in, int[] out, short[] output, int w, int h, int stride, int padded,
            int y, int[] scratch) {
        int k = layer.k();
        int r = (k - 1) / 2;
        int nIn = layer.in();
        int s = layer.shift();
        int hi = layer.hi();
        int plane = w * h;
        int[] gw = layer.groupedWeights();
        int group = ConvLayer.GROUP;
        for (int c = 0; c < layer.out(); c++) {
            int m = layer.mult(c);
            int a = layer.add(c);
            // weight (c, i, tap) is at gw[wBase + (i * k * k + tap) * GROUP]
            int wBase = (c / group) * nIn * k * k * group + c % group;
            int rowStart = c * padded + (y + 1) * stride;
            for (int x = 0; x < w; x++) {
                int acc = 0;
                int wi = wBase;
                for (int i = 0; i < nIn; i++) {
                    // padded index of input (x + kx - r, y + ky - r) is base + ky * stride + kx
                    int base = i * padded + (y + 1 - r) * stride + x + 1 - r;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++, wi += group) {
                            acc += gw[wi] * in[base + ky * stride + kx];
                        }
                    }
                }
                int v = Math.min(Math.max(acc * m + a, 0), hi) >> s;
                if (layer.last()) {
                    output[c * plane + y * w + x] = (short) (v - 2048);
                } else {
                    out[rowStart + x + 1] = v;
                }
            }
            if (!layer.last()) {
                java.util.Arrays.fill(out, rowStart + w + 1, rowStart + stride, 0);
            }
        }
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public String description() {
        return "java scalar";
    }
}
