package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float layers handed to the quantiser ({@code TrainNlf.floatLayers}) describe the trained
 * graph exactly: input centring, {@code --input-gain}, the {@code --highpass} constraint of
 * layer 0 and the output gain are folded into plain conv/ReLU layers over x/255, so a plain
 * float evaluation of those layers equals the SameDiff graph at every position at least the
 * receptive field (8) from the input's sides (the positions loss, selection and inference use).
 */
class TrainNlfFoldTest {

    @Test
    void floatLayersEqualTheGraph() {
        String[][] setups = {{"init", "he"}, {"init", "dirac", "input-gain", "4"},
                {"init", "he", "highpass", "true", "input-gain", "16"}, {"init", "linear", "no-linear-init", "true"}};
        for (String[] kv : setups) {
            Map<String, String> opt = new java.util.HashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                opt.put(kv[i], kv[i + 1]);
            }
            opt.put("patch", "24");
            TrainNlf t = new TrainNlf(opt, new PrintStream(OutputStream.nullOutputStream()));
            t.build(null);
            Random r = new Random(5);
            // Random weights everywhere (the He start's output layer is zero), scaled like a trained net.
            for (int l = 0; l < TrainNlf.CHANNELS.length - 1; l++) {
                for (String n : new String[] {"w" + l, "b" + l}) {
                    INDArray a = t.sd.getVariable(n).getArr();
                    double s = n.startsWith("w") ? Math.sqrt(2.0 / (9 * TrainNlf.CHANNELS[l])) : 0.05;
                    float[] v = new float[(int) a.length()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (r.nextGaussian() * s);
                    }
                    a.assign(Nd4j.createFromArray(v).reshape(a.shape()));
                }
            }
            int h = 21;
            int w = 23;
            float[] in = new float[7 * h * w];
            for (int i = 0; i < in.length; i++) {
                in[i] = i >= 6 * h * w ? 5 * 37 / 255f : r.nextInt(256) / 255f;
            }
            float[] graph = t.floatOutput(Nd4j.createFromArray(in).reshape('c', 1, 7, h, w)).dup('c').data().asFloat();
            float[] plain = plain(t.floatLayers(), in, h, w);
            double worst = 0;
            double scale = 0;
            for (int c = 0; c < 6; c++) {
                for (int y = 8; y < h - 8; y++) {
                    for (int x = 8; x < w - 8; x++) {
                        int i = (c * h + y) * w + x;
                        worst = Math.max(worst, Math.abs(graph[i] - plain[i]));
                        scale = Math.max(scale, Math.abs(plain[i]));
                    }
                }
            }
            assertTrue(scale > 0.01, "degenerate test network " + opt);
            assertTrue(worst <= 1e-4 * Math.max(1, scale), opt + ": graph and folded float layers differ by " + worst
                    + " (outputs up to " + scale + ")");
        }
    }

    /** conv 3x3 (zero padding) + bias, ReLU on hidden layers; weights [c][i][ky][kx]. */
    private static float[] plain(List<Quantiser.FloatLayer> layers, float[] in, int h, int w) {
        double[] a = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            a[i] = in[i];
        }
        for (int l = 0; l < layers.size(); l++) {
            Quantiser.FloatLayer L = layers.get(l);
            double[] z = new double[L.out() * h * w];
            for (int c = 0; c < L.out(); c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double s = L.bias()[c];
                        for (int i = 0; i < L.in(); i++) {
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int yy = y + ky - 1;
                                    int xx = x + kx - 1;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                        s += L.weights()[((c * L.in() + i) * 3 + ky) * 3 + kx] * a[(i * h + yy) * w + xx];
                                    }
                                }
                            }
                        }
                        z[(c * h + y) * w + x] = l == layers.size() - 1 ? s : Math.max(0, s);
                    }
                }
            }
            a = z;
        }
        float[] o = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = (float) a[i];
        }
        return o;
    }
}
