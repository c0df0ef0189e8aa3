package io.inlay.core.kernels;

import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static org.junit.jupiter.api.Assertions.fail;

import io.inlay.core.transform.TransformMatrices;
import io.inlay.core.transform.TransformType;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link ForwardTransform}: every size and type at 8, 10
 * and 12 bits on random, flat, extreme and basis-shaped residuals (the last give the largest
 * coefficient of each frequency), with guard words after the coefficients, the residual checked
 * unchanged and the scratch filled with different garbage for reference and candidate.
 */
final class ForwardTransformCheck {
    private static final int GUARD = 37;
    private static final int CANARY = 0xA5C3A5C3;

    private enum Pattern { RANDOM, SMALL, ZERO, MAX, MIN, ALTERNATING, BASIS }

    private ForwardTransformCheck() {
    }

    static void check(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        ForwardTransform ref = refK.forwardTransform();
        ForwardTransform impl = implK.forwardTransform();
        String level = implK.description();
        Buffers b = new Buffers();
        if (hot) {
            Pattern[] hotPatterns = {Pattern.RANDOM, Pattern.SMALL, Pattern.BASIS};
            for (int i = 0; i < HOT_CALLS; i++) {
                int log2 = 2 + rnd.nextInt(4);
                TransformType type = log2 == 2 && rnd.nextBoolean() ? TransformType.DST7 : TransformType.DCT2;
                compare(ref, impl, level + " hot call " + i, rnd, b, log2, type, BIT_DEPTHS[rnd.nextInt(3)],
                        hotPatterns[rnd.nextInt(3)]);
            }
            return;
        }
        for (int log2 = 2; log2 <= 5; log2++) {
            TransformType[] types = log2 == 2 ? TransformType.values() : new TransformType[] {TransformType.DCT2};
            for (TransformType type : types) {
                for (int depth : BIT_DEPTHS) {
                    for (Pattern p : Pattern.values()) {
                        int reps = p == Pattern.RANDOM || p == Pattern.BASIS ? 8 : 1;
                        for (int r = 0; r < reps; r++) {
                            compare(ref, impl, level, rnd, b, log2, type, depth, p);
                        }
                    }
                }
            }
        }
    }

    /** Arrays reused across calls (the hot loop should time kernels, not allocation). */
    private static final class Buffers {
        final int[] residual = new int[32 * 32 + GUARD];
        final int[] refCoeff = new int[32 * 32 + GUARD];
        final int[] implCoeff = new int[32 * 32 + GUARD];
        final int[] refScratch = new int[ForwardTransform.SCRATCH_INTS];
        final int[] implScratch = new int[ForwardTransform.SCRATCH_INTS];
    }

    private static void compare(ForwardTransform ref, ForwardTransform impl, String level, Random rnd, Buffers b,
            int log2, TransformType type, int depth, Pattern pattern) {
        int n = 1 << log2;
        int max = (1 << depth) - 1;
        int[] res = b.residual;
        Arrays.fill(res, CANARY);
        int[] m = TransformMatrices.matrix(log2, type);
        int bk = rnd.nextInt(n);
        int bl = rnd.nextInt(n);
        int sign = rnd.nextBoolean() ? max : -max;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                res[y * n + x] = switch (pattern) {
                    case RANDOM -> rnd.nextInt(2 * max + 1) - max;
                    case SMALL -> rnd.nextInt(17) - 8;
                    case ZERO -> 0;
                    case MAX -> max;
                    case MIN -> -max;
                    case ALTERNATING -> ((x + y) & 1) == 0 ? max : -max;
                    // Residual matching the sign pattern of basis (bk, bl): extreme coefficient (bk, bl).
                    case BASIS -> m[bk * n + y] * m[bl * n + x] >= 0 ? sign : -sign;
                };
            }
        }
        int[] res0 = res.clone();
        Arrays.fill(b.refCoeff, CANARY);
        Arrays.fill(b.implCoeff, CANARY);
        for (int i = 0; i < b.refScratch.length; i++) {
            b.refScratch[i] = rnd.nextInt();
            b.implScratch[i] = rnd.nextInt();
        }
        ref.forward(res, b.refCoeff, b.refScratch, log2, type, depth);
        impl.forward(res, b.implCoeff, b.implScratch, log2, type, depth);
        int i = Arrays.mismatch(b.refCoeff, b.implCoeff);
        if (i >= 0) {
            String where = i < n * n ? "coefficient (row " + (i / n) + ", column " + (i % n) + ")"
                    : "guard word " + (i - n * n) + " after the block";
            fail("ForwardTransform " + level + ": " + n + "x" + n + " " + type + ", " + depth + "-bit, " + pattern
                    + ", seed " + SEED + ": first difference at " + where + ": expected " + b.refCoeff[i] + ", got "
                    + b.implCoeff[i]);
        }
        int j = Arrays.mismatch(res0, res);
        if (j >= 0) {
            fail("ForwardTransform " + level + ": " + n + "x" + n + " " + type + ", " + depth + "-bit, " + pattern
                    + ", seed " + SEED + ": residual modified at index " + j);
        }
    }
}
