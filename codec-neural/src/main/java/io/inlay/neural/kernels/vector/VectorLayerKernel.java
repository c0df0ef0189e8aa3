package io.inlay.neural.kernels.vector;

import io.inlay.neural.kernels.ConvLayer;
import io.inlay.neural.kernels.LayerKernel;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link LayerKernel}, bit-identical with {@code ScalarLayerKernel}
 * (docs/bitstream/neural-filter.md §2).
 *
 * <p>A direct convolution (no im2col): per chunk of {@code lanes} output positions of the row it
 * computes {@value ConvLayer#GROUP} output channels at once; each input vector loaded for a tap
 * (unaligned, from the padded plane) is multiplied by the four channels' broadcast weights and
 * accumulated in 32-bit lanes, then requantised ({@code t = acc * mult + add}, clip to
 * {@code [0, hi]}, arithmetic shift). Lanes past {@code w} compute garbage from the right border;
 * a hidden layer's row is zeroed from {@code w + 1} to the stride afterwards, the output layer
 * copies only {@code w} values. One method per vector width (16/8/4 int lanes) with its species
 * a constant: a species held in a field or passed as an argument leaves C2 to the boxed Java
 * fallbacks, about 10x slower. Loaded reflectively by {@code LayerKernels}.
 */
public final class VectorLayerKernel implements LayerKernel {
    private static final int GROUP = ConvLayer.GROUP;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

    private final int bits;
    private final boolean forced;

    /**
     * The kernel at the CPU's preferred vector width.
     *
     * @throws UnsupportedOperationException when the CPU offers the JIT no SIMD registers
     */
    public VectorLayerKernel() {
        int preferred = IntVector.SPECIES_PREFERRED.vectorBitSize();
        if (preferred < 128) {
            throw new UnsupportedOperationException("preferred vector size is only " + preferred + " bits");
        }
        this.bits = Math.min(512, preferred);
        this.forced = false;
    }

    /** The kernel on {@code vectorBits}-bit vectors (128, 256 or 512) whatever the CPU prefers. */
    public VectorLayerKernel(int vectorBits) {
        if (vectorBits != 128 && vectorBits != 256 && vectorBits != 512) {
            throw new IllegalArgumentException("vector size must be 128, 256 or 512 bits: " + vectorBits);
        }
        this.bits = vectorBits;
        this.forced = vectorBits != IntVector.SPECIES_PREFERRED.vectorBitSize();
    }

    @Override
    public int lanes() {
        return bits / 32;
    }

    @Override
    public String description() {
        return "java vector (" + bits + "-bit" + (forced ? ", forced" : "") + ")";
    }

    @Override
    public void row(ConvLayer layer, int[] in, int[] out, short[] output, int w, int h, int stride, int padded,
            int y, int[] scratch) {
        if (bits == 512) {
            row16(layer, in, out, output, w, h, stride, padded, y, scratch);
        } else if (bits == 256) {
            row8(layer, in, out, output, w, h, stride, padded, y, scratch);
        } else {
            row4(layer, in, out, output, w, h, stride, padded, y, scratch);
        }
    }

    private static void copy(int[] row, short[] output, int o, int n) {
        for (int j = 0; j < n; j++) {
            output[o + j] = (short) row[j];
        }
    }

    /** {@link #row} on 16 int lanes. Every vector stays inside this method. */
    private static void row16(ConvLayer layer, int[] in, int[] out, short[] output, int w, int h, int stride,
            int padded, int y, int[] scratch) {
        int lanes = 16;
        int k = layer.k();
        int r = (k - 1) / 2;
        int taps = k * k;
        int nIn = layer.in();
        int nOut = layer.out();
        int[] gw = layer.groupedWeights();
        int[] mult = layer.multipliers();
        int[] add = layer.addends();
        int hi = layer.hi();
        int s = layer.shift();
        boolean last = layer.last();
        int groups = (nOut + GROUP - 1) / GROUP;
        int plane = w * h;
        for (int g = 0; g < groups; g++) {
            int c0 = g * GROUP;
            int nc = Math.min(GROUP, nOut - c0);
            int wStart = g * nIn * taps * GROUP;
            for (int x = 0; x < w; x += lanes) {
                IntVector a0 = IntVector.zero(I512);
                IntVector a1 = a0;
                IntVector a2 = a0;
                IntVector a3 = a0;
                int wi = wStart;
                for (int i = 0; i < nIn; i++) {
                    // padded index of input (x + kx - r, y + ky - r) is rowBase + ky * stride + kx
                    int rowBase = i * padded + (y + 1 - r) * stride + x + 1 - r;
                    for (int ky = 0; ky < k; ky++) {
                        int tapRow = rowBase + ky * stride;
                        for (int kx = 0; kx < k; kx++, wi += GROUP) {   // tap t = ky * k + kx
                            IntVector v = IntVector.fromArray(I512, in, tapRow + kx);
                            a0 = a0.add(v.mul(gw[wi]));
                            a1 = a1.add(v.mul(gw[wi + 1]));
                            a2 = a2.add(v.mul(gw[wi + 2]));
                            a3 = a3.add(v.mul(gw[wi + 3]));
                        }
                    }
                }
                // Requantise (mult/add are zero-padded to whole groups): Clip3(0, hi, t) >> s.
                IntVector q0 = a0.mul(mult[c0]).add(add[c0]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q1 = a1.mul(mult[c0 + 1]).add(add[c0 + 1]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q2 = a2.mul(mult[c0 + 2]).add(add[c0 + 2]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q3 = a3.mul(mult[c0 + 3]).add(add[c0 + 3]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                if (!last) {
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
                    int o = c0 * plane + y * w + x;
                    q0.sub(2048).intoArray(scratch, 0);
                    copy(scratch, output, o, n);
                    if (nc > 1) {
                        q1.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + plane, n);
                    }
                    if (nc > 2) {
                        q2.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + 2 * plane, n);
                    }
                    if (nc > 3) {
                        q3.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + 3 * plane, n);
                    }
                }
            }
            if (!last) {
                // Lanes past w wrote into the right border: restore the zero padding.
                for (int j = 0; j < nc; j++) {
                    int rowStart = (c0 + j) * padded + (y + 1) * stride;
                    java.util.Arrays.fill(out, rowStart + w + 1, rowStart + stride, 0);
                }
            }
        }
    }

    /** {@link #row} on 8 int lanes. Every vector stays inside this method. */
    private static void row8(ConvLayer layer, int[] in, int[] out, short[] output, int w, int h, int stride,
            int padded, int y, int[] scratch) {
        int lanes = 8;
        int k = layer.k();
        int r = (k - 1) / 2;
        int taps = k * k;
        int nIn = layer.in();
        int nOut = layer.out();
        int[] gw = layer.groupedWeights();
        int[] mult = layer.multipliers();
        int[] add = layer.addends();
        int hi = layer.hi();
        int s = layer.shift();
        boolean last = layer.last();
        int groups = (nOut + GROUP - 1) / GROUP;
        int plane = w * h;
        for (int g = 0; g < groups; g++) {
            int c0 = g * GROUP;
            int nc = Math.min(GROUP, nOut - c0);
            int wStart = g * nIn * taps * GROUP;
            for (int x = 0; x < w; x += lanes) {
                IntVector a0 = IntVector.zero(I256);
                IntVector a1 = a0;
                IntVector a2 = a0;
                IntVector a3 = a0;
                int wi = wStart;
                for (int i = 0; i < nIn; i++) {
                    // padded index of input (x + kx - r, y + ky - r) is rowBase + ky * stride + kx
                    int rowBase = i * padded + (y + 1 - r) * stride + x + 1 - r;
                    for (int ky = 0; ky < k; ky++) {
                        int tapRow = rowBase + ky * stride;
                        for (int kx = 0; kx < k; kx++, wi += GROUP) {   // tap t = ky * k + kx
                            IntVector v = IntVector.fromArray(I256, in, tapRow + kx);
                            a0 = a0.add(v.mul(gw[wi]));
                            a1 = a1.add(v.mul(gw[wi + 1]));
                            a2 = a2.add(v.mul(gw[wi + 2]));
                            a3 = a3.add(v.mul(gw[wi + 3]));
                        }
                    }
                }
                // Requantise (mult/add are zero-padded to whole groups): Clip3(0, hi, t) >> s.
                IntVector q0 = a0.mul(mult[c0]).add(add[c0]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q1 = a1.mul(mult[c0 + 1]).add(add[c0 + 1]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q2 = a2.mul(mult[c0 + 2]).add(add[c0 + 2]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q3 = a3.mul(mult[c0 + 3]).add(add[c0 + 3]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                if (!last) {
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
                    int o = c0 * plane + y * w + x;
                    q0.sub(2048).intoArray(scratch, 0);
                    copy(scratch, output, o, n);
                    if (nc > 1) {
                        q1.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + plane, n);
                    }
                    if (nc > 2) {
                        q2.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + 2 * plane, n);
                    }
                    if (nc > 3) {
                        q3.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + 3 * plane, n);
                    }
                }
            }
            if (!last) {
                // Lanes past w wrote into the right border: restore the zero padding.
                for (int j = 0; j < nc; j++) {
                    int rowStart = (c0 + j) * padded + (y + 1) * stride;
                    java.util.Arrays.fill(out, rowStart + w + 1, rowStart + stride, 0);
                }
            }
        }
    }

    /** {@link #row} on 4 int lanes. Every vector stays inside this method. */
    private static void row4(ConvLayer layer, int[] in, int[] out, short[] output, int w, int h, int stride,
            int padded, int y, int[] scratch) {
        int lanes = 4;
        int k = layer.k();
        int r = (k - 1) / 2;
        int taps = k * k;
        int nIn = layer.in();
        int nOut = layer.out();
        int[] gw = layer.groupedWeights();
        int[] mult = layer.multipliers();
        int[] add = layer.addends();
        int hi = layer.hi();
        int s = layer.shift();
        boolean last = layer.last();
        int groups = (nOut + GROUP - 1) / GROUP;
        int plane = w * h;
        for (int g = 0; g < groups; g++) {
            int c0 = g * GROUP;
            int nc = Math.min(GROUP, nOut - c0);
            int wStart = g * nIn * taps * GROUP;
            for (int x = 0; x < w; x += lanes) {
                IntVector a0 = IntVector.zero(I128);
                IntVector a1 = a0;
                IntVector a2 = a0;
                IntVector a3 = a0;
                int wi = wStart;
                for (int i = 0; i < nIn; i++) {
                    // padded index of input (x + kx - r, y + ky - r) is rowBase + ky * stride + kx
                    int rowBase = i * padded + (y + 1 - r) * stride + x + 1 - r;
                    for (int ky = 0; ky < k; ky++) {
                        int tapRow = rowBase + ky * stride;
                        for (int kx = 0; kx < k; kx++, wi += GROUP) {   // tap t = ky * k + kx
                            IntVector v = IntVector.fromArray(I128, in, tapRow + kx);
                            a0 = a0.add(v.mul(gw[wi]));
                            a1 = a1.add(v.mul(gw[wi + 1]));
                            a2 = a2.add(v.mul(gw[wi + 2]));
                            a3 = a3.add(v.mul(gw[wi + 3]));
                        }
                    }
                }
                // Requantise (mult/add are zero-padded to whole groups): Clip3(0, hi, t) >> s.
                IntVector q0 = a0.mul(mult[c0]).add(add[c0]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q1 = a1.mul(mult[c0 + 1]).add(add[c0 + 1]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q2 = a2.mul(mult[c0 + 2]).add(add[c0 + 2]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                IntVector q3 = a3.mul(mult[c0 + 3]).add(add[c0 + 3]).max(0).min(hi).lanewise(VectorOperators.ASHR, s);
                if (!last) {
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
                    int o = c0 * plane + y * w + x;
                    q0.sub(2048).intoArray(scratch, 0);
                    copy(scratch, output, o, n);
                    if (nc > 1) {
                        q1.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + plane, n);
                    }
                    if (nc > 2) {
                        q2.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + 2 * plane, n);
                    }
                    if (nc > 3) {
                        q3.sub(2048).intoArray(scratch, 0);
                        copy(scratch, output, o + 3 * plane, n);
                    }
                }
            }
            if (!last) {
                // Lanes past w wrote into the right border: restore the zero padding.
                for (int j = 0; j < nc; j++) {
                    int rowStart = (c0 + j) * padded + (y + 1) * stride;
                    java.util.Arrays.fill(out, rowStart + w + 1, rowStart + stride, 0);
                }
            }
        }
    }
}
