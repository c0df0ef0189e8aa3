package io.inlay.core.kernels;

import static io.inlay.core.kernels.KernelHarnessTest.BIT_DEPTHS;
import static io.inlay.core.kernels.KernelHarnessTest.HOT_CALLS;
import static io.inlay.core.kernels.KernelHarnessTest.SEED;
import static io.inlay.core.kernels.KernelHarnessTest.assertUnchanged;
import static io.inlay.core.kernels.KernelHarnessTest.canaryArray;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/**
 * {@link KernelHarnessTest}'s check of {@link SubpelInterpolation}: luma and chroma, every
 * fractional phase (x and y), block sizes 1..128 (all prediction-unit shapes and odd ones that
 * reach every vector tail), 8/10/12 bits, random and extreme samples. The source window the
 * filter may read is embedded in canaries (not valid samples, so a read outside the window
 * changes the result) and checked unchanged; the output block sits in a canary-filled array
 * whose other words must stay untouched; {@code tmp} holds different garbage for reference and
 * candidate. Luma is checked with the taps of H.265 and with learned taps (the overload with a tap
 * table): random valid rows and rows at the limits of {@link SubpelInterpolation#validLumaTaps}
 * (positive taps summing to 96, with the weight at either end).
 */
final class SubpelInterpolationCheck {
    private static final int GUARD = 24;

    private enum Pattern { RANDOM, ZERO, MAX, ALTERNATING, EXTREMES }

    /** Luma sizes: every prediction-unit side, odd sides, and the maximum. */
    private static final int[] LUMA_SIDES = {1, 2, 3, 4, 5, 7, 8, 12, 16, 20, 24, 32, 48, 64};
    private static final int[] CHROMA_SIDES = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32};
    private static final int[][] WORST_SIZES = {{4, 4}, {8, 8}, {2, 4}, {16, 16}, {24, 12}, {32, 32}, {12, 24},
        {64, 64}, {29, 3}, {128, 128}};

    private SubpelInterpolationCheck() {
    }

    static void check(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        SubpelInterpolation ref = refK.subpelInterpolation();
        SubpelInterpolation impl = implK.subpelInterpolation();
        String level = implK.description();
        if (hot) {
            hot(ref, impl, level, rnd);
            return;
        }
        int n = 0;
        for (int kind = 0; kind < 3; kind++) {
            boolean luma = kind != 1;
            boolean learned = kind == 2;
            int phases = luma ? 4 : 8;
            int[] sides = luma ? LUMA_SIDES : CHROMA_SIDES;
            for (int w : sides) {
                for (int h : sides) {
                    for (int fy = 0; fy < phases; fy++) {
                        for (int fx = 0; fx < phases; fx++) {
                            compare(ref, impl, level, rnd, luma, learned ? randomTaps(rnd) : null, w, h, fx, fy,
                                    BIT_DEPTHS[n++ % 3], Pattern.RANDOM);
                        }
                    }
                }
            }
            for (int[] s : WORST_SIZES) {
                if (!luma && s[0] * s[1] > 32 * 32) {
                    continue;   // chroma blocks are at most 32x32 (64x64 luma); keeps the matrix short
                }
                for (int depth : BIT_DEPTHS) {
                    for (Pattern p : Pattern.values()) {
                        for (int fy = 0; fy < phases; fy++) {
                            for (int fx = 0; fx < phases; fx++) {
                                int[][] taps = learned ? (p == Pattern.RANDOM ? randomTaps(rnd) : extremeTaps(rnd))
                                        : null;
                                compare(ref, impl, level, rnd, luma, taps, s[0], s[1], fx, fy, depth, p);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A learned tap table (rows 1..3) of random rows valid for {@link SubpelInterpolation#validLumaTaps}. */
    static int[][] randomTaps(Random rnd) {
        int[][] t = new int[4][8];
        t[0][3] = 64;
        for (int f = 1; f < 4; f++) {
            do {
                int sum = 0;
                for (int k = 0; k < 7; k++) {
                    t[f][k] = rnd.nextInt(41) - 16 + (k == 3 || k == 4 ? 16 : 0);
                    sum += t[f][k];
                }
                t[f][7] = 64 - sum;
            } while (!SubpelInterpolation.validLumaTaps(t[f]));
        }
        return t;
    }

    /**
     * Rows at the limit: positive taps summing to exactly 96 and negative ones to -32, placed so
     * that alternating or extreme samples reach the largest and smallest intermediates.
     */
    static int[][] extremeTaps(Random rnd) {
        int[][][] rows = {
            {{0, 0, 0, 64, 0, 0, 0, 0}},
            {{-16, 48, -16, 48, 0, 0, 0, 0}, {0, 0, -32, 96, 0, 0, 0, 0}, {0, 0, 0, 96, -32, 0, 0, 0},
                {-4, -4, -4, 48, 48, -4, -4, -12}, {96, -32, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, -32, 96},
                {-8, 24, -8, 24, -8, 24, -8, 24}, {24, -8, 24, -8, 24, -8, 24, -8}},
        };
        int[][] t = new int[4][8];
        t[0] = rows[0][0].clone();
        for (int f = 1; f < 4; f++) {
            t[f] = rows[1][rnd.nextInt(rows[1].length)].clone();
            assert SubpelInterpolation.validLumaTaps(t[f]);
        }
        return t;
    }

    private static void compare(SubpelInterpolation ref, SubpelInterpolation impl, String level, Random rnd,
            boolean luma, int[][] lumaTaps, int w, int h, int fx, int fy, int depth, Pattern pattern) {
        int max = (1 << depth) - 1;
        int taps = luma ? 8 : 4;
        int a = luma ? 3 : 1;
        // The window the filter may read: a left/above and taps - a - 1 right/below the block,
        // in the directions with a non-zero fraction.
        int left = fx != 0 ? a : 0;
        int right = fx != 0 ? taps - a - 1 : 0;
        int top = fy != 0 ? a : 0;
        int bottom = fy != 0 ? taps - a - 1 : 0;
        int stride = w + taps + rnd.nextInt(17);
        int srcOff = GUARD + a * stride + a + rnd.nextInt(8);
        short[] src = canaryArray(srcOff + (h + taps) * stride + GUARD);
        for (int y = -top; y < h + bottom; y++) {
            for (int x = -left; x < w + right; x++) {
                int v = switch (pattern) {
                    case RANDOM -> rnd.nextInt(max + 1);
                    case ZERO -> 0;
                    case MAX -> max;
                    case ALTERNATING -> ((x + y) & 1) == 0 ? max : 0;
                    case EXTREMES -> rnd.nextBoolean() ? max : 0;
                };
                src[srcOff + y * stride + x] = (short) v;
            }
        }
        short[] src0 = src.clone();
        int dstStride = w + rnd.nextInt(9);
        int dstOff = GUARD + rnd.nextInt(8);
        short[] refDst = canaryArray(dstOff + (h - 1) * dstStride + w + GUARD);
        short[] implDst = refDst.clone();
        int[] refTmp = garbage(rnd, (h + 7) * w);
        int[] implTmp = garbage(rnd, (h + 7) * w);
        if (luma && lumaTaps != null) {
            ref.luma(src, srcOff, stride, lumaTaps, fx, fy, w, h, depth, refDst, dstOff, dstStride, refTmp);
            impl.luma(src, srcOff, stride, lumaTaps, fx, fy, w, h, depth, implDst, dstOff, dstStride, implTmp);
        } else if (luma) {
            ref.luma(src, srcOff, stride, fx, fy, w, h, depth, refDst, dstOff, dstStride, refTmp);
            impl.luma(src, srcOff, stride, fx, fy, w, h, depth, implDst, dstOff, dstStride, implTmp);
        } else {
            ref.chroma(src, srcOff, stride, fx, fy, w, h, depth, refDst, dstOff, dstStride, refTmp);
            impl.chroma(src, srcOff, stride, fx, fy, w, h, depth, implDst, dstOff, dstStride, implTmp);
        }
        String what = "SubpelInterpolation " + level + ": " + (luma ? "luma " : "chroma ")
                + (lumaTaps != null ? "taps " + Arrays.deepToString(lumaTaps) + " " : "") + w + "x" + h
                + ", fx " + fx + ", fy " + fy + ", " + depth + "-bit, " + pattern + ", stride " + stride
                + ", dst stride " + dstStride + ", seed " + SEED;
        int i = Arrays.mismatch(refDst, implDst);
        if (i >= 0) {
            int rel = i - dstOff;
            int y = Math.floorDiv(rel, dstStride);
            int x = rel - y * dstStride;
            String where = y >= 0 && y < h && x >= 0 && x < w ? "(" + x + ", " + y + ")"
                    : "index " + i + " outside the block (" + x + ", " + y + ")";
            fail(what + ": first difference at " + where + ": expected " + refDst[i] + ", got " + implDst[i]);
        }
        assertUnchanged(src0, src, what + ", source");
    }

    private static int[] garbage(Random rnd, int n) {
        int[] t = new int[n + GUARD];
        for (int i = 0; i < t.length; i++) {
            t[i] = rnd.nextInt();
        }
        return t;
    }

    /**
     * {@link KernelHarnessTest#HOT_CALLS} calls on random prediction-unit sizes, phases and
     * positions in one random plane per bit depth (one fifth of the samples at 0 or the maximum).
     */
    private static void hot(SubpelInterpolation ref, SubpelInterpolation impl, String level, Random rnd) {
        int stride = 160;
        int rows = 140;
        short[][] planes = new short[3][stride * rows];
        for (int d = 0; d < 3; d++) {
            int max = (1 << BIT_DEPTHS[d]) - 1;
            for (int i = 0; i < planes[d].length; i++) {
                int r = rnd.nextInt(10);
                planes[d][i] = (short) (r == 0 ? 0 : r == 1 ? max : rnd.nextInt(max + 1));
            }
        }
        short[][] planes0 = {planes[0].clone(), planes[1].clone(), planes[2].clone()};
        int[] sides = {4, 8, 12, 16, 24, 32, 48, 64};
        short[] refDst = new short[64 * 64];
        short[] implDst = new short[64 * 64];
        int[] refTmp = new int[SubpelInterpolation.TMP_INTS];
        int[] implTmp = new int[SubpelInterpolation.TMP_INTS];
        for (int call = 0; call < HOT_CALLS; call++) {
            int d = rnd.nextInt(3);
            boolean luma = rnd.nextInt(3) == 0;
            int w = sides[rnd.nextInt(sides.length)] >> (luma ? 0 : 1);
            int h = sides[rnd.nextInt(sides.length)] >> (luma ? 0 : 1);
            int fx = rnd.nextInt(luma ? 4 : 8);
            int fy = rnd.nextInt(luma ? 4 : 8);
            int x = 3 + rnd.nextInt(stride - w - 7);
            int y = 3 + rnd.nextInt(rows - h - 7);
            int off = y * stride + x;
            int[][] taps = luma && rnd.nextBoolean() ? randomTaps(rnd) : null;
            if (taps != null) {
                ref.luma(planes[d], off, stride, taps, fx, fy, w, h, BIT_DEPTHS[d], refDst, 0, w, refTmp);
                impl.luma(planes[d], off, stride, taps, fx, fy, w, h, BIT_DEPTHS[d], implDst, 0, w, implTmp);
            } else if (luma) {
                ref.luma(planes[d], off, stride, fx, fy, w, h, BIT_DEPTHS[d], refDst, 0, w, refTmp);
                impl.luma(planes[d], off, stride, fx, fy, w, h, BIT_DEPTHS[d], implDst, 0, w, implTmp);
            } else {
                ref.chroma(planes[d], off, stride, fx, fy, w, h, BIT_DEPTHS[d], refDst, 0, w, refTmp);
                impl.chroma(planes[d], off, stride, fx, fy, w, h, BIT_DEPTHS[d], implDst, 0, w, implTmp);
            }
            int i = Arrays.mismatch(refDst, 0, w * h, implDst, 0, w * h);
            if (i >= 0) {
                fail("SubpelInterpolation " + level + " hot call " + call + ": " + (luma ? "luma " : "chroma ") + w
                        + "x" + h + (taps != null ? " taps " + Arrays.deepToString(taps) : "") + ", fx " + fx + ", fy " + fy
                        + ", " + BIT_DEPTHS[d] + "-bit at (" + x + ", " + y
                        + "), seed " + SEED + ": first difference at (" + (i % w) + ", " + (i / w) + "): expected "
                        + refDst[i] + ", got " + implDst[i]);
            }
        }
        for (int d = 0; d < 3; d++) {
            assertUnchanged(planes0[d], planes[d], "SubpelInterpolation " + level + " hot source");
        }
    }
}
