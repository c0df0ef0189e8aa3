package io.inlay.neural.kernels.vector;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.neural.ModelFile;
import io.inlay.neural.kernels.RowBands;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twin of {@code ScalarNetwork} (docs/bitstream/neural-filter.md §2), bit-identical.
 *
 * <p>Layout: every activation plane is an {@code int[]} of {@code (H + 2) x stride} with a zero
 * border of one sample (the zero padding of a 3x3 kernel), {@code stride = roundUp(W, lanes) + 2},
 * sample {@code (x, y)} at {@code (y + 1) * stride + x + 1}. A direct convolution (no im2col)
 * computes, per row and per chunk of {@code lanes} output positions, up to four output channels
 * at once: each input vector loaded for a tap is multiplied by the four channels' weights and
 * accumulated in 32-bit lanes. Lanes past {@code W} compute garbage that is overwritten with zero
 * after each row, so the border stays zero. Loaded reflectively ({@code NeuralFilters}); never
 * referenced from elsewhere, so that nothing links to {@code jdk.incubator.vector} when absent.
 */
public final class VectorNetwork implements InLoopFilter {
    private static final int GROUP = 4;

    // A constant, so that C2 compiles every vector operation to instructions (a species held in
    // a field or passed as an argument leaves them to the boxed Java fallbacks, ~10x slower).
    private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;

    private final ModelFile model;
    private final RowBands bands;
    private final Layer[] layers;
    private int[] bufA = new int[0];
    private int[] bufB = new int[0];
    private int bufWidth = -1;
    private int bufHeight = -1;

    /** Precomputed per-layer constants. */
    private record Layer(int in, int out, int k, int shift, int[] mult, int[] add, int hi, boolean last,
            int[] groupedWeights) {
    }

    /**
     * An executor with the CPU's preferred vector width.
     *
     * @throws UnsupportedOperationException when the CPU offers the JIT no SIMD registers
     */
    public VectorNetwork(ModelFile model, int threads) {
        if (S.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("preferred vector size is only " + S.vectorBitSize() + " bits");
        }
        this.model = model;
        this.bands = new RowBands(threads);
        int n = model.numLayers();
        this.layers = new Layer[n];
        for (int l = 0; l < n; l++) {
            layers[l] = prepare(model.layer(l), l == n - 1);
        }
    }

    private static Layer prepare(ModelFile.Layer ml, boolean last) {
        int in = ml.inChannels();
        int out = ml.outChannels();
        int k = ml.kernelSize();
        int s = ml.shift();
        int taps = k * k;
        int groups = (out + GROUP - 1) / GROUP;
        int[] mult = java.util.Arrays.copyOf(ml.multiplier(), groups * GROUP);
        int[] add = new int[groups * GROUP];
        for (int c = 0; c < out; c++) {
            long a = (long) ml.bias(c) * mult[c] + (1L << (s - 1)) + (last ? 2048L << s : 0);
            add[c] = (int) a; // within 32 bits by the last validity rule of §1
        }
        long hi = last ? (4096L << s) - 1 : (256L << s) - 1;
        // Weights grouped by GROUP output channels: [group][i][tap][GROUP], zero for missing channels.
        int[] gw = new int[groups * in * taps * GROUP];
        for (int c = 0; c < out; c++) {
            int g = c / GROUP;
            int j = c % GROUP;
            for (int i = 0; i < in; i++) {
                for (int t = 0; t < taps; t++) {
                    gw[((g * in + i) * taps + t) * GROUP + j] = ml.weight(c, i, t / k, t % k);
                }
            }
        }
        return new Layer(in, out, k, s, mult, add, (int) Math.min(Integer.MAX_VALUE, hi), last, gw);
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
        return model.summary() + ", java vector (" + S.vectorBitSize() + "-bit)"
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
        int lanes = S.length();
        int stride = (width + lanes - 1) / lanes * lanes + 2;
        int padded = (height + 2) * stride;
        int maxChannels = INPUT_CHANNELS;
        for (Layer l : layers) {
            maxChannels = Math.max(maxChannels, l.out);
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
        for (Layer layer : layers) {
            int[] in = cur;
            int[] out = next;
            bands.run(height, (y0, y1) -> {
                int[] row = new int[S.length()];
                int[] tapOff = tapOffsets(layer.k, stride);
                for (int y = y0; y < y1; y++) {
                    layerRow(layer, in, out, output, width, height, stride, padded, y, row, tapOff);
                }
            });
            cur = out;
            next = in;
        }
    }

    // Padded index of input (x + kx - r, y + ky - r) for output (x, y), minus y * stride + x.
    private static int[] tapOffsets(int k, int stride) {
        int r = (k - 1) / 2;
        int[] off = new int[k * k];
        for (int t = 0; t < k * k; t++) {
            off[t] = (t / k - r + 1) * stride + (t % k) - r + 1;
        }
        return off;
    }

    // One output row of every channel of layer L (§2). Everything on vectors stays inside this
    // method: a vector passed to a method C2 did not inline would be boxed.
    private static void layerRow(Layer L, int[] in, int[] out, short[] output, int w, int h, int stride, int padded,
            int y, int[] row, int[] tapOff) {
        int lanes = S.length();
        int taps = L.k * L.k;
        int[] gw = L.groupedWeights;
        int[] mult = L.mult;
        int[] add = L.add;
        int hi = L.hi;
        int s = L.shift;
        int groups = (L.out + GROUP - 1) / GROUP;
        for (int g = 0; g < groups; g++) {
            int c0 = g * GROUP;
            int nc = Math.min(GROUP, L.out - c0);
            int wStart = g * L.in * taps * GROUP;
            for (int x = 0; x < w; x += lanes) {
                IntVector a0 = IntVector.zero(S);
                IntVector a1 = a0;
                IntVector a2 = a0;
                IntVector a3 = a0;
                int wi = wStart;
                for (int i = 0; i < L.in; i++) {
                    int base = i * padded + y * stride + x;
                    for (int t = 0; t < taps; t++, wi += GROUP) {
                        IntVector v = IntVector.fromArray(S, in, base + tapOff[t]);
                        a0 = a0.add(v.mul(gw[wi]));
                        a1 = a1.add(v.mul(gw[wi + 1]));
                        a2 = a2.add(v.mul(gw[wi + 2]));
                        a3 = a3.add(v.mul(gw[wi + 3]));
                    }
                }
                // Requantise (mult/add are zero-padded to whole groups): Clip3(0, hi, t) >> s.
                IntVector q0 = a0.mul(mult[c0]).add(add[c0]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q1 = a1.mul(mult[c0 + 1]).add(add[c0 + 1]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q2 = a2.mul(mult[c0 + 2]).add(add[c0 + 2]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q3 = a3.mul(mult[c0 + 3]).add(add[c0 + 3]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                if (!L.last) {
                    int o = c0 * padded + (y + 1) * stride + x + 1;
                    q0.intoArray(out, o);
                    if (nc > 1) {
                        q1.intoArray(out, o + padded);
                    }
                    if (nc > 2) {
                        q2.intoArray(out, o + 2 * padded);
                    }
                    if (nc > 3) {
                        q3.intoArray(out, o + 3 * padded);
                    }
                } else {
                    int n = Math.min(lanes, w - x);
                    int plane = w * h;
                    int o = c0 * plane + y * w + x;
                    q0.sub(2048).intoArray(row, 0);
                    copy(row, output, o, n);
                    if (nc > 1) {
                        q1.sub(2048).intoArray(row, 0);
                        copy(row, output, o + plane, n);
                    }
                    if (nc > 2) {
                        q2.sub(2048).intoArray(row, 0);
                        copy(row, output, o + 2 * plane, n);
                    }
                    if (nc > 3) {
                        q3.sub(2048).intoArray(row, 0);
                        copy(row, output, o + 3 * plane, n);
                    }
                }
            }
            if (!L.last) {
                // Lanes past W wrote into the right border: restore the zero padding.
                for (int j = 0; j < nc; j++) {
                    int rowStart = (c0 + j) * padded + (y + 1) * stride;
                    java.util.Arrays.fill(out, rowStart + w + 1, rowStart + stride, 0);
                }
            }
        }
    }

    private static void copy(int[] row, short[] output, int o, int n) {
        for (int j = 0; j < n; j++) {
            output[o + j] = (short) row[j];
        }
    }

    @Override
    public void close() {
        bands.close();
    }
}
