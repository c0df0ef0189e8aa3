package io.inlay.core.intra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trainer's full-resolution fit of the upsampled classes ({@link LearnedIntraTrainer.Up}):
 * the squared error of an upsampled reduced prediction equals its squared distance to the target
 * in the fitted coordinates plus the block's constant, and mapping fitted rows back inverts the
 * change of coordinates. Seeded random data, 16x16 and 32x32.
 */
class LearnedIntraTrainerTest {
    @Test
    void fullResolutionErrorIsTheDistanceInFittedCoordinatesPlusAConstant() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int n : new int[] {16, 32}) {
            int r = 8;
            LearnedIntraTrainer.Up up = new LearnedIntraTrainer.Up(n, r);
            double[] zero = new double[n];
            for (int trial = 0; trial < 20; trial++) {
                double[] z = new double[n * n];
                for (int i = 0; i < z.length; i++) {
                    z[i] = rnd.nextDouble(-100, 100);
                }
                float[] t = new float[r * r];
                double rest = up.target(z, t);
                assertTrue(rest >= 0);
                double[] red = new double[r * r];
                for (int i = 0; i < red.length; i++) {
                    red[i] = rnd.nextDouble(-100, 100);
                }
                double[] pred = new double[n * n];
                LearnedIntraTrainer.Up.upsample(red, zero, zero, n, r, pred);
                double full = 0;
                for (int i = 0; i < z.length; i++) {
                    full += (pred[i] - z[i]) * (pred[i] - z[i]);
                }
                double[] f = up.fitted(red);
                double inFitted = 0;
                for (int a = 0; a < r * r; a++) {
                    inFitted += (f[a] - t[a]) * (f[a] - t[a]);
                }
                // t is stored as float: allow its rounding
                assertEquals(full, inFitted + rest, 1e-5 * full, "n " + n + " trial " + trial);
                double[][] rows = new double[r * r][1];
                for (int a = 0; a < r * r; a++) {
                    rows[a][0] = f[a];
                }
                double[][] back = up.back(rows);
                for (int a = 0; a < r * r; a++) {
                    assertEquals(red[a], back[a][0], 1e-9, "back, n " + n);
                }
            }
        }
    }
}
