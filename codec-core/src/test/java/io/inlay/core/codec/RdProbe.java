package io.inlay.core.codec;

import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Preset;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.metrics.FrameQuality;
import io.inlay.core.metrics.QualityMeter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The shared part of the learned tools' development probes ({@code LearnedIntraRdProbe},
 * {@code LearnedInterRdProbe}): encodes the first frames of each clip in process at QPs 22, 27,
 * 32 and 37 and prints one CSV line per clip and QP, {@code clip,qp,bytes,psnrY,psnrU,psnrV,seconds}.
 * Rate = frame payload bytes; PSNR of the encoder's reconstruction, which equals the decoder's
 * output (the tools' round-trip tests), so a model can be judged without bundling it. Deblocking
 * on, no neural filter, one thread.
 */
public final class RdProbe {
    private static final int[] QPS = {22, 27, 32, 37};
    /**
     * {@code -Dinlay.probe.chromaWeight=F}: the encoder's extra chroma weight
     * ({@link EncoderConfig#chromaWeight()}; default the encoder's default).
     */
    /** {@code -Dinlay.probe.chromaQpOffset=N}: the chroma QP offset (default -2, the encoder's). */
    private static final int CHROMA_QP_OFFSET = Integer.getInteger("inlay.probe.chromaQpOffset", -2);
    private static final double CHROMA_WEIGHT = Double.parseDouble(System.getProperty("inlay.probe.chromaWeight",
            Double.toString(EncoderConfig.Builder.DEFAULT_CHROMA_WEIGHT)));

    private RdProbe() {
    }

    /** A video file's format and its first pictures. */
    public record Clip(VideoFormat format, List<Picture> frames) {
        /** The first {@code frames} pictures of the file at {@code path} (fewer when it is shorter). */
        public static Clip read(String path, int frames) throws IOException {
            List<Picture> src = new ArrayList<>();
            try (VideoReader r = VideoFiles.openReader(path, null)) {
                VideoFormat f = r.format();
                for (int i = 0; i < frames; i++) {
                    Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                    if (!r.read(p)) {
                        break;
                    }
                    src.add(p);
                }
                return new Clip(f, src);
            }
        }
    }

    /** Encodes {@code clips} with {@code tool} applied to each configuration (the tool off: a no-op). */
    public static void run(GopStructure gop, int frames, Preset preset, List<String> clips,
                           Consumer<EncoderConfig.Builder> tool) throws IOException {
        for (String path : clips) {
            Clip c = Clip.read(path, frames);
            List<Picture> src = c.frames();
            VideoFormat f = c.format();
            String clip = Path.of(path).getFileName().toString().replace(".y4m", "");
            for (int qp : QPS) {
                EncoderConfig.Builder b = EncoderConfig.builder(f.width(), f.height())
                        .bitDepth(f.bitDepth())
                        .chromaFormat(f.chromaFormat())
                        .frameRate(f.fpsNum() > 0 ? f.fpsNum() : 25, f.fpsNum() > 0 ? f.fpsDen() : 1)
                        .colourRange(f.colourRange() == VideoFormat.RANGE_FULL ? 1 : 0)
                        .qp(qp).gop(gop).keepReconstruction(true).threads(1).preset(preset)
                        .chromaWeight(CHROMA_WEIGHT).chromaQpOffset(CHROMA_QP_OFFSET);
                tool.accept(b);
                long t0 = System.nanoTime();
                long bytes = 0;
                List<Picture> recons = new ArrayList<>();
                List<Packet> packets = new ArrayList<>();
                io.inlay.bitstream.SequenceHeader header;
                try (Encoder enc = Encoder.create(b.build())) {
                    for (Picture p : src) {
                        enc.push(p);
                        bytes += drain(enc, recons, packets);
                    }
                    enc.flush();
                    bytes += drain(enc, recons, packets);
                    header = enc.sequenceHeader();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (LIF_USAGE) {
                    lifUsage(clip, qp, header, packets);
                }
                FrameQuality q = QualityMeter.meanOf(src, recons);
                System.out.printf(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.4f,%.1f%n", clip, qp, bytes, q.psnrY(), q.psnrU(),
                        q.psnrV(), secs);
            }
        }
    }

    /**
     * With {@code -Dinlay.probe.lifUsage=true} each stream is also decoded and its learned
     * interpolation use ({@link Decoder#learnedInterUsage()}) printed to standard error:
     * {@code usage,clip,qp,inter,merged,amvpLearned,mergedLearned,amvpWeighted,mergedWeighted} (luma
     * samples).
     */
    private static final boolean LIF_USAGE = Boolean.getBoolean("inlay.probe.lifUsage");

    private static void lifUsage(String clip, int qp, io.inlay.bitstream.SequenceHeader header, List<Packet> packets) {
        try (Decoder dec = Decoder.create(header, io.inlay.core.DecoderConfig.defaults())) {
            for (Packet p : packets) {
                dec.push(p);
                while (dec.pull() != null) {
                    // only the counts are of interest
                }
            }
            dec.flush();
            while (dec.pull() != null) {
                // idem
            }
            Decoder.LearnedInterUsage u = dec.learnedInterUsage();
            System.err.printf(Locale.ROOT, "usage,%s,%d,%d,%d,%d,%d,%d,%d%n", clip, qp, u.interSamples(),
                    u.mergedSamples(), u.amvpLearnedSamples(), u.mergedLearnedSamples(), u.amvpWeightedSamples(),
                    u.mergedWeightedSamples());
        } catch (io.inlay.bitstream.BitstreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long drain(Encoder enc, List<Picture> recons, List<Packet> packets) {
        long bytes = 0;
        for (Packet p; (p = enc.pull()) != null; ) {
            bytes += p.payload().length;
            packets.add(p);
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
        return bytes;
    }
}
