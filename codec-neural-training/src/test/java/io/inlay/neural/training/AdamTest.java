package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Adam} against the update rule written out by hand, and on a problem it must solve. */
class AdamTest {
    /** loss = sum((w - target)^2) over a 3-vector w; the target is a placeholder. */
    private static SameDiff quadratic(float[] start) {
        SameDiff sd = SameDiff.create();
        SDVariable w = sd.var("w", Nd4j.createFromArray(start));
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, 3);
        sd.setLossVariables(sd.math().square(w.sub(target)).sum("loss"));
        return sd;
    }

    @Test
    void firstStepsFollowTheRule() {
        float[] start = {1f, -2f, 0.5f};
        float[] target = {0f, 0f, 0f};
        SameDiff sd = quadratic(start);
        Adam adam = new Adam(sd, List.of("w"), Adam.exponential(0.1, 0.5, 0));
        Map<String, INDArray> ph = Map.of("target", Nd4j.createFromArray(target));
        double[] w = {start[0], start[1], start[2]};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 3; t++) {
            adam.step(ph);
            double rate = 0.1 * Math.pow(0.5, t - 1);
            for (int i = 0; i < 3; i++) {
                double g = 2 * (w[i] - target[i]);
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                w[i] -= rate * mHat / (Math.sqrt(vHat) + 1e-8 / Math.sqrt(1 - Math.pow(0.999, t)));
            }
            assertEquals(t, adam.steps());
            float[] got = sd.getVariable("w").getArr().toFloatVector();
            for (int i = 0; i < 3; i++) {
                assertEquals(w[i], got[i], 1e-5, "step " + t + ", w[" + i + "]");
            }
        }
    }

    @Test
    void solvesAQuadratic() {
        SameDiff sd = quadratic(new float[] {3f, -1f, 2f});
        Adam adam = new Adam(sd, List.of("w"), t -> 0.05);
        Map<String, INDArray> ph = Map.of("target", Nd4j.createFromArray(0.5f, 1.5f, -2f));
        for (int t = 0; t < 600; t++) {
            adam.step(ph);
        }
        assertArrayEquals(new float[] {0.5f, 1.5f, -2f}, sd.getVariable("w").getArr().toFloatVector(), 0.02f);
    }

    @Test
    void warmupRampsTheRate() {
        var schedule = Adam.exponential(1e-3, 1.0, 4);
        assertEquals(0.25e-3, schedule.applyAsDouble(1), 1e-15);
        assertEquals(1e-3, schedule.applyAsDouble(4), 1e-15);
        assertEquals(1e-3, schedule.applyAsDouble(9), 1e-15);
    }
}
