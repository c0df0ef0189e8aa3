package io.inlay.core.inter;

import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Preset;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Development probe for learned inter interpolation (docs/learned-inter.md), after
 * {@code LearnedIntraRdProbe}: encodes clips in process at the four QPs with a given model file
 * (or with the tool off) and prints one CSV line per clip and QP:
 * {@code clip,qp,bytes,psnrY,psnrU,psnrV,seconds}. Rate = frame payload bytes, PSNR of the
 * encoder's reconstruction, which equals the decoder's output (LearnedInterRoundTripTest), so a
 * model can be judged without bundling it. Deblocking on, no neural filter, one thread.
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.inter.LearnedInterRdProbe MODEL|off
 * ai|ra FRAMES PRESET CLIP...}.
 */
public final class LearnedInterRdProbe {
    private static final int[] QPS = {22, 27, 32, 37};

    private LearnedInterRdProbe() {
    }

    public static void main(String[] args) throws Exception {
        LearnedInterModel model = args[0].equals("off") ? null : LearnedInterModel.parse(Files.readAllBytes(Path.of(args[0])));
        GopStructure gop = args[1].equals("ai") ? GopStructure.ALL_INTRA : GopStructure.RANDOM_ACCESS;
        int frames = Integer.parseInt(args[2]);
        Preset preset = Preset.of(args[3]);
        for (int a = 4; a < args.length; a++) {
            List<Picture> src = new ArrayList<>();
            VideoFormat f;
            try (VideoReader r = VideoFiles.openReader(args[a], null)) {
                f = r.format();
                for (int i = 0; i < frames; i++) {
                    Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                    if (!r.read(p)) {
                        break;
                    }
                    src.add(p);
                }
            }
            String clip = Path.of(args[a]).getFileName().toString().replace(".y4m", "");
            for (int qp : QPS) {
                EncoderConfig.Builder b = EncoderConfig.builder(f.width(), f.height())
                        .bitDepth(f.bitDepth())
                        .chromaFormat(f.chromaFormat())
                        .frameRate(f.fpsNum() > 0 ? f.fpsNum() : 25, f.fpsNum() > 0 ? f.fpsDen() : 1)
                        .colourRange(f.colourRange() == VideoFormat.RANGE_FULL ? 1 : 0)
                        .qp(qp).gop(gop).keepReconstruction(true).threads(1).preset(preset);
                if (model != null) {
                    b.learnedInter(true).learnedInterModel(model);
                }
                long t0 = System.nanoTime();
                long bytes = 0;
                List<Picture> recons = new ArrayList<>();
                try (Encoder enc = Encoder.create(b.build())) {
                    for (Picture p : src) {
                        enc.push(p);
                        bytes += drain(enc, recons);
                    }
                    enc.flush();
                    bytes += drain(enc, recons);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double[] psnr = new double[3];
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < src.size(); i++) {
                        psnr[c] += psnr(src.get(i), recons.get(i), c) / src.size();
                    }
                }
                System.out.printf(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.4f,%.1f%n", clip, qp, bytes, psnr[0], psnr[1],
                        psnr[2], secs);
            }
        }
    }

    private static long drain(Encoder enc, List<Picture> recons) {
        long bytes = 0;
        for (Packet p; (p = enc.pull()) != null; ) {
            bytes += p.payload().length;
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
        return bytes;
    }

    private static double psnr(Picture a, Picture b, int c) {
        var pa = a.plane(c);
        var pb = b.plane(c);
        long sse = 0;
        for (int y = 0; y < pa.height(); y++) {
            for (int x = 0; x < pa.width(); x++) {
                int d = pa.get(x, y) - pb.get(x, y);
                sse += (long) d * d;
            }
        }
        int max = a.maxValue();
        return sse == 0 ? 100 : 10 * Math.log10((double) max * max * pa.width() * pa.height() / sse);
    }
}
