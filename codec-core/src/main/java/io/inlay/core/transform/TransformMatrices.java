package io.inlay.core.transform;

/**
 * The integer transform matrices of H.265 §8.6.4.2 (transMatrix, eq. 8-315..8-320, and the
 * DST-VII matrix of eq. 8-314). Every matrix is stored flat, row-major, as
 * {@code m[k * n + i]}: row {@code k} is the basis function of frequency {@code k}, column
 * {@code i} the sample position. The inverse 1-D transform is
 * {@code x[i] = sum_k m[k][i] * c[k]}, the forward one {@code c[k] = sum_i m[k][i] * x[i]}.
 *
 * <p>The 32-point DCT-II matrix is built from the standard's unique coefficient values: entry
 * (k, i) is the value for the angle {@code (2i + 1) k pi / 64}, folded into the first quadrant
 * with its sign. The 4/8/16-point matrices are rows {@code 0, 32/n, 2*32/n, ...} of it, first
 * {@code n} columns, exactly as the standard subsamples transMatrix.
 *
 * <p>Public for the transform kernels ({@code io.inlay.core.kernels}); the arrays are shared,
 * callers must not modify them.
 */
public final class TransformMatrices {
    /**
     * Integer approximations of {@code 64 * sqrt(2) * cos(m * pi / 64)} for m = 0..32 as the
     * standard's matrix uses them (m = 16 gives the 64 of the pi/4 rows; m = 0 is only reached
     * by row 0, whose entries are 64 and handled apart).
     */
    private static final int[] COS_TABLE = {
        // m = 0 (unused), then m = 1..32
        0,
        90, 90, 90, 89, 88, 87, 85, 83, 82, 80, 78, 75, 73, 70, 67, 64,
        61, 57, 54, 50, 46, 43, 38, 36, 31, 25, 22, 18, 13, 9, 4, 0,
    };

    /** DST-VII 4x4 (H.265 eq. 8-314). */
    private static final int[] DST4 = {
        29, 55, 74, 84,
        74, 74, 0, -74,
        84, -29, -74, 55,
        55, -84, 74, -29,
    };

    /** DCT-II matrices indexed by log2 size (2..5). */
    private static final int[][] DCT = new int[6][];

    static {
        int[] m32 = new int[32 * 32];
        for (int k = 0; k < 32; k++) {
            for (int i = 0; i < 32; i++) {
                m32[k * 32 + i] = k == 0 ? 64 : cosEntry((2 * i + 1) * k);
            }
        }
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            int step = 32 / n;
            int[] m = new int[n * n];
            for (int k = 0; k < n; k++) {
                System.arraycopy(m32, k * step * 32, m, k * n, n);
            }
            DCT[log2] = m;
        }
    }

    /** The transposes of {@link #DCT} and {@link #DST4} (column k = frequency k). */
    private static final int[][] DCT_T = new int[6][];
    private static final int[] DST4_T = transpose(DST4, 4);

    static {
        for (int log2 = 2; log2 <= 5; log2++) {
            DCT_T[log2] = transpose(DCT[log2], 1 << log2);
        }
    }

    private TransformMatrices() {
    }

    private static int[] transpose(int[] m, int n) {
        int[] t = new int[n * n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                t[i * n + k] = m[k * n + i];
            }
        }
        return t;
    }

    /** Signed integer value of {@code 64 sqrt(2) cos(a pi / 64)}. */
    private static int cosEntry(int a) {
        int m = a & 127;              // period 2 pi
        if (m > 64) {
            m = 128 - m;              // cos(2 pi - t) = cos t
        }
        if (m > 32) {
            return -COS_TABLE[64 - m]; // cos(pi - t) = -cos t
        }
        return COS_TABLE[m];
    }

    /** The n x n matrix (flat, row k = frequency k) for a size and type; shared, do not modify. */
    public static int[] matrix(int log2Size, TransformType type) {
        if (type == TransformType.DST7) {
            assert log2Size == 2 : "DST-VII is 4x4 only";
            return DST4;
        }
        return DCT[log2Size];
    }

    /** The transpose of {@link #matrix} (flat, column k = frequency k); shared, do not modify. */
    public static int[] transposed(int log2Size, TransformType type) {
        if (type == TransformType.DST7) {
            assert log2Size == 2 : "DST-VII is 4x4 only";
            return DST4_T;
        }
        return DCT_T[log2Size];
    }
}
