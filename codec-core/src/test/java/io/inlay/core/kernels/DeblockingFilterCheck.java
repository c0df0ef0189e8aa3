package io.inlay.core.kernels;

import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.CANARY;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link DeblockingFilter}: luma and chroma segments across
 * vertical and horizontal edges, at 8, 10 and 12 bits, with every β and tC of H.265 Table 8-12
 * (scaled to the bit depth) and 0, on inputs that reach every decision: two flat sides with a
 * small step (strong filter), ramps with noise (normal filter, with and without p1/q1), random
 * samples (mostly no filtering), all zero, all maximum, alternating extremes and steps near 0 and
 * the maximum (clipping). The segment sits in a canary-filled plane with a random stride; the
 * kernel must change nothing outside its footprint, and the whole plane must equal the scalar
 * reference's. The same for edge runs of 1..19 segments (shorter than, as long as and longer than
 * a vector of every width), each segment with its own pattern, β and tC; the hot phase alternates
 * single segments and runs, mostly along horizontal edges (the vectorised direction).
 */
final class DeblockingFilterCheck {
    /** β' and tC' values of Table 8-12 (distinct nonzero ones) and 0. */
    private static final int[] BETAS = {0, 6, 7, 8, 9, 10, 13, 16, 18, 20, 24, 30, 38, 46, 54, 62, 64};
    private static final int[] TCS = {0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 24};

    private enum Pattern { STEP, RAMP, RANDOM, ZERO, MAX, ALTERNATING, STEP_NEAR_ZERO, STEP_NEAR_MAX }

    private DeblockingFilterCheck() {
    }

    static void check(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        DeblockingFilter ref = refK.deblockingFilter();
        DeblockingFilter impl = implK.deblockingFilter();
        String level = implK.description();
        if (hot) {
            Pattern[] common = {Pattern.STEP, Pattern.RAMP, Pattern.RANDOM};
            for (int i = 0; i < HOT_CALLS; i++) {
                compare(ref, impl, level + " hot call " + i, rnd, rnd.nextBoolean(), rnd.nextBoolean(),
                        BIT_DEPTHS[rnd.nextInt(3)], BETAS[rnd.nextInt(BETAS.length)], TCS[rnd.nextInt(TCS.length)],
                        common[rnd.nextInt(common.length)]);
                Pattern[] ps = new Pattern[1 + rnd.nextInt(20)];
                int[] betas = new int[ps.length];
                int[] tcs = new int[ps.length];
                for (int j = 0; j < ps.length; j++) {
                    ps[j] = rnd.nextInt(4) == 0 ? common[rnd.nextInt(common.length)] : Pattern.STEP;
                    betas[j] = BETAS[rnd.nextInt(BETAS.length)];
                    tcs[j] = TCS[rnd.nextInt(TCS.length)];
                }
                compareRun(ref, impl, level + " hot run " + i, rnd, rnd.nextBoolean(), rnd.nextInt(4) != 0,
                        BIT_DEPTHS[rnd.nextInt(3)], betas, tcs, ps);
            }
            return;
        }
        checkRuns(ref, impl, level, rnd);
        for (boolean luma : new boolean[] {true, false}) {
            for (boolean vertical : new boolean[] {true, false}) {
                for (int depth : BIT_DEPTHS) {
                    for (int beta : BETAS) {
                        for (int tc : TCS) {
                            for (Pattern p : Pattern.values()) {
                                compare(ref, impl, level, rnd, luma, vertical, depth, beta, tc, p);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Run lengths: below, at and above one vector of every width (1/2/4 luma, 2/4/8 chroma segments). */
    private static final int[] RUN_SEGMENTS = {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 19};

    /**
     * Edge runs ({@link DeblockingFilter#lumaEdge}, {@link DeblockingFilter#chromaEdge}): every
     * pattern over a whole run and mixed per segment, with β and tC per segment drawn from Table
     * 8-12 (zero included), all at the maximum (β' 64, tC' 24: strong filtering on flat areas and
     * the widest clipping), and every other segment off.
     */
    private static void checkRuns(DeblockingFilter ref, DeblockingFilter impl, String level, Random rnd) {
        Pattern[] all = Pattern.values();
        for (boolean luma : new boolean[] {true, false}) {
            for (boolean vertical : new boolean[] {true, false}) {
                for (int depth : BIT_DEPTHS) {
                    for (int n : RUN_SEGMENTS) {
                        for (int mode = 0; mode <= all.length; mode++) {
                            for (int params = 0; params < 3; params++) {
                                Pattern[] ps = new Pattern[n];
                                int[] betas = new int[n];
                                int[] tcs = new int[n];
                                for (int j = 0; j < n; j++) {
                                    ps[j] = mode < all.length ? all[mode] : all[rnd.nextInt(all.length)];
                                    betas[j] = switch (params) {
                                        case 0 -> BETAS[rnd.nextInt(BETAS.length)];
                                        case 1 -> 64;
                                        default -> (j & 1) == 0 ? 0 : BETAS[1 + rnd.nextInt(BETAS.length - 1)];
                                    };
                                    tcs[j] = switch (params) {
                                        case 0 -> TCS[rnd.nextInt(TCS.length)];
                                        case 1 -> 24;
                                        default -> (j & 1) == 1 && rnd.nextBoolean() ? 0 : TCS[1 + rnd.nextInt(TCS.length - 1)];
                                    };
                                }
                                compareRun(ref, impl, level, rnd, luma, vertical, depth, betas, tcs, ps);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * One run of {@code ps.length} segments, segment j filled with {@code ps[j]} and filtered with
     * β' {@code betas[j]} and tC' {@code tcs[j]} (scaled to the bit depth), in a canary plane.
     */
    private static void compareRun(DeblockingFilter ref, DeblockingFilter impl, String level, Random rnd, boolean luma,
            boolean vertical, int depth, int[] betas, int[] tcs, Pattern[] ps) {
        int max = (1 << depth) - 1;
        int scale = depth - 8;
        int n = ps.length;
        int segLines = luma ? 4 : 2;
        int lines = n * segLines;
        int reach = luma ? 4 : 2;
        int acrossSize = 2 * reach + 4 + rnd.nextInt(9);
        int alongSize = lines + 4 + rnd.nextInt(9);
        int stride = vertical ? acrossSize : alongSize;
        int rows = vertical ? alongSize : acrossSize;
        short[] plane = new short[stride * rows];
        Arrays.fill(plane, CANARY);
        int q0 = vertical ? 2 * stride + 2 + reach : (2 + reach) * stride + 2;
        int across = vertical ? 1 : stride;
        int along = vertical ? stride : 1;
        int[] beta = new int[n];
        int[] tc = new int[n];
        for (int j = 0; j < n; j++) {
            beta[j] = betas[j] << scale;
            tc[j] = tcs[j] << scale;
            fillSegment(plane, q0 + j * segLines * along, across, along, segLines, reach, ps[j], max, tc[j], rnd);
        }
        short[] input = plane.clone();
        short[] expected = plane.clone();
        short[] got = plane.clone();
        String what = "DeblockingFilter " + level + ": " + (luma ? "luma" : "chroma")
                + (vertical ? " vertical" : " horizontal") + " edge run of " + n + " segments, " + depth
                + "-bit, beta " + Arrays.toString(beta) + ", tc " + Arrays.toString(tc) + ", patterns "
                + Arrays.toString(ps) + ", stride " + stride + ", seed " + SEED;
        if (luma) {
            ref.lumaEdge(expected, q0, across, along, n, beta, tc, max);
            impl.lumaEdge(got, q0, across, along, n, beta, tc, max);
        } else {
            ref.chromaEdge(expected, q0, across, along, n, tc, max);
            impl.chromaEdge(got, q0, across, along, n, tc, max);
        }
        assertSameWithinFootprint(expected, got, input, q0, stride, vertical, lines, luma, "run", what);
        // The per-segment parameters are inputs too.
        for (int j = 0; j < n; j++) {
            if (beta[j] != betas[j] << scale || tc[j] != tcs[j] << scale) {
                fail(what + ": beta/tc of segment " + j + " modified");
            }
        }
    }

    /** Writes p_{reach}..q_{reach-1} of {@code lines} lines from q0 with the given pattern. */
    private static void fillSegment(short[] plane, int q0, int across, int along, int lines, int reach,
            Pattern pattern, int max, int tc, Random rnd) {
        int base = rnd.nextInt(max + 1);
        int step = 1 + rnd.nextInt(Math.max(1, tc + 2));
        for (int k = 0; k < lines; k++) {
            for (int i = -reach; i < reach; i++) {
                plane[q0 + k * along + i * across] = (short) sample(pattern, i, k, base, step, max, rnd);
            }
        }
    }

    private static int sample(Pattern pattern, int i, int k, int base, int step, int max, Random rnd) {
        return switch (pattern) {
            case STEP -> Math.clamp(base + (i < 0 ? 0 : step), 0, max);
            case RAMP -> Math.clamp(base + i * (1 + (step >> 2)) + rnd.nextInt(3) - 1, 0, max);
            case RANDOM -> rnd.nextInt(max + 1);
            case ZERO -> 0;
            case MAX -> max;
            case ALTERNATING -> ((i + k) & 1) == 0 ? max : 0;
            case STEP_NEAR_ZERO -> i < 0 ? rnd.nextInt(2) : Math.min(max, step);
            case STEP_NEAR_MAX -> i < 0 ? max - rnd.nextInt(2) : Math.max(0, max - step);
        };
    }

    private static void compare(DeblockingFilter ref, DeblockingFilter impl, String level, Random rnd, boolean luma,
            boolean vertical, int depth, int betaPrime, int tcPrime, Pattern pattern) {
        int max = (1 << depth) - 1;
        int scale = depth - 8;
        int beta = betaPrime << scale;
        int tc = tcPrime << scale;
        int lines = luma ? 4 : 2;
        int reach = luma ? 4 : 2;                  // samples read on each side
        int stride = 2 * reach + 8 + rnd.nextInt(9);
        int rows = 2 * reach + lines + 4;
        short[] plane = new short[stride * rows];
        Arrays.fill(plane, CANARY);
        // Footprint: 'lines' lines along the edge, p_{reach-1}..q_{reach-1} across it.
        int q0 = (vertical ? 2 * stride + 4 + reach : (2 + reach) * stride + 4);
        int across = vertical ? 1 : stride;
        int along = vertical ? stride : 1;
        fillSegment(plane, q0, across, along, lines, reach, pattern, max, tc, rnd);
        short[] input = plane.clone();
        short[] expected = plane.clone();
        short[] got = plane.clone();
        String what = "DeblockingFilter " + level + ": " + (luma ? "luma" : "chroma")
                + (vertical ? " vertical" : " horizontal") + " edge, " + depth + "-bit, beta " + beta + ", tc " + tc
                + ", " + pattern + ", stride " + stride + ", seed " + SEED;
        if (luma) {
            ref.lumaSegment(expected, q0, across, along, beta, tc, max);
            impl.lumaSegment(got, q0, across, along, beta, tc, max);
        } else {
            ref.chromaSegment(expected, q0, across, along, tc, max);
            impl.chromaSegment(got, q0, across, along, tc, max);
        }
        assertSameWithinFootprint(expected, got, input, q0, stride, vertical, lines, luma, "segment", what);
    }

    /** True when index j is p_{w-1}..q_{w-1} of one of the segment's lines. */
    private static boolean inside(int j, int q0, int stride, boolean vertical, int lines, int w) {
        int dy = Math.floorDiv(j, stride) - Math.floorDiv(q0, stride);
        int dx = Math.floorMod(j, stride) - Math.floorMod(q0, stride);
        int line = vertical ? dy : dx;
        int pos = vertical ? dx : dy;
        return line >= 0 && line < lines && pos >= -w && pos < w;
    }

    private static String position(int j, int q0, int stride, boolean vertical) {
        int dy = Math.floorDiv(j, stride) - Math.floorDiv(q0, stride);
        int dx = Math.floorMod(j, stride) - Math.floorMod(q0, stride);
        int line = vertical ? dy : dx;
        int pos = vertical ? dx : dy;
        return "line " + line + ", " + (pos < 0 ? "p" + (-pos - 1) : "q" + pos);
    }

    // The kernel's output equals the reference's, and only p_{w-1}..q_{w-1} of the filtered lines
    // changed (w = 3 luma, 1 chroma).
    private static void assertSameWithinFootprint(short[] expected, short[] got, short[] input, int q0, int stride,
            boolean vertical, int lines, boolean luma, String unit, String what) {
        int i = Arrays.mismatch(expected, got);
        if (i >= 0) {
            fail(what + ": first difference at " + position(i, q0, stride, vertical) + ": expected " + expected[i]
                    + ", got " + got[i] + " (input " + input[i] + ")");
        }
        int writes = luma ? 3 : 1;
        for (int j = 0; j < got.length; j++) {
            if (got[j] != input[j] && !inside(j, q0, stride, vertical, lines, writes)) {
                fail(what + ": wrote outside the " + unit + "'s footprint at " + position(j, q0, stride, vertical)
                        + ": " + input[j] + " -> " + got[j]);
            }
        }
    }
}
