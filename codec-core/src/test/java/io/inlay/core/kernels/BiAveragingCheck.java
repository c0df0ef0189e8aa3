package io.inlay.core.kernels;

import static io.inlay.core.kernels.Checkasm.assertSameBlock;
import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static io.inlay.core.kernels.KernelHarnessTest.assertUnchanged;
import static io.inlay.core.kernels.KernelHarnessTest.canaryArray;

import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link BiAveraging}: {@code single} and {@code average}
 * at 8, 10 and 12 bits on every width 1..64 and 128 (every vector step and tail) with random
 * heights, on intermediates in the range interpolation produces, the whole {@code short} range,
 * both extremes, alternating extremes and values around the clip points; inputs and output sit
 * in canary-filled arrays with strides wider than the block (the canaries and inputs are checked
 * unchanged); and the in-place case, output block = input block.
 */
final class BiAveragingCheck {
    private static final int PRED_MIN = -25100;
    private static final int PRED_MAX = 25100;

    private enum Pattern { RANDOM, FULL, MAX, MIN, ALTERNATING, NEAR_CLIP }

    private BiAveragingCheck() {
    }

    static void check(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        BiAveraging ref = refK.biAveraging();
        BiAveraging impl = implK.biAveraging();
        String level = implK.description();
        if (hot) {
            for (int i = 0; i < HOT_CALLS; i++) {
                int w = 4 << rnd.nextInt(5);
                int h = 4 << rnd.nextInt(5);
                compare(ref, impl, level + " hot call " + i, rnd, w, h, BIT_DEPTHS[rnd.nextInt(3)],
                        rnd.nextInt(4) == 0 ? Pattern.NEAR_CLIP : Pattern.RANDOM, rnd.nextInt(3) == 0);
            }
            return;
        }
        for (int w = 1; w <= 129; w++) {
            int width = w == 129 ? 128 : w;
            if (w > 64 && w < 129) {
                continue;
            }
            for (int depth : BIT_DEPTHS) {
                for (Pattern p : Pattern.values()) {
                    compare(ref, impl, level, rnd, width, 1 + rnd.nextInt(9), depth, p, false);
                }
                compare(ref, impl, level, rnd, width, 1 + rnd.nextInt(9), depth, Pattern.RANDOM, true);
            }
        }
    }

    private static int value(Pattern p, Random rnd, int x, int y, int depth, int which) {
        return switch (p) {
            case RANDOM -> PRED_MIN + rnd.nextInt(PRED_MAX - PRED_MIN + 1);
            case FULL -> Short.MIN_VALUE + rnd.nextInt(1 << 16);
            case MAX -> Short.MAX_VALUE;
            case MIN -> Short.MIN_VALUE;
            case ALTERNATING -> ((x + y + which) & 1) == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
            // Intermediates of samples near 0 and near the maximum (14-bit: value << (14 - depth)).
            case NEAR_CLIP -> (rnd.nextBoolean() ? 0 : 1 << 14) - 8192 + rnd.nextInt(257) - 128;
        };
    }

    private static void compare(BiAveraging ref, BiAveraging impl, String level, Random rnd, int w, int h, int depth,
            Pattern pattern, boolean inPlace) {
        int aStride = w + rnd.nextInt(9);
        int bStride = w + rnd.nextInt(9);
        int dStride = w + rnd.nextInt(9);
        int aOff = 1 + rnd.nextInt(20);
        int bOff = 1 + rnd.nextInt(20);
        int dOff = 1 + rnd.nextInt(20);
        short[] a = canaryArray(aOff + (h - 1) * aStride + w + 20);
        short[] b = canaryArray(bOff + (h - 1) * bStride + w + 20);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[aOff + y * aStride + x] = (short) value(pattern, rnd, x, y, depth, 0);
                b[bOff + y * bStride + x] = (short) value(pattern, rnd, x, y, depth, 1);
            }
        }
        String what = "BiAveraging %s " + level + ": " + w + "x" + h + ", " + depth + "-bit, " + pattern
                + (inPlace ? ", in place" : "") + ", strides " + aStride + "/" + bStride + "/" + dStride + ", seed "
                + SEED;
        for (int op = 0; op < 2; op++) {
            String name = String.format(what, op == 0 ? "single" : "average");
            short[] a0 = a.clone();
            short[] b0 = b.clone();
            short[] refDst;
            short[] implDst;
            int off;
            int stride;
            if (inPlace) {
                // Output block = input a's block: each implementation gets its own copy of a.
                refDst = a.clone();
                implDst = a.clone();
                off = aOff;
                stride = aStride;
                run(ref, op, refDst, aOff, aStride, b, bOff, bStride, w, h, depth, refDst, off, stride);
                run(impl, op, implDst, aOff, aStride, b, bOff, bStride, w, h, depth, implDst, off, stride);
            } else {
                refDst = canaryArray(dOff + (h - 1) * dStride + w + 20);
                implDst = refDst.clone();
                off = dOff;
                stride = dStride;
                run(ref, op, a, aOff, aStride, b, bOff, bStride, w, h, depth, refDst, off, stride);
                run(impl, op, a, aOff, aStride, b, bOff, bStride, w, h, depth, implDst, off, stride);
                assertUnchanged(a0, a, name + " input a");
            }
            assertUnchanged(b0, b, name + " input b");
            assertSameBlock(refDst, implDst, off, stride, w, h, name);
        }
    }

    private static void run(BiAveraging k, int op, short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int w, int h, int depth, short[] dst, int dOff, int dStride) {
        if (op == 0) {
            k.single(a, aOff, aStride, w, h, depth, dst, dOff, dStride);
        } else {
            k.average(a, aOff, aStride, b, bOff, bStride, w, h, depth, dst, dOff, dStride);
        }
    }
}
