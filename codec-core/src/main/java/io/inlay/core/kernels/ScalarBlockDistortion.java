package io.inlay.core.kernels;

/** Reference {@link BlockDistortion}: plain loops, the definition the SIMD versions must match. */
final class ScalarBlockDistortion implements BlockDistortion {
    static final ScalarBlockDistortion INSTANCE = new ScalarBlockDistortion();

    private ScalarBlockDistortion() {
    }

    @Override
    public long sse(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height) {
        long sum = 0;
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = 0; x < width; x++) {
                long d = a[ra + x] - b[rb + x];
                sum += d * d;
            }
        }
        return sum;
    }

    @Override
    public int sad(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height) {
        int sum = 0;
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = 0; x < width; x++) {
                sum += Math.abs(a[ra + x] - b[rb + x]);
            }
        }
        return sum;
    }

    @Override
    public int satd(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height) {
        assert width % 4 == 0 && height % 4 == 0 && width >= 4 && height >= 4 : width + "x" + height;
        int sum = 0;
        if ((width & 7) == 0 && (height & 7) == 0) {
            for (int y = 0; y < height; y += 8) {
                for (int x = 0; x < width; x += 8) {
                    sum += satd8x8(a, aOff + y * aStride + x, aStride, b, bOff + y * bStride + x, bStride);
                }
            }
        } else {
            for (int y = 0; y < height; y += 4) {
                for (int x = 0; x < width; x += 4) {
                    int s = hadamard4(a, aOff + y * aStride + x, aStride, b, bOff + y * bStride + x, bStride, 0, 0, 0);
                    sum += (s + 1) >> 1;
                }
            }
        }
        return sum;
    }

    /**
     * (sum |H8 D H8^T| + 2) >> 2. With H8 = [[H4, H4], [H4, -H4]] and D split into 4x4 quadrants
     * [[P, Q], [R, S]], H8 D H8^T consists of the four 4x4 transforms of P+Q+R+S, P-Q+R-S,
     * P+Q-R-S and P-Q-R+S, so the 8x8 sum is four 4x4 sums over quadrant combinations; this keeps
     * the working set in 16 locals instead of a 64-entry scratch array.
     */
    private static int satd8x8(short[] a, int ao, int as, short[] b, int bo, int bs) {
        int s = hadamard4(a, ao, as, b, bo, bs, 4, 1, 1)
                + hadamard4(a, ao, as, b, bo, bs, 4, -1, 1)
                + hadamard4(a, ao, as, b, bo, bs, 4, 1, -1)
                + hadamard4(a, ao, as, b, bo, bs, 4, -1, -1);
        return (s + 2) >> 2;
    }

    /**
     * sum |H4 V H4^T| for the 4x4 block V(x, y) = D(x, y) + sx D(x+q, y) + sy D(x, y+q)
     * + sx sy D(x+q, y+q) where D = a - b; q = 0 means V = D (signs ignored).
     */
    private static int hadamard4(short[] a, int ao, int as, short[] b, int bo, int bs, int q, int sx, int sy) {
        // Horizontal 4-point transform of each row: t{row}{k}.
        int v0 = v(a, ao, as, b, bo, bs, 0, 0, q, sx, sy);
        int v1 = v(a, ao, as, b, bo, bs, 1, 0, q, sx, sy);
        int v2 = v(a, ao, as, b, bo, bs, 2, 0, q, sx, sy);
        int v3 = v(a, ao, as, b, bo, bs, 3, 0, q, sx, sy);
        int t00 = v0 + v1 + v2 + v3;
        int t01 = v0 - v1 + v2 - v3;
        int t02 = v0 + v1 - v2 - v3;
        int t03 = v0 - v1 - v2 + v3;
        v0 = v(a, ao, as, b, bo, bs, 0, 1, q, sx, sy);
        v1 = v(a, ao, as, b, bo, bs, 1, 1, q, sx, sy);
        v2 = v(a, ao, as, b, bo, bs, 2, 1, q, sx, sy);
        v3 = v(a, ao, as, b, bo, bs, 3, 1, q, sx, sy);
        int t10 = v0 + v1 + v2 + v3;
        int t11 = v0 - v1 + v2 - v3;
        int t12 = v0 + v1 - v2 - v3;
        int t13 = v0 - v1 - v2 + v3;
        v0 = v(a, ao, as, b, bo, bs, 0, 2, q, sx, sy);
        v1 = v(a, ao, as, b, bo, bs, 1, 2, q, sx, sy);
        v2 = v(a, ao, as, b, bo, bs, 2, 2, q, sx, sy);
        v3 = v(a, ao, as, b, bo, bs, 3, 2, q, sx, sy);
        int t20 = v0 + v1 + v2 + v3;
        int t21 = v0 - v1 + v2 - v3;
        int t22 = v0 + v1 - v2 - v3;
        int t23 = v0 - v1 - v2 + v3;
        v0 = v(a, ao, as, b, bo, bs, 0, 3, q, sx, sy);
        v1 = v(a, ao, as, b, bo, bs, 1, 3, q, sx, sy);
        v2 = v(a, ao, as, b, bo, bs, 2, 3, q, sx, sy);
        v3 = v(a, ao, as, b, bo, bs, 3, 3, q, sx, sy);
        int t30 = v0 + v1 + v2 + v3;
        int t31 = v0 - v1 + v2 - v3;
        int t32 = v0 + v1 - v2 - v3;
        int t33 = v0 - v1 - v2 + v3;
        // Vertical transform of each column, then sum of magnitudes.
        return col(t00, t10, t20, t30) + col(t01, t11, t21, t31) + col(t02, t12, t22, t32) + col(t03, t13, t23, t33);
    }

    private static int col(int r0, int r1, int r2, int r3) {
        return Math.abs(r0 + r1 + r2 + r3) + Math.abs(r0 - r1 + r2 - r3)
                + Math.abs(r0 + r1 - r2 - r3) + Math.abs(r0 - r1 - r2 + r3);
    }

    private static int v(short[] a, int ao, int as, short[] b, int bo, int bs, int x, int y, int q, int sx, int sy) {
        int d = d(a, ao + y * as + x, b, bo + y * bs + x);
        if (q == 0) {
            return d;
        }
        return d + sx * d(a, ao + y * as + x + q, b, bo + y * bs + x + q)
                + sy * d(a, ao + (y + q) * as + x, b, bo + (y + q) * bs + x)
                + sx * sy * d(a, ao + (y + q) * as + x + q, b, bo + (y + q) * bs + x + q);
    }

    private static int d(short[] a, int i, short[] b, int j) {
        return a[i] - b[j];
    }
}
