package io.inlay.neural.training;

import java.util.List;
import java.util.Random;

/**
 * A two-layer model whose output layer is fitted by least squares: layer 0 (7 -> 7 + K, 3x3) is
 * fixed: channels 0..6 pass the input planes through (identity centre tap; the inputs are
 * non-negative, so the ReLU keeps them) and channels 7.. are {@code relu(+-h_j)} of K/2 random
 * zero-sum 3x3 filters {@code h_j} over the six sample planes (local differences, not
 * brightness; the sign pair lets the output treat rising and falling edges apart, the idea of
 * HEVC's sample adaptive offset edge classes, ITU-T H.265 §8.7.3). Layer 1 (7 + K -> 6, 3x3) is
 * the least-squares fit over those channels' 3x3 neighbourhoods and a constant, each position
 * weighted by its frame's loss weight, so the model contains {@link LinearFit}'s 3x3 filter
 * (through the pass-through channels) and adds sign-dependent corrections.
 */
final class FeatureFit {
    final int channels;
    /** Layer 0 weights [c][i][ky][kx] over x/255 inputs, bias 0. */
    final float[] w0;
    /** Layer 1 weights [c][i][ky][kx] and bias, samples per unit activation. */
    float[] w1;
    float[] b1;

    FeatureFit(int features, Random rnd) {
        if (features < 0 || features % 2 != 0 || 7 + features > 64) {
            throw new IllegalArgumentException("--features must be even and at most 57: " + features);
        }
        channels = 7 + features;
        w0 = new float[channels * 7 * 9];
        for (int c = 0; c < 7; c++) {
            w0[(c * 7 + c) * 9 + 4] = 1f;
        }
        for (int j = 0; j < features / 2; j++) {
            float[] h = new float[6 * 9];
            for (int p = 0; p < 6; p++) {
                double mean = 0;
                for (int k = 0; k < 9; k++) {
                    h[p * 9 + k] = (float) rnd.nextGaussian();
                    mean += h[p * 9 + k] / 9;
                }
                for (int k = 0; k < 9; k++) {
                    h[p * 9 + k] -= (float) mean;
                }
            }
            for (int sgn = 0; sgn < 2; sgn++) {
                int c = 7 + 2 * j + sgn;
                for (int q = 0; q < 6 * 9; q++) {
                    w0[c * 63 + q] = sgn == 0 ? h[q] : -h[q];
                }
            }
        }
    }

    /** Hidden activations (float, over x/255 inputs) of all channels at (x, y) of a frame; needs 1 <= x < w-1, 1 <= y < h-1. */
    void hidden(Sample s, int x, int y, double[] out) {
        int n = s.n();
        double q = 5 * s.qp / 255.0;
        for (int c = 0; c < channels; c++) {
            double a = 0;
            for (int i = 0; i < 7; i++) {
                for (int k = 0; k < 9; k++) {
                    float wt = w0[(c * 7 + i) * 9 + k];
                    if (wt != 0) {
                        double v = i == 6 ? q : (s.rec[i * n + (y + k / 3 - 1) * s.w + x + k % 3 - 1] & 255) / 255.0;
                        a += wt * v;
                    }
                }
            }
            out[c] = Math.max(0, a);
        }
    }

    /**
     * Fits layer 1 on {@code positions} random interior positions, with {@code ridge} times the
     * mean diagonal of the normal matrix added to its diagonal; returns per hidden channel its
     * 99.99th percentile.
     */
    float[] fit(List<Sample> train, long[] cum, int positions, Random rnd, double ridge) {
        int nf = channels * 9 + 1;
        double[][] xtx = new double[nf][nf];
        double[][] xty = new double[6][nf];
        double[] f = new double[nf];
        double[][] hid = new double[9][channels];
        int keep = Math.min(positions, 1 << 16);
        float[][] seen = new float[channels][keep];
        for (int s = 0; s < positions; s++) {
            Sample sm = Sample.pick(train, cum, rnd);
            int x = 2 + rnd.nextInt(sm.w - 4);
            int y = 2 + rnd.nextInt(sm.h - 4);
            for (int k = 0; k < 9; k++) {
                hidden(sm, x + k % 3 - 1, y + k / 3 - 1, hid[k]);
            }
            if (s < keep) {
                for (int c = 0; c < channels; c++) {
                    seen[c][s] = (float) hid[4][c];
                }
            }
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < 9; k++) {
                    f[c * 9 + k] = hid[k][c];
                }
            }
            f[nf - 1] = 1;
            double wgt = sm.lossWeight();
            for (int a = 0; a < nf; a++) {
                double fa = f[a] * wgt;
                if (fa == 0) {
                    continue;
                }
                for (int b = a; b < nf; b++) {
                    xtx[a][b] += fa * f[b];
                }
            }
            int n = sm.n();
            for (int p = 0; p < 6; p++) {
                int i = p * n + y * sm.w + x;
                double t = ((sm.orig[i] & 255) - (sm.rec[i] & 255)) * wgt;
                for (int a = 0; a < nf; a++) {
                    xty[p][a] += f[a] * t;
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < nf; a++) {
            for (int b = 0; b < a; b++) {
                xtx[a][b] = xtx[b][a];
            }
            trace += xtx[a][a];
        }
        for (int a = 0; a < nf; a++) {
            xtx[a][a] += ridge * trace / nf;
        }
        double[][] l = LinearFit.cholesky(xtx);
        w1 = new float[6 * channels * 9];
        b1 = new float[6];
        for (int p = 0; p < 6; p++) {
            double[] c = LinearFit.solve(l, xty[p]);
            for (int j = 0; j < channels * 9; j++) {
                w1[p * channels * 9 + j] = (float) c[j];
            }
            b1[p] = (float) c[nf - 1];
        }
        float[] pct = new float[channels];
        for (int c = 0; c < channels; c++) {
            float[] v = seen[c].clone();
            java.util.Arrays.sort(v);
            pct[c] = v[Math.min(v.length - 1, (int) Math.floor(v.length * TrainNlf.CALIBRATION_PERCENTILE / 100.0))];
        }
        return pct;
    }

    /**
     * The integer model (Quantiser): pass-through channels keep the input's own scale (u8 value =
     * input sample, exact), the features their 99.99th percentile {@code pct} (0: never active,
     * pruned by the quantiser).
     */
    IntModel quantise(String name, float[] pct) {
        float[] act = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            act[ch] = ch < 7 ? 1f / 255f : pct[ch] / 255f;
        }
        return Quantiser.quantise(name, List.of(new Quantiser.FloatLayer(7, channels, 3, w0, new float[channels]),
                new Quantiser.FloatLayer(channels, 6, 3, w1, b1)), List.of(act));
    }
}
