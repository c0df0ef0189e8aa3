package io.inlay.core.inter;

import io.inlay.core.Plane;
import io.inlay.core.kernels.BiAveraging;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.kernels.SubpelInterpolation;

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
 * <p>The filtering itself is the {@link SubpelInterpolation} kernel family and the output stage
 * the {@link BiAveraging} family; this class finds the reference window and handles the
 * clamping. An instance owns its scratch memory: one per thread. No allocation per call. Blocks are 1..{@link #MAX_BLOCK} samples wide and high; bit
 * depths 8..12; vectors such that reference coordinates stay within +-2^30.
 */
public final class SubpelFilter {
    /** Largest block width and height accepted, in samples of the filtered component. */
    public static final int MAX_BLOCK = SubpelInterpolation.MAX_BLOCK;

    /** Stored intermediate = predSamples - PRED_OFFSET (1 << 13). */
    public static final int PRED_OFFSET = SubpelInterpolation.PRED_OFFSET;

    private static final int EXT_STRIDE = MAX_BLOCK + 7;

    private final SubpelInterpolation kernel;
    private final BiAveraging output;
    /** Clamped reference window (up to (MAX_BLOCK + 7)^2 samples), stride EXT_STRIDE. */
    private final short[] ext = new short[EXT_STRIDE * EXT_STRIDE];
    /** First-stage (horizontal) results of the 2-D case, up to (MAX_BLOCK + 7) rows of MAX_BLOCK. */
    private final int[] tmp = new int[SubpelInterpolation.TMP_INTS];
    /** The reference window of the current call ({@link #window}): samples, block origin, stride. */
    private short[] winSrc;
    private int winOrigin;
    private int winStride;

    /** A filter on the process-wide kernels ({@link Kernels#get()}). */
    public SubpelFilter() {
        this(Kernels.get().subpelInterpolation(), Kernels.get().biAveraging());
    }

    /** A filter on the given interpolation and output kernels. */
    public SubpelFilter(SubpelInterpolation kernel, BiAveraging output) {
        this.kernel = kernel;
        this.output = output;
    }

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
        predictLuma(ref, x, y, mvx, mvy, width, height, bitDepth, dst, dstOff, dstStride, null);
    }

    /**
     * {@link #predictLuma(Plane, int, int, int, int, int, int, int, short[], int, int)} with the
     * luma taps {@code taps} ({@code [frac][k]}, a learned set of {@link LearnedInterModel}; null:
     * H.265's), docs/bitstream/decoding-process.md §10.1.
     */
    public void predictLuma(Plane ref, int x, int y, int mvx, int mvy, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[][] taps) {
        checkArgs(width, height, bitDepth);
        int fx = mvx & 3;
        int fy = mvy & 3;
        int x0 = x + (mvx >> 2);
        int y0 = y + (mvy >> 2);
        window(ref, x0, y0, fx != 0 ? 3 : 0, fy != 0 ? 3 : 0, width + (fx != 0 ? 7 : 0), height + (fy != 0 ? 7 : 0));
        if (taps == null) {
            kernel.luma(winSrc, winOrigin, winStride, fx, fy, width, height, bitDepth, dst, dstOff, dstStride, tmp);
        } else {
            kernel.luma(winSrc, winOrigin, winStride, taps, fx, fy, width, height, bitDepth, dst, dstOff, dstStride,
                    tmp);
        }
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
        window(ref, x0, y0, fx != 0 ? 1 : 0, fy != 0 ? 1 : 0, width + (fx != 0 ? 3 : 0), height + (fy != 0 ? 3 : 0));
        kernel.chroma(winSrc, winOrigin, winStride, fx, fy, width, height, bitDepth, dst, dstOff, dstStride, tmp);
    }

    /**
     * Uni-prediction at an integer position: copies the w x h block of {@code ref} at (x0, y0),
     * coordinates clamped into the picture, to {@code dst}. Equal to {@link #predictLuma} or
     * {@link #predictChroma} with zero fractions followed by {@link #single}: the intermediate is
     * {@code sample << (14 - bitDepth)} (minus the offset), and the rounding shift of {@code single}
     * takes it back exactly.
     */
    public void copyInteger(Plane ref, int x0, int y0, int width, int height, short[] dst, int dstOff, int dstStride) {
        if (width < 1 || height < 1 || width > MAX_BLOCK || height > MAX_BLOCK) {
            throw new IllegalArgumentException("block size " + width + "x" + height);
        }
        window(ref, x0, y0, 0, 0, width, height);
        for (int j = 0; j < height; j++) {
            System.arraycopy(winSrc, winOrigin + j * winStride, dst, dstOff + j * dstStride, width);
        }
    }

    /**
     * Uni-prediction (§8.5.3.3.4.2, predFlagL0 xor predFlagL1): dst = Clip1((predSamples +
     * offset1) >> shift1), shift1 = 14 - bitDepth, offset1 = 1 << (shift1 - 1), by the
     * {@link BiAveraging} kernel. {@code src} holds stored intermediates (predSamples -
     * {@link #PRED_OFFSET}); {@code dst} receives unsigned samples in [0, 2^bitDepth - 1] in the
     * width x height block only. src and dst may be the same block.
     */
    public void single(short[] src, int srcOff, int srcStride, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride) {
        output.single(src, srcOff, srcStride, width, height, bitDepth, dst, dstOff, dstStride);
    }

    /**
     * Bi-prediction (§8.5.3.3.4.2, predFlagL0 = predFlagL1 = 1): dst = Clip1((predSamplesL0 +
     * predSamplesL1 + offset2) >> shift2), shift2 = 15 - bitDepth, offset2 = 1 << (shift2 - 1),
     * by the {@link BiAveraging} kernel. {@code a} and {@code b} hold stored intermediates;
     * {@code dst} receives unsigned samples in the width x height block only and may coincide
     * with either input block.
     */
    public void average(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int width, int height, int bitDepth, short[] dst, int dstOff, int dstStride) {
        output.average(a, aOff, aStride, b, bOff, bStride, width, height, bitDepth, dst, dstOff, dstStride);
    }

    /**
     * Weighted bi-prediction (docs/bitstream/decoding-process.md §13.2, {@code BcwIdx} > 0): dst =
     * Clip1((w0 predSamplesL0 + w1 predSamplesL1 + offset3) >> shift3), w0 = 8 - w1, shift3 = 17 -
     * bitDepth, offset3 = 1 << (shift3 - 1), by the {@link BiAveraging} kernel; {@code w1} the list-1
     * weight in 1/8 ({@link BiWeights#weight}). Same buffers and guarantees as {@link #average}.
     */
    public void weighted(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height,
            int bitDepth, int w1, short[] dst, int dstOff, int dstStride) {
        output.weighted(a, aOff, aStride, b, bOff, bStride, width, height, bitDepth, w1, dst, dstOff, dstStride);
    }

    /**
     * The reference window of a learned-filter luma block for a {@code LearnedInterExecutor}: the
     * (width + 7) x (height + 7) samples of {@code ref} around the block at (x, y) displaced by the
     * integer part of (mvx, mvy) (quarter samples), from 3 columns/rows left/above to 4 right/below,
     * coordinates clamped into the picture as §8.5.3.3.3.1 does; written row-major with stride
     * width + 7 at {@code dstOff}.
     */
    public static void lumaWindow(Plane ref, int x, int y, int mvx, int mvy, int width, int height, short[] dst,
                                  int dstOff) {
        if (width < 1 || height < 1 || width > MAX_BLOCK || height > MAX_BLOCK) {
            throw new IllegalArgumentException("block size " + width + "x" + height);
        }
        int wx = x + (mvx >> 2) - 3;
        int wy = y + (mvy >> 2) - 3;
        int ww = width + 7;
        int wh = height + 7;
        if (insidePadded(ref, wx, wy, ww, wh)) {
            short[] s = ref.samples();
            for (int r = 0; r < wh; r++) {
                System.arraycopy(s, ref.index(wx, wy + r), dst, dstOff + r * ww, ww);
            }
        } else {
            gatherClamped(ref, wx, wy, ww, wh, dst, dstOff, ww);
        }
    }

    private static void checkArgs(int width, int height, int bitDepth) {
        if (width < 1 || height < 1 || width > MAX_BLOCK || height > MAX_BLOCK) {
            throw new IllegalArgumentException("block size " + width + "x" + height);
        }
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
    }

    /**
     * Finds the samples a filter reads around the block at (x0, y0): {@code left} and {@code top}
     * samples before it and a window of w x h in all. Sets {@link #winSrc}, {@link #winOrigin}
     * (the index of the block's top-left sample) and {@link #winStride}: the plane itself when the
     * window lies inside its padding, else the window gathered with clamping into {@link #ext}.
     */
    private void window(Plane ref, int x0, int y0, int left, int top, int w, int h) {
        if (insidePadded(ref, x0 - left, y0 - top, w, h)) {
            winSrc = ref.samples();
            winOrigin = ref.index(x0, y0);
            winStride = ref.stride();
        } else {
            gatherClamped(ref, x0 - left, y0 - top, w, h, ext, 0, EXT_STRIDE);
            winSrc = ext;
            winOrigin = top * EXT_STRIDE + left;
            winStride = EXT_STRIDE;
        }
    }

    /** True when the w x h window at (wx, wy) lies inside the plane's visible area plus padding. */
    private static boolean insidePadded(Plane p, int wx, int wy, int w, int h) {
        int pad = p.padding();
        return wx >= -pad && wy >= -pad && wx + w <= p.width() + pad && wy + h <= p.height() + pad;
    }

    /**
     * Copies the w x h window at (wx, wy) of {@code p} to {@code ext} at {@code d0} with stride
     * {@code ds}, each coordinate clamped into the visible area: Clip3(0, width - 1, x), Clip3(0,
     * height - 1, y) of §8.5.3.3.3.1 and §8.5.3.3.3.2. Reads visible samples only.
     */
    private static void gatherClamped(Plane p, int wx, int wy, int w, int h, short[] ext, int d0, int ds) {
        short[] s = p.samples();
        int pw = p.width();
        int ph = p.height();
        // Columns [0, nLeft) clamp to x = 0, [nLeft, nMid) copy, [nMid, w) clamp to pw - 1.
        int nLeft = (int) Math.min(w, Math.max(0L, -(long) wx));
        int nMid = (int) Math.max(nLeft, Math.min(w, (long) pw - wx));
        for (int r = 0; r < h; r++) {
            long yy = (long) wy + r;
            int row = p.index(0, (int) (yy < 0 ? 0 : yy >= ph ? ph - 1 : yy));
            int d = d0 + r * ds;
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
}
