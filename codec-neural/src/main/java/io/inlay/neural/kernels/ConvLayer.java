package io.inlay.neural.kernels;

import io.inlay.neural.ModelFile;
import java.util.Arrays;

/**
 * One layer of docs/bitstream/neural-filter.md §2 prepared for the {@link LayerKernel} family:
 * the requantisation folded into a multiplier and an addend per output channel, and the weights
 * regrouped by {@value #GROUP} output channels. Immutable; the arrays are shared read-only.
 *
 * <p>Per output channel {@code c} and position, with {@code acc} the 32-bit sum of weight times
 * input over the {@code k x k} taps of every input channel: {@code t = acc * mult[c] + add[c]},
 * where {@code add[c] = bias[c] * mult[c] + 2^(s-1)} (plus {@code 2048 * 2^s} on the output
 * layer), and the result is {@code min(max(t, 0), hi) >> s} ({@code hi = 256 * 2^s - 1} on a
 * hidden layer, {@code 4096 * 2^s - 1} on the output layer, where 2048 is then subtracted). All
 * in Java {@code int} arithmetic: for a valid model (§1) nothing wraps and this is §2 exactly;
 * for any other constants every level wraps identically.
 */
public final class ConvLayer {
    /** Output channels computed together by the vector kernel. */
    public static final int GROUP = 4;

    private final int in;
    private final int out;
    private final int k;
    private final int shift;
    private final int hi;
    private final boolean last;
    private final int[] mult;
    private final int[] add;
    private final int[] groupedWeights;

    private ConvLayer(int in, int out, int k, int shift, int hi, boolean last, int[] mult, int[] add, int[] gw) {
        this.in = in;
        this.out = out;
        this.k = k;
        this.shift = shift;
        this.hi = hi;
        this.last = last;
        this.mult = mult;
        this.add = add;
        this.groupedWeights = gw;
    }

    /**
     * Prepares layer {@code ml}; {@code last} marks the output layer.
     *
     * @throws IllegalArgumentException when the kernel size is not 1 or 3 or the shift not in 1..30
     */
    public static ConvLayer of(ModelFile.Layer ml, boolean last) {
        int in = ml.inChannels();
        int out = ml.outChannels();
        int k = ml.kernelSize();
        int s = ml.shift();
        if (k != 1 && k != 3) {
            throw new IllegalArgumentException("kernel size must be 1 or 3: " + k);
        }
        if (s < 1 || s > 30) {
            throw new IllegalArgumentException("shift must be 1..30: " + s);
        }
        int taps = k * k;
        int groups = (out + GROUP - 1) / GROUP;
        int[] mult = Arrays.copyOf(ml.multiplier(), groups * GROUP);
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
        return new ConvLayer(in, out, k, s, (int) Math.min(Integer.MAX_VALUE, hi), last, mult, add, gw);
    }

    /** Input channels. */
    public int in() {
        return in;
    }

    /** Output channels. */
    public int out() {
        return out;
    }

    /** Kernel size, 1 or 3. */
    public int k() {
        return k;
    }

    /** Rounding shift s. */
    public int shift() {
        return shift;
    }

    /** Upper clip of {@code t} before the shift (at most {@code Integer.MAX_VALUE}). */
    public int hi() {
        return hi;
    }

    /** True for the output layer (values offset by -2048 into the {@code short[]} output). */
    public boolean last() {
        return last;
    }

    /** Multiplier of output channel {@code c} (0 past {@link #out()} up to a whole group). */
    public int mult(int c) {
        return mult[c];
    }

    /** Addend of output channel {@code c} (0 past {@link #out()} up to a whole group). */
    public int add(int c) {
        return add[c];
    }

    /** Weight of output channel c, input channel i, tap t = ky * k + kx. */
    public int weight(int c, int i, int t) {
        return groupedWeights[(((c / GROUP) * in + i) * k * k + t) * GROUP + c % GROUP];
    }

    /** The weights as {@code [group][i][tap][GROUP]} (shared, do not modify). */
    public int[] groupedWeights() {
        return groupedWeights;
    }

    /** The multipliers, zero-padded to whole groups (shared, do not modify). */
    public int[] multipliers() {
        return mult;
    }

    /** The addends, zero-padded to whole groups (shared, do not modify). */
    public int[] addends() {
        return add;
    }

    @Override
    public String toString() {
        return "ConvLayer[" + in + "->" + out + ", " + k + "x" + k + ", shift " + shift + (last ? ", output" : "") + "]";
    }
}
