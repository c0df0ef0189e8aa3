package io.inlay.core.kernels;

import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link IntraAngular}: every angle of H.265 Table 8-4
 * (modes 2..34), vertical and horizontal, every block size 4..32, at 8, 10 and 12 bits, on
 * random references and worst cases (all zero, all maximum, alternating extremes, a step from 0
 * to the maximum). The reference array holds exactly {@code ref[-n..2n]} (so any read beyond
 * what the contract allows throws) and is checked unchanged; the output sits between canaries.
 */
final class IntraAngularCheck {
    private static final int[] ANGLES = {-32, -26, -21, -17, -13, -9, -5, -2, 0, 2, 5, 9, 13, 17, 21, 26, 32};
    private static final int[] SIZES = {4, 8, 16, 32};
    private static final int CANARY = 0x5A5AC3C3;

    private enum Pattern { RANDOM, ZERO, MAX, ALTERNATING, STEP }

    private IntraAngularCheck() {
    }

    static void check(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        IntraAngular ref = refK.intraAngular();
        IntraAngular impl = implK.intraAngular();
        String level = implK.description();
        if (hot) {
            for (int i = 0; i < HOT_CALLS; i++) {
                compare(ref, impl, level + " hot call " + i, rnd, SIZES[rnd.nextInt(4)], ANGLES[rnd.nextInt(ANGLES.length)],
                        rnd.nextBoolean(), BIT_DEPTHS[rnd.nextInt(3)], Pattern.RANDOM);
            }
            return;
        }
        for (int n : SIZES) {
            for (int angle : ANGLES) {
                for (boolean vertical : new boolean[] {true, false}) {
                    for (int depth : BIT_DEPTHS) {
                        for (Pattern p : Pattern.values()) {
                            compare(ref, impl, level, rnd, n, angle, vertical, depth, p);
                        }
                    }
                }
            }
        }
    }

    private static void compare(IntraAngular ref, IntraAngular impl, String level, Random rnd, int n, int angle,
            boolean vertical, int depth, Pattern pattern) {
        int max = (1 << depth) - 1;
        int[] refArr = new int[3 * n + 1];          // ref[-n..2n], ref[k] at refArr[n + k]
        for (int k = 0; k < refArr.length; k++) {
            refArr[k] = switch (pattern) {
                case RANDOM -> rnd.nextInt(max + 1);
                case ZERO -> 0;
                case MAX -> max;
                case ALTERNATING -> (k & 1) == 0 ? max : 0;
                case STEP -> k < refArr.length / 2 ? 0 : max;
            };
        }
        int[] ref0 = refArr.clone();
        int off = 1 + rnd.nextInt(16);
        int[] expected = new int[off + n * n + 16];
        Arrays.fill(expected, CANARY);
        int[] got = expected.clone();
        String what = "IntraAngular " + level + ": " + n + "x" + n + ", angle " + angle
                + (vertical ? " vertical" : " horizontal") + ", " + depth + "-bit, " + pattern + ", seed " + SEED;
        ref.predict(refArr, n, angle, vertical, n, expected, off);
        try {
            impl.predict(refArr, n, angle, vertical, n, got, off);
        } catch (IndexOutOfBoundsException e) {
            fail(what + ": read outside ref[-n..2n]: " + e.getMessage());
        }
        int i = Arrays.mismatch(refArr, ref0);
        if (i >= 0) {
            fail(what + ": reference modified at ref[" + (i - n) + "]");
        }
        i = Arrays.mismatch(expected, got);
        if (i >= 0) {
            int r = i - off;
            String where = r >= 0 && r < n * n ? "sample (row " + r / n + ", column " + r % n + ")"
                    : "index " + i + " outside the block" + (expected[i] == CANARY ? " (canary)" : "");
            fail(what + ": first difference at " + where + ": expected " + expected[i] + ", got " + got[i]);
        }
    }
}
