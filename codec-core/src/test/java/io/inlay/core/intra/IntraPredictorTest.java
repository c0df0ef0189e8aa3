package io.inlay.core.intra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Plane;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntraPredictorTest {
    /**
     * References for a block at (x0, y0) = (n, n) in a plane: corner, top[1..2n], left[1..2n]
     * given as functions of the index.
     */
    private static IntraReference reference(int log2, int corner, java.util.function.IntUnaryOperator top,
                                            java.util.function.IntUnaryOperator left, int bitDepth) {
        int n = 1 << log2;
        Plane p = new Plane(4 * n, 4 * n, 0);
        p.set(n - 1, n - 1, corner);
        for (int i = 1; i <= 2 * n; i++) {
            p.set(n - 1 + i, n - 1, top.applyAsInt(i));
            p.set(n - 1, n - 1 + i, left.applyAsInt(i));
        }
        IntraReference ref = new IntraReference();
        ref.build(p, n, n, log2, 4, bitDepth, (x, y) -> true);
        return ref;
    }

    private static int[] predict(IntraReference ref, int mode, int log2, boolean luma, int bitDepth) {
        int n = 1 << log2;
        int[] pred = new int[n * n];
        Arrays.fill(pred, -1);
        new IntraPredictor().predict(ref, mode, log2, luma, bitDepth, pred);
        return pred;
    }

    @Test
    void constantReferencesPredictTheConstantInEveryMode() {
        for (int log2 = 2; log2 <= 5; log2++) {
            IntraReference ref = reference(log2, 77, i -> 77, i -> 77, 8);
            for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                for (boolean luma : new boolean[] {true, false}) {
                    int[] pred = predict(ref, mode, log2, luma, 8);
                    for (int v : pred) {
                        assertEquals(77, v, "log2 " + log2 + " mode " + mode);
                    }
                }
            }
        }
    }

    @Test
    void planar4x4() {
        // Top (incl. top-right) 100, left (incl. bottom-left) 0:
        // ((x + 1) * 100 + (3 - y) * 100 + 4) >> 3.
        IntraReference ref = reference(2, 50, i -> 100, i -> 0, 8);
        int[] pred = predict(ref, IntraModes.PLANAR, 2, true, 8);
        assertEquals(50, pred[0]);
        assertEquals(88, pred[3]);
        assertEquals(13, pred[12]);
        assertEquals(50, pred[15]);
        assertEquals(50, pred[1 * 4 + 1]);   // (200 + 200 + 4) >> 3
        assertEquals(75, pred[2]);           // (300 + 300 + 4) >> 3
    }

    @Test
    void dcLumaWithBoundaryFilterAndChromaWithout() {
        IntraReference ref = reference(2, 0, i -> 80, i -> 40, 8);
        // dc = (4 * 80 + 4 * 40 + 4) >> 3 = 60.
        int[] luma = predict(ref, IntraModes.DC, 2, true, 8);
        assertEquals(60, luma[0]);                  // (40 + 120 + 80 + 2) >> 2
        assertEquals(65, luma[1]);                  // (80 + 180 + 2) >> 2
        assertEquals(65, luma[3]);
        assertEquals(55, luma[4]);                  // (40 + 180 + 2) >> 2
        assertEquals(55, luma[12]);
        assertEquals(60, luma[5]);
        assertEquals(60, luma[15]);
        int[] chroma = predict(ref, IntraModes.DC, 2, false, 8);
        int[] flat = new int[16];
        Arrays.fill(flat, 60);
        assertArrayEquals(flat, chroma);
        // 32x32 luma: no boundary filter.
        IntraReference big = reference(5, 0, i -> 80, i -> 40, 8);
        for (int v : predict(big, IntraModes.DC, 5, true, 8)) {
            assertEquals(60, v);
        }
    }

    @Test
    void horizontalAndVerticalWithEdgeFilters() {
        int n = 8;
        IntraReference ref = reference(3, 100, i -> 100 + 10 * i, i -> 50 + 3 * i, 8);
        int[] hor = predict(ref, IntraModes.HORIZONTAL, 3, true, 8);
        for (int y = 1; y < n; y++) {
            for (int x = 0; x < n; x++) {
                assertEquals(50 + 3 * (y + 1), hor[y * n + x]);
            }
        }
        for (int x = 0; x < n; x++) {
            // p[-1][0] + ((p[x][-1] - p[-1][-1]) >> 1) = 53 + (10 (x + 1)) / 2
            assertEquals(53 + 5 * (x + 1), hor[x], "x " + x);
        }
        int[] ver = predict(ref, IntraModes.VERTICAL, 3, true, 8);
        for (int y = 0; y < n; y++) {
            for (int x = 1; x < n; x++) {
                assertEquals(100 + 10 * (x + 1), ver[y * n + x]);
            }
            // p[0][-1] + ((p[-1][y] - p[-1][-1]) >> 1) = 110 + ((53 + 3y - 100) >> 1), floor for negatives.
            assertEquals(110 + Math.floorDiv(3 * y - 47, 2), ver[y * n], "y " + y);
        }
        // Chroma: no edge filter.
        int[] verC = predict(ref, IntraModes.VERTICAL, 3, false, 8);
        for (int y = 0; y < n; y++) {
            assertEquals(110, verC[y * n]);
        }
    }

    @Test
    void edgeFilterClipsToTheSampleRange() {
        IntraReference ref = reference(2, 0, i -> 1000, i -> 1023, 10);
        int[] ver = predict(ref, IntraModes.VERTICAL, 2, true, 10);
        for (int y = 0; y < 4; y++) {
            assertEquals(1023, ver[y * 4]);         // 1000 + 511 clipped
        }
        ref = reference(2, 255, i -> 0, i -> 10, 8);
        int[] hor = predict(ref, IntraModes.HORIZONTAL, 2, true, 8);
        assertEquals(0, hor[2]);                    // 10 + (-255 >> 1) clipped
    }

    @Test
    void diagonalModes4x4() {
        int n = 4;
        IntraReference ref = reference(2, 7, i -> 10 * i, i -> 1000 + i, 10);
        int[] m34 = predict(ref, 34, 2, true, 10);
        int[] m2 = predict(ref, 2, 2, true, 10);
        int[] m18 = predict(ref, 18, 2, true, 10);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                assertEquals(10 * (x + y + 2), m34[y * n + x], "34 @" + x + "," + y);   // top[x + y + 2]
                assertEquals(1000 + x + y + 2, m2[y * n + x], "2 @" + x + "," + y);     // left[x + y + 2]
                int expected18 = x > y ? 10 * (x - y) : x == y ? 7 : 1000 + (y - x);
                assertEquals(expected18, m18[y * n + x], "18 @" + x + "," + y);
            }
        }
    }

    @Test
    void fractionalAngleInterpolatesTwoReferences() {
        // Mode 30 (angle 13), chroma 4x4, top[i] = 10 i: row y uses pos = 13 (y + 1).
        IntraReference ref = reference(2, 0, i -> 10 * i, i -> 0, 8);
        int[] pred = predict(ref, 30, 2, false, 8);
        // y = 0: iIdx 0, iFact 13: (19 top[x + 1] + 13 top[x + 2] + 16) >> 5.
        assertEquals((19 * 10 + 13 * 20 + 16) >> 5, pred[0]);
        assertEquals((19 * 40 + 13 * 50 + 16) >> 5, pred[3]);
        // y = 2: pos 39, iIdx 1, iFact 7: (25 top[x + 2] + 7 top[x + 3] + 16) >> 5.
        assertEquals((25 * 20 + 7 * 30 + 16) >> 5, pred[8]);
        // Mode 6 (angle 13, horizontal family) is the transpose on transposed references.
        IntraReference t = reference(2, 0, i -> 0, i -> 10 * i, 8);
        int[] predT = predict(t, 6, 2, false, 8);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(pred[x * 4 + y], predT[y * 4 + x]);
            }
        }
    }

    @Test
    void negativeAngleProjectsTheSideReference() {
        // Mode 23 (angle -9, invAngle -910), 8x8 chroma: (8 * -9) >> 5 = -3, so ref[-1..-3]
        // = left[(x * -910 + 128) >> 8] = left[4], left[7], left[11] for x = -1, -2, -3.
        IntraReference ref = reference(3, 500, i -> 600 + i, i -> 100 * i, 12);
        int[] pred = predict(ref, 23, 3, false, 12);
        // y = 7: pos -72, iIdx -3, iFact 24: x = 0 uses ref[-2] and ref[-1].
        assertEquals((8 * 700 + 24 * 400 + 16) >> 5, pred[7 * 8]);
        // y = 0: pos -9, iIdx -1, iFact 23: x = 0 uses ref[0] (corner) and ref[1].
        assertEquals((9 * 500 + 23 * 601 + 16) >> 5, pred[0]);
    }

    @Test
    void transposedReferencesGiveTransposedPredictions() {
        // Mode m (< 18) on references (top, left) equals the transpose of mode 36 - m on (left, top),
        // for chroma (no asymmetric luma edge filters) and any size.
        Random rnd = new Random(0x1A7EL);
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            int[] top = new int[2 * n + 1];
            int[] left = new int[2 * n + 1];
            for (int i = 1; i <= 2 * n; i++) {
                top[i] = rnd.nextInt(1024);
                left[i] = rnd.nextInt(1024);
            }
            int corner = rnd.nextInt(1024);
            IntraReference a = reference(log2, corner, i -> top[i], i -> left[i], 10);
            IntraReference b = reference(log2, corner, i -> left[i], i -> top[i], 10);
            for (int mode = 2; mode < 18; mode++) {
                int[] pa = predict(a, mode, log2, false, 10);
                int[] pb = predict(b, 36 - mode, log2, false, 10);
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        assertEquals(pa[y * n + x], pb[x * n + y], "log2 " + log2 + " mode " + mode);
                    }
                }
            }
        }
    }

    @Test
    void lumaPredictionUsesTheFilteredReferenceWhenTheRuleSaysSo() {
        Random rnd = new Random(0xF117L);
        int[] top = new int[65];
        int[] left = new int[65];
        for (int i = 1; i <= 64; i++) {
            top[i] = rnd.nextInt(256);
            left[i] = rnd.nextInt(256);
        }
        for (int log2 = 3; log2 <= 5; log2++) {
            int n = 1 << log2;
            IntraReference ref = reference(log2, 128, i -> top[i], i -> left[i], 8);
            int[] luma = predict(ref, IntraModes.PLANAR, log2, true, 8);
            int[] chroma = predict(ref, IntraModes.PLANAR, log2, false, 8);
            int[] viaFiltered = new int[n * n];
            assertTrue(ref.filter(IntraModes.PLANAR, log2, true, 8, true));
            IntraPredictor.predictPlanar(ref.filteredTop(), ref.filteredLeft(), log2, viaFiltered);
            assertArrayEquals(viaFiltered, luma);
            int[] viaUnfiltered = new int[n * n];
            IntraPredictor.predictPlanar(ref.top(), ref.left(), log2, viaUnfiltered);
            assertArrayEquals(viaUnfiltered, chroma);
            assertTrue(!Arrays.equals(luma, chroma), "noisy references: filtering must matter");
        }
    }

    @Test
    void predictionsStayInRangeOnExtremeReferences() {
        Random rnd = new Random(0xE77L);
        IntraPredictor predictor = new IntraPredictor(false, io.inlay.core.kernels.Kernels.scalar().intraAngular());
        for (int bitDepth : new int[] {8, 12}) {
            int max = (1 << bitDepth) - 1;
            for (int log2 = 2; log2 <= 5; log2++) {
                int n = 1 << log2;
                IntraReference ref = reference(log2, rnd.nextBoolean() ? 0 : max,
                        i -> rnd.nextBoolean() ? 0 : max, i -> rnd.nextBoolean() ? 0 : max, bitDepth);
                int[] pred = new int[n * n];
                for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                    predictor.predict(ref, mode, log2, true, bitDepth, pred);
                    for (int v : pred) {
                        assertTrue(v >= 0 && v <= max, "mode " + mode + " value " + v);
                    }
                }
            }
        }
    }
}
