package io.inlay.core.intra;

import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.Preset;
import io.inlay.core.codec.RdProbe;
import io.inlay.core.syntax.CodingTreeWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** DEV (not committed): squared error per component in the areas of learned-luma CUs of the tool-on encode, on vs off. */
public final class DevChromaSplit {
    public static void main(String[] args) throws Exception {
        LearnedIntraModel model = LearnedIntraModel.parse(Files.readAllBytes(Path.of(args[0])));
        for (int a = 2; a < args.length; a++) {
            RdProbe.Clip c = RdProbe.Clip.read(args[a], Integer.parseInt(args[1]));
            String clip = Path.of(args[a]).getFileName().toString();
            for (int qp : new int[] {22, 27, 32, 37}) {
                CodingTreeWriter.DEV_CUS.clear();
                List<Picture> on = encode(c, qp, model);
                List<int[]> cus = new ArrayList<>(CodingTreeWriter.DEV_CUS);
                CodingTreeWriter.DEV_CUS.clear();
                List<Picture> off = encode(c, qp, null);
                long[] hOn = new long[7], hOff = new long[7];
                for (int[] cu : cus) {
                    if (cu.length > 1) {
                        hOn[cu[5] == 1 ? 1 : Integer.numberOfTrailingZeros(cu[2])] += (long) cu[2] * cu[2];
                    }
                }
                for (int[] cu : CodingTreeWriter.DEV_CUS) {
                    if (cu.length > 1) {
                        hOff[cu[5] == 1 ? 1 : Integer.numberOfTrailingZeros(cu[2])] += (long) cu[2] * cu[2];
                    }
                }
                System.out.println("cu area NxN,8..64 on " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(hOn, 1, 7))
                        + " off " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(hOff, 1, 7)));
                int w = c.format().width(), h = c.format().height();
                List<boolean[]> masks = new ArrayList<>();
                boolean[] m = null;
                long[] sizeArea = new long[7];
                for (int[] cu : cus) {
                    if (cu.length == 1) {
                        m = new boolean[w * h];
                        masks.add(m);
                        continue;
                    }
                    if (cu[3] == 1) {
                        sizeArea[Integer.numberOfTrailingZeros(cu[2])] += (long) cu[2] * cu[2];
                        for (int j = cu[1]; j < Math.min(h, cu[1] + cu[2]); j++) {
                            for (int i = cu[0]; i < Math.min(w, cu[0] + cu[2]); i++) {
                                m[j * w + i] = true;
                            }
                        }
                    }
                }
                double[][] sse = new double[4][3]; // [on learned, on other, off learned, off other][comp]
                long[] area = new long[2];
                for (int f = 0; f < c.frames().size(); f++) {
                    boolean[] mk = masks.get(f);
                    for (int comp = 0; comp < 3; comp++) {
                        int sh = comp == 0 ? 0 : 1;
                        Plane o = c.frames().get(f).plane(comp), p1 = on.get(f).plane(comp), p0 = off.get(f).plane(comp);
                        for (int j = 0; j < h >> sh; j++) {
                            for (int i = 0; i < w >> sh; i++) {
                                int k = mk[(j << sh) * w + (i << sh)] ? 0 : 1;
                                double d1 = o.get(i, j) - p1.get(i, j), d0 = o.get(i, j) - p0.get(i, j);
                                sse[k][comp] += d1 * d1;
                                sse[2 + k][comp] += d0 * d0;
                                if (comp == 0) {
                                    area[k]++;
                                }
                            }
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%s,%d,learnedShare=%.3f,sizes4..64=%s, dSSE%% learned Y %+.2f U %+.2f V %+.2f | other Y %+.2f U %+.2f V %+.2f | total Y %+.2f U %+.2f V %+.2f%n",
                        clip, qp, area[0] / (double) (area[0] + area[1]), java.util.Arrays.toString(java.util.Arrays.copyOfRange(sizeArea, 2, 7)),
                        pct(sse[0][0], sse[2][0]), pct(sse[0][1], sse[2][1]), pct(sse[0][2], sse[2][2]),
                        pct(sse[1][0], sse[3][0]), pct(sse[1][1], sse[3][1]), pct(sse[1][2], sse[3][2]),
                        pct(sse[0][0] + sse[1][0], sse[2][0] + sse[3][0]), pct(sse[0][1] + sse[1][1], sse[2][1] + sse[3][1]),
                        pct(sse[0][2] + sse[1][2], sse[2][2] + sse[3][2]));
            }
        }
    }

    private static double pct(double a, double b) {
        return (a / b - 1) * 100;
    }

    private static List<Picture> encode(RdProbe.Clip c, int qp, LearnedIntraModel model) throws Exception {
        var f = c.format();
        EncoderConfig.Builder b = EncoderConfig.builder(f.width(), f.height()).bitDepth(f.bitDepth()).chromaFormat(f.chromaFormat())
                .qp(qp).gop(GopStructure.ALL_INTRA).keepReconstruction(true).threads(1).preset(Preset.SLOW);
        if (model != null) {
            b.learnedIntra(true).learnedIntraModel(model);
        }
        List<Picture> recons = new ArrayList<>();
        try (Encoder enc = Encoder.create(b.build())) {
            for (Picture p : c.frames()) {
                enc.push(p);
                drain(enc, recons);
            }
            enc.flush();
            drain(enc, recons);
        }
        return recons;
    }

    private static void drain(Encoder enc, List<Picture> recons) {
        for (Packet p; (p = enc.pull()) != null; ) {
            // bytes not needed
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
    }
}
