package io.inlay.neural.training;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One frame on the 4:2:0 chroma grid (spec §3.1): planes 0..3 the pixel-unshuffled luma, 4 Cb,
 * 5 Cr, for both the deblocked reconstruction and the source; plane-major, row-major, unsigned.
 */
final class Sample {
    final String name;
    final int w;
    final int h;
    final int qp;
    final byte[] rec;
    final byte[] orig;

    Sample(PairCache.Frame f) {
        this.name = f.source();
        this.w = f.width() / 2;
        this.h = f.height() / 2;
        this.qp = f.qp();
        this.rec = toGrid(f.rec(), f.width(), w, h);
        this.orig = toGrid(f.orig(), f.width(), w, h);
    }

    /**
     * A frame of {@code set} drawn with probability proportional to its share of {@code cum}
     * (the cumulative weights of the frames, e.g. their sample counts).
     */
    static Sample pick(List<Sample> set, long[] cum, Random rnd) {
        long pick = (long) (rnd.nextDouble() * cum[cum.length - 1]);
        int i = Arrays.binarySearch(cum, pick + 1);
        return set.get(i < 0 ? -i - 1 : i);
    }

    /** The cumulative sample counts of {@code frames}, the weights {@link #pick} draws by. */
    static long[] cumulativeSizes(List<Sample> frames) {
        long[] cum = new long[frames.size()];
        long a = 0;
        for (int i = 0; i < frames.size(); i++) {
            a += frames.get(i).n();
            cum[i] = a;
        }
        return cum;
    }

    /** 1 / the deblocked frame's MSE weighted like the loss (luma planes 1.5, chroma 1), floored. */
    float lossWeight() {
        if (lossWeight == 0) {
            lossWeight = computeLossWeight();
        }
        return lossWeight;
    }

    private float lossWeight;

    private float computeLossWeight() {
        double[] e = sse(null);
        double m = 0;
        for (int p = 0; p < 6; p++) {
            m += TrainNlf.PLANE_WEIGHT[p] * e[p];
        }
        m /= 6.0 * n();
        return (float) (1.0 / Math.max(0.25, m));
    }

    int n() {
        return w * h;
    }

    private static byte[] toGrid(byte[][] yuv, int lumaWidth, int w, int h) {
        int n = w * h;
        byte[] g = new byte[6 * n];
        for (int p = 0; p < 4; p++) {
            int dy = p >> 1;
            int dx = p & 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    g[p * n + y * w + x] = yuv[0][(2 * y + dy) * lumaWidth + 2 * x + dx];
                }
            }
        }
        System.arraycopy(yuv[1], 0, g, 4 * n, n);
        System.arraycopy(yuv[2], 0, g, 5 * n, n);
        return g;
    }

    /**
     * The network input of §3.1 (7 planes of unsigned bytes), each plane extended by {@code e}
     * positions on every side by repeating its edge values: {@code (w + 2e) x (h + 2e)} per plane.
     */
    byte[] input(int e) {
        int n = n();
        int we = w + 2 * e;
        int he = h + 2 * e;
        byte[] in = new byte[7 * we * he];
        for (int p = 0; p < 6; p++) {
            for (int y = 0; y < he; y++) {
                int src = p * n + Math.clamp(y - e, 0, h - 1) * w;
                int dst = (p * he + y) * we;
                for (int x = 0; x < we; x++) {
                    in[dst + x] = rec[src + Math.clamp(x - e, 0, w - 1)];
                }
            }
        }
        java.util.Arrays.fill(in, 6 * we * he, 7 * we * he, (byte) (5 * qp));
        return in;
    }

    /** The centre {@code w x h} of each of the 6 planes of an output over the input extended by {@code e}. */
    short[] crop(short[] r, int e) {
        if (e == 0) {
            return r;
        }
        int we = w + 2 * e;
        int he = h + 2 * e;
        short[] c = new short[6 * n()];
        for (int p = 0; p < 6; p++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(r, (p * he + y + e) * we + e, c, (p * h + y) * w, w);
            }
        }
        return c;
    }

    /**
     * Per-plane squared error sums [6] of the reconstruction corrected by {@code r} (6 planes in
     * units of 1/16 sample, applied as §3.2 with scale 64 at 8 bits), or of the plain
     * reconstruction when {@code r} is null.
     */
    double[] sse(short[] r) {
        int n = n();
        double[] s = new double[6];
        for (int p = 0; p < 6; p++) {
            long acc = 0;
            for (int j = 0; j < n; j++) {
                int i = p * n + j;
                int v = rec[i] & 255;
                if (r != null) {
                    v = Math.max(0, Math.min(255, v + ((r[i] * 64 + 512) >> 10)));
                }
                int d = v - (orig[i] & 255);
                acc += (long) d * d;
            }
            s[p] = acc;
        }
        return s;
    }
}
