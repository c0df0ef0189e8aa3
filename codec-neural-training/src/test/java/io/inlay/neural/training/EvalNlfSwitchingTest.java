package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * EvalNlfSwitching (on/off maps finer than 64x64, net of their flags): a correction that helps
 * everywhere is switched on whole, with no split (the quadtree's estimate may then cost a little more than
 * the flat map's: it codes three symbols); one that helps only in one 32x32 quarter of every
 * 64x64 block is worth the finer map, and the quadtree splits; bounds are never below the nets.
 */
class EvalNlfSwitchingTest {
    private static final int W = 256; // luma, 4 x 2 blocks of 64x64
    private static final int H = 128;

    /**
     * A frame whose luma source differs from the reconstruction by +4 where {@code helps} says so
     * and by 0 elsewhere, with the correction {@code r} = +4 samples (64/16 at scale 64) everywhere
     * on the chroma grid: it removes the error where the source differs and adds it elsewhere.
     */
    private static Sample frame(int qp, BiPredicate<Integer, Integer> helps) {
        Random rnd = new Random(3);
        byte[][] rec = {new byte[W * H], new byte[W * H / 4], new byte[W * H / 4]};
        byte[][] orig = {new byte[W * H], new byte[W * H / 4], new byte[W * H / 4]};
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < rec[p].length; i++) {
                rec[p][i] = (byte) (60 + rnd.nextInt(100));
            }
            System.arraycopy(rec[p], 0, orig[p], 0, rec[p].length);
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (helps.test(x, y)) {
                    orig[0][y * W + x] = (byte) ((rec[0][y * W + x] & 255) + 4);
                }
            }
        }
        return new Sample(new PairCache.Frame("syn_ai_q" + qp + "#0", W, H, qp, orig, rec));
    }

    private static short[] lumaCorrection(Sample s) {
        short[] r = new short[6 * s.n()];
        Arrays.fill(r, 0, 4 * s.n(), (short) 64);
        return r;
    }

    @Test
    void aCorrectionThatHelpsEverywhereIsOnWhole() {
        Sample s = frame(32, (x, y) -> true);
        double[] g = EvalNlfSwitching.gains(s, lumaCorrection(s));
        assertTrue(g[0] > 1, "bound 64 " + g[0]);
        assertEquals(g[0], g[1], 1e-9, "no finer choice to make");
        assertEquals(0, g[5], 1e-12, "no split");
        assertTrue(g[2] > 1 && g[4] > 1, "net 64 " + g[2] + ", net qt " + g[4]);
    }

    @Test
    void aCorrectionThatHelpsInOneQuarterIsWorthTheFinerMap() {
        // helps in the top-left 32x32 of every 64x64 block, hurts as much in the other three
        Sample s = frame(22, (x, y) -> x % 64 < 32 && y % 64 < 32);
        double[] g = EvalNlfSwitching.gains(s, lumaCorrection(s));
        assertTrue(g[1] > g[0] + 0.5, "bound 32 " + g[1] + " vs bound 64 " + g[0]);
        assertTrue(g[3] > g[2] + 0.5, "net 32 " + g[3] + " vs net 64 " + g[2]);
        assertTrue(g[4] > g[2] + 0.5, "net qt " + g[4] + " vs net 64 " + g[2]);
        assertEquals(1.0, g[5], 1e-12, "every 64x64 block split");
        assertTrue(g[6] > 0, "qt flags cost bits");
        for (int k = 2; k < 5; k++) {
            assertTrue(g[k] <= g[1] + 1e-9, "net " + g[k] + " above the 32 bound " + g[1]);
        }
    }
}
