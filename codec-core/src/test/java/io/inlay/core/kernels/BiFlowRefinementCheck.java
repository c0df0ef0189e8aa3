package io.inlay.core.kernels;

import static io.inlay.core.kernels.Checkasm.assertSameBlock;
import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static io.inlay.core.kernels.KernelHarnessTest.assertUnchanged;
import static io.inlay.core.kernels.KernelHarnessTest.canaryArray;

import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link BiFlowRefinementKernel}: every block size 8..64 (multiples
 * of 4: the vector kernel's 8-lane path and its scalar fallback) at 8, 10 and 12 bits, on random
 * intermediates over the whole range interpolation produces, on displaced smooth texture (displacements
 * inside the clip, so the divisions matter), on both extremes, alternating extremes (the largest
 * gradients and window sums), identical predictions and values around the clip points; inputs and
 * output in canary-filled arrays with strides wider than the block (inputs and canaries checked
 * unchanged), and scratch memory filled with garbage, different for each implementation.
 */
final class BiFlowRefinementCheck {
    /** Stored intermediates of predSamples in [-16900, 33300] (decoding-process.md §13.1). */
    private static final int PRED_MIN = -16900 - SubpelInterpolation.PRED_OFFSET;
    private static final int PRED_MAX = 33300 - SubpelInterpolation.PRED_OFFSET;

    private enum Pattern { RANDOM, TEXTURE, MAX, MIN, ALTERNATING, IDENTICAL, NEAR_CLIP }

    private BiFlowRefinementCheck() {
    }

    static void check(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        BiFlowRefinementKernel ref = refK.biFlowRefinement();
        BiFlowRefinementKernel impl = implK.biFlowRefinement();
        String level = implK.description();
        // Garbage scratch, different for each implementation (later calls leave their own garbage).
        int[] refScratch = new int[BiFlowRefinementKernel.SCRATCH_INTS];
        int[] implScratch = new int[BiFlowRefinementKernel.SCRATCH_INTS];
        for (int i = 0; i < refScratch.length; i++) {
            refScratch[i] = rnd.nextInt();
            implScratch[i] = rnd.nextInt();
        }
        if (hot) {
            Pattern[] ps = {Pattern.RANDOM, Pattern.TEXTURE, Pattern.TEXTURE, Pattern.NEAR_CLIP};
            for (int i = 0; i < HOT_CALLS / 4; i++) {
                int n = 8 << rnd.nextInt(4);
                compare(ref, impl, level + " hot call " + i, rnd, n, BIT_DEPTHS[rnd.nextInt(3)],
                        ps[rnd.nextInt(ps.length)], refScratch, implScratch);
            }
            return;
        }
        for (int n = 8; n <= 64; n += 4) {
            for (int depth : BIT_DEPTHS) {
                for (Pattern p : Pattern.values()) {
                    compare(ref, impl, level, rnd, n, depth, p, refScratch, implScratch);
                }
            }
        }
    }

    private static void fill(Pattern p, Random rnd, short[] a, int aOff, int aStride, short[] b, int bOff,
            int bStride, int n, int depth) {
        double fx = 0.2 + rnd.nextDouble();
        double fy = 0.2 + rnd.nextDouble();
        double dx = rnd.nextDouble() * 1.6 - 0.8;
        double dy = rnd.nextDouble() * 1.6 - 0.8;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int va;
                int vb;
                switch (p) {
                    case RANDOM -> {
                        va = PRED_MIN + rnd.nextInt(PRED_MAX - PRED_MIN + 1);
                        vb = PRED_MIN + rnd.nextInt(PRED_MAX - PRED_MIN + 1);
                    }
                    case TEXTURE -> {
                        va = texture(x + dx, y + dy, fx, fy) + rnd.nextInt(33) - 16;
                        vb = texture(x - dx, y - dy, fx, fy) + rnd.nextInt(33) - 16;
                    }
                    case MAX -> {
                        va = PRED_MAX;
                        vb = (x + y) % 3 == 0 ? PRED_MIN : PRED_MAX;
                    }
                    case MIN -> {
                        va = PRED_MIN;
                        vb = (x * y) % 5 == 0 ? PRED_MAX : PRED_MIN;
                    }
                    case ALTERNATING -> {
                        va = ((x + y) & 1) == 0 ? PRED_MAX : PRED_MIN;
                        vb = ((x / 2 + y) & 1) == 0 ? PRED_MIN : PRED_MAX;
                    }
                    case IDENTICAL -> {
                        va = PRED_MIN + rnd.nextInt(PRED_MAX - PRED_MIN + 1);
                        vb = va;
                    }
                    // Intermediates of samples near 0 and near the maximum (14-bit), with a gradient.
                    default -> {
                        int base = (rnd.nextBoolean() ? 0 : 1 << 14) - SubpelInterpolation.PRED_OFFSET;
                        va = base + 40 * x - 20 * y + rnd.nextInt(257) - 128;
                        vb = base - 40 * x + 20 * y + rnd.nextInt(257) - 128;
                    }
                }
                a[aOff + y * aStride + x] = (short) Math.clamp(va, PRED_MIN, PRED_MAX);
                b[bOff + y * bStride + x] = (short) Math.clamp(vb, PRED_MIN, PRED_MAX);
            }
        }
    }

    /** Smooth texture in 14-bit intermediates (predSamples - 8192), full range. */
    private static int texture(double x, double y, double fx, double fy) {
        double v = 0.5 + 0.3 * Math.sin(fx * x + 0.7 * Math.cos(fy * y)) + 0.15 * Math.cos(fy * y - 0.4 * x);
        return (int) Math.round(v * (1 << 14)) - SubpelInterpolation.PRED_OFFSET;
    }

    private static void compare(BiFlowRefinementKernel ref, BiFlowRefinementKernel impl, String level, Random rnd,
            int n, int depth, Pattern pattern, int[] refScratch, int[] implScratch) {
        int aStride = n + rnd.nextInt(9);
        int bStride = n + rnd.nextInt(9);
        int dStride = n + rnd.nextInt(9);
        int aOff = 1 + rnd.nextInt(20);
        int bOff = 1 + rnd.nextInt(20);
        int dOff = 1 + rnd.nextInt(20);
        short[] a = canaryArray(aOff + (n - 1) * aStride + n + 20);
        short[] b = canaryArray(bOff + (n - 1) * bStride + n + 20);
        fill(pattern, rnd, a, aOff, aStride, b, bOff, bStride, n, depth);
        short[] a0 = a.clone();
        short[] b0 = b.clone();
        short[] refDst = canaryArray(dOff + (n - 1) * dStride + n + 20);
        short[] implDst = refDst.clone();
        ref.refine(a, aOff, aStride, b, bOff, bStride, n, depth, refDst, dOff, dStride, refScratch);
        impl.refine(a, aOff, aStride, b, bOff, bStride, n, depth, implDst, dOff, dStride, implScratch);
        String name = "BiFlowRefinement " + level + ": " + n + "x" + n + ", " + depth + "-bit, " + pattern
                + ", strides " + aStride + "/" + bStride + "/" + dStride + ", seed " + SEED;
        assertUnchanged(a0, a, name + " input a");
        assertUnchanged(b0, b, name + " input b");
        assertSameBlock(refDst, implDst, dOff, dStride, n, n, name);
    }
}
