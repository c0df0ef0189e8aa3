package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantiserTest {

    private static List<Quantiser.FloatLayer> randomNet(Random r, float weightScale, float biasScale) {
        int[] ch = TrainNlf.CHANNELS;
        List<Quantiser.FloatLayer> net = new ArrayList<>();
        for (int l = 0; l + 1 < ch.length; l++) {
            float[] w = new float[ch[l + 1] * ch[l] * 9];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextGaussian() * weightScale * Math.sqrt(2.0 / (9 * ch[l])));
            }
            float[] b = new float[ch[l + 1]];
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (r.nextGaussian() * biasScale);
            }
            net.add(new Quantiser.FloatLayer(ch[l], ch[l + 1], 3, w, b));
        }
        return net;
    }

    private static List<float[]> scales(Random r, float typical) {
        List<float[]> s = new ArrayList<>();
        for (int l = 1; l + 1 < TrainNlf.CHANNELS.length; l++) {
            float[] a = new float[TrainNlf.CHANNELS[l]];
            for (int c = 0; c < a.length; c++) {
                a[c] = (float) (typical * Math.exp(r.nextGaussian())) / 255f;
            }
            s.add(a);
        }
        return s;
    }

    @Test
    void quantisedModelsSatisfyTheOverflowRuleAndRanges() {
        Random r = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            float ws = (float) Math.exp(r.nextGaussian() * 2);
            IntModel m = Quantiser.quantise("t", randomNet(r, ws, (float) Math.exp(r.nextGaussian() * 2)),
                    scales(r, (float) Math.exp(r.nextGaussian())));
            assertNull(m.invalidReason());
            for (IntModel.Layer L : m.layers()) {
                for (int c = 0; c < L.out(); c++) {
                    assertTrue(L.overflowLhs(c) < (1L << 31));
                    assertTrue(L.multiplier()[c] >= 1 && L.multiplier()[c] <= 65535);
                }
                for (byte w : L.weights()) {
                    assertTrue(w >= -127);
                }
            }
            assertEquals(3924, m.macPerLumaSample(), 0.5);
        }
    }

    @Test
    void deadChannelsArePruned() {
        Random r = new Random(11);
        List<Quantiser.FloatLayer> net = randomNet(r, 1, 0.1f);
        List<float[]> act = scales(r, 1);
        // channel 4 of hidden layer 2 is dead (its calibrated scale is 0) and has a huge outgoing weight
        act.get(2)[4] = 0f;
        Quantiser.FloatLayer next = net.get(3);
        next.weights()[(0 * next.in() + 4) * 9 + 4] = 1e4f;
        IntModel m = Quantiser.quantise("t", net, act);
        assertNull(m.invalidReason());
        IntModel.Layer q = m.layers().get(3);
        int nonZeroOthers = 0;
        for (int c = 0; c < q.out(); c++) {
            for (int i = 0; i < q.in(); i++) {
                for (int k = 0; k < 9; k++) {
                    byte w = q.weights()[(c * q.in() + i) * 9 + k];
                    if (i == 4) {
                        assertEquals(0, w, "weights from the dead channel are 0");
                    } else if (c == 0 && w != 0) {
                        nonZeroOthers++;
                    }
                }
            }
        }
        // the dead channel's huge weight did not set output channel 0's weight scale
        assertTrue(nonZeroOthers > 100, "live weights of channel 0 keep their resolution: " + nonZeroOthers);
    }

    @Test
    void fileLayoutFollowsSection1() {
        IntModel m = Quantiser.quantise("nlf-test", randomNet(new Random(1), 1, 0.1f), scales(new Random(2), 1));
        byte[] b = m.toBytes();
        assertEquals('I', b[0]);
        assertEquals('F', b[3]);
        assertEquals(1, b[4]);
        assertEquals(8, b[7]);
        assertEquals(8, b[8]);
        int expected = 9 + 8;
        for (IntModel.Layer L : m.layers()) {
            expected += 6 + 8 * L.out() + L.out() * L.in() * 9;
        }
        assertEquals(expected, b.length);
        assertEquals(7, b[17] | (b[18] << 8));
    }

    @Test
    void integerNetworkTracksTheFloatNetwork() {
        // A 2-layer net (7 -> 4 -> 6) whose float output we compute directly.
        Random r = new Random(3);
        int w = 9;
        int h = 7;
        float[] w0 = new float[4 * 7 * 9];
        float[] w1 = new float[6 * 4 * 9];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = (float) r.nextGaussian() * 0.3f;
        }
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) r.nextGaussian() * 0.5f;
        }
        float[] b0 = {0.1f, -0.05f, 0.2f, 0f};
        float[] b1 = {0.5f, -0.5f, 0.25f, 0f, 1f, -1f};
        byte[] in = new byte[7 * w * h];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) r.nextInt(256);
        }
        float[] hid = new float[4 * w * h];
        float[] maxAct = new float[4];
        for (int c = 0; c < 4; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double z = b0[c];
                    for (int i = 0; i < 7; i++) {
                        for (int k = 0; k < 9; k++) {
                            int yy = y + k / 3 - 1;
                            int xx = x + k % 3 - 1;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                z += w0[(c * 7 + i) * 9 + k] * (in[i * w * h + yy * w + xx] & 255) / 255.0;
                            }
                        }
                    }
                    hid[c * w * h + y * w + x] = (float) Math.max(0, z);
                    maxAct[c] = Math.max(maxAct[c], (float) Math.max(0, z));
                }
            }
        }
        float[] act = new float[4];
        for (int c = 0; c < 4; c++) {
            act[c] = Math.max(maxAct[c], 1e-3f) / 255f;
        }
        IntModel m = Quantiser.quantise("t", List.of(new Quantiser.FloatLayer(7, 4, 3, w0, b0),
                new Quantiser.FloatLayer(4, 6, 3, w1, b1)), List.of(act));
        short[] out = m.run(in, w, h);
        double maxErr = 0;
        double sumErr = 0;
        double sumMag = 0;
        for (int c = 0; c < 6; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double z = b1[c];
                    for (int i = 0; i < 4; i++) {
                        for (int k = 0; k < 9; k++) {
                            int yy = y + k / 3 - 1;
                            int xx = x + k % 3 - 1;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                z += w1[(c * 4 + i) * 9 + k] * hid[i * w * h + yy * w + xx];
                            }
                        }
                    }
                    double expect = Math.max(-2048, Math.min(2047, z * 16));
                    maxErr = Math.max(maxErr, Math.abs(out[c * w * h + y * w + x] - expect) / Math.max(16, Math.abs(expect)));
                    sumErr += Math.abs(out[c * w * h + y * w + x] - expect);
                    sumMag += Math.abs(expect);
                }
            }
        }
        // u8 hidden activations and s8 weights: a few per cent at worst, about 1 % on average.
        assertTrue(maxErr < 0.1, "worst relative error " + maxErr);
        assertTrue(sumErr / sumMag < 0.02, "mean relative error " + sumErr / sumMag);
    }
}
