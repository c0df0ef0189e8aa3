package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * EvalClassifiedNlf's classes (H.266 §8.8.5.3's direction rule, activity levels): a flat picture is
 * class 0; stripes are strongly horizontal/vertical (direction 2), a diagonal pattern strongly
 * diagonal (direction 4), both at the top activity level; grid classes are the position's phase on
 * the 8x8 luma grid.
 */
class EvalClassifiedNlfTest {
    private static final int[] CUTS = {36, 54, 77, 291};

    private static Sample picture(java.util.function.IntBinaryOperator luma) {
        int w = 32;
        int h = 32;
        byte[][] rec = {new byte[w * h], new byte[w * h / 4], new byte[w * h / 4]};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rec[0][y * w + x] = (byte) luma.applyAsInt(x, y);
            }
        }
        return new Sample(new PairCache.Frame("syn_ai_q32#0", w, h, 32, rec, rec));
    }

    @Test
    void flatIsClassZero() {
        assertEquals(0, EvalClassifiedNlf.classOf(picture((x, y) -> 128), 8, 8, CUTS));
    }

    @Test
    void stripesAreStronglyHorizontalOrVertical() {
        // rows alternate 100 / 160: the vertical Laplacian is 120 at every sample, the horizontal 0
        assertEquals(2 * 5 + 4, EvalClassifiedNlf.classOf(picture((x, y) -> y % 2 == 0 ? 100 : 160), 8, 8, CUTS));
        assertEquals(2 * 5 + 4, EvalClassifiedNlf.classOf(picture((x, y) -> x % 2 == 0 ? 100 : 160), 8, 8, CUTS));
    }

    @Test
    void aDiagonalPatternIsStronglyDiagonal() {
        // constant along one diagonal (x + y), alternating across it
        assertEquals(4 * 5 + 4, EvalClassifiedNlf.classOf(picture((x, y) -> (x - y) % 4 == 0 ? 160 : 100), 8, 8, CUTS));
    }

    @Test
    void gridClassesArePhasesOnTheEightByEightLumaGrid() {
        // chroma-grid (x, y) covers luma (2x.., 2y..): phases repeat every 4 chroma positions
        assertEquals(0, EvalClassifiedNlf.gridClass(0, 0));
        assertEquals(0, EvalClassifiedNlf.gridClass(4, 8));
        assertEquals(2 * 4 + 1, EvalClassifiedNlf.gridClass(5, 6));
        assertEquals(15, EvalClassifiedNlf.gridClass(7, 3));
    }
}
