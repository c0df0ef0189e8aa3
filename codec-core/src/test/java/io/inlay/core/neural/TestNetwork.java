package io.inlay.core.neural;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only {@link InLoopFilter}: the integer network of docs/bitstream/neural-filter.md §2
 * computed straightforwardly (no tiling, no vectors), for small hand-made models. codec-core has
 * no real executor (that is codec-neural) and no trained model exists in this module, so the
 * encoder and decoder integration tests run this one.
 */
public final class TestNetwork implements InLoopFilter {
    /** One layer of §1/§2. {@code weight[c][i][ky][kx]}. */
    public record Layer(int in, int out, int kernel, int shift, int[] multiplier, int[] bias, int[][][][] weight) {
    }

    private final byte[] id;
    private final String name;
    private final List<Layer> layers;
    private int runs;
    private boolean closed;

    public TestNetwork(String name, List<Layer> layers) {
        this.name = name;
        this.layers = List.copyOf(layers);
        this.id = idOf(name);
    }

    /** SHA-256 of the name: stands in for the model file's digest. */
    public static byte[] idOf(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * One 3x3 layer, 7 -> 6, a smoothing correction: each output is {@code strength} times the sum
     * of a sample's 8 neighbours minus 8 times the sample (zero padded), in the luma sample grid for
     * outputs 0..3 (the neighbours of a luma phase lie in all four phase planes, within one position
     * of the 4:2:0 grid) and in the chroma grid for Cb and Cr (from input planes 4 and 5); plus
     * {@code qpWeight} times the QP plane against a bias that cancels it at QP 32.
     */
    public static TestNetwork smoothing(int strength, int qpWeight) {
        int[][][][] w = new int[6][7][3][3];
        int[] mul = new int[6];
        int[] bias = new int[6];
        for (int p = 0; p < 4; p++) {
            int dy = p >> 1;
            int dx = p & 1;
            for (int oy = -1; oy <= 1; oy++) {
                for (int ox = -1; ox <= 1; ox++) {
                    int ly = dy + oy;
                    int lx = dx + ox;
                    int phase = 2 * (ly & 1) + (lx & 1);
                    w[p][phase][1 + Math.floorDiv(ly, 2)][1 + Math.floorDiv(lx, 2)] += oy == 0 && ox == 0 ? -8 : 1;
                }
            }
        }
        for (int c = 4; c < 6; c++) {
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    w[c][c][ky][kx] = 1;
                }
            }
            w[c][c][1][1] = -8;
        }
        for (int c = 0; c < 6; c++) {
            w[c][6][1][1] = qpWeight;
            bias[c] = -qpWeight * 5 * 32;
            mul[c] = strength;
        }
        return new TestNetwork("smoothing " + strength + " " + qpWeight,
                List.of(new Layer(7, 6, 3, 2, mul, bias, w)));
    }

    /** A two-layer network (3x3 hidden layer of 8 channels with ReLU, 1x1 output), seeded weights. */
    public static TestNetwork twoLayer(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[][][][] w0 = new int[8][7][3][3];
        int[] m0 = new int[8];
        int[] b0 = new int[8];
        for (int c = 0; c < 8; c++) {
            for (int i = 0; i < 7; i++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        w0[c][i][ky][kx] = r.nextInt(-20, 21);
                    }
                }
            }
            m0[c] = r.nextInt(1, 200);
            b0[c] = r.nextInt(-3000, 3000);
        }
        int[][][][] w1 = new int[6][8][1][1];
        int[] m1 = new int[6];
        int[] b1 = new int[6];
        for (int c = 0; c < 6; c++) {
            for (int i = 0; i < 8; i++) {
                w1[c][i][0][0] = r.nextInt(-127, 128);
            }
            m1[c] = r.nextInt(1, 100);
            b1[c] = r.nextInt(-500, 500);
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer(7, 8, 3, 12, m0, b0, w0));
        layers.add(new Layer(8, 6, 1, 9, m1, b1, w1));
        return new TestNetwork("two layers " + seed, layers);
    }

    /** Calls of {@link #run} so far. */
    public int runs() {
        return runs;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public byte[] modelId() {
        return id.clone();
    }

    @Override
    public int receptiveFieldRadius() {
        return layers.stream().mapToInt(l -> (l.kernel() - 1) / 2).sum();
    }

    @Override
    public String description() {
        return "test network '" + name + "', " + layers.size() + " layers, java (test)";
    }

    @Override
    public void run(byte[] input, int width, int height, short[] output) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        runs++;
        int plane = width * height;
        int[] x = new int[7 * plane];
        for (int i = 0; i < x.length; i++) {
            x[i] = input[i] & 0xFF;
        }
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            int r = (layer.kernel() - 1) / 2;
            int s = layer.shift();
            int[] y = new int[layer.out() * plane];
            for (int c = 0; c < layer.out(); c++) {
                int m = layer.multiplier()[c];
                for (int yy = 0; yy < height; yy++) {
                    for (int xx = 0; xx < width; xx++) {
                        int acc = 0;
                        for (int i = 0; i < layer.in(); i++) {
                            for (int ky = 0; ky < layer.kernel(); ky++) {
                                for (int kx = 0; kx < layer.kernel(); kx++) {
                                    int sy = yy + ky - r;
                                    int sx = xx + kx - r;
                                    int v = sy >= 0 && sy < height && sx >= 0 && sx < width
                                            ? x[i * plane + sy * width + sx] : 0;
                                    acc += layer.weight()[c][i][ky][kx] * v;
                                }
                            }
                        }
                        int t = acc * m + (layer.bias()[c] * m + (1 << (s - 1)));
                        int v;
                        if (!last) {
                            v = (int) (Math.clamp((long) t, 0L, (256L << s) - 1) >> s);
                        } else {
                            v = (int) (Math.clamp((long) t + (2048L << s), 0L, (4096L << s) - 1) >> s) - 2048;
                        }
                        y[c * plane + yy * width + xx] = v;
                    }
                }
            }
            x = y;
        }
        for (int i = 0; i < 6 * plane; i++) {
            output[i] = (short) x[i];
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
