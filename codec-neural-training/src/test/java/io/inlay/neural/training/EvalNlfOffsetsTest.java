package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * EvalNlfOffsets (SAO-style offsets after the neural filter, net of their bits): an error confined
 * to one range of sample values is what H.265's band offset removes, whether or not a filter ran
 * before; an error that follows the sign of the network's correction, on content where neither
 * bands nor edge classes see it, is what only the offsets classed by the correction remove.
 */
class EvalNlfOffsetsTest {
    private static final int W = 256;
    private static final int H = 128;

    /** Random samples 60..159; the luma source is the reconstruction plus {@code error(luma index, value)}. */
    private static Sample frame(IntBinaryOperator error) {
        Random rnd = new Random(5);
        byte[][] rec = {new byte[W * H], new byte[W * H / 4], new byte[W * H / 4]};
        byte[][] orig = {new byte[W * H], new byte[W * H / 4], new byte[W * H / 4]};
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < rec[p].length; i++) {
                int v = 60 + rnd.nextInt(100);
                rec[p][i] = (byte) v;
                orig[p][i] = (byte) (v + (p == 0 ? error.applyAsInt(i, v) : 0));
            }
        }
        return new Sample(new PairCache.Frame("syn_ai_q22#0", W, H, 22, orig, rec));
    }

    @Test
    void bandOffsetRemovesAnErrorInOneRangeOfValues() {
        // +3 where the reconstruction is in 64..95 (bands 8..11); the network is silent
        Sample s = frame((i, v) -> v >= 64 && v < 96 ? 3 : 0);
        double[] g = EvalNlfOffsets.gains(s, new short[6 * s.n()]);
        assertEquals(0, g[0], 1e-12, "a silent network gains nothing");
        assertTrue(g[1] > 1, "sao db " + g[1]);
        assertEquals(g[1], g[2], 1e-9, "sao after a filter that is off equals sao alone");
        assertTrue(g[4] > 1, "with the class type (band offsets then cost a bit more) " + g[4]);
        assertEquals(0, g[5], 1e-12, "the class type is not taken");
    }

    @Test
    void classOffsetsRemoveAnErrorThatFollowsTheCorrection() {
        // the network says +1 or -1 sample at random; the truth is +1 where it says +1 and -3 where it says -1
        Random rnd = new Random(9);
        boolean[] up = new boolean[W * H];
        for (int i = 0; i < up.length; i++) {
            up[i] = rnd.nextBoolean();
        }
        Sample s = frame((i, v) -> up[i] ? 1 : -3);
        short[] r = new short[6 * s.n()];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                // luma (x, y) is plane 2 * (y & 1) + (x & 1) of the chroma grid (Sample's unshuffle)
                r[(2 * (y & 1) + (x & 1)) * s.n() + (y / 2) * s.w + x / 2] = (short) (up[y * W + x] ? 16 : -16);
            }
        }
        double[] g = EvalNlfOffsets.gains(s, r);
        assertTrue(g[0] > 1, "the filter helps: " + g[0]);
        assertTrue(g[4] > g[2] + 1, "nn ctu " + g[4] + " vs sao nlf " + g[2]);
        assertTrue(g[3] > g[0] + 1, "nn frame " + g[3] + " vs nlf " + g[0]);
        assertEquals(1 / 3.0, g[5], 1e-12, "every luma CTU (a third of all components' CTUs) takes the class type");
    }
}
