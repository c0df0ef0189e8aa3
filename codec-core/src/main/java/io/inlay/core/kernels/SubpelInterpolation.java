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

    /** 8-tap luma filter, {@code fx, fy} in 0..3 (quarter samples). */
    void luma(short[] src, int srcOff, int srcStride, int fx, int fy, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp);

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
