package io.inlay.core.kernels;

/**
 * The fractional-sample interpolation filters of H.265 §8.5.3.3.3: 8-tap luma (quarter samples)
 * and 4-tap chroma (eighth samples), separable, horizontal pass first. Each call filters one
 * width x height block (1..{@value #MAX_BLOCK} each way) and writes the 14-bit intermediate
 * {@code predSamples} <em>minus {@value #PRED_OFFSET}</em> (which fits a {@code short}) to
 * {@code dst[dstOff + j * dstStride + i]}, i < width, j < height, and nothing else:
 * <ul>
 *   <li>fx = fy = 0: {@code (s << (14 - bitDepth)) - 8192};</li>
 *   <li>fy = 0: {@code (sum_t cx[t] * s[x + t - a][y] >> (bitDepth - 8)) - 8192};</li>
 *   <li>fx = 0: {@code (sum_t cy[t] * s[x][y + t - a] >> (bitDepth - 8)) - 8192};</li>
 *   <li>both: {@code h[x][y] = sum_t cx[t] * s[x + t - a][y] >> (bitDepth - 8)} (32-bit, kept
 *       unclipped in {@code tmp}), then {@code (sum_t cy[t] * h[x][y + t - a] >> 6) - 8192};</li>
 * </ul>
 * with {@code a = 3} and the taps {@link #lumaTap} for luma, {@code a = 1} and {@link #chromaTap}
 * for chroma. {@code src[srcOff]} is the reference sample (xInt, yInt) of the block's top-left;
 * samples are unsigned, below 2^bitDepth (bit depth 8..12), and columns -a..width+(taps-a-1) /
 * rows -a..height+(taps-a-1) around the block must be readable when the corresponding fraction
 * is non-zero. Implementations are stateless and thread-safe; {@code tmp} is the caller's
 * scratch, at least {@code (height + 7) * width} ints (contents ignored and overwritten).
 * Shared by encoder and decoder.
 */
public interface SubpelInterpolation {
    /** Largest block width and height, in samples of the filtered component. */
    int MAX_BLOCK = 128;

    /** Stored intermediate = predSamples - PRED_OFFSET. */
    int PRED_OFFSET = 1 << 13;

    /** Enough {@code tmp} for any block. */
    int TMP_INTS = (MAX_BLOCK + 7) * MAX_BLOCK;

    /** 8-tap luma filter, {@code fx, fy} in 0..3 (quarter samples), with the taps of H.265. */
    default void luma(short[] src, int srcOff, int srcStride, int fx, int fy, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp) {
        luma(src, srcOff, srcStride, ScalarSubpelInterpolation.LUMA_TAPS, fx, fy, width, height, bitDepth, dst, dstOff,
                dstStride, tmp);
    }

    /**
     * 8-tap luma filter with the given taps: {@code taps[frac][k]} for frac 1..3 (row 0 is not
     * read), k 0..7, replacing the taps of H.265 in the formulas above (the learned interpolation
     * filters of docs/bitstream/decoding-process.md §10.1). Every row used shall satisfy
     * {@link #validLumaTaps}; that keeps every intermediate of the formulas inside the ranges the
     * H.265 taps give, which implementations may rely on (see {@link #MAX_POSITIVE_TAP_SUM}).
     */
    void luma(short[] src, int srcOff, int srcStride, int[][] taps, int fx, int fy, int width, int height,
            int bitDepth, short[] dst, int dstOff, int dstStride, int[] tmp);

    /**
     * Largest sum of the positive taps of one learned filter row. With taps summing to 64 and
     * positive sum P <= 96, a first-pass value lies in [(64 - P) m, P m] for samples in [0, m],
     * and the 2-D result (predSamples) in [-2 P (P - 64) m / 64, (P^2 + (P - 64)^2) m / 64]
     * = [-96 m, 160 m] at most; minus 8192 that fits a short at any bit depth 8..12 (m = 255
     * after the first-pass shift), and at 8 bits every first-pass sum fits 16 bits.
     */
    int MAX_POSITIVE_TAP_SUM = 96;

    /** Whether {@code row} (8 taps) may be a learned luma filter: taps sum to 64, positive taps to at most 96. */
    static boolean validLumaTaps(int[] row) {
        if (row.length != 8) {
            return false;
        }
        int sum = 0;
        int pos = 0;
        for (int t : row) {
            sum += t;
            pos += Math.max(t, 0);
        }
        return sum == 64 && pos <= MAX_POSITIVE_TAP_SUM;
    }

    /** 4-tap chroma filter, {@code fx, fy} in 0..7 (eighth samples). */
    void chroma(short[] src, int srcOff, int srcStride, int fx, int fy, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp);

    /** Luma tap fL[frac][k] (H.265 §8.5.3.3.3.1), frac 0..3 (0: the identity), k 0..7. */
    static int lumaTap(int frac, int k) {
        return ScalarSubpelInterpolation.LUMA_TAPS[frac][k];
    }

    /** Chroma tap fC[frac][k] (H.265 §8.5.3.3.3.2), frac 0..7 (0: the identity), k 0..3. */
    static int chromaTap(int frac, int k) {
        return ScalarSubpelInterpolation.CHROMA_TAPS[frac][k];
    }
}
