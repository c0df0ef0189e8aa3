package io.inlay.neural.training;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The trainer's own copy of the integer network of docs/bitstream/neural-filter.md: the §1 file
 * layout and validity rules and the §2 arithmetic, written from the spec so the quantiser can
 * be checked independently of codec-neural (TrainNlf cross-checks both when codec-neural is on
 * the class path).
 */
public final class IntModel {

    /** One layer; {@code weights} in the file order {@code [c][i][ky][kx]}. */
    public record Layer(int in, int out, int k, int shift, int[] multiplier, int[] bias, byte[] weights) {
        int weight(int c, int i, int ky, int kx) {
            return weights[((c * in + i) * k + ky) * k + kx];
        }

        /** The left side of the §1 overflow rule for channel {@code c} (as a long). */
        long overflowLhs(int c) {
            long a = 0;
            for (int j = 0; j < in * k * k; j++) {
                a += Math.abs(weights[c * in * k * k + j]);
            }
            a *= 255;
            return (a + Math.abs((long) bias[c])) * multiplier[c] + 2049L * (1L << shift);
        }
    }

    private final String name;
    private final List<Layer> layers;

    public IntModel(String name, List<Layer> layers) {
        this.name = name;
        this.layers = List.copyOf(layers);
        String why = invalidReason();
        if (why != null) {
            throw new IllegalArgumentException("invalid model: " + why);
        }
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The first broken validity rule of §1, or null. */
    public String invalidReason() {
        if (layers.isEmpty() || layers.size() > 32) {
            return "num_layers " + layers.size();
        }
        if (layers.get(0).in() != 7 || layers.get(layers.size() - 1).out() != 6) {
            return "input/output set channel counts";
        }
        for (int l = 0; l < layers.size(); l++) {
            Layer L = layers.get(l);
            if (l > 0 && L.in() != layers.get(l - 1).out()) {
                return "layer " + l + " in_channels";
            }
            if (L.in() < 1 || L.in() > 64 || L.out() < 1 || L.out() > 64) {
                return "layer " + l + " channel count";
            }
            if (L.k() != 1 && L.k() != 3) {
                return "layer " + l + " kernel_size";
            }
            if (L.shift() < 1 || L.shift() > 24) {
                return "layer " + l + " shift " + L.shift();
            }
            for (byte w : L.weights()) {
                if (w == -128) {
                    return "layer " + l + " weight -128";
                }
            }
            for (int c = 0; c < L.out(); c++) {
                if (L.multiplier()[c] < 1 || L.multiplier()[c] > 65535) {
                    return "layer " + l + " multiplier " + L.multiplier()[c];
                }
                if (L.overflowLhs(c) >= (1L << 31)) {
                    return "layer " + l + " channel " + c + " breaks the overflow rule";
                }
            }
        }
        return null;
    }

    /** MAC per luma sample (§2). */
    public double macPerLumaSample() {
        long m = 0;
        for (Layer L : layers) {
            m += (long) L.in() * L.out() * L.k() * L.k();
        }
        return m / 4.0;
    }

    /** The model file of §1. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("INNF".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(1);
        out.write(1);
        out.write(layers.size());
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        out.write(n.length);
        out.writeBytes(n);
        for (Layer L : layers) {
            u16(out, L.in());
            u16(out, L.out());
            out.write(L.k());
            out.write(L.shift());
            for (int m : L.multiplier()) {
                s32(out, m);
            }
            for (int b : L.bias()) {
                s32(out, b);
            }
            out.writeBytes(L.weights());
        }
        return out.toByteArray();
    }

    public static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 255);
        out.write((v >> 8) & 255);
    }

    private static void s32(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write((v >> (8 * i)) & 255);
        }
    }

    /**
     * §2 over a whole {@code w x h} input: {@code input} 7 planes of unsigned bytes, plane-major;
     * returns 6 planes of -2048..2047. Arithmetic in int (exact by the overflow rule).
     */
    public short[] run(byte[] input, int w, int h) {
        int[] x = new int[input.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = input[i] & 255;
        }
        for (int l = 0; l < layers.size(); l++) {
            x = layer(layers.get(l), l == layers.size() - 1, x, w, h);
        }
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) x[i];
        }
        return out;
    }

    /**
     * One layer of §2 over a whole {@code w x h} input {@code x} ({@code L.in()} planes,
     * plane-major): the hidden activations (0..255) or, when {@code last}, the output R.
     */
    static int[] layer(Layer L, boolean last, int[] x, int w, int h) {
        int n = w * h;
        int r = (L.k() - 1) / 2;
        int s = L.shift();
        int[] y = new int[L.out() * n];
        int[] acc = new int[n];
        for (int c = 0; c < L.out(); c++) {
            java.util.Arrays.fill(acc, 0);
            for (int i = 0; i < L.in(); i++) {
                int base = i * n;
                for (int ky = 0; ky < L.k(); ky++) {
                    for (int kx = 0; kx < L.k(); kx++) {
                        int wgt = L.weight(c, i, ky, kx);
                        if (wgt == 0) {
                            continue;
                        }
                        int dy = ky - r;
                        int dx = kx - r;
                        int y0 = Math.max(0, -dy);
                        int y1 = Math.min(h, h - dy);
                        int x0 = Math.max(0, -dx);
                        int x1 = Math.min(w, w - dx);
                        for (int yy = y0; yy < y1; yy++) {
                            int row = yy * w;
                            int src = base + (yy + dy) * w + dx;
                            for (int xx = x0; xx < x1; xx++) {
                                acc[row + xx] += wgt * x[src + xx];
                            }
                        }
                    }
                }
            }
            int m = L.multiplier()[c];
            int add = L.bias()[c] * m + (1 << (s - 1));
            int ob = c * n;
            if (!last) {
                int hi = 256 * (1 << s) - 1;
                for (int p = 0; p < n; p++) {
                    int t = acc[p] * m + add;
                    y[ob + p] = Math.max(0, Math.min(hi, t)) >> s;
                }
            } else {
                int hi = 4096 * (1 << s) - 1;
                int off = 2048 * (1 << s);
                for (int p = 0; p < n; p++) {
                    int t = acc[p] * m + add + off;
                    y[ob + p] = (Math.max(0, Math.min(hi, t)) >> s) - 2048;
                }
            }
        }
        return y;
    }
}
