package io.inlay.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid models and inputs for the tests. */
final class TestModels {
    /** How weights, multipliers and biases are drawn. */
    enum Kind {
        /** Scaled so that activations mostly stay inside their range (realistic). */
        CALIBRATED,
        /** Uniform weights, any shift, multiplier anywhere in the valid range (mostly saturated). */
        RANDOM,
        /** Weights +-127, biases large, multipliers at the overflow limit of the validity rule. */
        EXTREME
    }

    private TestModels() {
    }

    /** A valid model with channel counts {@code channels} (7, ..., 6) and the given kernel sizes. */
    static ModelFile random(long seed, Kind kind, int[] channels, int[] kernels) {
        Random rnd = new Random(seed);
        List<ModelFile.Layer> layers = new ArrayList<>();
        for (int l = 0; l < kernels.length; l++) {
            int in = channels[l];
            int out = channels[l + 1];
            int k = kernels[l];
            int taps = in * k * k;
            int shift = switch (kind) {
                case CALIBRATED -> 12 + rnd.nextInt(8);
                case RANDOM -> 1 + rnd.nextInt(19);
                case EXTREME -> rnd.nextBoolean() ? 1 + rnd.nextInt(4) : 16 + rnd.nextInt(4);
            };
            int[] mult = new int[out];
            int[] bias = new int[out];
            byte[] w = new byte[out * taps];
            long limit = (1L << 31) - 1 - (2049L << shift); // (A + |bias|) * M must stay <= limit
            for (int c = 0; c < out; c++) {
                long sumAbs = 0;
                for (int t = 0; t < taps; t++) {
                    int v = switch (kind) {
                        case CALIBRATED -> (int) Math.round(rnd.nextGaussian() * 40);
                        case RANDOM -> rnd.nextInt(255) - 127;
                        case EXTREME -> rnd.nextInt(4) == 0 ? rnd.nextInt(255) - 127 : (rnd.nextBoolean() ? 127 : -127);
                    };
                    v = Math.max(-127, Math.min(127, v));
                    w[c * taps + t] = (byte) v;
                    sumAbs += Math.abs(v);
                }
                long a = 255 * sumAbs;
                long maxBias = Math.max(0, limit - a); // with M = 1
                switch (kind) {
                    case CALIBRATED -> {
                        // Aim for an output around 0..255: M / 2^s ~ 255 / (A / 8).
                        double target = 255.0 / Math.max(1, a / 8.0);
                        long m = Math.round(target * (1L << shift));
                        m = Math.max(1, Math.min(65535, m));
                        long mMax = limit / Math.max(1, a);
                        m = Math.max(1, Math.min(m, mMax));
                        mult[c] = (int) m;
                        long bmax = Math.min(limit / m - a, 64L << 8);
                        bias[c] = (int) Math.round((rnd.nextDouble() * 2 - 1) * Math.max(0, bmax) * 0.5);
                    }
                    case RANDOM -> {
                        bias[c] = (int) ((rnd.nextDouble() * 2 - 1) * Math.min(maxBias, 1 << 20));
                        long mMax = Math.min(65535, limit / Math.max(1, a + Math.abs((long) bias[c])));
                        mult[c] = 1 + (int) (rnd.nextDouble() * mMax) % (int) Math.max(1, mMax);
                    }
                    case EXTREME -> {
                        long b = rnd.nextInt(3) == 0 ? maxBias : rnd.nextInt(3) == 0 ? Math.min(maxBias, 1000) : 0;
                        bias[c] = (int) (rnd.nextBoolean() ? b : -b);
                        long mMax = Math.min(65535, limit / Math.max(1, a + Math.abs((long) bias[c])));
                        mult[c] = (int) Math.max(1, mMax);
                    }
                }
            }
            layers.add(new ModelFile.Layer(in, out, k, shift, mult, bias, w));
        }
        try {
            return ModelFile.of("test-" + kind + "-" + seed, layers);
        } catch (InvalidModelException e) {
            throw new AssertionError("generator made an invalid model (seed " + seed + "): " + e.getMessage(), e);
        }
    }

    /** How input samples are drawn. */
    enum Fill {
        ZERO, MAX, RANDOM, ALTERNATING, QP_PLANE
    }

    static byte[] input(long seed, Fill fill, int w, int h) {
        Random rnd = new Random(seed);
        byte[] b = new byte[ModelFile.INPUT_CHANNELS * w * h];
        int plane = w * h;
        for (int i = 0; i < b.length; i++) {
            int p = i % plane;
            int x = p % w;
            int y = p / w;
            b[i] = (byte) switch (fill) {
                case ZERO -> 0;
                case MAX -> 255;
                case RANDOM -> rnd.nextInt(256);
                case ALTERNATING -> ((x + y) & 1) == 0 ? 0 : 255;
                case QP_PLANE -> i / plane == 6 ? 5 * 32 : (x * 7 + y * 13 + rnd.nextInt(9)) & 0xFF;
            };
        }
        return b;
    }
}
