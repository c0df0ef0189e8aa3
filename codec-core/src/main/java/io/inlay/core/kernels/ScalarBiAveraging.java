package io.inlay.core.kernels;

/** Reference {@link BiAveraging}: plain loops, the definition the SIMD versions must match. */
final class ScalarBiAveraging implements BiAveraging {
    static final ScalarBiAveraging INSTANCE = new ScalarBiAveraging();

    private static final int PRED_OFFSET = SubpelInterpolation.PRED_OFFSET;

    private ScalarBiAveraging() {
    }

    @Override
    public void single(short[] src, int srcOff, int srcStride, int width, int height, int bitDepth,
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

    @Override
    public void average(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height,
            int bitDepth, short[] dst, int dstOff, int dstStride) {
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
}
