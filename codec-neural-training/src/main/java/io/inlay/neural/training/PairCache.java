package io.inlay.neural.training;

import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.core.ChromaFormat;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Training pairs (source, deblocked reconstruction, frame QP) made with Inlay's encoder, the
 * neural filter off (explicitly: with codec-neural on the class path it is on by default), and cached on disk so that reruns skip the encoding. One cache file per
 * (source, GOP structure, QP): {@code <name>_<gop>_q<qp>.pairs}.
 *
 * <p>Cache file: "NLFP", int width, int height, int frames (even width and height: an odd
 * source is cropped), then per frame int qp and the planes origY, origCb, origCr, recY, recCb,
 * recCr as unsigned bytes (8-bit sources only).
 */
public final class PairCache {

    /** One coded frame: 8-bit planes of the source and of the deblocked reconstruction. */
    public record Frame(String source, int width, int height, int qp, byte[][] orig, byte[][] rec) {
        public int chromaWidth() {
            return width / 2;
        }

        public int chromaHeight() {
            return height / 2;
        }
    }

    /** What to encode: {@code frames} first frames of {@code path} with {@code gop} at each QP. */
    public record Job(String name, Path path, GopStructure gop, int frames, int[] qps) {
        String key(int qp) {
            return name + "_" + gop.shortName() + "_q" + qp;
        }
    }

    private final Path dir;

    public PairCache(Path dir) {
        this.dir = dir;
    }

    /** Encodes every (job, QP) whose cache file is missing, on {@code threads} threads. */
    public void ensure(List<Job> jobs, int threads, java.io.PrintStream log) throws IOException {
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Job j : jobs) {
                for (int qp : j.qps()) {
                    Path f = dir.resolve(j.key(qp) + ".pairs");
                    if (Files.exists(f)) {
                        continue;
                    }
                    fs.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        try {
                            encode(j, qp, f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        synchronized (log) {
                            log.printf("encoded %s in %.1f s%n", j.key(qp), (System.nanoTime() - t0) * 1e-9);
                            log.flush();
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IOException("encoding failed", e);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Whether every QP of {@code job} is cached. */
    public boolean cached(Job job) {
        for (int qp : job.qps()) {
            if (!Files.exists(dir.resolve(job.key(qp) + ".pairs"))) {
                return false;
            }
        }
        return true;
    }

    /** Reads the cached frames of {@code job} at every QP. */
    public List<Frame> load(Job job) throws IOException {
        List<Frame> out = new ArrayList<>();
        for (int qp : job.qps()) {
            Path f = dir.resolve(job.key(qp) + ".pairs");
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 20))) {
                if (in.readInt() != 0x4E4C4650) {
                    throw new IOException(f + ": not a pair cache");
                }
                int w = in.readInt();
                int h = in.readInt();
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    int fqp = in.readInt();
                    byte[][] o = readPlanes(in, w, h);
                    byte[][] r = readPlanes(in, w, h);
                    out.add(new Frame(job.key(qp) + "#" + i, w, h, fqp, o, r));
                }
            }
        }
        return out;
    }

    private static byte[][] readPlanes(DataInputStream in, int w, int h) throws IOException {
        byte[][] p = {new byte[w * h], new byte[w * h / 4], new byte[w * h / 4]};
        for (byte[] b : p) {
            in.readFully(b);
        }
        return p;
    }

    private void encode(Job job, int qp, Path file) throws IOException {
        List<Picture> src = readSource(job.path(), job.frames());
        Picture first = src.get(0);
        EncoderConfig.Builder b = EncoderConfig.builder(first.width(), first.height()).qp(qp).gop(job.gop())
                .keepReconstruction(true).neuralFilter(false);
        Encoder enc = Encoder.create(b.build());
        Map<Integer, Integer> qpOfPoc = new HashMap<>();
        List<Picture> recon = new ArrayList<>();
        for (Picture p : src) {
            enc.push(p);
            drain(enc, qpOfPoc, recon);
        }
        enc.flush();
        drain(enc, qpOfPoc, recon);
        if (recon.size() != src.size()) {
            throw new IllegalStateException(job.key(qp) + ": " + recon.size() + " reconstructions for " + src.size());
        }
        int w = first.width() & ~1;
        int h = first.height() & ~1;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            out.writeInt(0x4E4C4650);
            out.writeInt(w);
            out.writeInt(h);
            out.writeInt(src.size());
            for (int i = 0; i < src.size(); i++) {
                out.writeInt(qpOfPoc.get(i));
                writePlanes(out, src.get(i), w, h);
                writePlanes(out, recon.get(i), w, h);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void drain(Encoder enc, Map<Integer, Integer> qpOfPoc, List<Picture> recon) {
        for (Packet p; (p = enc.pull()) != null; ) {
            try {
                qpOfPoc.put(p.poc(), frameQp(p));
            } catch (Exception e) {
                throw new IllegalStateException("cannot parse frame header of POC " + p.poc(), e);
            }
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recon.add(r);
        }
    }

    /**
     * frame_qp of a packet. Reflection keeps this working across the frame-header API change that
     * added the NLF flag ({@code parse(Packet, boolean)}; the sequences here never enable the NLF).
     */
    static int frameQp(Packet p) throws ReflectiveOperationException {
        Object fh;
        try {
            fh = FrameHeader.class.getMethod("parse", Packet.class, boolean.class).invoke(null, p, false);
        } catch (NoSuchMethodException e) {
            fh = FrameHeader.class.getMethod("parse", Packet.class).invoke(null, p);
        }
        return ((FrameHeader) fh).frameQp();
    }

    private static void writePlanes(DataOutputStream out, Picture p, int w, int h) throws IOException {
        for (int c = 0; c < 3; c++) {
            Plane pl = p.plane(c);
            int pw = c == 0 ? w : w / 2;
            int ph = c == 0 ? h : h / 2;
            byte[] row = new byte[pw];
            short[] s = pl.samples();
            for (int y = 0; y < ph; y++) {
                int idx = pl.index(0, y);
                for (int x = 0; x < pw; x++) {
                    row[x] = (byte) s[idx + x];
                }
                out.write(row);
            }
        }
    }

    /** The first {@code frames} pictures of a y4m file, or the RGB image of a PNG as BT.601 limited-range 4:2:0. */
    static List<Picture> readSource(Path path, int frames) throws IOException {
        List<Picture> out = new ArrayList<>();
        if (path.toString().endsWith(".png")) {
            out.add(fromRgb(ImageIO.read(path.toFile())));
            return out;
        }
        try (VideoReader r = VideoFiles.openReader(path, null)) {
            VideoFormat f = r.format();
            if (f.bitDepth() != 8 || f.chromaFormat() != ChromaFormat.YUV420) {
                throw new IOException(path + ": 8-bit 4:2:0 only");
            }
            while (out.size() < frames) {
                Picture p = f.allocatePicture(Picture.DEFAULT_PADDING);
                if (!r.read(p)) {
                    break;
                }
                out.add(p);
            }
        }
        return out;
    }

    /** RGB to Y'CbCr BT.601 limited range, chroma as the rounded mean of each 2x2 block. */
    static Picture fromRgb(BufferedImage img) {
        int w = img.getWidth() & ~1;
        int h = img.getHeight() & ~1;
        Picture p = Picture.allocate(w, h, 8, ChromaFormat.YUV420, Picture.DEFAULT_PADDING);
        double[] cb = new double[w * h];
        double[] cr = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                double r = (rgb >> 16) & 255;
                double g = (rgb >> 8) & 255;
                double b = rgb & 255;
                double yy = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
                p.plane(0).set(x, y, clip8(Math.round(yy)));
                cb[y * w + x] = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255.0;
                cr[y * w + x] = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255.0;
            }
        }
        for (int y = 0; y < h / 2; y++) {
            for (int x = 0; x < w / 2; x++) {
                int i = 2 * y * w + 2 * x;
                p.plane(1).set(x, y, clip8(Math.round((cb[i] + cb[i + 1] + cb[i + w] + cb[i + w + 1]) / 4)));
                p.plane(2).set(x, y, clip8(Math.round((cr[i] + cr[i + 1] + cr[i + w] + cr[i + w + 1]) / 4)));
            }
        }
        return p;
    }

    private static int clip8(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }
}
