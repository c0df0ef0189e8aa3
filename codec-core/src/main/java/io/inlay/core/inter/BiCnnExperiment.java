package io.inlay.core.inter;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * TEMPORARY in-loop check of the learned bi-prediction refinement (docs/learned-inter.md, "Learned
 * bi-prediction refinement (CNN), offline study", step 3): with {@code -Dinlay.biCnn=WEIGHTS} (a network
 * written by {@code TrainBiCnn --save}, 4 inputs with the QP plane) the encoder's {@link InterPredictor}
 * refines the luma of every bi-predicted block in floating point: the default prediction before its final
 * rounding plus the network's residual, rounded. Encoder only (the decoder does not apply it: the probe
 * measures the encoder's reconstruction); 8-bit video only. Not normative, not a tool: remove with the
 * experiment.
 */
final class BiCnnExperiment {
    static final BiCnnExperiment NET = load(System.getProperty("inlay.biCnn"));

    private static final int K = 3;
    private final int layers;
    private final int inputs;
    private final int[] chIn;
    private final int[] chOut;
    private final float[][] w;
    private final float[][] b;
    private final int maxCh;

    private BiCnnExperiment(DataInputStream in) throws IOException {
        layers = in.readInt();
        int channels = in.readInt();
        inputs = in.readInt();
        if (inputs != 4) {
            throw new IOException("inlay.biCnn: a network with the QP plane (4 inputs) is expected");
        }
        chIn = new int[layers];
        chOut = new int[layers];
        w = new float[layers][];
        b = new float[layers][];
        int mc = inputs;
        for (int l = 0; l < layers; l++) {
            chIn[l] = l == 0 ? inputs : channels;
            chOut[l] = l == layers - 1 ? 1 : channels;
            mc = Math.max(mc, chOut[l]);
            w[l] = new float[chOut[l] * chIn[l] * K * K];
            b[l] = new float[chOut[l]];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = in.readFloat();
            }
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = in.readFloat();
            }
        }
        maxCh = mc;
    }

    private static BiCnnExperiment load(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(path)))) {
            return new BiCnnExperiment(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per-thread scratch. */
    final class Scratch {
        final float[] a = new float[maxCh * 66 * 66];
        final float[] c = new float[maxCh * 66 * 66];
        final float[] pbar = new float[64 * 64];
        final float[] acc = new float[64];
        final short[] flow16 = new short[64 * 64];
    }

    Scratch scratch() {
        return new Scratch();
    }

    /**
     * Refines {@code dst} (w x h, 8-bit) from the intermediates {@code p0}, {@code p1} (stride w) and the
     * unrounded default {@code s.pbar} (samples, stride w), QP plane {@code (qp - 30) / 8}.
     */
    void refine(Scratch s, short[] p0, short[] p1, int wd, int ht, int qp, short[] dst, int dstOff, int dstStride) {
        int p = wd + 2;
        int pl = p * (ht + 2);
        float[] cur = s.a;
        float[] nx = s.c;
        Arrays.fill(cur, 0, inputs * pl, 0f);
        float q = (qp - 30) / 8f;
        for (int y = 0; y < ht; y++) {
            for (int x = 0; x < wd; x++) {
                int i = y * wd + x;
                int j = (y + 1) * p + x + 1;
                float d = s.pbar[i];
                cur[j] = ((p0[i] + 8192) / 64f - d) / 8f;
                cur[j + pl] = ((p1[i] + 8192) / 64f - d) / 8f;
                cur[j + 2 * pl] = (d - 128f) / 64f;
                cur[j + 3 * pl] = q;
            }
        }
        float[] acc = s.acc;
        for (int l = 0; l < layers; l++) {
            int ci = chIn[l];
            int co = chOut[l];
            boolean last = l == layers - 1;
            if (!last) {
                Arrays.fill(nx, 0, co * pl, 0f);
            }
            for (int c = 0; c < co; c++) {
                for (int y = 0; y < ht; y++) {
                    Arrays.fill(acc, 0, wd, b[l][c]);
                    for (int i = 0; i < ci; i++) {
                        int base = i * pl;
                        for (int ky = 0; ky < K; ky++) {
                            int row = base + (y + ky) * p;
                            for (int kx = 0; kx < K; kx++) {
                                float wt = w[l][((c * ci + i) * K + ky) * K + kx];
                                int o = row + kx;
                                for (int x = 0; x < wd; x++) {
                                    acc[x] += wt * cur[o + x];
                                }
                            }
                        }
                    }
                    if (last) {
                        for (int x = 0; x < wd; x++) {
                            dst[dstOff + y * dstStride + x] = (short) Math.clamp(Math.round(s.pbar[y * wd + x] + acc[x]),
                                    0, 255);
                        }
                    } else {
                        int d = c * pl + (y + 1) * p + 1;
                        for (int x = 0; x < wd; x++) {
                            nx[d + x] = Math.max(0f, acc[x]);
                        }
                    }
                }
            }
            float[] t = cur;
            cur = nx;
            nx = t;
        }
    }
}
