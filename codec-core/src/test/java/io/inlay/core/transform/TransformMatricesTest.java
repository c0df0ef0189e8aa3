package io.inlay.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TransformMatricesTest {
    private static int[] row(int[] m, int n, int k) {
        return Arrays.copyOfRange(m, k * n, k * n + n);
    }

    @Test
    void eightPointMatrixIsTheStandardOne() {
        int[][] expected = {
            {64, 64, 64, 64, 64, 64, 64, 64},
            {89, 75, 50, 18, -18, -50, -75, -89},
            {83, 36, -36, -83, -83, -36, 36, 83},
            {75, -18, -89, -50, 50, 89, 18, -75},
            {64, -64, -64, 64, 64, -64, -64, 64},
            {50, -89, 18, 75, -75, -18, 89, -50},
            {36, -83, 83, -36, -36, 83, -83, 36},
            {18, -50, 75, -89, 89, -75, 50, -18},
        };
        int[] m = TransformMatrices.matrix(3, TransformType.DCT2);
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(expected[k], row(m, 8, k), "row " + k);
        }
    }

    @Test
    void oddRowsOf32AndSecondRowOf16MatchTheStandardValues() {
        int[] m32 = TransformMatrices.matrix(5, TransformType.DCT2);
        int[] firstHalf = {90, 90, 88, 85, 82, 78, 73, 67, 61, 54, 46, 38, 31, 22, 13, 4};
        int[] row1 = row(m32, 32, 1);
        for (int i = 0; i < 16; i++) {
            assertEquals(firstHalf[i], row1[i]);
            assertEquals(-firstHalf[i], row1[31 - i]);
        }
        // Row 31 of the 32-point matrix: 4 -13 22 -31 ...
        assertArrayEquals(new int[] {4, -13, 22, -31, 38, -46, 54, -61}, Arrays.copyOf(row(m32, 32, 31), 8));
        int[] m16 = TransformMatrices.matrix(4, TransformType.DCT2);
        assertArrayEquals(new int[] {90, 87, 80, 70, 57, 43, 25, 9, -9, -25, -43, -57, -70, -80, -87, -90}, row(m16, 16, 1));
        int[] m4 = TransformMatrices.matrix(2, TransformType.DCT2);
        assertArrayEquals(new int[] {64, 64, 64, 64, 83, 36, -36, -83, 64, -64, -64, 64, 36, -83, 83, -36}, m4);
    }

    @Test
    void rowsHaveEvenOrOddSymmetry() {
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            int[] m = TransformMatrices.matrix(log2, TransformType.DCT2);
            for (int k = 0; k < n; k++) {
                int sign = (k & 1) == 0 ? 1 : -1;
                for (int i = 0; i < n; i++) {
                    assertEquals(sign * m[k * n + i], m[k * n + n - 1 - i], "n " + n + " row " + k);
                }
            }
        }
    }

    /** Largest deviations of the standard matrices: norms 0.27% (DST-VII), cross products 0.29% (16/32). */
    @Test
    void matricesAreNearlyOrthogonalWithNorm64SqrtN() {
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            for (TransformType type : log2 == 2 ? TransformType.values() : new TransformType[] {TransformType.DCT2}) {
                int[] m = TransformMatrices.matrix(log2, type);
                double ideal = 4096.0 * n;
                for (int k = 0; k < n; k++) {
                    for (int l = k; l < n; l++) {
                        long dot = 0;
                        for (int i = 0; i < n; i++) {
                            dot += (long) m[k * n + i] * m[l * n + i];
                        }
                        if (k == l) {
                            assertTrue(Math.abs(dot / ideal - 1) < 0.003, type + " n " + n + " row " + k + " norm " + dot);
                        } else {
                            assertTrue(Math.abs(dot / ideal) < 0.003, type + " n " + n + " rows " + k + "," + l + " dot " + dot);
                        }
                    }
                }
            }
        }
    }
}
