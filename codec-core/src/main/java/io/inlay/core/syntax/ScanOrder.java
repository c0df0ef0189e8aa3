package io.inlay.core.syntax;

/**
 * Up-right diagonal scan of a transform block in 4x4 sub-blocks (docs/bitstream/residual-coding.md,
 * "Scan order"; the construction of H.265 §6.5.3 applied to sub-blocks and to positions within a
 * sub-block). Scan position {@code i} of a block of size {@code 1 << log2Size} lies at
 * ({@link #x(int, int)}, {@link #y(int, int)}); sub-block {@code i >> 4}, position {@code i & 15}.
 */
public final class ScanOrder {
    private ScanOrder() {
    }

    private static final byte[][] X = new byte[6][];
    private static final byte[][] Y = new byte[6][];

    static {
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            int sbs = n >> 2;
            int[] sub = diagonal(4);
            int[] sbOrder = diagonal(sbs);
            X[log2] = new byte[n * n];
            Y[log2] = new byte[n * n];
            for (int s = 0; s < sbs * sbs; s++) {
                int sx = sbOrder[s] % sbs;
                int sy = sbOrder[s] / sbs;
                for (int k = 0; k < 16; k++) {
                    X[log2][s * 16 + k] = (byte) (sx * 4 + sub[k] % 4);
                    Y[log2][s * 16 + k] = (byte) (sy * 4 + sub[k] / 4);
                }
            }
        }
    }

    /** Raster indices (y * size + x) of a size x size grid in up-right diagonal order (H.265 §6.5.3). */
    private static int[] diagonal(int size) {
        int[] order = new int[size * size];
        int i = 0;
        int x = 0;
        int y = 0;
        while (i < size * size) {
            while (y >= 0) {
                if (x < size && y < size) {
                    order[i++] = y * size + x;
                }
                y--;
                x++;
            }
            y = x;
            x = 0;
        }
        return order;
    }

    /** Column of scan position {@code i} in a block of size {@code 1 << log2Size}. */
    public static int x(int log2Size, int i) {
        return X[log2Size][i];
    }

    /** Row of scan position {@code i}. */
    public static int y(int log2Size, int i) {
        return Y[log2Size][i];
    }
}
