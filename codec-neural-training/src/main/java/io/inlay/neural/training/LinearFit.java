package io.inlay.neural.training;

import java.util.List;
import java.util.Random;

/**
 * The least-squares 3x3 linear filter over the 7 input planes (plus a constant) that predicts
 * each output plane's correction: the network's starting point. The network is initialised so
 * that channels 0..6 of every hidden layer pass the input planes through unchanged (an identity
 * centre tap; the inputs are non-negative, so the ReLU keeps them) and the output layer applies
 * this filter to them, so training starts from the linear filter's gain rather than from zero;
 * the other 9 channels per layer start random and learn the non-linear part.
 */
final class LinearFit {
    static final int FEATURES = 7 * 9 + 1;

    private LinearFit() {
    }

    /**
     * Coefficients [6][FEATURES]: feature {@code i * 9 + ky * 3 + kx} is input plane {@code i}
     * (value / 255) at offset (kx - 1, ky - 1); the last is the constant 1. Targets in 8-bit
     * sample steps; each position weighted by its frame's loss weight.
     */
    static double[][] fit(List<Sample> train, long[] cum, int positions, Random rnd) {
        double[][] xtx = new double[FEATURES][FEATURES];
        double[][] xty = new double[6][FEATURES];
        double[] f = new double[FEATURES];
        for (int s = 0; s < positions; s++) {
            Sample sm = Sample.pick(train, cum, rnd);
            int x = 1 + rnd.nextInt(sm.w - 2);
            int y = 1 + rnd.nextInt(sm.h - 2);
            int n = sm.n();
            for (int i = 0; i < 7; i++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        f[i * 9 + ky * 3 + kx] = i == 6 ? 5 * sm.qp / 255.0
                                : (sm.rec[i * n + (y + ky - 1) * sm.w + x + kx - 1] & 255) / 255.0;
                    }
                }
            }
            f[FEATURES - 1] = 1;
            double wgt = sm.lossWeight();
            for (int a = 0; a < FEATURES; a++) {
                double fa = f[a] * wgt;
                for (int b = a; b < FEATURES; b++) {
                    xtx[a][b] += fa * f[b];
                }
            }
            for (int p = 0; p < 6; p++) {
                int i = p * n + y * sm.w + x;
                double t = (sm.orig[i] & 255) - (sm.rec[i] & 255);
                for (int a = 0; a < FEATURES; a++) {
                    xty[p][a] += f[a] * wgt * t;
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < FEATURES; a++) {
            for (int b = 0; b < a; b++) {
                xtx[a][b] = xtx[b][a];
            }
            trace += xtx[a][a];
        }
        for (int a = 0; a < FEATURES; a++) {
            xtx[a][a] += 1e-7 * trace / FEATURES;
        }
        double[][] coef = new double[6][];
        double[][] l = cholesky(xtx);
        for (int p = 0; p < 6; p++) {
            coef[p] = solve(l, xty[p]);
        }
        return coef;
    }

    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-30)) : s / l[j][j];
            }
        }
        return l;
    }

    static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
