package io.inlay.core.syntax;

/**
 * The coefficient levels of one CTU, each transform block stored at its position inside the CTU:
 * luma with stride 64, chroma (4:2:0) with stride 32. Transform blocks tile the CTU, so one array
 * per component holds them all.
 */
public final class CtuCoefficients {
    public static final int LUMA_STRIDE = 64;
    public static final int CHROMA_STRIDE = 32;

    private final int[][] levels = {
        new int[LUMA_STRIDE * LUMA_STRIDE], new int[CHROMA_STRIDE * CHROMA_STRIDE], new int[CHROMA_STRIDE * CHROMA_STRIDE],
    };

    /** Levels of component {@code c} (0 = Y, 1 = Cb, 2 = Cr). */
    public int[] levels(int c) {
        return levels[c];
    }

    /** Stride of component {@code c}. */
    public static int stride(int c) {
        return c == 0 ? LUMA_STRIDE : CHROMA_STRIDE;
    }

    /** Offset of the block at CTU-relative sample position (x, y) of component {@code c}. */
    public static int offset(int c, int x, int y) {
        return y * stride(c) + x;
    }

    /** True when the block at (x, y) of size {@code 1 << log2Size} has a non-zero level. */
    public boolean hasNonZero(int c, int x, int y, int log2Size) {
        int[] a = levels[c];
        int s = stride(c);
        int n = 1 << log2Size;
        for (int j = 0; j < n; j++) {
            int o = (y + j) * s + x;
            for (int i = 0; i < n; i++) {
                if (a[o + i] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Zeroes the block at (x, y). */
    public void clear(int c, int x, int y, int log2Size) {
        int[] a = levels[c];
        int s = stride(c);
        int n = 1 << log2Size;
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(a, (y + j) * s + x, (y + j) * s + x + n, 0);
        }
    }
}
