package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FeatureFit (the least-squares models of docs/neural-filter.md): on synthetic frames whose
 * luma error is a linear function of the reconstruction's horizontal neighbours (within the
 * model's reach) and whose chroma error is zero, the fitted, quantised two-layer model removes
 * nearly all the luma error and leaves chroma alone, measured with the integer arithmetic of §2
 * and the §3.2 application at scale 1.0.
 */
class FeatureFitTest {

    /**
     * A {@code w x h} frame of random samples (40..215) at {@code frame_qp} 32 whose luma error is
     * the difference of the reconstruction's horizontal (or vertical) neighbours / 16, chroma exact.
     */
    static Sample frame(Random r, String name, int w, int h, boolean vertical) {
        byte[][] rec = {new byte[w * h], new byte[w * h / 4], new byte[w * h / 4]};
        byte[][] orig = {new byte[w * h], new byte[w * h / 4], new byte[w * h / 4]};
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < rec[p].length; i++) {
                rec[p][i] = (byte) (40 + r.nextInt(176));
            }
            System.arraycopy(rec[p], 0, orig[p], 0, rec[p].length);
        }
        for (int y = vertical ? 1 : 0; y < (vertical ? h - 1 : h); y++) {
            for (int x = 1; x < w - 1; x++) {
                int d = vertical ? (rec[0][(y + 1) * w + x] & 255) - (rec[0][(y - 1) * w + x] & 255)
                        : (rec[0][y * w + x + 1] & 255) - (rec[0][y * w + x - 1] & 255);
                orig[0][y * w + x] = (byte) Math.clamp((rec[0][y * w + x] & 255) + Math.round(d / 16f), 0, 255);
            }
        }
        return new Sample(new PairCache.Frame(name, w, h, 32, orig, rec));
    }

    @Test
    void fitsAndQuantisesARepresentableCorrection() {
        Random r = new Random(11);
        List<Sample> frames = new ArrayList<>();
        int w = 96;
        int h = 64;
        for (int f = 0; f < 3; f++) {
            frames.add(frame(r, "syn#" + f, w, h, false));
        }
        long[] cum = Sample.cumulativeSizes(frames);
        FeatureFit ff = new FeatureFit(4, new Random(5));
        float[] pct = ff.fit(frames, cum, 1 << 14, new Random(6), 1e-7);
        IntModel model = ff.quantise("syn", pct);
        assertNull(model.invalidReason());
        assertEquals(2, model.layers().size());
        assertEquals(11, model.layers().get(0).out());
        double[] before = new double[2];
        double[] after = new double[2];
        for (Sample s : frames) {
            short[] out = TrainNlf.intR(model, s);
            double[] e0 = s.sse(null);
            double[] e1 = s.sse(out);
            before[0] += e0[0] + e0[1] + e0[2] + e0[3];
            after[0] += e1[0] + e1[1] + e1[2] + e1[3];
            before[1] += e0[4] + e0[5];
            after[1] += e1[4] + e1[5];
        }
        assertTrue(before[0] > 0 && after[0] < 0.2 * before[0], "luma SSE " + before[0] + " -> " + after[0]);
        assertEquals(0, before[1]);
        assertTrue(after[1] <= 0.01 * before[0], "chroma SSE 0 -> " + after[1]);
    }
}
