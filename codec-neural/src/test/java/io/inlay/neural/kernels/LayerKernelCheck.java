package io.inlay.neural.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import io.inlay.core.kernels.Checkasm;
import io.inlay.neural.ModelFile;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link LayerKernelHarnessTest}'s check of {@link LayerKernel}. Layers of 1x1 and 3x3 kernels,
 * hidden and output, channel counts around the vector kernel's group of four (1, 3, 4, 5, 6, 7,
 * 16, 64 inputs), with weights random, all +127, all -127, alternating +-127 and zero, and
 * multipliers calibrated (outputs inside the range), random, or at the maximum 65535 with large
 * biases (saturating both clips; beyond §1's validity rule the int arithmetic wraps, identically
 * at every level); inputs random, all zero, all 255 and alternating 0/255, on widths below, at and
 * above every vector width. The activation planes have the kernel layout; their zero border is
 * kept and the columns past it, which only discarded lanes read, hold random ints. Output arrays
 * start as canaries: a hidden layer may write only row y + 1, columns 1..stride - 1, of its output
 * planes, the output layer only its {@code w} values per channel and row; both arrays must equal
 * the scalar reference's everywhere, and the inputs must be unchanged.
 */
final class LayerKernelCheck {
    private enum Weights { RANDOM, MAX, MIN, ALTERNATING, ZERO }

    private enum Scale { CALIBRATED, RANDOM, MAXIMUM }

    private enum Fill { RANDOM, ZERO, MAX, ALTERNATING }

    /** {in, out} channel pairs. */
    private static final int[][] CHANNELS = {{1, 1}, {3, 5}, {7, 4}, {7, 16}, {16, 16}, {16, 6}, {5, 7}, {64, 3}, {4, 6}};
    private static final int[] WIDTHS = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 33};
    private static final int GUARD = 37;

    private LayerKernelCheck() {
    }

    static void check(LayerKernel ref, LayerKernel impl, Random rnd, boolean hot) {
        String level = impl.description();
        if (hot) {
            hot(ref, impl, rnd, level);
            return;
        }
        int n = 0;
        for (int k : new int[] {1, 3}) {
            for (int[] ch : CHANNELS) {
                for (boolean last : new boolean[] {false, true}) {
                    for (Weights wk : Weights.values()) {
                        for (Fill fill : Fill.values()) {
                            Scale sc = Scale.values()[n % Scale.values().length];
                            int w = WIDTHS[n % WIDTHS.length];
                            int h = 1 + n % 3;
                            n++;
                            ConvLayer layer = layer(rnd, ch[0], ch[1], k, last, wk, sc);
                            Case c = new Case(rnd, layer, w, h, Math.max(ref.lanes(), impl.lanes()), fill);
                            c.compare(ref, impl, level, wk + "/" + sc, -1);
                        }
                    }
                }
            }
        }
        // Every width 1..40 on a random 3x3 layer.
        for (int w = 1; w <= 40; w++) {
            ConvLayer layer = layer(rnd, 1 + rnd.nextInt(9), 1 + rnd.nextInt(9), 3, rnd.nextBoolean(), Weights.RANDOM,
                    Scale.CALIBRATED);
            new Case(rnd, layer, w, 2, Math.max(ref.lanes(), impl.lanes()), Fill.RANDOM)
                    .compare(ref, impl, level, "width sweep", -1);
        }
    }

    /** {@link Checkasm#HOT_CALLS} single rows of small random layers on fixed inputs. */
    private static void hot(LayerKernel ref, LayerKernel impl, Random rnd, String level) {
        int lanes = Math.max(ref.lanes(), impl.lanes());
        Case[] cases = new Case[8];
        for (int i = 0; i < cases.length; i++) {
            ConvLayer layer = layer(rnd, 1 + rnd.nextInt(8), 1 + rnd.nextInt(8), i % 4 == 0 ? 1 : 3, i % 3 == 0,
                    Weights.values()[i % 2 == 0 ? 0 : rnd.nextInt(Weights.values().length)],
                    Scale.values()[i % Scale.values().length]);
            cases[i] = new Case(rnd, layer, 1 + rnd.nextInt(40), 3, lanes,
                    i % 2 == 0 ? Fill.RANDOM : Fill.values()[rnd.nextInt(Fill.values().length)]);
        }
        for (int call = 0; call < Checkasm.HOT_CALLS; call++) {
            Case c = cases[rnd.nextInt(cases.length)];
            c.compare(ref, impl, level, "hot call " + call, rnd.nextInt(c.h));
        }
    }

    /** A layer of the given shape (via {@link ModelFile.Layer}, without §1's validity rules). */
    private static ConvLayer layer(Random rnd, int in, int out, int k, boolean last, Weights wk, Scale sc) {
        int taps = in * k * k;
        byte[] w = new byte[out * taps];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) switch (wk) {
                case RANDOM -> rnd.nextInt(255) - 127;
                case MAX -> 127;
                case MIN -> -127;
                case ALTERNATING -> (i & 1) == 0 ? 127 : -127;
                case ZERO -> 0;
            };
        }
        int shift = switch (sc) {
            case CALIBRATED -> 12 + rnd.nextInt(8);
            case RANDOM -> 1 + rnd.nextInt(19);
            case MAXIMUM -> rnd.nextBoolean() ? 1 : 19;
        };
        int[] mult = new int[out];
        int[] bias = new int[out];
        for (int c = 0; c < out; c++) {
            switch (sc) {
                case CALIBRATED -> {
                    double a = 255.0 * 40 * taps / 8.0 + 1;
                    mult[c] = (int) Math.clamp(Math.round(255.0 / a * (1L << shift)), 1, 65535);
                    bias[c] = rnd.nextInt(2001) - 1000;
                }
                case RANDOM -> {
                    mult[c] = 1 + rnd.nextInt(65535);
                    bias[c] = rnd.nextInt(1 << 21) - (1 << 20);
                }
                case MAXIMUM -> {
                    mult[c] = 65535;
                    bias[c] = rnd.nextBoolean() ? 1 << 20 : -(1 << 20);
                }
            }
        }
        return ConvLayer.of(new ModelFile.Layer(in, out, k, shift, mult, bias, w), last);
    }

    /** Inputs of one layer call in the kernel layout, and the canary-filled outputs. */
    private static final class Case {
        final ConvLayer layer;
        final int w;
        final int h;
        final int stride;
        final int padded;
        final int[] in;
        final int[] inCopy;
        final Fill fill;
        int[] outRef;
        int[] outImpl;
        short[] outputRef;
        short[] outputImpl;
        /** Rows computed so far (a case is reused by the hot phase). */
        final boolean[] done;

        Case(Random rnd, ConvLayer layer, int w, int h, int lanes, Fill fill) {
            this.layer = layer;
            this.w = w;
            this.h = h;
            this.fill = fill;
            this.stride = (w + lanes - 1) / lanes * lanes + 2 + rnd.nextInt(4);
            this.padded = (h + 2) * stride + rnd.nextInt(3);
            in = Checkasm.intCanaryArray(layer.in() * padded + GUARD);
            for (int i = 0; i < layer.in(); i++) {
                for (int j = 0; j < padded; j++) {
                    int y = j / stride - 1;
                    int x = j % stride - 1;
                    int v;
                    if (y >= 0 && y < h && x >= 0 && x < w) {
                        v = switch (fill) {
                            case RANDOM -> rnd.nextInt(256);
                            case ZERO -> 0;
                            case MAX -> 255;
                            case ALTERNATING -> ((x + y + i) & 1) == 0 ? 0 : 255;
                        };
                    } else if (y >= -1 && y <= h && x >= -1 && x <= w) {
                        v = 0;                          // the zero border, read as §2's padding
                    } else {
                        v = rnd.nextInt();              // past the border: only discarded lanes read it
                    }
                    in[i * padded + j] = v;
                }
            }
            inCopy = in.clone();
            outRef = Checkasm.intCanaryArray(layer.out() * padded + GUARD);
            outImpl = outRef.clone();
            outputRef = Checkasm.canaryArray(layer.out() * w * h + GUARD);
            outputImpl = outputRef.clone();
            done = new boolean[h];
        }

        /** Runs row {@code row} (or every row when negative) at both levels and compares everything. */
        void compare(LayerKernel ref, LayerKernel impl, String level, String what, int row) {
            int[] scratchRef = Checkasm.intCanaryArray(LayerKernel.SCRATCH_INTS);
            int[] scratchImpl = Checkasm.intCanaryArray(LayerKernel.SCRATCH_INTS);
            for (int y = row < 0 ? 0 : row; y < (row < 0 ? h : row + 1); y++) {
                ref.row(layer, in, outRef, outputRef, w, h, stride, padded, y, scratchRef);
                impl.row(layer, in, outImpl, outputImpl, w, h, stride, padded, y, scratchImpl);
                done[y] = true;
            }
            String where = "LayerKernel " + level + ": " + layer + ", " + w + "x" + h + ", stride " + stride
                    + ", padded " + padded + ", " + what + ", input " + fill + (row < 0 ? "" : ", row " + row)
                    + ", seed " + Checkasm.SEED;
            int i = Arrays.mismatch(outRef, outImpl);
            if (i >= 0) {
                fail(where + ": hidden output differs first at " + paddedPosition(i) + ": expected " + outRef[i]
                        + ", got " + outImpl[i]);
            }
            i = Arrays.mismatch(outputRef, outputImpl);
            if (i >= 0) {
                int plane = w * h;
                fail(where + ": output differs first at channel " + i / plane + ", x " + i % plane % w + ", y "
                        + i % plane / w + " (index " + i + "): expected " + outputRef[i] + ", got " + outputImpl[i]);
            }
            Checkasm.assertUnchanged(inCopy, in, where + ": input");
            // Guard bands: nothing outside the footprint was written (both levels are equal here).
            for (int j = 0; j < outImpl.length; j++) {
                int x = j % padded % stride;
                int y = j % padded / stride - 1;
                boolean writable = !layer.last() && j < layer.out() * padded && j % padded < (h + 2) * stride
                        && x >= 1 && y >= 0 && y < h && done[y];
                if (!writable && outImpl[j] != Checkasm.INT_CANARY) {
                    fail(where + ": wrote outside its rows at " + paddedPosition(j) + ": " + outImpl[j]);
                }
            }
            for (int j = 0; j < outputImpl.length; j++) {
                boolean writable = layer.last() && j < layer.out() * w * h && done[j % (w * h) / w];
                if (!writable && outputImpl[j] != Checkasm.CANARY) {
                    fail(where + ": wrote outside its output rows at index " + j + ": " + outputImpl[j]);
                }
            }
        }

        private String paddedPosition(int j) {
            return "channel " + j / padded + ", padded row " + j % padded / stride + ", padded column "
                    + j % padded % stride + " (index " + j + ")";
        }
    }
}
