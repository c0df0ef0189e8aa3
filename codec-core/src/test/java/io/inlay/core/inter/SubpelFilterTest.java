package io.inlay.core.inter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.inlay.core.Plane;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SubpelFilter} against a per-sample reference written from the H.265 equations
 * (§8.5.3.3.3.1, §8.5.3.3.3.2, §8.5.3.3.4.2) with explicit Clip3 on every reference coordinate.
 * Each reference picture exists three times: with an 80-sample extended border (direct reads),
 * with none (always the clamped gather) and with 5 samples (mixed); all must agree with the
 * reference. Guard samples around every output block must stay untouched. Override the seed with
 * {@code -Dinlay.seed=N}; failures print it.
 */
class SubpelFilterTest {
    private static final long SEED = Long.getLong("inlay.seed", 0x5EB9E1F17E2L);
    private static final int GUARD = 3;
    private static final short SENTINEL = (short) 0x6A5B;
    private static final int[] PADDINGS = {80, 0, 5};

    // Coefficients restated from the standard, independent of the class under test.
    private static final int[][] FL = {
        null,
        {-1, 4, -10, 58, 17, -5, 1, 0},
        {-1, 4, -11, 40, 40, -11, 4, -1},
        {0, 1, -5, 17, 58, -10, 4, -1},
    };
    private static final int[][] FC = {
        null,
        {-2, 58, 10, -2},
        {-4, 54, 16, -2},
        {-6, 46, 28, -4},
        {-4, 36, 36, -4},
        {-4, 28, 46, -6},
        {-2, 16, 54, -4},
        {-2, 10, 58, -2},
    };

    private final SubpelFilter filter = new SubpelFilter();

    // ---- reference implementation, one sample at a time ----

    private static int clip3(int lo, int hi, int v) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /** refPicLX[Clip3(0, w - 1, x)][Clip3(0, h - 1, y)], read from the visible area only. */
    private static int refSample(Plane p, int x, int y) {
        return p.get(clip3(0, p.width() - 1, x), clip3(0, p.height() - 1, y));
    }

    /** predSampleLX at (xL, yL) of the block at (xPb, yPb), §8.5.3.3.3.1. */
    static int specLuma(Plane p, int xPb, int yPb, int mvx, int mvy, int xL, int yL, int bitDepth) {
        int xFrac = mvx & 3;
        int yFrac = mvy & 3;
        int xInt = xPb + (mvx >> 2) + xL;
        int yInt = yPb + (mvy >> 2) + yL;
        int shift1 = Math.min(4, bitDepth - 8);
        int shift2 = 6;
        int shift3 = Math.max(2, 14 - bitDepth);
        if (xFrac == 0 && yFrac == 0) {
            return refSample(p, xInt, yInt) << shift3;
        }
        if (yFrac == 0) {
            int s = 0;
            for (int i = 0; i < 8; i++) {
                s += FL[xFrac][i] * refSample(p, xInt + i - 3, yInt);
            }
            return s >> shift1;
        }
        if (xFrac == 0) {
            int s = 0;
            for (int i = 0; i < 8; i++) {
                s += FL[yFrac][i] * refSample(p, xInt, yInt + i - 3);
            }
            return s >> shift1;
        }
        int s = 0;
        for (int n = 0; n < 8; n++) {
            int a = 0;
            for (int i = 0; i < 8; i++) {
                a += FL[xFrac][i] * refSample(p, xInt + i - 3, yInt + n - 3);
            }
            s += FL[yFrac][n] * (a >> shift1);
        }
        return s >> shift2;
    }

    /** predSampleLXC at (xC, yC), §8.5.3.3.3.2, mv in eighth chroma samples. */
    static int specChroma(Plane p, int xPb, int yPb, int mvx, int mvy, int xC, int yC, int bitDepth) {
        int xFrac = mvx & 7;
        int yFrac = mvy & 7;
        int xInt = xPb + (mvx >> 3) + xC;
        int yInt = yPb + (mvy >> 3) + yC;
        int shift1 = Math.min(4, bitDepth - 8);
        int shift2 = 6;
        int shift3 = Math.max(2, 14 - bitDepth);
        if (xFrac == 0 && yFrac == 0) {
            return refSample(p, xInt, yInt) << shift3;
        }
        if (yFrac == 0) {
            int s = 0;
            for (int i = 0; i < 4; i++) {
                s += FC[xFrac][i] * refSample(p, xInt + i - 1, yInt);
            }
            return s >> shift1;
        }
        if (xFrac == 0) {
            int s = 0;
            for (int i = 0; i < 4; i++) {
                s += FC[yFrac][i] * refSample(p, xInt, yInt + i - 1);
            }
            return s >> shift1;
        }
        int s = 0;
        for (int n = 0; n < 4; n++) {
            int a = 0;
            for (int i = 0; i < 4; i++) {
                a += FC[xFrac][i] * refSample(p, xInt + i - 1, yInt + n - 1);
            }
            s += FC[yFrac][n] * (a >> shift1);
        }
        return s >> shift2;
    }

    /** §8.5.3.3.4.2, uni-prediction. */
    static int specSingle(int pred, int bitDepth) {
        int shift1 = 14 - bitDepth;
        return clip3(0, (1 << bitDepth) - 1, (pred + (1 << (shift1 - 1))) >> shift1);
    }

    /** §8.5.3.3.4.2, bi-prediction. */
    static int specAverage(int p0, int p1, int bitDepth) {
        int shift2 = 15 - bitDepth;
        return clip3(0, (1 << bitDepth) - 1, (p0 + p1 + (1 << (shift2 - 1))) >> shift2);
    }

    // ---- fixtures ----

    /** The same random content in planes with each of {@link #PADDINGS}, borders extended. */
    private static Plane[] randomPlanes(Random rnd, int w, int h, int bitDepth) {
        Plane[] planes = new Plane[PADDINGS.length];
        for (int k = 0; k < planes.length; k++) {
            planes[k] = new Plane(w, h, PADDINGS[k]);
        }
        int max = (1 << bitDepth) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Mostly smooth-ish with occasional extremes, so clipping in single/average happens.
                int v = switch (rnd.nextInt(8)) {
                    case 0 -> 0;
                    case 1 -> max;
                    default -> rnd.nextInt(max + 1);
                };
                for (Plane p : planes) {
                    p.set(x, y, v);
                }
            }
        }
        for (Plane p : planes) {
            p.extendBorders();
        }
        return planes;
    }

    /** A dst block with GUARD sentinel samples on every side; its stride is w + 2 * GUARD + 1. */
    private record Block(short[] buf, int off, int stride, int w, int h) {
        static Block of(int w, int h) {
            int stride = w + 2 * GUARD + 1;
            short[] buf = new short[stride * (h + 2 * GUARD)];
            Arrays.fill(buf, SENTINEL);
            return new Block(buf, GUARD * stride + GUARD, stride, w, h);
        }

        int at(int i, int j) {
            return buf[off + j * stride + i];
        }

        void assertGuardsIntact(String where) {
            for (int k = 0; k < buf.length; k++) {
                int rel = k - (off - GUARD * stride - GUARD);
                int row = rel / stride - GUARD;
                int col = rel % stride - GUARD;
                boolean inside = row >= 0 && row < h && col >= 0 && col < w;
                if (!inside && buf[k] != SENTINEL) {
                    fail("guard sample written at row " + row + " col " + col + " (" + where + ")");
                }
            }
        }
    }

    /** Integer offsets of the displaced block: inside, near/straddling every edge, far outside. */
    private static int[] displacements(Random rnd, int x, int planeSize, int blockSize) {
        return new int[] {
            0,
            -x - blockSize / 2,                 // straddles the left/top edge
            planeSize - x - blockSize / 2,      // straddles the right/bottom edge
            -x - 80 - 1,                        // window just beyond an 80-sample border
            planeSize + 80 - x - blockSize - 4, // window at the far end of an 80-sample border
            -1000,
            1000,
            rnd.nextInt(2 * planeSize + 200) - planeSize - 100,
        };
    }

    private static final int[][] LUMA_SIZES = {
        {4, 4}, {8, 4}, {4, 8}, {8, 8}, {16, 16}, {32, 32}, {64, 64}, {16, 64}, {64, 8}, {24, 12}, {12, 20},
    };
    private static final int[][] CHROMA_SIZES = {
        {2, 2}, {4, 2}, {2, 4}, {4, 4}, {8, 8}, {16, 16}, {32, 32}, {8, 32}, {32, 4}, {12, 6}, {6, 10},
    };

    // ---- tests ----

    @Test
    void lumaMatchesSpecForAllFractionsSizesAndVectors() {
        for (int bitDepth = 8; bitDepth <= 12; bitDepth += 2) {
            long seed = SEED + bitDepth;
            Random rnd = new Random(seed);
            int pw = 100;
            int ph = 76;
            Plane[] planes = randomPlanes(rnd, pw, ph, bitDepth);
            for (int frac = 0; frac < 16; frac++) {
                int fx = frac & 3;
                int fy = frac >> 2;
                for (int[] size : LUMA_SIZES) {
                    int w = size[0];
                    int h = size[1];
                    int x = rnd.nextInt(pw - Math.min(w, pw) + 1) & ~3;
                    int y = rnd.nextInt(ph - Math.min(h, ph) + 1) & ~3;
                    int[] dxs = displacements(rnd, x, pw, w);
                    int[] dys = displacements(rnd, y, ph, h);
                    for (int k = 0; k < dxs.length; k++) {
                        // Pair each horizontal case with a vertical one, plus one mixed pairing.
                        checkLuma(planes, x, y, dxs[k] * 4 + fx, dys[k] * 4 + fy, w, h, bitDepth, seed);
                        checkLuma(planes, x, y, dxs[k] * 4 + fx, dys[dys.length - 1 - k] * 4 + fy, w, h, bitDepth, seed);
                    }
                }
            }
        }
    }

    private void checkLuma(Plane[] planes, int x, int y, int mvx, int mvy, int w, int h, int bitDepth, long seed) {
        int[] expected = new int[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                expected[j * w + i] = specLuma(planes[1], x, y, mvx, mvy, i, j, bitDepth);
            }
        }
        for (Plane p : planes) {
            Block b = Block.of(w, h);
            filter.predictLuma(p, x, y, mvx, mvy, w, h, bitDepth, b.buf, b.off, b.stride);
            String where = "luma seed=" + seed + " bd=" + bitDepth + " pad=" + p.padding() + " at (" + x + "," + y
                    + ") mv (" + mvx + "," + mvy + ") " + w + "x" + h;
            compare(expected, b, where);
        }
    }

    @Test
    void chromaMatchesSpecForAllFractionsSizesAndVectors() {
        for (int bitDepth = 8; bitDepth <= 12; bitDepth += 2) {
            long seed = SEED * 31 + bitDepth;
            Random rnd = new Random(seed);
            int pw = 50;
            int ph = 38;
            Plane[] planes = randomPlanes(rnd, pw, ph, bitDepth);
            for (int frac = 0; frac < 64; frac++) {
                int fx = frac & 7;
                int fy = frac >> 3;
                for (int[] size : CHROMA_SIZES) {
                    int w = size[0];
                    int h = size[1];
                    int x = rnd.nextInt(pw - w + 1) & ~1;
                    int y = rnd.nextInt(ph - h + 1) & ~1;
                    int[] dxs = displacements(rnd, x, pw, w);
                    int[] dys = displacements(rnd, y, ph, h);
                    for (int k = 0; k < dxs.length; k++) {
                        checkChroma(planes, x, y, dxs[k] * 8 + fx, dys[k] * 8 + fy, w, h, bitDepth, seed);
                    }
                    int k = rnd.nextInt(dxs.length);
                    checkChroma(planes, x, y, dxs[k] * 8 + fx, dys[dys.length - 1 - k] * 8 + fy, w, h, bitDepth, seed);
                }
            }
        }
    }

    private void checkChroma(Plane[] planes, int x, int y, int mvx, int mvy, int w, int h, int bitDepth, long seed) {
        int[] expected = new int[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                expected[j * w + i] = specChroma(planes[1], x, y, mvx, mvy, i, j, bitDepth);
            }
        }
        for (Plane p : planes) {
            Block b = Block.of(w, h);
            filter.predictChroma(p, x, y, mvx, mvy, w, h, bitDepth, b.buf, b.off, b.stride);
            String where = "chroma seed=" + seed + " bd=" + bitDepth + " pad=" + p.padding() + " at (" + x + ","
                    + y + ") mv (" + mvx + "," + mvy + ") " + w + "x" + h;
            compare(expected, b, where);
        }
    }

    /** Stored value must be predSamples - PRED_OFFSET; guards untouched. */
    private static void compare(int[] expected, Block b, String where) {
        for (int j = 0; j < b.h; j++) {
            for (int i = 0; i < b.w; i++) {
                int want = expected[j * b.w + i] - SubpelFilter.PRED_OFFSET;
                if (b.at(i, j) != want) {
                    fail("sample (" + i + "," + j + "): expected " + want + " got " + b.at(i, j) + " (" + where + ")");
                }
            }
        }
        b.assertGuardsIntact(where);
    }

    @Test
    void integerVectorsReproduceTheSourceAfterSingleAndCopyIntegerEqualsThat() {
        for (int bitDepth = 8; bitDepth <= 12; bitDepth++) {
            long seed = SEED * 7 + bitDepth;
            Random rnd = new Random(seed);
            Plane[] planes = randomPlanes(rnd, 64, 48, bitDepth);
            for (int t = 0; t < 40; t++) {
                int w = 4 << rnd.nextInt(4);
                int h = 4 << rnd.nextInt(4);
                int dx = rnd.nextInt(400) - 200;
                int dy = rnd.nextInt(400) - 200;
                int x = rnd.nextInt(64 - Math.min(w, 64) + 1);
                int y = rnd.nextInt(48 - Math.min(h, 48) + 1);
                String where = "seed=" + seed + " bd=" + bitDepth + " mv (" + dx + "," + dy + ")";
                for (Plane p : planes) {
                    Block pred = Block.of(w, h);
                    filter.predictLuma(p, x, y, dx * 4, dy * 4, w, h, bitDepth, pred.buf, pred.off, pred.stride);
                    Block out = Block.of(w, h);
                    filter.single(pred.buf, pred.off, pred.stride, w, h, bitDepth, out.buf, out.off, out.stride);
                    Block chroma = Block.of(w / 2, h / 2);
                    filter.predictChroma(p, x, y, dx * 8, dy * 8, w / 2, h / 2, bitDepth,
                            chroma.buf, chroma.off, chroma.stride);
                    filter.single(chroma.buf, chroma.off, chroma.stride, w / 2, h / 2, bitDepth,
                            chroma.buf, chroma.off, chroma.stride);
                    // The decoder's shortcut for integer uni-prediction: a clamped copy.
                    Block copy = Block.of(w, h);
                    filter.copyInteger(p, x + dx, y + dy, w, h, copy.buf, copy.off, copy.stride);
                    for (int j = 0; j < h; j++) {
                        for (int i = 0; i < w; i++) {
                            int want = refSample(planes[1], x + dx + i, y + dy + j);
                            if (out.at(i, j) != want) {
                                fail("luma (" + i + "," + j + ") " + out.at(i, j) + " != " + want + " " + where);
                            }
                            if (copy.at(i, j) != want) {
                                fail("copyInteger (" + i + "," + j + ") " + copy.at(i, j) + " != " + want + " " + where);
                            }
                            // The chroma path on the same plane (4-tap code, eighth-sample vector).
                            if (i < w / 2 && j < h / 2 && chroma.at(i, j) != want) {
                                fail("chroma (" + i + "," + j + ") " + where);
                            }
                        }
                    }
                    out.assertGuardsIntact(where);
                    chroma.assertGuardsIntact(where);
                    copy.assertGuardsIntact(where);
                }
            }
        }
    }

    @Test
    void singleAndAverageMatchSpecAndIdenticalBiEqualsUni() {
        for (int bitDepth = 8; bitDepth <= 12; bitDepth += 2) {
            long seed = SEED * 13 + bitDepth;
            Random rnd = new Random(seed);
            Plane[] planes = randomPlanes(rnd, 80, 64, bitDepth);
            for (int t = 0; t < 60; t++) {
                int w = 4 << rnd.nextInt(5);
                int h = t % 3 == 0 ? w / 2 + 2 : 4 << rnd.nextInt(5);
                int x = rnd.nextInt(80);
                int y = rnd.nextInt(64);
                int mv0x = rnd.nextInt(400) - 200;
                int mv0y = rnd.nextInt(400) - 200;
                int mv1x = rnd.nextInt(400) - 200;
                int mv1y = rnd.nextInt(400) - 200;
                String where = "seed=" + seed + " bd=" + bitDepth + " t=" + t;
                Block p0 = Block.of(w, h);
                Block p1 = Block.of(w, h);
                filter.predictLuma(planes[0], x, y, mv0x, mv0y, w, h, bitDepth, p0.buf, p0.off, p0.stride);
                filter.predictLuma(planes[0], x, y, mv1x, mv1y, w, h, bitDepth, p1.buf, p1.off, p1.stride);
                Block uni = Block.of(w, h);
                Block bi = Block.of(w, h);
                Block same = Block.of(w, h);
                filter.single(p0.buf, p0.off, p0.stride, w, h, bitDepth, uni.buf, uni.off, uni.stride);
                filter.average(p0.buf, p0.off, p0.stride, p1.buf, p1.off, p1.stride, w, h, bitDepth,
                        bi.buf, bi.off, bi.stride);
                filter.average(p0.buf, p0.off, p0.stride, p0.buf, p0.off, p0.stride, w, h, bitDepth,
                        same.buf, same.off, same.stride);
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < w; i++) {
                        int s0 = specLuma(planes[1], x, y, mv0x, mv0y, i, j, bitDepth);
                        int s1 = specLuma(planes[1], x, y, mv1x, mv1y, i, j, bitDepth);
                        if (uni.at(i, j) != specSingle(s0, bitDepth)) {
                            fail("single (" + i + "," + j + ") " + where);
                        }
                        if (bi.at(i, j) != specAverage(s0, s1, bitDepth)) {
                            fail("average (" + i + "," + j + ") " + where);
                        }
                        if (same.at(i, j) != uni.at(i, j)) {
                            fail("average(p, p) != single(p) at (" + i + "," + j + ") " + where);
                        }
                    }
                }
                uni.assertGuardsIntact(where);
                bi.assertGuardsIntact(where);
                same.assertGuardsIntact(where);
            }
        }
    }

    /**
     * The worst-case half/half luma pattern (alternating rows maximising and minimising the
     * horizontal half-sample filter) drives predSamples past Short.MAX_VALUE at every bit depth;
     * the stored offset form must still be exact, and bi/uni output must clip correctly.
     */
    @Test
    void extremeHalfSamplePatternsStayExact() {
        int[] maxRow = {0, 1, 0, 1, 1, 0, 1, 0}; // 1 where the half-sample tap is positive
        int[] vSign = {-1, 1, -1, 1, 1, -1, 1, -1};
        for (int bitDepth = 8; bitDepth <= 12; bitDepth++) {
            int max = (1 << bitDepth) - 1;
            for (int polarity = 0; polarity < 2; polarity++) {
                Plane p = new Plane(8, 8, 16);
                for (int r = 0; r < 8; r++) {
                    boolean wantMax = (vSign[r] > 0) == (polarity == 0);
                    for (int c = 0; c < 8; c++) {
                        p.set(c, r, (maxRow[c] == 1) == wantMax ? max : 0);
                    }
                }
                p.extendBorders();
                // Block sample (0,0) at (3,3) displaced by half a sample both ways reads columns/rows 0..7.
                int spec = specLuma(p, 3, 3, 2, 2, 0, 0, bitDepth);
                if (polarity == 0) {
                    assertTrue(spec > Short.MAX_VALUE, "bd " + bitDepth + ": " + spec);
                } else {
                    assertTrue(spec < -16000, "bd " + bitDepth + ": " + spec);
                }
                short[] dst = new short[1];
                filter.predictLuma(p, 3, 3, 2, 2, 1, 1, bitDepth, dst, 0, 1);
                assertEquals(spec - SubpelFilter.PRED_OFFSET, dst[0], "bd " + bitDepth);
                short[] out = new short[2];
                filter.single(dst, 0, 1, 1, 1, bitDepth, out, 0, 1);
                filter.average(dst, 0, 1, dst, 0, 1, 1, 1, bitDepth, out, 1, 1);
                int clipped = polarity == 0 ? max : 0;
                assertEquals(clipped, out[0]);
                assertEquals(clipped, out[1]);
            }
        }
    }

    @Test
    void largestBlockAndBadSizes() {
        long seed = SEED * 17;
        Plane[] planes = randomPlanes(new Random(seed), 150, 140, 10);
        int n = SubpelFilter.MAX_BLOCK;
        checkLuma(planes, 8, 4, -37 * 4 + 3, 11 * 4 + 1, n, n, 10, seed);
        checkChroma(planes, 8, 4, 13 * 8 + 5, -9 * 8 + 6, n, n, 10, seed);
        short[] dst = new short[(n + 1) * (n + 1)];
        assertThrows(IllegalArgumentException.class,
                () -> filter.predictLuma(planes[0], 0, 0, 1, 1, n + 1, 4, 10, dst, 0, n + 1));
        assertThrows(IllegalArgumentException.class,
                () -> filter.predictChroma(planes[0], 0, 0, 1, 1, 4, 0, 10, dst, 0, n + 1));
    }
}
