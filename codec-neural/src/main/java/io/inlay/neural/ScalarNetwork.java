package io.inlay.neural;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.neural.kernels.RowBands;

/**
 * The reference implementation of the network arithmetic, docs/bitstream/neural-filter.md §2:
 * plain loops over the whole picture, in int arithmetic as specified. Every other executor must match
 * it bit for bit. Threads split each layer's rows into bands (the result is the same).
 */
public final class ScalarNetwork implements InLoopFilter {
    private final ModelFile model;
    private final RowBands bands;
    private final String runtime;

    public ScalarNetwork(ModelFile model, int threads) {
        this(model, threads, "java scalar");
    }

    ScalarNetwork(ModelFile model, int threads, String runtime) {
        this.model = model;
        this.bands = new RowBands(threads);
        this.runtime = runtime;
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
        return model.summary() + ", " + runtime + (bands.threads() > 1 ? ", " + bands.threads() + " threads" : "");
    }

    @Override
    public void run(byte[] input, int width, int height, short[] output) {
        Networks.checkArguments(input, width, height, output);
        int plane = width * height;
        int[] x = new int[ModelFile.INPUT_CHANNELS * plane];
        for (int k = 0; k < x.length; k++) {
            x[k] = input[k] & 0xFF;
        }
        int n = model.numLayers();
        for (int l = 0; l < n; l++) {
            ModelFile.Layer layer = model.layer(l);
            int[] in = x;
            int[] out = new int[layer.outChannels() * plane];
            boolean last = l == n - 1;
            bands.run(height, (y0, y1) -> layer(layer, last, in, out, width, height, y0, y1));
            x = out;
        }
        for (int k = 0; k < ModelFile.OUTPUT_CHANNELS * plane; k++) {
            output[k] = (short) x[k];
        }
    }

    /**
     * Rows {@code [y0, y1)} of one layer, §2. The sum over taps is accumulated tap by tap over
     * the band (the order of integer additions does not change the exact sum); a tap that falls
     * outside the picture contributes nothing (zero padding), so each tap's loop covers the
     * positions whose input sample {@code (x + kx - r, y + ky - r)} is inside.
     */
    static void layer(ModelFile.Layer layer, boolean last, int[] in, int[] out, int w, int h, int y0, int y1) {
        int k = layer.kernelSize();
        int r = layer.radius();
        int s = layer.shift();
        int plane = w * h;
        long hiHidden = (256L << s) - 1;
        long hiOutput = (4096L << s) - 1;
        int[] acc = new int[(y1 - y0) * w];
        for (int c = 0; c < layer.outChannels(); c++) {
            java.util.Arrays.fill(acc, 0);
            for (int i = 0; i < layer.inChannels(); i++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int wt = layer.weight(c, i, ky, kx);
                        int dx = kx - r;
                        int xStart = Math.max(0, -dx);
                        int xEnd = Math.min(w, w - dx);
                        for (int y = y0; y < y1; y++) {
                            int yy = y + ky - r;
                            if (yy < 0 || yy >= h) {
                                continue;
                            }
                            int a = (y - y0) * w;
                            int src = i * plane + yy * w + dx;
                            for (int x = xStart; x < xEnd; x++) {
                                acc[a + x] += wt * in[src + x];
                            }
                        }
                    }
                }
            }
            int m = layer.multiplier(c);
            int b = layer.bias(c) * m + (1 << (s - 1));
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < w; x++) {
                    int t = acc[(y - y0) * w + x] * m + b;
                    int v;
                    if (!last) {
                        v = (int) (clip3(0, hiHidden, t) >> s);
                    } else {
                        v = (int) (clip3(0, hiOutput, (long) t + (2048L << s)) >> s) - 2048;
                    }
                    out[c * plane + y * w + x] = v;
                }
            }
        }
    }

    private static long clip3(long lo, long hi, long v) {
        return v < lo ? lo : Math.min(v, hi);
    }

    @Override
    public void close() {
        bands.close();
    }
}
