package io.inlay.neural;

/**
 * §2 transcribed as literally as possible (one sample at a time, the X() padding function, long
 * arithmetic), to check {@link ScalarNetwork}'s loop order on small pictures.
 */
final class LiteralNetwork {
    private LiteralNetwork() {
    }

    static short[] run(ModelFile m, byte[] input, int w, int h) {
        int[][][] x = new int[ModelFile.INPUT_CHANNELS][h][w];
        for (int i = 0; i < ModelFile.INPUT_CHANNELS; i++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    x[i][y][xx] = input[(i * h + y) * w + xx] & 0xFF;
                }
            }
        }
        for (int l = 0; l < m.numLayers(); l++) {
            ModelFile.Layer L = m.layer(l);
            int k = L.kernelSize();
            int r = (k - 1) / 2;
            int s = L.shift();
            boolean last = l == m.numLayers() - 1;
            int[][][] next = new int[L.outChannels()][h][w];
            for (int c = 0; c < L.outChannels(); c++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        long acc = 0;
                        for (int i = 0; i < L.inChannels(); i++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    acc += (long) L.weight(c, i, ky, kx) * X(x, i, y + ky - r, xx + kx - r, w, h);
                                }
                            }
                        }
                        long t = acc * L.multiplier(c) + ((long) L.bias(c) * L.multiplier(c) + (1L << (s - 1)));
                        if (t < Integer.MIN_VALUE || t > Integer.MAX_VALUE) {
                            throw new AssertionError("t leaves 32 bits: " + t);
                        }
                        next[c][y][xx] = last
                                ? (int) (Math.clamp(t + (2048L << s), 0, (4096L << s) - 1) >> s) - 2048
                                : (int) (Math.clamp(t, 0, (256L << s) - 1) >> s);
                    }
                }
            }
            x = next;
        }
        short[] out = new short[ModelFile.OUTPUT_CHANNELS * w * h];
        for (int c = 0; c < ModelFile.OUTPUT_CHANNELS; c++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    out[(c * h + y) * w + xx] = (short) x[c][y][xx];
                }
            }
        }
        return out;
    }

    private static int X(int[][][] x, int i, int yy, int xx, int w, int h) {
        return 0 <= xx && xx < w && 0 <= yy && yy < h ? x[i][yy][xx] : 0;
    }
}
