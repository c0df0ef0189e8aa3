package io.inlay.core.syntax;

/**
 * The coefficient levels of one CTU, each transform block stored at its position inside the CTU:
 * luma with stride 64, chroma (4:2:0) with stride 32. Transform blocks tile the CTU, so one array
 * per component holds them all.
 *
 * <p>The parser also records, per transform block, whether it was coded and the bounding box of
 * its nonzero levels ({@link #setBox}, {@link #box}); the decoder's reconstruction reads that
 * instead of scanning the levels, and never reads the levels of a block recorded as not coded,
 * so the parser does not zero them. The encoder fills the levels directly and uses
 * {@link #hasNonZero} and {@link #clear}; the records are the parser's alone.
 */
public final class CtuCoefficients {
    public static final int LUMA_STRIDE = 64;
    public static final int CHROMA_STRIDE = 32;

    /** {@link #box} of a transform block without coded coefficients. */
    public static final int NOT_CODED = -1;

    private final int[][] levels = {
        new int[LUMA_STRIDE * LUMA_STRIDE], new int[CHROMA_STRIDE * CHROMA_STRIDE], new int[CHROMA_STRIDE * CHROMA_STRIDE],
    };
    /** Per component, per 4x4 unit of the CTU (16 or 8 units per row): the box of the block starting there. */
    private final int[][] boxes = {
        new int[(LUMA_STRIDE / 4) * (LUMA_STRIDE / 4)], new int[(CHROMA_STRIDE / 4) * (CHROMA_STRIDE / 4)],
        new int[(CHROMA_STRIDE / 4) * (CHROMA_STRIDE / 4)],
    };

    /**
     * Records the transform block whose top-left sample is at CTU-relative (x, y) of component
     * {@code c}: {@link #NOT_CODED}, or the bounding box of its nonzero levels packed as
     * {@code (maxY << 8) | maxX} (a box containing them all is enough: see
     * {@link io.inlay.core.kernels.InverseTransformKernel#inverse(int[], int[], int[], int, io.inlay.core.transform.TransformType, int, int)}).
     */
    public void setBox(int c, int x, int y, int box) {
        boxes[c][(y >> 2) * (stride(c) >> 2) + (x >> 2)] = box;
    }

    /** Records every transform block starting inside the square at (x, y) of size {@code 1 << log2Size} as not coded. */
    public void setNotCoded(int c, int x, int y, int log2Size) {
        int units = stride(c) >> 2;
        int n = Math.max(1, 1 << (log2Size - 2));
        int[] b = boxes[c];
        for (int j = 0; j < n; j++) {
            int o = ((y >> 2) + j) * units + (x >> 2);
            java.util.Arrays.fill(b, o, o + n, NOT_CODED);
        }
    }

    /** What {@link #setBox} or {@link #setNotCoded} recorded for the block starting at (x, y). */
    public int box(int c, int x, int y) {
        return boxes[c][(y >> 2) * (stride(c) >> 2) + (x >> 2)];
    }

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
