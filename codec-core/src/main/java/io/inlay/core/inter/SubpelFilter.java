package io.inlay.core.inter;

import io.inlay.core.Plane;

/**
 * Motion-compensated sample interpolation of H.265 §8.5.3.3.3 (fractional sample interpolation)
 * and the default weighted sample prediction of §8.5.3.3.4.2, shared by encoder and decoder.
 *
 * <p><b>Intermediate samples.</b> {@link #predictLuma} and {@link #predictChroma} produce the
 * 14-bit intermediate {@code predSamples} of H.265, stored <em>minus {@link #PRED_OFFSET}</em>.
 * predSamples range over about [-16900, 33300] (half-sample 2-D luma at any bit depth 8..12),
 * which does not fit a {@code short}; predSamples - 8192 lies in [-25100, 25100] and does. (HM
 * stores them the same way, IF_INTERNAL_OFFS.) {@link #single} and {@link #average} add the
 * offset back, so their output is exactly H.265's.
 *
 * <p><b>Reference clamping.</b> H.265 clamps every reference coordinate into the picture
 * (Clip3(0, pic_width - 1, xInt) and likewise y), so any vector is legal. When every sample the
 * filter reads lies inside the plane's padded area, it reads the plane directly; that is
 * identical to clamping only if the borders hold replicated edge samples, so <b>the caller must
 * have called {@link Plane#extendBorders()} after the last write to the reference</b>. Otherwise
 * the needed window is first gathered with explicit clamping into scratch memory.
 *
 * <p>An instance owns its scratch memory: one per thread. No allocation per call. Blocks are
 * 1..{@link #MAX_BLOCK} samples wide and high; bit depths 8..12; vectors such that reference
 * coordinates stay within +-2^30.
 */
public final class SubpelFilter {
    /** Largest block width and height accepted, in samples of the filtered component. */
    public static final int MAX_BLOCK = 128;

    /** Stored intermediate = predSamples - PRED_OFFSET (1 << 13). */
    public static final int PRED_OFFSET = 1 << 13;

    /** Luma taps fL[xFrac] for xFrac = 1..3 (H.265 §8.5.3.3.3.1); row 0 unused. */
    static final int[][] LUMA_TAPS = {
        {0, 0, 0, 64, 0, 0, 0, 0},
        {-1, 4, -10, 58, 17, -5, 1, 0},
        {-1, 4, -11, 40, 40, -11, 4, -1},
        {0, 1, -5, 17, 58, -10, 4, -1},
    };

    /** Chroma taps fC[xFrac] for xFrac = 1..7 (H.265 §8.5.3.3.3.2); row 0 unused. */
    static final int[][] CHROMA_TAPS = {
        {0, 64, 0, 0},
        {-2, 58, 10, -2},
        {-4, 54, 16, -2},
        {-6, 46, 28, -4},
        {-4, 36, 36, -4},
        {-4, 28, 46, -6},
        {-2, 16, 54, -4},
        {-2, 10, 58, -2},
    };

    /** Second-stage shift of the separable 2-D case (shift2 of §8.5.3.3.3.1). */
    private static final int SHIFT2 = 6;

    private static final int EXT_STRIDE = MAX_BLOCK + 7;

    /** Clamped reference window (up to (MAX_BLOCK + 7)^2 samples), stride EXT_STRIDE. */
    private final short[] ext = new short[EXT_STRIDE * EXT_STRIDE];
    /** First-stage (horizontal) results of the 2-D case, up to (MAX_BLOCK + 7) rows of MAX_BLOCK. */
    private final int[] tmp = new int[EXT_STRIDE * MAX_BLOCK];

    /**
     * Quarter-sample luma prediction (§8.5.3.3.3.1) of a width x height block whose top-left
     * sample is (x, y) in {@code ref}, displaced by (mvx, mvy) in quarter samples
     * (xFrac = mv & 3, integer part mv >> 2). Writes predSamples - {@link #PRED_OFFSET} to
     * {@code dst[dstOff + j * dstStride + i]} for i < width, j < height, and nothing else.
     * Reads samples of {@code ref} up to 3 left/above and 4 right/below the displaced block when
     * the fraction is non-zero (see the class comment on borders).
     */
    public void predictLuma(Plane ref, int x, int y, int mvx, int mvy, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride) {
        checkArgs(width, height, bitDepth);
        int fx = mvx & 3;
        int fy = mvy & 3;
        int x0 = x + (mvx >> 2);
        int y0 = y + (mvy >> 2);
        int left = fx != 0 ? 3 : 0;
        int top = fy != 0 ? 3 : 0;
        int winW = width + (fx != 0 ? 7 : 0);
        int winH = height + (fy != 0 ? 7 : 0);
        short[] src;
        int origin;
        int stride;
        if (insidePadded(ref, x0 - left, y0 - top, winW, winH)) {
            src = ref.samples();
            origin = ref.index(x0, y0);
            stride = ref.stride();
        } else {
            gatherClamped(ref, x0 - left, y0 - top, winW, winH);
            src = ext;
            origin = top * EXT_STRIDE + left;
            stride = EXT_STRIDE;
        }
        filterLuma(src, origin, stride, fx, fy, width, height, bitDepth, dst, dstOff, dstStride);
    }

    /**
     * Eighth-sample chroma prediction (§8.5.3.3.3.2) of a width x height block whose top-left
     * sample is (x, y) in the chroma plane {@code ref}, displaced by (mvx, mvy) in eighth chroma
     * samples (for 4:2:0 that is the luma quarter-sample vector unchanged; xFrac = mv & 7,
     * integer part mv >> 3). Writes predSamples - {@link #PRED_OFFSET} to the width x height
     * block at {@code dstOff} and nothing else. Reads up to 1 sample left/above and 2
     * right/below the displaced block when the fraction is non-zero.
     */
    public void predictChroma(Plane ref, int x, int y, int mvx, int mvy, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride) {
        checkArgs(width, height, bitDepth);
        int fx = mvx & 7;
        int fy = mvy & 7;
        int x0 = x + (mvx >> 3);
        int y0 = y + (mvy >> 3);
        int left = fx != 0 ? 1 : 0;
        int top = fy != 0 ? 1 : 0;
        int winW = width + (fx != 0 ? 3 : 0);
        int winH = height + (fy != 0 ? 3 : 0);
        short[] src;
        int origin;
        int stride;
        if (insidePadded(ref, x0 - left, y0 - top, winW, winH)) {
            src = ref.samples();
            origin = ref.index(x0, y0);
            stride = ref.stride();
        } else {
            gatherClamped(ref, x0 - left, y0 - top, winW, winH);
            src = ext;
            origin = top * EXT_STRIDE + left;
            stride = EXT_STRIDE;
        }
        filterChroma(src, origin, stride, fx, fy, width, height, bitDepth, dst, dstOff, dstStride);
    }

    /**
     * Uni-prediction (§8.5.3.3.4.2, predFlagL0 xor predFlagL1): dst = Clip1((predSamples +
     * offset1) >> shift1), shift1 = 14 - bitDepth, offset1 = 1 << (shift1 - 1). {@code src}
     * holds stored intermediates (predSamples - {@link #PRED_OFFSET}); {@code dst} receives
     * unsigned samples in [0, 2^bitDepth - 1] in the width x height block only. src and dst may
     * be the same block.
     */
    public static void single(short[] src, int srcOff, int srcStride, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride) {
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        int shift1 = 14 - bitDepth;
        int add = PRED_OFFSET + (1 << (shift1 - 1));
        int max = (1 << bitDepth) - 1;
        for (int j = 0; j < height; j++) {
            int s = srcOff + j * srcStride;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < width; i++) {
                int v = (src[s + i] + add) >> shift1;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /**
     * Bi-prediction (§8.5.3.3.4.2, predFlagL0 = predFlagL1 = 1): dst = Clip1((predSamplesL0 +
     * predSamplesL1 + offset2) >> shift2), shift2 = 15 - bitDepth, offset2 = 1 << (shift2 - 1).
     * {@code a} and {@code b} hold stored intermediates; {@code dst} receives unsigned samples in
     * the width x height block only and may coincide with either input block.
     */
    public static void average(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int width, int height, int bitDepth, short[] dst, int dstOff, int dstStride) {
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        int shift2 = 15 - bitDepth;
        int add = 2 * PRED_OFFSET + (1 << (shift2 - 1));
        int max = (1 << bitDepth) - 1;
        for (int j = 0; j < height; j++) {
            int sa = aOff + j * aStride;
            int sb = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < width; i++) {
                int v = (a[sa + i] + b[sb + i] + add) >> shift2;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    private static void checkArgs(int width, int height, int bitDepth) {
        if (width < 1 || height < 1 || width > MAX_BLOCK || height > MAX_BLOCK) {
            throw new IllegalArgumentException("block size " + width + "x" + height);
        }
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
    }

    /** True when the w x h window at (wx, wy) lies inside the plane's visible area plus padding. */
    private static boolean insidePadded(Plane p, int wx, int wy, int w, int h) {
        int pad = p.padding();
        return wx >= -pad && wy >= -pad && wx + w <= p.width() + pad && wy + h <= p.height() + pad;
    }

    /**
     * Copies the w x h window at (wx, wy) of {@code p} into {@link #ext} (stride EXT_STRIDE),
     * each coordinate clamped into the visible area: Clip3(0, width - 1, x), Clip3(0, height - 1,
     * y) of §8.5.3.3.3.1 and §8.5.3.3.3.2. Reads visible samples only.
     */
    private void gatherClamped(Plane p, int wx, int wy, int w, int h) {
        short[] s = p.samples();
        int pw = p.width();
        int ph = p.height();
        // Columns [0, nLeft) clamp to x = 0, [nLeft, nMid) copy, [nMid, w) clamp to pw - 1.
        int nLeft = (int) Math.min(w, Math.max(0L, -(long) wx));
        int nMid = (int) Math.max(nLeft, Math.min(w, (long) pw - wx));
        for (int r = 0; r < h; r++) {
            long yy = (long) wy + r;
            int row = p.index(0, (int) (yy < 0 ? 0 : yy >= ph ? ph - 1 : yy));
            int d = r * EXT_STRIDE;
            short first = s[row];
            short last = s[row + pw - 1];
            for (int c = 0; c < nLeft; c++) {
                ext[d + c] = first;
            }
            if (nMid > nLeft) {
                System.arraycopy(s, row + wx + nLeft, ext, d + nLeft, nMid - nLeft);
            }
            for (int c = nMid; c < w; c++) {
                ext[d + c] = last;
            }
        }
    }

    /**
     * 8-tap separable luma filter. {@code src[origin]} is reference sample (xInt, yInt) of the
     * block's top-left; rows -3..height+3 and columns -3..width+3 around it must be readable
     * when the corresponding fraction is non-zero. Samples are unsigned, < 2^bitDepth.
     */
    private void filterLuma(short[] src, int origin, int stride, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride) {
        int shift1 = bitDepth - 8;
        if (fx == 0 && fy == 0) {
            copyScaled(src, origin, stride, w, h, 14 - bitDepth, dst, dstOff, dstStride);
            return;
        }
        if (fy == 0) {
            horizontal8(src, origin, stride, LUMA_TAPS[fx], w, h, shift1, dst, dstOff, dstStride);
            return;
        }
        int[] c = LUMA_TAPS[fy];
        int c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
        if (fx == 0) {
            // Vertical only: sum over rows yInt - 3 .. yInt + 4, >> shift1.
            for (int j = 0; j < h; j++) {
                int s = origin + (j - 3) * stride;
                int d = dstOff + j * dstStride;
                for (int i = 0; i < w; i++) {
                    int p = s + i;
                    int v = c0 * (src[p] & 0xFFFF) + c1 * (src[p + stride] & 0xFFFF)
                            + c2 * (src[p + 2 * stride] & 0xFFFF) + c3 * (src[p + 3 * stride] & 0xFFFF)
                            + c4 * (src[p + 4 * stride] & 0xFFFF) + c5 * (src[p + 5 * stride] & 0xFFFF)
                            + c6 * (src[p + 6 * stride] & 0xFFFF) + c7 * (src[p + 7 * stride] & 0xFFFF);
                    dst[d + i] = (short) ((v >> shift1) - PRED_OFFSET);
                }
            }
            return;
        }
        // 2-D: horizontal pass on rows -3..h+3 (>> shift1) into tmp, then vertical (>> shift2 = 6).
        int[] cx = LUMA_TAPS[fx];
        int x0 = cx[0], x1 = cx[1], x2 = cx[2], x3 = cx[3], x4 = cx[4], x5 = cx[5], x6 = cx[6], x7 = cx[7];
        int rows = h + 7;
        for (int r = 0; r < rows; r++) {
            int s = origin + (r - 3) * stride - 3;
            int t = r * w;
            for (int i = 0; i < w; i++) {
                int p = s + i;
                tmp[t + i] = (x0 * (src[p] & 0xFFFF) + x1 * (src[p + 1] & 0xFFFF) + x2 * (src[p + 2] & 0xFFFF)
                        + x3 * (src[p + 3] & 0xFFFF) + x4 * (src[p + 4] & 0xFFFF) + x5 * (src[p + 5] & 0xFFFF)
                        + x6 * (src[p + 6] & 0xFFFF) + x7 * (src[p + 7] & 0xFFFF)) >> shift1;
            }
        }
        for (int j = 0; j < h; j++) {
            int t = j * w;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < w; i++) {
                int p = t + i;
                int v = c0 * tmp[p] + c1 * tmp[p + w] + c2 * tmp[p + 2 * w] + c3 * tmp[p + 3 * w]
                        + c4 * tmp[p + 4 * w] + c5 * tmp[p + 5 * w] + c6 * tmp[p + 6 * w] + c7 * tmp[p + 7 * w];
                dst[d + i] = (short) ((v >> SHIFT2) - PRED_OFFSET);
            }
        }
    }

    /** Horizontal-only 8-tap pass: sum over columns xInt - 3 .. xInt + 4, >> shift1. */
    private static void horizontal8(short[] src, int origin, int stride, int[] c, int w, int h, int shift1,
            short[] dst, int dstOff, int dstStride) {
        int c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
        for (int j = 0; j < h; j++) {
            int s = origin + j * stride - 3;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < w; i++) {
                int p = s + i;
                int v = c0 * (src[p] & 0xFFFF) + c1 * (src[p + 1] & 0xFFFF) + c2 * (src[p + 2] & 0xFFFF)
                        + c3 * (src[p + 3] & 0xFFFF) + c4 * (src[p + 4] & 0xFFFF) + c5 * (src[p + 5] & 0xFFFF)
                        + c6 * (src[p + 6] & 0xFFFF) + c7 * (src[p + 7] & 0xFFFF);
                dst[d + i] = (short) ((v >> shift1) - PRED_OFFSET);
            }
        }
    }

    /**
     * 4-tap separable chroma filter. {@code src[origin]} is reference sample (xIntC, yIntC) of the
     * block's top-left; rows -1..height+1 and columns -1..width+1 around it must be readable when
     * the corresponding fraction is non-zero.
     */
    private void filterChroma(short[] src, int origin, int stride, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride) {
        int shift1 = bitDepth - 8;
        if (fx == 0 && fy == 0) {
            copyScaled(src, origin, stride, w, h, 14 - bitDepth, dst, dstOff, dstStride);
            return;
        }
        if (fy == 0) {
            int[] c = CHROMA_TAPS[fx];
            int c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
            for (int j = 0; j < h; j++) {
                int s = origin + j * stride - 1;
                int d = dstOff + j * dstStride;
                for (int i = 0; i < w; i++) {
                    int p = s + i;
                    int v = c0 * (src[p] & 0xFFFF) + c1 * (src[p + 1] & 0xFFFF)
                            + c2 * (src[p + 2] & 0xFFFF) + c3 * (src[p + 3] & 0xFFFF);
                    dst[d + i] = (short) ((v >> shift1) - PRED_OFFSET);
                }
            }
            return;
        }
        int[] c = CHROMA_TAPS[fy];
        int c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
        if (fx == 0) {
            for (int j = 0; j < h; j++) {
                int s = origin + (j - 1) * stride;
                int d = dstOff + j * dstStride;
                for (int i = 0; i < w; i++) {
                    int p = s + i;
                    int v = c0 * (src[p] & 0xFFFF) + c1 * (src[p + stride] & 0xFFFF)
                            + c2 * (src[p + 2 * stride] & 0xFFFF) + c3 * (src[p + 3 * stride] & 0xFFFF);
                    dst[d + i] = (short) ((v >> shift1) - PRED_OFFSET);
                }
            }
            return;
        }
        int[] cx = CHROMA_TAPS[fx];
        int x0 = cx[0], x1 = cx[1], x2 = cx[2], x3 = cx[3];
        int rows = h + 3;
        for (int r = 0; r < rows; r++) {
            int s = origin + (r - 1) * stride - 1;
            int t = r * w;
            for (int i = 0; i < w; i++) {
                int p = s + i;
                tmp[t + i] = (x0 * (src[p] & 0xFFFF) + x1 * (src[p + 1] & 0xFFFF)
                        + x2 * (src[p + 2] & 0xFFFF) + x3 * (src[p + 3] & 0xFFFF)) >> shift1;
            }
        }
        for (int j = 0; j < h; j++) {
            int t = j * w;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < w; i++) {
                int p = t + i;
                int v = c0 * tmp[p] + c1 * tmp[p + w] + c2 * tmp[p + 2 * w] + c3 * tmp[p + 3 * w];
                dst[d + i] = (short) ((v >> SHIFT2) - PRED_OFFSET);
            }
        }
    }

    /** Integer position: predSamples = ref << shift3, shift3 = 14 - bitDepth. */
    private static void copyScaled(short[] src, int origin, int stride, int w, int h, int shift3,
            short[] dst, int dstOff, int dstStride) {
        for (int j = 0; j < h; j++) {
            int s = origin + j * stride;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < w; i++) {
                dst[d + i] = (short) (((src[s + i] & 0xFFFF) << shift3) - PRED_OFFSET);
            }
        }
    }
}
