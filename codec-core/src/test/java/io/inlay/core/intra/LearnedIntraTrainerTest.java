package io.inlay.core.intra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Picture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trainer's full-resolution fit of the upsampled classes ({@link LearnedIntraTrainer.Up}):
 * the squared error of an upsampled reduced prediction equals its squared distance to the target
 * in the fitted coordinates plus the block's constant, and mapping fitted rows back inverts the
 * change of coordinates. Seeded random data, 16x16 and 32x32. The block sampling shared with
 * {@link LearnedIntraMlpData} ({@link LearnedIntraTrainer#sampleBlocks}) visits the aligned grid in
 * raster order, picture by picture, and its draws depend only on the seed.
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

    @Test
    void blockSamplingVisitsTheAlignedGridAndIsSeeded() {
        // 40x36 and 24x16 pictures, 8x8 blocks: grid x 8..32 and y 8..24 (12 blocks), x 8..16 and y 8 (2).
        List<Picture> pics = List.of(Picture.allocate(40, 36, 8), Picture.allocate(24, 16, 8));
        List<int[]> all = new ArrayList<>();
        LearnedIntraTrainer.sampleBlocks(pics, 8, 1000, new SplittableRandom(3), (pi, bx, by) -> all.add(new int[] {pi, bx, by}));
        assertEquals(14, all.size());
        int i = 0;
        for (int by = 8; by <= 24; by += 8) {
            for (int bx = 8; bx <= 32; bx += 8) {
                assertEquals(List.of(0, bx, by), List.of(all.get(i)[0], all.get(i)[1], all.get(i)[2]));
                i++;
            }
        }
        assertEquals(List.of(1, 8, 8), List.of(all.get(12)[0], all.get(12)[1], all.get(12)[2]));
        assertEquals(List.of(1, 16, 8), List.of(all.get(13)[0], all.get(13)[1], all.get(13)[2]));
        // perClass 7 of 14: each kept with probability 1/2; the same seed gives the same blocks.
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            LearnedIntraTrainer.sampleBlocks(pics, 8, 7, new SplittableRandom(seed), (pi, bx, by) -> a.add(pi + ":" + bx + ":" + by));
            LearnedIntraTrainer.sampleBlocks(pics, 8, 7, new SplittableRandom(seed), (pi, bx, by) -> b.add(pi + ":" + bx + ":" + by));
        }
        assertEquals(a, b);
        assertTrue(a.size() > 20 * 3 && a.size() < 20 * 11, "kept " + a.size() + " of 280");
    }
}
