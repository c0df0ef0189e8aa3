package io.inlay.core.inter;

import io.inlay.core.kernels.Kernels;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The learned bi-prediction refinement's offline study (docs/learned-inter.md, "Learned bi-prediction
 * refinement (CNN), offline study"): writes the bi-predicted CUs collected by {@link BiRefinementPotential}
 * for the ND4J trainer ({@code io.inlay.neural.training.TrainBiCnn}, codec-neural-training), each with the
 * codec's default prediction ({@link BiRefinementPotential#defaultPrediction}) and the encoder's lambda of
 * its frame ({@link BiWeightStudy#lambda}), and prints the default prediction's error per clip and kind.
 *
 * <p>Run by {@code BiRefinementPotential} with {@code -Dinlay.bipVariants=cnnexport -Dinlay.bipExport=DIR}:
 * {@code DIR/train.bin} (training clips, a deterministic fraction {@code -Dinlay.bipExportFrac} of their
 * CUs, default 0.35) and {@code DIR/heldout.bin} (every held-out CU). Record, big-endian: int clip, qp, n,
 * tau0, tau1; byte merged, bcw, kind (0 average, 1 bi-flow, 2 weighted); float lambda; then n*n each of
 * org (unsigned byte), p0, p1 (short: predSamplesLX - 8192, 14 bits), the default prediction
 * (unsigned byte) and the default prediction before its final rounding in 1/16 sample (short: the average
 * and the weighted sum exactly rounded to 1/16, the bi-flow refinement as the kernel computes it at a 12-bit
 * output, i.e. the same flow and offset with a 4-bit smaller rounding shift).
 */
final class BiCnnExport {
    private BiCnnExport() {
    }

    static void run(List<BiRefinementPotential.Block> tr, List<BiRefinementPotential.Block> te, List<String> names)
            throws IOException {
        Path dir = Path.of(System.getProperty("inlay.bipExport", "bicnn-export"));
        Files.createDirectories(dir);
        double frac = Double.parseDouble(System.getProperty("inlay.bipExportFrac", "0.35"));
        write(dir.resolve("heldout.bin"), te, 1.0, names);
        write(dir.resolve("train.bin"), tr, frac, names);
    }

    private static void write(Path file, List<BiRefinementPotential.Block> bs, double frac, List<String> names)
            throws IOException {
        BiFlowRefinement flow = new BiFlowRefinement(Kernels.scalar().biFlowRefinement());
        short[] def = new short[64 * 64];
        short[] def16 = new short[64 * 64];
        int clips = names.size();
        double[][] sse = new double[clips][3];
        long[][] cnt = new long[clips][3];
        double[][] sseAvg = new double[clips][3];
        long blocks = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            long i = 0;
            for (BiRefinementPotential.Block k : bs) {
                i++;
                // deterministic subsample: a multiplicative hash of the block's index
                if (frac < 1 && ((i * 0x9E3779B97F4A7C15L) >>> 40) / (double) (1L << 24) >= frac) {
                    continue;
                }
                blocks++;
                int kind = BiRefinementPotential.defaultPrediction(k, flow, def);
                int n = k.n();
                for (int j = 0; j < n * n; j++) {
                    int a = k.p0()[j] + 8192;
                    int b = k.p1()[j] + 8192;
                    def16[j] = (short) switch (kind) {
                        case 2 -> {
                            int w1 = BiWeights.weight(k.bcw());
                            yield Math.clamp(((8 - w1) * a + w1 * b + 16) >> 5, 0, 4095);
                        }
                        case 0 -> Math.clamp((a + b + 4) >> 3, 0, 4095);
                        default -> 0;
                    };
                }
                if (kind == 1) {
                    flow.refine(k.p0(), 0, n, k.p1(), 0, n, n, 12, def16, 0, n);
                }
                out.writeInt(k.clip());
                out.writeInt(k.qp());
                out.writeInt(n);
                out.writeInt(k.tau0());
                out.writeInt(k.tau1());
                out.writeByte(k.merged() ? 1 : 0);
                out.writeByte(k.bcw());
                out.writeByte(kind);
                out.writeFloat((float) BiWeightStudy.lambda(k));
                for (int j = 0; j < n * n; j++) {
                    out.writeByte(k.org()[j]);
                }
                for (int j = 0; j < n * n; j++) {
                    out.writeShort(k.p0()[j]);
                }
                for (int j = 0; j < n * n; j++) {
                    out.writeShort(k.p1()[j]);
                }
                for (int j = 0; j < n * n; j++) {
                    out.writeShort(def16[j]);
                }
                for (int j = 0; j < n * n; j++) {
                    out.writeByte(def[j]);
                    int e = k.org()[j] - def[j];
                    sse[k.clip()][kind] += (double) e * e;
                    int avg = Math.clamp((k.p0()[j] + k.p1()[j] + 16384 + 64) >> 7, 0, 255);
                    int ea = k.org()[j] - avg;
                    sseAvg[k.clip()][kind] += (double) ea * ea;
                }
                cnt[k.clip()][kind] += (long) n * n;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d blocks%n", file, blocks);
        String[] kinds = {"average", "bi-flow", "weighted"};
        for (int c = 0; c < clips; c++) {
            long all = cnt[c][0] + cnt[c][1] + cnt[c][2];
            if (all == 0) {
                continue;
            }
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  %-28s", names.get(c)));
            for (int t = 0; t < 3; t++) {
                s.append(String.format(Locale.ROOT, " | %s %5.1f %% of samples, MSE %.2f (average %.2f)", kinds[t],
                        100.0 * cnt[c][t] / all, cnt[c][t] > 0 ? sse[c][t] / cnt[c][t] : 0,
                        cnt[c][t] > 0 ? sseAvg[c][t] / cnt[c][t] : 0));
            }
            System.out.println(s);
        }
    }
}
