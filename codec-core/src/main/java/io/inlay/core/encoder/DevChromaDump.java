package io.inlay.core.encoder;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.intra.IntraModes;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.recon.BlockReconstructor;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.syntax.CodingTree;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * DEV (experiment, not for merging): with {@code -Dinlay.dev.chromaDump=FILE}, every intra CU of
 * 8x8..32x32 whose luma is learned gets one line per chroma component:
 * {@code qp,log2n,comp,chosenIdx,sse0..sse5,refs(4n+1),orig(n*n),luma(2n*2n),lumaTop(2n),lumaLeft(2n)},
 * the SSEs of the six chroma candidates' predictions (index as intra_chroma_pred_mode), from the
 * frame's final reconstruction before the loop filters.
 */
final class DevChromaDump {
    static final String FILE = System.getProperty("inlay.dev.chromaDump");
    static final boolean ON = FILE != null;
    private static PrintStream out;

    private DevChromaDump() {
    }

    static synchronized void dump(Picture orig, Picture recon, FrameMaps maps, int qp, Kernels kernels) {
        if (out == null) {
            try {
                out = new PrintStream(new FileOutputStream(FILE, true), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        BlockReconstructor rec = new BlockReconstructor(maps, recon, kernels);
        int[] refs = new int[4 * 16 + 1];
        int[] pred = new int[16 * 16];
        Plane lo = recon.plane(0);
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < maps.height(); y += 8) {
            for (int x = 0; x < maps.width(); x += 8) {
                int l = maps.cuLog2(x, y);
                if (l > 5 || (x & ((1 << l) - 1)) != 0 || (y & ((1 << l) - 1)) != 0 || maps.isInter(x, y)
                        || !IntraModes.isLearned(maps.lumaMode(x, y))) {
                    continue;
                }
                int lc = l - 1;
                int n = 1 << lc;
                int dm = maps.derivedLumaMode(x, y);
                int chosen = CodingTree.chromaModeIndex(maps.chromaMode(x, y), dm);
                for (int c = 1; c <= 2; c++) {
                    Plane o = orig.plane(c);
                    rec.prepareIntra(c, x >> 1, y >> 1, lc);
                    sb.setLength(0);
                    sb.append(qp).append(',').append(lc).append(',').append(c).append(',').append(chosen);
                    for (int idx = 0; idx < 6; idx++) {
                        rec.predict(c, lc, CodingTree.chromaMode(idx, dm), pred);
                        long sse = 0;
                        for (int j = 0; j < n; j++) {
                            for (int i = 0; i < n; i++) {
                                int d = o.get((x >> 1) + i, (y >> 1) + j) - pred[j * n + i];
                                sse += (long) d * d;
                            }
                        }
                        sb.append(',').append(sse);
                    }
                    rec.intraReferences(lc, refs);
                    for (int k = 0; k < 4 * n + 1; k++) {
                        sb.append(',').append(refs[k]);
                    }
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < n; i++) {
                            sb.append(',').append(o.get((x >> 1) + i, (y >> 1) + j));
                        }
                    }
                    for (int j = 0; j < 2 * n; j++) {
                        for (int i = 0; i < 2 * n; i++) {
                            sb.append(',').append(lo.get(x + i, y + j));
                        }
                    }
                    for (int i = 0; i < 2 * n; i++) {
                        sb.append(',').append(y > 0 ? lo.get(x + i, y - 1) : -1);
                    }
                    for (int j = 0; j < 2 * n; j++) {
                        sb.append(',').append(x > 0 ? lo.get(x - 1, y + j) : -1);
                    }
                    out.println(sb);
                }
            }
        }
        out.flush();
    }
}
