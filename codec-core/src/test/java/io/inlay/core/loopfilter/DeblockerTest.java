package io.inlay.core.loopfilter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.kernels.Kernels;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class DeblockerTest {
    private static void fill(Plane p, IntBinaryOperator f) {
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                p.set(x, y, f.applyAsInt(x, y));
            }
        }
    }

    private static int[] row(Plane p, int y) {
        int[] r = new int[p.width()];
        for (int x = 0; x < r.length; x++) {
            r[x] = p.get(x, y);
        }
        return r;
    }

    private static int[] column(Plane p, int x) {
        int[] c = new int[p.height()];
        for (int y = 0; y < c.length; y++) {
            c[y] = p.get(x, y);
        }
        return c;
    }

    /** Map with one QP everywhere and bS on the vertical edge at luma x (all rows). */
    private static DeblockingMap verticalEdgeMap(Picture pic, int x, int bs, int qp) {
        DeblockingMap map = new DeblockingMap(pic.width(), pic.height());
        map.setBlockQp(0, 0, (pic.width() + 3) & ~3, (pic.height() + 3) & ~3, qp);
        for (int y4 = 0; y4 < map.heightInUnits(); y4++) {
            map.setVerticalEdgeBs(x >> 2, y4, bs);
        }
        return map;
    }

    @Test
    void bsZeroLeavesThePictureUnchanged() {
        Picture pic = Picture.allocate(64, 48, 8);
        Random rnd = new Random(0xB5L);
        for (int c = 0; c < 3; c++) {
            fill(pic.plane(c), (x, y) -> rnd.nextInt(256));
        }
        Picture before = pic.copy(0);
        DeblockingMap map = new DeblockingMap(64, 48);
        map.setBlockQp(0, 0, 64, 48, 51);
        new Deblocker().filter(pic, map, 6, 6);
        assertTrue(pic.sameSamples(before));
    }

    @Test
    void smallStepOnFlatSidesGetsTheStrongFilter() {
        Picture pic = Picture.allocate(32, 16, 8);
        fill(pic.plane(0), (x, y) -> x < 16 ? 100 : 104);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 32), 0, 0);
        // qP 32: beta 26, tC 3 (Q = 34); flat sides and |p0 - q0| = 4 < 8: strong filter.
        int[] expected = new int[32];
        for (int x = 0; x < 32; x++) {
            expected[x] = x < 16 ? 100 : 104;
        }
        expected[13] = 101;   // p2' = (2 p3 + 3 p2 + p1 + p0 + q0 + 4) >> 3
        expected[14] = 101;   // p1' = (p2 + p1 + p0 + q0 + 2) >> 2
        expected[15] = 102;   // p0'
        expected[16] = 103;   // q0'
        expected[17] = 103;   // q1'
        expected[18] = 104;   // q2'
        for (int y = 0; y < 16; y++) {
            assertArrayEquals(expected, row(pic.plane(0), y), "row " + y);
        }
        // Symmetric up to rounding: each side moves towards the other by about the same amount.
        for (int i = 0; i < 3; i++) {
            int pMove = expected[15 - i] - 100;
            int qMove = 104 - expected[16 + i];
            assertTrue(Math.abs(pMove - qMove) <= 1, "tap " + i);
        }
    }

    @Test
    void horizontalEdgesUseTheSameFilterAcrossRows() {
        Picture pic = Picture.allocate(16, 32, 8);
        fill(pic.plane(0), (x, y) -> y < 16 ? 100 : 104);
        DeblockingMap map = new DeblockingMap(16, 32);
        map.setBlockQp(0, 0, 16, 32, 32);
        map.setBlockEdges(0, 16, 16, 16, 2);          // top edge of the lower block, and its left (border) edge
        new Deblocker().filter(pic, map, 0, 0);
        int[] expected = new int[32];
        for (int y = 0; y < 32; y++) {
            expected[y] = y < 16 ? 100 : 104;
        }
        expected[13] = 101;
        expected[14] = 101;
        expected[15] = 102;
        expected[16] = 103;
        expected[17] = 103;
        expected[18] = 104;
        for (int x = 0; x < 16; x++) {
            assertArrayEquals(expected, column(pic.plane(0), x), "column " + x);
        }
    }

    @Test
    void texturedSidesGetTheNormalFilterWithSideTaps() {
        Picture pic = Picture.allocate(32, 8, 8);
        // Linear ramps of slope 4 on each side, a jump of 10 at x = 16.
        fill(pic.plane(0), (x, y) -> x < 16 ? 100 - 4 * (15 - x) : 110 + 4 * (x - 16));
        int[] before = row(pic.plane(0), 0);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 32), 0, 0);
        int[] expected = before.clone();
        expected[14] = 97;    // p1 + clip(tC/2, (((p2 + p0 + 1) >> 1) - p1 + delta) >> 1)
        expected[15] = 102;   // delta = (9 * 10 - 3 * 18 + 8) >> 4 = 2
        expected[16] = 108;
        expected[17] = 113;
        for (int y = 0; y < 8; y++) {
            assertArrayEquals(expected, row(pic.plane(0), y), "row " + y);
        }
    }

    @Test
    void realEdgesAreLeftAlone() {
        // A step of 100 between flat areas: |delta| = 56 >= 10 tC = 30.
        Picture pic = Picture.allocate(32, 8, 8);
        fill(pic.plane(0), (x, y) -> x < 16 ? 50 : 150);
        Picture before = pic.copy(0);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 32), 0, 0);
        assertTrue(pic.sameSamples(before));
        // Texture on both sides: d = sum of second differences >= beta.
        fill(pic.plane(0), (x, y) -> (x & 1) == 0 ? 100 : 120);
        before = pic.copy(0);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 32), 0, 0);
        assertTrue(pic.sameSamples(before));
    }

    @Test
    void offsetsChangeBetaAndTc() {
        Picture pic = Picture.allocate(32, 8, 8);
        fill(pic.plane(0), (x, y) -> x < 16 ? 100 : 104);
        // tc offset -6: Q = 34 - 12 = 22, tC = 1; |p0 - q0| = 4 >= 3, so the normal filter moves
        // only p0 and q0 by one.
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 32), 0, -6);
        int[] r = row(pic.plane(0), 3);
        assertEquals(100, r[14]);
        assertEquals(101, r[15]);
        assertEquals(103, r[16]);
        assertEquals(104, r[17]);
        // beta offset -6 at QP 27: Q = 15, beta = 0, nothing happens.
        fill(pic.plane(0), (x, y) -> x < 16 ? 100 : 104);
        Picture before = pic.copy(0);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 27), -6, 0);
        assertTrue(pic.sameSamples(before));
        assertThrows(IllegalArgumentException.class,
                () -> new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 27), 7, 0));
    }

    @Test
    void onlyEdgesOnTheEightSampleGridAreFiltered() {
        Picture pic = Picture.allocate(32, 8, 8);
        fill(pic.plane(0), (x, y) -> x < 12 ? 100 : 104);
        Picture before = pic.copy(0);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 12, 2, 32), 0, 0);
        assertTrue(pic.sameSamples(before));
    }

    @Test
    void chromaIsFilteredOnlyForBs2OnTheChromaGrid() {
        for (int bs = 1; bs <= 2; bs++) {
            Picture pic = Picture.allocate(64, 32, 8);
            fill(pic.plane(0), (x, y) -> 128);
            fill(pic.plane(1), (x, y) -> x < 8 ? 100 : 104);   // chroma edge at cx 8 = luma 16
            fill(pic.plane(2), (x, y) -> x < 8 ? 60 : 50);
            new Deblocker().filter(pic, verticalEdgeMap(pic, 16, bs, 32), 0, 0);
            int[] cb = row(pic.plane(1), 5);
            int[] cr = row(pic.plane(2), 5);
            if (bs == 1) {
                assertEquals(100, cb[7]);
                assertEquals(104, cb[8]);
                assertEquals(60, cr[7]);
            } else {
                // QpC = 31 (Table 8-10 for 32), Q = 33, tC = 3:
                // delta = ((4 << 2) + 100 - 104 + 4) >> 3 = 2.
                assertEquals(100, cb[6]);
                assertEquals(102, cb[7]);
                assertEquals(102, cb[8]);
                assertEquals(104, cb[9]);
                // Cr: delta = ((-10 << 2) + 60 - 50 + 4) >> 3 = -4 -> clipped to -3.
                assertEquals(57, cr[7]);
                assertEquals(53, cr[8]);
            }
        }
        // A bS 2 luma edge at x = 8 maps to chroma x = 4, off the chroma 8x8 grid: untouched.
        Picture pic = Picture.allocate(64, 32, 8);
        fill(pic.plane(1), (x, y) -> x < 4 ? 100 : 104);
        Picture before = pic.copy(0);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 8, 2, 32), 0, 0);
        assertTrue(pic.plane(1).sameSamples(before.plane(1)));
    }

    @Test
    void chromaQpOffsetsApply() {
        Picture pic = Picture.allocate(64, 32, 8);
        fill(pic.plane(1), (x, y) -> x < 8 ? 100 : 104);
        fill(pic.plane(2), (x, y) -> x < 8 ? 100 : 104);
        // Cb offset -12: QpC(20) = 20, Q = 22, tC = 1. Cr offset +12: QpC(44) = 38, Q = 40, tC = 6.
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 32), 0, 0, -12, 12);
        assertEquals(101, pic.plane(1).get(7, 0));
        assertEquals(102, pic.plane(2).get(7, 0));
    }

    @Test
    void tenBitScalesBetaAndTc() {
        // 10 bits: beta 104, tC 12; a step of 16 on flat sides is below the strong-filter bound.
        Picture pic = Picture.allocate(32, 8, 10);
        fill(pic.plane(0), (x, y) -> x < 16 ? 400 : 416);
        new Deblocker().filter(pic, verticalEdgeMap(pic, 16, 2, 32), 0, 0);
        int[] r = row(pic.plane(0), 0);
        assertArrayEquals(new int[] {400, 402, 404, 406, 410, 412, 414, 416}, java.util.Arrays.copyOfRange(r, 12, 20));
        // The same step at 8 bits (16 >= (5 tC + 1) >> 1 = 8) takes the normal filter.
        Picture pic8 = Picture.allocate(32, 8, 8);
        fill(pic8.plane(0), (x, y) -> x < 16 ? 100 : 116);
        new Deblocker().filter(pic8, verticalEdgeMap(pic8, 16, 2, 32), 0, 0);
        int[] r8 = row(pic8.plane(0), 0);
        assertArrayEquals(new int[] {100, 100, 101, 103, 113, 115, 116, 116}, java.util.Arrays.copyOfRange(r8, 12, 20));
    }

    @Test
    void oddSizedPicturesAndBorderStrengthsAreSafe() {
        Random rnd = new Random(0x0DDL);
        int[][] sizes = {{37, 29}, {1, 1}, {9, 17}, {34, 30}, {66, 3}};
        for (int[] wh : sizes) {
            for (int bitDepth : new int[] {8, 12}) {
                Picture pic = Picture.allocate(wh[0], wh[1], bitDepth);
                int max = pic.maxValue();
                for (int c = 0; c < 3; c++) {
                    fill(pic.plane(c), (x, y) -> rnd.nextInt(max + 1));
                }
                DeblockingMap map = new DeblockingMap(wh[0], wh[1]);
                for (int y4 = 0; y4 < map.heightInUnits(); y4++) {
                    for (int x4 = 0; x4 < map.widthInUnits(); x4++) {
                        map.setVerticalEdgeBs(x4, y4, 2);      // including picture-border edges
                        map.setHorizontalEdgeBs(x4, y4, 2);
                        map.setQp(x4, y4, rnd.nextInt(52));
                    }
                }
                new Deblocker().filter(pic, map, 0, 0);
                for (int c = 0; c < 3; c++) {
                    Plane p = pic.plane(c);
                    for (int y = 0; y < p.height(); y++) {
                        for (int x = 0; x < p.width(); x++) {
                            assertTrue(p.get(x, y) <= max);
                        }
                    }
                }
            }
        }
    }

    @Test
    void segmentsReachingPastThePictureAreNotFiltered() {
        // 34 x 30: the edge at x = 32 has only 2 samples on its q side; rows 28-29 form a partial
        // 4-line segment.
        Picture pic = Picture.allocate(34, 30, 8);
        fill(pic.plane(0), (x, y) -> x < 16 ? 100 : x < 32 ? 104 : 108);
        Picture before = pic.copy(0);
        DeblockingMap map = new DeblockingMap(34, 30);
        map.setBlockQp(0, 0, 36, 32, 32);
        for (int y4 = 0; y4 < map.heightInUnits(); y4++) {
            map.setVerticalEdgeBs(4, y4, 2);
            map.setVerticalEdgeBs(8, y4, 2);
        }
        new Deblocker().filter(pic, map, 0, 0);
        Plane luma = pic.plane(0);
        for (int y = 0; y < 30; y++) {
            for (int x = 28; x < 34; x++) {
                assertEquals(before.plane(0).get(x, y), luma.get(x, y), "x = 32 edge, (" + x + "," + y + ")");
            }
            boolean changed = luma.get(15, y) != 100;
            assertEquals(y < 28, changed, "row " + y);
        }
    }

    /**
     * The whole deblocker on the scalar and on the vector kernels (when the Vector API is present)
     * gives identical pictures: random blocky pictures (flat 8x8 blocks with noise and small steps,
     * so that strong, normal and no filtering all occur) with random bS and QP per 4x4 unit, at 8,
     * 10 and 12 bits, sizes that are and are not multiples of 8 and 16, every offset sign.
     */
    @Test
    void kernelLevelsGiveIdenticalPictures() {
        if (!Kernels.vectorModulePresent()) {
            return;                        // the JVM without the module runs only the scalar level
        }
        Random rnd = new Random(0xDB10CL);
        int[][] sizes = {{64, 64}, {128, 72}, {37, 29}, {66, 34}, {16, 16}, {200, 24}, {13, 70}};
        int n = 0;
        for (int[] wh : sizes) {
            for (int bitDepth : new int[] {8, 10, 12}) {
                Picture pic = Picture.allocate(wh[0], wh[1], bitDepth);
                int max = pic.maxValue();
                int noise = 1 << (bitDepth - 7);
                for (int c = 0; c < 3; c++) {
                    Plane p = pic.plane(c);
                    int bw = (p.width() + 7) / 8;
                    int[] level = new int[bw * ((p.height() + 7) / 8)];
                    int base = rnd.nextInt(max + 1);
                    for (int i = 0; i < level.length; i++) {
                        level[i] = Math.clamp(base + rnd.nextInt(8 * noise + 1) - 4 * noise, 0, max);
                    }
                    fill(p, (x, y) -> Math.clamp(level[(y / 8) * bw + x / 8] + rnd.nextInt(noise) , 0, max));
                }
                DeblockingMap map = new DeblockingMap(wh[0], wh[1]);
                for (int y4 = 0; y4 < map.heightInUnits(); y4++) {
                    for (int x4 = 0; x4 < map.widthInUnits(); x4++) {
                        map.setVerticalEdgeBs(x4, y4, rnd.nextInt(3));
                        map.setHorizontalEdgeBs(x4, y4, rnd.nextInt(3));
                        map.setQp(x4, y4, 20 + rnd.nextInt(32));
                    }
                }
                int betaOffset = rnd.nextInt(13) - 6;
                int tcOffset = rnd.nextInt(13) - 6;
                Picture scalar = pic.copy(0);
                Picture vector = pic.copy(0);
                new Deblocker(Kernels.scalar().deblockingFilter()).filter(scalar, map, betaOffset, tcOffset, n % 3, -(n % 5));
                new Deblocker(Kernels.vector().deblockingFilter()).filter(vector, map, betaOffset, tcOffset, n % 3, -(n % 5));
                n++;
                boolean changed = false;
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < pic.plane(c).height(); y++) {
                        assertArrayEquals(row(scalar.plane(c), y), row(vector.plane(c), y),
                                "plane " + c + " row " + y + ", " + wh[0] + "x" + wh[1] + ", " + bitDepth + "-bit");
                        changed |= !java.util.Arrays.equals(row(scalar.plane(c), y), row(pic.plane(c), y));
                    }
                }
                assertTrue(changed, "deblocking changed nothing (a weak test): " + wh[0] + "x" + wh[1] + ", " + bitDepth + "-bit");
            }
        }
    }

    @Test
    void mapValidation() {
        DeblockingMap map = new DeblockingMap(10, 7);
        assertEquals(3, map.widthInUnits());
        assertEquals(2, map.heightInUnits());
        map.setVerticalEdgeBs(2, 1, 2);
        map.setHorizontalEdgeBs(1, 1, 1);
        map.setQp(2, 1, 40);
        assertEquals(2, map.verticalEdgeBs(2, 1));
        assertEquals(1, map.horizontalEdgeBs(1, 1));
        assertEquals(40, map.qp(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> map.qp(3, 0));
        map.clear();
        assertEquals(0, map.verticalEdgeBs(2, 1));
        assertFalse(map.qp(2, 1) != 0);
        Picture pic = Picture.allocate(12, 7, 8);
        assertThrows(IllegalArgumentException.class, () -> new Deblocker().filter(pic, map, 0, 0));
    }
}
