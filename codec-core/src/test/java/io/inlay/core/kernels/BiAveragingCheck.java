package io.inlay.core.kernels;

import static io.inlay.core.kernels.Checkasm.assertSameBlock;
import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static io.inlay.core.kernels.KernelHarnessTest.assertUnchanged;
import static io.inlay.core.kernels.KernelHarnessTest.canaryArray;

import io.inlay.core.inter.BiWeights;
import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link BiAveraging}: {@code single}, {@code average} and
 * {@code weighted} (with the list-1 weights of {@code BcwIdx} 1 and 2, {@link BiWeights}) at 8, 10
 * and 12 bits on every width 1..64 and 128 (every vector step and tail) with random heights, on
 * intermediates in the range interpolation produces, the whole {@code short} range, both extremes,
 * alternating extremes and values around the clip points; inputs and output sit in canary-filled
 * arrays with random (often odd) strides wider than the block and random offsets (the canaries
 * and inputs are checked unchanged); and the in-place case, output block = input block. Then
 * {@code weighted} on every block size the codec predicts (luma 4..64, chroma 2..32, each width
 * with each height) and every pattern, every weight of H.266's set (-2..10 in 1/8: the kernel's
 * contract) on a few sizes, and {@code weighted} with weight 4 against {@code average} (the same
 * formula).
 */
final class BiAveragingCheck {
    private static final int PRED_MIN = -25100;
    private static final int PRED_MAX = 25100;

    private enum Pattern { RANDOM, FULL, MAX, MIN, ALTERNATING, NEAR_CLIP }

    /** The list-1 weights the format uses: {@code BcwIdx} 1 and 2. */
    private static final int[] FORMAT_WEIGHTS = {BiWeights.weight(1), BiWeights.weight(2)};

    /** H.266's whole set of BCW weights (§8.5.6.6.2, low delay), the kernel's contract: -2..10. */
    private static final int[] ALL_WEIGHTS = {-2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10};

    /** Block sides the codec predicts: luma CUs 4..64 (and PU halves), chroma 2..32. */
    private static final int[] SIDES = {2, 4, 6, 8, 12, 16, 24, 32, 48, 64};

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
                        rnd.nextInt(4) == 0 ? Pattern.NEAR_CLIP : Pattern.RANDOM, rnd.nextInt(3) == 0,
                        FORMAT_WEIGHTS[rnd.nextInt(2)]);
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
                    compare(ref, impl, level, rnd, width, 1 + rnd.nextInt(9), depth, p, false,
                            FORMAT_WEIGHTS[p.ordinal() & 1]);
                }
                for (int w1 : FORMAT_WEIGHTS) {
                    compare(ref, impl, level, rnd, width, 1 + rnd.nextInt(9), depth, Pattern.RANDOM, true, w1);
                }
            }
        }
        // weighted on every codec block size, every pattern, both weights, in place or not
        for (int w : SIDES) {
            for (int h : SIDES) {
                for (int depth : BIT_DEPTHS) {
                    for (Pattern p : Pattern.values()) {
                        for (int w1 : FORMAT_WEIGHTS) {
                            compareWeighted(ref, impl, level, rnd, w, h, depth, p, rnd.nextInt(4) == 0, w1);
                        }
                    }
                }
            }
        }
        // every weight of the contract on sizes that reach every vector step and tail
        for (int w1 : ALL_WEIGHTS) {
            for (int w : new int[] {1, 3, 4, 7, 8, 15, 16, 17, 31, 32, 64}) {
                for (int depth : BIT_DEPTHS) {
                    for (Pattern p : Pattern.values()) {
                        compareWeighted(ref, impl, level, rnd, w, 1 + rnd.nextInt(5), depth, p, false, w1);
                    }
                }
            }
        }
        // weight 4 (the average's) is exactly the average, on both implementations
        for (int w : SIDES) {
            for (int depth : BIT_DEPTHS) {
                for (Pattern p : Pattern.values()) {
                    weightFourIsTheAverage(ref, impl, level, rnd, w, w, depth, p);
                }
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

    private static void compareWeighted(BiAveraging ref, BiAveraging impl, String level, Random rnd, int w, int h,
            int depth, Pattern pattern, boolean inPlace, int w1) {
        compare(ref, impl, level, rnd, w, h, depth, pattern, inPlace, w1, 2);
    }

    private static void compare(BiAveraging ref, BiAveraging impl, String level, Random rnd, int w, int h, int depth,
            Pattern pattern, boolean inPlace, int w1) {
        compare(ref, impl, level, rnd, w, h, depth, pattern, inPlace, w1, 0);
    }

    /** Operations {@code firstOp}..2 (single, average, weighted with {@code w1}) of {@code impl} against {@code ref}. */
    private static void compare(BiAveraging ref, BiAveraging impl, String level, Random rnd, int w, int h, int depth,
            Pattern pattern, boolean inPlace, int w1, int firstOp) {
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
        for (int op = firstOp; op < 3; op++) {
            String name = String.format(what, op == 0 ? "single" : op == 1 ? "average" : "weighted w1=" + w1 + "/8");
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
                run(ref, op, refDst, aOff, aStride, b, bOff, bStride, w, h, depth, w1, refDst, off, stride);
                run(impl, op, implDst, aOff, aStride, b, bOff, bStride, w, h, depth, w1, implDst, off, stride);
            } else {
                refDst = canaryArray(dOff + (h - 1) * dStride + w + 20);
                implDst = refDst.clone();
                off = dOff;
                stride = dStride;
                run(ref, op, a, aOff, aStride, b, bOff, bStride, w, h, depth, w1, refDst, off, stride);
                run(impl, op, a, aOff, aStride, b, bOff, bStride, w, h, depth, w1, implDst, off, stride);
                assertUnchanged(a0, a, name + " input a");
                assertCanariesOutside(implDst, off, stride, w, h, name);
            }
            assertUnchanged(b0, b, name + " input b");
            assertSameBlock(refDst, implDst, off, stride, w, h, name);
        }
    }

    /** {@code weighted} with weight 4 of each implementation equals {@code average} of the reference. */
    private static void weightFourIsTheAverage(BiAveraging ref, BiAveraging impl, String level, Random rnd, int w,
            int h, int depth, Pattern pattern) {
        int stride = w + 1 + rnd.nextInt(8);
        short[] a = new short[h * stride];
        short[] b = new short[h * stride];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * stride + x] = (short) value(pattern, rnd, x, y, depth, 0);
                b[y * stride + x] = (short) value(pattern, rnd, x, y, depth, 1);
            }
        }
        short[] avg = canaryArray(a.length + 3);
        ref.average(a, 0, stride, b, 0, stride, w, h, depth, avg, 3, stride);
        for (BiAveraging k : new BiAveraging[] {ref, impl}) {
            short[] out = canaryArray(a.length + 3);
            k.weighted(a, 0, stride, b, 0, stride, w, h, depth, 4, out, 3, stride);
            assertSameBlock(avg, out, 3, stride, w, h, "BiAveraging weighted w1=4/8 vs average " + level + " ("
                    + (k == ref ? "scalar" : "impl") + "): " + w + "x" + h + ", " + depth + "-bit, " + pattern
                    + ", seed " + SEED);
        }
    }

    /** Fails when {@code dst} outside the w x h block at {@code off} holds anything but the canary. */
    private static void assertCanariesOutside(short[] dst, int off, int stride, int w, int h, String name) {
        for (int i = 0; i < dst.length; i++) {
            int r = i - off;
            boolean inside = r >= 0 && r % stride < w && r / stride < h;
            if (!inside && dst[i] != KernelHarnessTest.CANARY) {
                throw new AssertionError(name + ": wrote index " + i + " outside the block (" + dst[i] + ")");
            }
        }
    }

    private static void run(BiAveraging k, int op, short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int w, int h, int depth, int w1, short[] dst, int dOff, int dStride) {
        switch (op) {
            case 0 -> k.single(a, aOff, aStride, w, h, depth, dst, dOff, dStride);
            case 1 -> k.average(a, aOff, aStride, b, bOff, bStride, w, h, depth, dst, dOff, dStride);
            default -> k.weighted(a, aOff, aStride, b, bOff, bStride, w, h, depth, w1, dst, dOff, dStride);
        }
    }
}
