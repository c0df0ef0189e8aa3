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

    @Override
    public void weighted(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height,
            int bitDepth, int w1, short[] dst, int dstOff, int dstStride) {
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        assert w1 >= -2 && w1 <= 10 : "w1 " + w1;
        int w0 = 8 - w1;
        int shift = 17 - bitDepth;
        // w0 (a + 8192) + w1 (b + 8192) = w0 a + w1 b + 8 * 8192
        int offset = 8 * PRED_OFFSET + (1 << (shift - 1));
        int max = (1 << bitDepth) - 1;
        for (int j = 0; j < height; j++) {
            int ao = aOff + j * aStride;
            int bo = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            for (int i = 0; i < width; i++) {
                int v = (w0 * a[ao + i] + w1 * b[bo + i] + offset) >> shift;
                dst[d + i] = (short) Math.clamp(v, 0, max);
            }
        }
    }
}
