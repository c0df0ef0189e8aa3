package io.inlay.core.kernels;

import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static org.junit.jupiter.api.Assertions.fail;

import io.inlay.core.transform.TransformType;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link InverseTransformKernel}: every size and type at 8,
 * 10 and 12 bits on full random, sparse (random bounding boxes, as quantised blocks are),
 * small, zero, DC-only, single-coefficient, all-max, all-min and alternating-extreme
 * coefficients (the last saturate the first stage's 16-bit clip), each also with a given
 * bounding box larger than the tight one, with guard words after the residual, the coefficients checked unchanged and the scratch filled with different garbage for
 * reference and candidate.
 */
final class InverseTransformCheck {
    private static final int GUARD = 37;
    private static final int CANARY = 0xA5C3A5C3;
    private static final int MIN = -32768;
    private static final int MAX = 32767;

    private enum Pattern { RANDOM, SPARSE, SMALL, ZERO, DC, SINGLE, MAX, MIN, ALTERNATING }

    private InverseTransformCheck() {
    }

    static void check(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        InverseTransformKernel ref = refK.inverseTransform();
        InverseTransformKernel impl = implK.inverseTransform();
        String level = implK.description();
        Buffers b = new Buffers();
        if (hot) {
            Pattern[] hotPatterns = {Pattern.RANDOM, Pattern.SPARSE, Pattern.SMALL, Pattern.DC};
            for (int i = 0; i < HOT_CALLS; i++) {
                int log2 = 2 + rnd.nextInt(4);
                TransformType type = log2 == 2 && rnd.nextBoolean() ? TransformType.DST7 : TransformType.DCT2;
                compare(ref, impl, level + " hot call " + i, rnd, b, log2, type, BIT_DEPTHS[rnd.nextInt(3)],
                        hotPatterns[rnd.nextInt(hotPatterns.length)]);
            }
            return;
        }
        for (int log2 = 2; log2 <= 5; log2++) {
            TransformType[] types = log2 == 2 ? TransformType.values() : new TransformType[] {TransformType.DCT2};
            for (TransformType type : types) {
                for (int depth : BIT_DEPTHS) {
                    for (Pattern p : Pattern.values()) {
                        int reps = p == Pattern.RANDOM || p == Pattern.SPARSE || p == Pattern.SINGLE ? 16 : 1;
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
        final int[] coeff = new int[32 * 32 + GUARD];
        final int[] refResidual = new int[32 * 32 + GUARD];
        final int[] implResidual = new int[32 * 32 + GUARD];
        final int[] refScratch = new int[InverseTransformKernel.SCRATCH_INTS];
        final int[] implScratch = new int[InverseTransformKernel.SCRATCH_INTS];
    }

    private static void compare(InverseTransformKernel ref, InverseTransformKernel impl, String level, Random rnd,
            Buffers b, int log2, TransformType type, int depth, Pattern pattern) {
        int n = 1 << log2;
        int[] c = b.coeff;
        Arrays.fill(c, CANARY);
        int boxW = 1 + rnd.nextInt(n);
        int boxH = 1 + rnd.nextInt(n);
        int single = rnd.nextInt(n * n);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                c[y * n + x] = switch (pattern) {
                    case RANDOM -> MIN + rnd.nextInt(MAX - MIN + 1);
                    case SPARSE -> x < boxW && y < boxH && rnd.nextInt(3) == 0 ? rnd.nextInt(4097) - 2048 : 0;
                    case SMALL -> rnd.nextInt(9) - 4;
                    case ZERO -> 0;
                    case DC -> x == 0 && y == 0 ? MIN + rnd.nextInt(MAX - MIN + 1) : 0;
                    case SINGLE -> y * n + x == single ? (rnd.nextBoolean() ? MAX : MIN) : 0;
                    case MAX -> MAX;
                    case MIN -> MIN;
                    case ALTERNATING -> ((x + y) & 1) == 0 ? MAX : MIN;
                };
            }
        }
        int[] c0 = c.clone();
        Arrays.fill(b.refResidual, CANARY);
        Arrays.fill(b.implResidual, CANARY);
        for (int i = 0; i < b.refScratch.length; i++) {
            b.refScratch[i] = rnd.nextInt();
            b.implScratch[i] = rnd.nextInt();
        }
        ref.inverse(c, b.refResidual, b.refScratch, log2, type, depth);
        impl.inverse(c, b.implResidual, b.implScratch, log2, type, depth);
        String what = "InverseTransform " + level + ": " + n + "x" + n + " " + type + ", " + depth + "-bit, " + pattern
                + ", seed " + SEED;
        int i = Arrays.mismatch(b.refResidual, b.implResidual);
        if (i >= 0) {
            String where = i < n * n ? "residual (row " + (i / n) + ", column " + (i % n) + ")"
                    : "guard word " + (i - n * n) + " after the block";
            fail(what + ": first difference at " + where + ": expected " + b.refResidual[i] + ", got "
                    + b.implResidual[i]);
        }
        for (int g = n * n; g < b.refResidual.length; g++) {
            if (b.refResidual[g] != CANARY) {
                fail(what + ": reference wrote guard word " + (g - n * n));
            }
        }
        int j = Arrays.mismatch(c0, c);
        if (j >= 0) {
            fail(what + ": coefficients modified at index " + j);
        }
        // A given box that contains the nonzero coefficients but is larger than the tight one (as
        // the decoder passes, from the levels before scaling): same residual from both levels.
        int tight = InverseTransformKernel.nonzeroBox(c, n);
        int minRow = tight < 0 ? 0 : tight >> 8;
        int minCol = tight < 0 ? 0 : tight & 0xFF;
        int loose = (minRow + rnd.nextInt(n - minRow)) << 8 | (minCol + rnd.nextInt(n - minCol));
        for (InverseTransformKernel k : new InverseTransformKernel[] {ref, impl}) {
            int[] out = b.implResidual;
            Arrays.fill(out, CANARY);
            k.inverse(c, out, b.implScratch, log2, type, depth, loose);
            int d = Arrays.mismatch(b.refResidual, out);
            if (d >= 0) {
                fail(what + ", " + (k == ref ? "reference" : "candidate") + " given the box (" + (loose >> 8) + ", "
                        + (loose & 0xFF) + ") around (" + (tight >> 8) + ", " + (tight & 0xFF)
                        + "): first difference at index " + d + ": expected " + b.refResidual[d] + ", got " + out[d]);
            }
        }
    }
}
