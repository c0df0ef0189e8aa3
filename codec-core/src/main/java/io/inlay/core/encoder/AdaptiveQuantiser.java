package io.inlay.core.encoder;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.recon.FrameMaps;

/**
 * Adaptive quantisation (docs/rdo.md): a QP offset per CTU from its luma activity, in the
 * manner of x264's variance AQ: {@code offset = strength * (log2(activity) - mean over the
 * frame)}, where activity is the mean variance of the CTU's 8x8 blocks. Textured CTUs, where
 * coding noise is masked, get a higher QP; flat ones a lower QP.
 */
final class AdaptiveQuantiser {
    private static final int MAX_OFFSET = 12;

    private final double strength;
    private double[] energy = new double[0];

    AdaptiveQuantiser(double strength) {
        this.strength = strength;
    }

    boolean enabled() {
        return strength > 0;
    }

    /** Measures every CTU of {@code orig} (the coded-area picture). */
    void analyse(Picture orig) {
        Plane y = orig.plane(0);
        int ctu = 1 << FrameMaps.CTU_LOG2;
        int cols = (y.width() + ctu - 1) / ctu;
        int rows = (y.height() + ctu - 1) / ctu;
        if (energy.length != cols * rows) {
            energy = new double[cols * rows];
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                energy[r * cols + c] = log2Activity(y, c * ctu, r * ctu, ctu);
            }
        }
    }

    /** The QP offset of CTU number {@code index} (raster order) of the analysed frame. */
    int offset(int index) {
        double mean = 0;
        for (double e : energy) {
            mean += e;
        }
        mean /= energy.length;
        long o = Math.round(strength * (energy[index] - mean));
        return (int) Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, o));
    }

    private static double log2Activity(Plane p, int x0, int y0, int size) {
        int x1 = Math.min(x0 + size, p.width());
        int y1 = Math.min(y0 + size, p.height());
        double sum = 0;
        int blocks = 0;
        short[] s = p.samples();
        for (int by = y0; by + 8 <= y1; by += 8) {
            for (int bx = x0; bx + 8 <= x1; bx += 8) {
                long a = 0;
                long aa = 0;
                for (int j = 0; j < 8; j++) {
                    int i = p.index(bx, by + j);
                    for (int k = 0; k < 8; k++) {
                        int v = s[i + k] & 0xFFFF;
                        a += v;
                        aa += (long) v * v;
                    }
                }
                sum += (aa - (double) a * a / 64) / 64;
                blocks++;
            }
        }
        double var = blocks == 0 ? 0 : sum / blocks;
        return Math.log(var + 1) / Math.log(2);
    }
}
