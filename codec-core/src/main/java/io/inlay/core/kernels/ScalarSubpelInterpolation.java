package io.inlay.core.kernels;

/** Reference {@link SubpelInterpolation}: plain loops, the definition the SIMD versions must match. */
final class ScalarSubpelInterpolation implements SubpelInterpolation {
    static final ScalarSubpelInterpolation INSTANCE = new ScalarSubpelInterpolation();

    /** Luma taps fL[xFrac] for xFrac = 1..3 (H.265 §8.5.3.3.3.1); row 0 is the identity. */
    static final int[][] LUMA_TAPS = {
        {0, 0, 0, 64, 0, 0, 0, 0},
        {-1, 4, -10, 58, 17, -5, 1, 0},
        {-1, 4, -11, 40, 40, -11, 4, -1},
        {0, 1, -5, 17, 58, -10, 4, -1},
    };

    /** Chroma taps fC[xFrac] for xFrac = 1..7 (H.265 §8.5.3.3.3.2); row 0 is the identity. */
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

    private ScalarSubpelInterpolation() {
    }

    @Override
    public void luma(short[] src, int origin, int stride, int[][] taps, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp) {
        int shift1 = bitDepth - 8;
        if (fx == 0 && fy == 0) {
            copyScaled(src, origin, stride, w, h, 14 - bitDepth, dst, dstOff, dstStride);
            return;
        }
        if (fy == 0) {
            horizontal8(src, origin, stride, taps[fx], w, h, shift1, dst, dstOff, dstStride);
            return;
        }
        int[] c = taps[fy];
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
        int[] cx = taps[fx];
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

    @Override
    public void chroma(short[] src, int origin, int stride, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp) {
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
