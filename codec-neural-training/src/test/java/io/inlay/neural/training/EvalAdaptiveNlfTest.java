package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * EvalAdaptiveNlf (the per-frame refit of a model's output layer, docs/neural-filter.md): its
 * output path with zero deltas is the model's own integer output; on a frame whose error the
 * model was not fitted for, the refit recovers most of it; the exp-Golomb bit count.
 */
class EvalAdaptiveNlfTest {
    private static final int W = 96;
    private static final int H = 64;

    private static Sample frame(Random r, String name, boolean vertical) {
        return FeatureFitTest.frame(r, name, W, H, vertical);
    }

    private static IntModel model(Random r) {
        List<Sample> frames = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            frames.add(frame(r, "h#" + f, false));
        }
        long[] cum = {frames.get(0).n(), 2L * frames.get(0).n(), 3L * frames.get(0).n()};
        FeatureFit ff = new FeatureFit(4, new Random(5));
        return ff.quantise("syn", ff.fit(frames, cum, 1 << 14, new Random(6), 1e-7));
    }

    @Test
    void zeroDeltasGiveTheModelsOutput() {
        Random r = new Random(21);
        IntModel m = model(r);
        Sample s = frame(r, "v#0", true);
        int e = 2;
        int[] x = EvalAdaptiveNlf.hidden(s, m.layers(), e);
        IntModel.Layer last = m.layers().get(1);
        int[] taps = EvalAdaptiveNlf.supports(last.in()).get(0).taps();
        int[][] zero = new int[6][taps.length + 1];
        short[] got = EvalAdaptiveNlf.outputWith(last, x, s.w + 2 * e, s.h + 2 * e, taps, zero, s, e);
        assertArrayEquals(s.crop(m.run(s.input(e), s.w + 2 * e, s.h + 2 * e), e), got);
    }

    @Test
    void refitRecoversAnErrorTheModelWasNotFittedFor() {
        Random r = new Random(22);
        IntModel m = model(r);
        Sample s = frame(r, "v#0", true);
        double[] row = EvalAdaptiveNlf.evalFrame(s, m.layers(), 2, EvalAdaptiveNlf.supports(m.layers().get(1).in()));
        // the model (horizontal differences) gains little on vertical ones; the full-support refit a lot
        assertTrue(row[0] < 0.5, "model " + row[0]);
        assertTrue(row[1] > row[0] + 3, "model " + row[0] + " dB, refit " + row[1] + " dB");
        assertTrue(row[2] >= row[0] - 1e-9, "net " + row[2] + " below the model " + row[0]);
    }

    @Test
    void expGolombBits() {
        // a single 0: 3 bits for the order, then EG0(0) = 1 bit
        assertEquals(4, EvalAdaptiveNlf.expGolombBits(new int[] {0}));
        // 1 and -1: EG1 codes 1 in 2 bits, + a sign bit each: 3 + 2 * 3 = 9 (EG0: 3 + 2 * 4 = 11)
        assertEquals(9, EvalAdaptiveNlf.expGolombBits(new int[] {1, -1}));
    }
}
