package io.inlay.testvectors;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.core.ChromaFormat;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.Y4mReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Encoding, decoding, clip reading and sample digests for the testvectors tests, through the public API only. */
final class Codec {
    private Codec() {
    }

    /** A clip excerpt: its format and pictures. */
    record Clip(String name, VideoFormat format, List<Picture> pictures) {
    }

    /** An encoded stream (container bytes) and the encoder's reconstructions in display order. */
    record Encoded(byte[] stream, List<Picture> reconstructions) {
    }

    /** The first {@code frames} pictures of {@code testvectors/clips/<file>}. */
    static Clip readClip(String file, int frames) {
        try (InputStream in = Files.newInputStream(TestPaths.clips().resolve(file))) {
            Y4mReader r = new Y4mReader(in);
            List<Picture> pics = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                Picture p = r.format().allocatePicture(0);
                if (!r.read(p)) {
                    throw new IllegalStateException(file + " has only " + i + " frames");
                }
                pics.add(p);
            }
            return new Clip(file, r.format(), pics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A deterministic synthetic picture sequence: a diagonal gradient with a moving bright square
     * and seeded noise, so that it is neither flat nor random; chroma has its own slower gradients.
     */
    static List<Picture> synthetic(int width, int height, int bitDepth, int frames, long seed) {
        Random r = new Random(seed);
        int max = (1 << bitDepth) - 1;
        int scale = 1 << (bitDepth - 8);
        List<Picture> pics = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            Picture p = Picture.allocate(width, height, bitDepth, ChromaFormat.YUV420, 0);
            Plane y = p.plane(0);
            int sq = Math.max(4, Math.min(width, height) / 3);
            int sx = (f * 7) % Math.max(1, width - sq);
            int sy = (f * 5) % Math.max(1, height - sq);
            for (int j = 0; j < height; j++) {
                for (int i = 0; i < width; i++) {
                    int v = (16 + (i * 3 + j * 2) % 200) * scale + r.nextInt(9 * scale) - 4 * scale;
                    if (i >= sx && i < sx + sq && j >= sy && j < sy + sq) {
                        v = 235 * scale - (i - sx) * scale;
                    }
                    y.set(i, j, Math.clamp(v, 0, max));
                }
            }
            for (int c = 1; c < 3; c++) {
                Plane pc = p.plane(c);
                for (int j = 0; j < pc.height(); j++) {
                    for (int i = 0; i < pc.width(); i++) {
                        int v = (c == 1 ? 128 + (i - j) : 128 + (i + j) / 2 - 20) * scale + r.nextInt(3 * scale) - scale;
                        pc.set(i, j, Math.clamp(v, 0, max));
                    }
                }
            }
            pics.add(p);
        }
        return pics;
    }

    /** Encodes {@code pictures} with {@code config} (reconstructions are always kept). */
    static Encoded encode(EncoderConfig config, List<Picture> pictures) {
        return encode(config, pictures, false);
    }

    /**
     * Encodes {@code pictures} with {@code config}, repeating the sequence header before every I
     * frame but the first when {@code repeatHeaders} (as {@code inlay encode} does).
     */
    static Encoded encode(EncoderConfig config, List<Picture> pictures, boolean repeatHeaders) {
        Encoder enc = Encoder.create(config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Picture> recon = new ArrayList<>();
        try (ContainerWriter out = new ContainerWriter(bytes).repeatSequenceHeaderAtIFrames(repeatHeaders)) {
            out.writeSequenceHeader(enc.sequenceHeader());
            for (Picture pic : pictures) {
                enc.push(pic);
                drain(enc, out, recon);
            }
            enc.flush();
            drain(enc, out, recon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Encoded(bytes.toByteArray(), recon);
    }

    private static void drain(Encoder enc, ContainerWriter out, List<Picture> recon) throws IOException {
        for (Packet p; (p = enc.pull()) != null; ) {
            out.writePacket(p);
        }
        for (Picture p; (p = enc.pullReconstruction()) != null; ) {
            recon.add(p);
        }
    }

    /** Decodes a whole stream with the default limits. */
    static List<Picture> decode(byte[] stream) throws IOException {
        return decode(stream, ContainerLimits.DEFAULT);
    }

    /**
     * Decodes a whole stream, reading the container and configuring the decoder with
     * {@code limits}; pictures in display order. Packets are pushed with their stream offsets, so
     * errors name offsets in {@code stream}. Any malformation surfaces as {@link BitstreamException}.
     */
    static List<Picture> decode(byte[] stream, ContainerLimits limits) throws IOException {
        return decode(stream, DecoderConfig.withLimits(limits));
    }

    /** As {@link #decode(byte[], ContainerLimits)}, with a whole decoder configuration. */
    static List<Picture> decode(byte[] stream, DecoderConfig config) throws IOException {
        List<Picture> out = new ArrayList<>();
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), config.limits());
             Decoder dec = Decoder.create(in.readSequenceHeader(), config, in.sequenceHeaderOffset())) {
            for (Packet p; (p = in.readPacket()) != null; ) {
                dec.push(p, in.payloadOffset());
                for (Picture pic; (pic = dec.pull()) != null; ) {
                    out.add(pic);
                }
            }
            dec.flush();
            for (Picture pic; (pic = dec.pull()) != null; ) {
                out.add(pic);
            }
        }
        return out;
    }

    /** Whether the sequence header of {@code stream} enables the neural loop filter. */
    static boolean usesNeuralFilter(byte[] stream) throws IOException {
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT)) {
            return in.readSequenceHeader().neuralLoopFilter();
        }
    }

    /** Whether the sequence header of {@code stream} enables learned intra prediction or learned inter interpolation. */
    static boolean usesLearnedPrediction(byte[] stream) throws IOException {
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT)) {
            var h = in.readSequenceHeader();
            return h.learnedIntra() || h.learnedInter();
        }
    }

    /** Decodes {@code stream} and counts the CTUs whose luma or chroma the neural loop filter changed. */
    static int filteredCtus(byte[] stream) throws IOException {
        int n = 0;
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT);
             Decoder dec = Decoder.create(in.readSequenceHeader(), DecoderConfig.defaults(), in.sequenceHeaderOffset())) {
            for (Packet p; (p = in.readPacket()) != null; ) {
                dec.push(p, in.payloadOffset());
                Decoder.NeuralFilterUsage u = dec.lastNeuralFilterUsage();
                if (u != null) {
                    n += (u.lumaScale() != 0 ? u.lumaOn() : 0) + (u.chromaScale() != 0 ? u.chromaOn() : 0);
                }
                while (dec.pull() != null) {
                    // pictures are not needed
                }
            }
        }
        return n;
    }

    /**
     * MD5 of decoded samples as {@code inlay decode --md5} defines it (io.inlay.cli.SampleDigest):
     * frames in display order, planes Y, Cb, Cr, rows top to bottom, visible samples only, one
     * byte per sample at 8 bits and two bytes little-endian above; the bytes of the y4m FRAME
     * payloads.
     */
    static String sampleMd5(List<Picture> pictures) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Picture p : pictures) {
            int bytesPerSample = p.bitDepth() > 8 ? 2 : 1;
            for (int c = 0; c < p.planeCount(); c++) {
                Plane plane = p.plane(c);
                byte[] row = new byte[plane.width() * bytesPerSample];
                for (int y = 0; y < plane.height(); y++) {
                    for (int x = 0; x < plane.width(); x++) {
                        int v = plane.get(x, y);
                        if (bytesPerSample == 1) {
                            row[x] = (byte) v;
                        } else {
                            row[2 * x] = (byte) v;
                            row[2 * x + 1] = (byte) (v >>> 8);
                        }
                    }
                    md5.update(row);
                }
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** PSNR of luma in dB, per picture and averaged over the pictures (DESIGN.md §7). */
    static double psnrY(List<Picture> reference, List<Picture> test) {
        double sum = 0;
        for (int i = 0; i < reference.size(); i++) {
            Plane a = reference.get(i).plane(0);
            Plane b = test.get(i).plane(0);
            long sse = 0;
            for (int y = 0; y < a.height(); y++) {
                for (int x = 0; x < a.width(); x++) {
                    long d = a.get(x, y) - b.get(x, y);
                    sse += d * d;
                }
            }
            double max = (1 << reference.get(i).bitDepth()) - 1;
            double mse = (double) sse / ((long) a.width() * a.height());
            sum += sse == 0 ? 100 : 10 * Math.log10(max * max / mse);
        }
        return sum / reference.size();
    }
}
