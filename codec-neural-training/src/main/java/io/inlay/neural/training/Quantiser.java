package io.inlay.neural.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Post-training quantisation of the float network to the integer network of
 * docs/bitstream/neural-filter.md §2.
 *
 * <p>Float network: {@code z_l = conv(a_l, W_l) + b_l}, {@code a_{l+1} = relu(z_l)}; the input
 * {@code a_0} is the §3.1 input divided by 255; the last layer's {@code z} is the correction in
 * 8-bit sample steps. Integer network: hidden activation channel {@code c} of layer {@code l}
 * is {@code a ≈ q * act[l][c]} with {@code q} in 0..255 (the activation scale comes from
 * calibration, {@code act = percentile / 255}); the input's scale is 1/255; the output's is
 * 1/16 (R units). For output channel {@code c}: fold the input scales into the weights,
 * {@code w' = W * sIn[i]}; the requantisation {@code (acc + B) * M / 2^s} must equal
 * {@code z / sOut} where {@code z = sw * (acc + B)}, {@code acc} the s8 weights' sum, so
 * {@code M = ceil(max|w'| / 127 / sOut * 2^s)} and the weights and bias are quantised at exactly
 * {@code sw = M * sOut / 2^s} ({@code B = round(b / sw)}, weights within ±127). The layer's
 * shift is the largest in 1..24 for which every channel's multiplier lies in 1..65535 and the
 * §1 overflow rule holds.
 */
public final class Quantiser {

    /** A float layer: weights in the file order {@code [c][i][ky][kx]}, bias per output channel. */
    public record FloatLayer(int in, int out, int k, float[] weights, float[] bias) {
    }

    private Quantiser() {
    }

    /**
     * @param layers    the float network
     * @param actScales per hidden layer (all but the last) and output channel: the float value of
     *                  one u8 step (calibrated maximum / 255); 0 marks a dead channel, pruned
     *                  (its weights into the next layer become 0)
     */
    public static IntModel quantise(String name, List<FloatLayer> layers, List<float[]> actScales) {
        List<IntModel.Layer> out = new ArrayList<>();
        float[] sIn = new float[layers.get(0).in()];
        java.util.Arrays.fill(sIn, 1f / 255f);
        for (int l = 0; l < layers.size(); l++) {
            FloatLayer L = layers.get(l);
            boolean last = l == layers.size() - 1;
            int kk = L.k() * L.k();
            int per = L.in() * kk;
            // Per output channel: the folded float weights w' = W * sIn and the requantisation
            // ratio (weight scale / output scale) at the weight scale max|w'| / 127.
            float[] sOut = last ? null : actScales.get(l);
            double[][] folded = new double[L.out()][per];
            double[] ratio = new double[L.out()];
            double[] so = new double[L.out()];
            for (int c = 0; c < L.out(); c++) {
                double max = 0;
                for (int j = 0; j < per; j++) {
                    folded[c][j] = L.weights()[c * per + j] * (double) sIn[j / kk];
                    max = Math.max(max, Math.abs(folded[c][j]));
                }
                // A dead channel (scale 0) is pruned: its weights into the next layer fold to 0
                // there; its own requantisation gets an arbitrary valid scale.
                so[c] = last ? 1.0 / 16.0 : sOut[c] > 0 ? sOut[c] : 1.0 / 255.0;
                ratio[c] = (max > 0 ? max / 127.0 : 1e-12) / so[c];
            }
            IntModel.Layer chosen = null;
            for (int s = 24; s >= 1 && chosen == null; s--) {
                // The multiplier is rounded up and the weights are quantised at the weight scale it
                // implies exactly, M * sOut / 2^s, so the integer channel has no scale error: a
                // small M costs weight resolution (|w| <= 127 * ratio * 2^s / M), never accuracy
                // of the channel's gain (nlf3 had multipliers of 2..7, i.e. gains off by up to 25 %).
                int[] m = new int[L.out()];
                int[] bias = new int[L.out()];
                byte[] wq = new byte[L.out() * per];
                boolean ok = true;
                for (int c = 0; c < L.out() && ok; c++) {
                    long mm = Math.max(1, (long) Math.ceil(ratio[c] * (1L << s) - 1e-9));
                    ok = mm <= 65535;
                    m[c] = (int) mm;
                    double sw = mm * so[c] / (1L << s);
                    for (int j = 0; j < per; j++) {
                        long q = Math.round(folded[c][j] / sw);
                        wq[c * per + j] = (byte) Math.max(-127, Math.min(127, q));
                    }
                    bias[c] = (int) Math.max(-(1L << 30), Math.min(1L << 30, Math.round(L.bias()[c] / sw)));
                }
                if (!ok) {
                    continue;
                }
                IntModel.Layer cand = new IntModel.Layer(L.in(), L.out(), L.k(), s, m, bias, wq);
                for (int c = 0; c < L.out() && ok; c++) {
                    ok = cand.overflowLhs(c) < (1L << 31);
                }
                if (ok) {
                    chosen = cand;
                }
            }
            if (chosen == null) {
                throw new IllegalStateException("layer " + l + ": no shift satisfies the multiplier range and overflow rule");
            }
            out.add(chosen);
            if (!last) {
                sIn = sOut;
            }
        }
        return new IntModel(name, out);
    }
}
