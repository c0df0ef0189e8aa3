package io.inlay.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scalar reference against hand-computed values and a direct matrix definition of SATD. */
class ScalarBlockDistortionTest {
    private final BlockDistortion k = Kernels.scalar().blockDistortion();

    @Test
    void sseAndSadOfKnownBlocks() {
        short[] a = {10, 20, 30, 40, 0, 0, 1, 2, 3, 4};
        short[] b = {12, 17, 30, 44};
        // Block a: rows {10,20} and {1,2} (stride 6); block b: rows {12,17}, {30,44} (stride 2).
        assertEquals(4 + 9 + 29 * 29 + 42 * 42, k.sse(a, 0, 6, b, 0, 2, 2, 2));
        assertEquals(2 + 3 + 29 + 42, k.sad(a, 0, 6, b, 0, 2, 2, 2));
    }

    @Test
    void samplesAreSigned() {
        // A bi-prediction target 2 * org - pred0 below zero and one above the 8-bit maximum.
        short[] a = {-6, 290};
        short[] b = {100, 0};
        assertEquals(106 + 290, k.sad(a, 0, 2, b, 0, 2, 2, 1));
        assertEquals(106L * 106 + 290L * 290, k.sse(a, 0, 2, b, 0, 2, 2, 1));
        // 4x4 of constant difference -9: DC only, (16 * 9 + 1) >> 1 = 72.
        short[] t = new short[16];
        java.util.Arrays.fill(t, (short) -4);
        short[] p = new short[16];
        java.util.Arrays.fill(p, (short) 5);
        assertEquals(72, k.satd(t, 0, 4, p, 0, 4, 4, 4));
    }

    @Test
    void satdOfDcBlock() {
        // A constant difference c over 4x4: only the DC coefficient, 16c; (16c + 1) >> 1 = 8c.
        short[] a = new short[16];
        short[] b = new short[16];
        java.util.Arrays.fill(a, (short) 7);
        assertEquals(56, k.satd(a, 0, 4, b, 0, 4, 4, 4));
        // 8x8: DC = 64c; (64c + 2) >> 2 = 16c.
        short[] a8 = new short[64];
        short[] b8 = new short[64];
        java.util.Arrays.fill(a8, (short) 7);
        assertEquals(112, k.satd(a8, 0, 8, b8, 0, 8, 8, 8));
    }

    @Test
    void satdMatchesMatrixDefinition() {
        Random rnd = new Random(42);
        int[][] sizes = {{4, 4}, {8, 8}, {8, 4}, {4, 8}, {16, 8}, {12, 16}, {64, 64}, {32, 24}};
        for (int[] s : sizes) {
            int w = s[0];
            int h = s[1];
            short[] a = new short[w * h];
            short[] b = new short[w * h];
            for (int i = 0; i < a.length; i++) {
                // Signed targets as the bi-prediction search passes them: 2 * org - pred0.
                a[i] = (short) (2 * rnd.nextInt(4096) - rnd.nextInt(4096));
                b[i] = (short) rnd.nextInt(4096);
            }
            int n = (w % 8 == 0 && h % 8 == 0) ? 8 : 4;
            int[][] hm = sylvester(n);
            int expected = 0;
            for (int ty = 0; ty < h; ty += n) {
                for (int tx = 0; tx < w; tx += n) {
                    long sum = 0;
                    for (int u = 0; u < n; u++) {
                        for (int v = 0; v < n; v++) {
                            long c = 0;
                            for (int y = 0; y < n; y++) {
                                for (int x = 0; x < n; x++) {
                                    int d = a[(ty + y) * w + tx + x] - b[(ty + y) * w + tx + x];
                                    c += (long) hm[u][y] * d * hm[v][x];
                                }
                            }
                            sum += Math.abs(c);
                        }
                    }
                    expected += n == 8 ? (int) ((sum + 2) >> 2) : (int) ((sum + 1) >> 1);
                }
            }
            assertEquals(expected, k.satd(a, 0, w, b, 0, w, w, h), w + "x" + h);
        }
    }

    private static int[][] sylvester(int n) {
        int[][] m = {{1}};
        for (int size = 1; size < n; size *= 2) {
            int[][] next = new int[size * 2][size * 2];
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    next[i][j] = m[i][j];
                    next[i][j + size] = m[i][j];
                    next[i + size][j] = m[i][j];
                    next[i + size][j + size] = -m[i][j];
                }
            }
            m = next;
        }
        return m;
    }
}
