package io.inlay.bench.rd;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.cli.rd.RdPoint;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.metrics.FrameQuality;
import io.inlay.core.metrics.QualityMeter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;

/**
 * Encodes a clip with Inlay in-process through the public API, decodes the stream, checks that
 * the decoder's output equals the encoder's reconstruction sample for sample, and measures the
 * decoded frames against the source.
 *
 * <p>Order: the encoder emits packets in coding order (out of display order with random access),
 * but both {@link Encoder#pullReconstruction()} and {@link Decoder#pull()} give pictures in
 * display order, so the i-th decoded picture is compared with the i-th reconstruction and
 * measured against the i-th source picture. The packets' POCs must be 0..n-1, each once.
 *
 * <p>Timing: the encode time covers pushing the frames (already in memory) and writing the
 * container to memory; the decode time covers reading the container and decoding, not the
 * bit-exact comparison. Both run on the calling thread, and with {@link #InlayRunner(int)} more
 * than one thread also on a pool of their own each (frame threads, docs/threading.md). The row,
 * but for its times, does not depend on the threads. One runner may serve several threads.
 */
public final class InlayRunner {
    private final int threads;

    /** A runner whose encoders and decoders are single-threaded. */
    public InlayRunner() {
        this(1);
    }

    /** A runner whose encoders and decoders each use {@code threads} threads (1 or more). */
    public InlayRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, is " + threads);
        }
        this.threads = threads;
    }

    /** The decoder's output differs from the encoder's reconstruction: an encoder/decoder mismatch. */
    public static final class ReconstructionMismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ReconstructionMismatchException(String message) {
            super(message);
        }
    }

    /**
     * The row for {@code clip} coded with {@code config} at {@code qp}.
     *
     * @throws ReconstructionMismatchException if a decoded picture differs from the reconstruction
     * @throws IOException if the clip cannot be read or the stream does not decode
     */
    public RdResult run(Clip clip, InlayConfig config, int qp) throws IOException {
        List<Picture> source = clip.readFrames();
        EncoderConfig cfg = config.builder(clip.format(), qp).keepReconstruction(true).threads(threads).build();
        if (cfg.keyint() != config.keyint()) {
            // The anchors run with config.keyint(): it must be what the encoder does.
            throw new IllegalStateException("configuration " + config.name() + " declares key-frame interval "
                    + config.keyint() + " but the encoder runs with " + cfg.keyint());
        }
        ArrayDeque<Picture> recon = new ArrayDeque<>();
        BitSet pocs = new BitSet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        long t0 = System.nanoTime();
        try (Encoder encoder = Encoder.create(cfg)) {
            ContainerWriter writer = new ContainerWriter(bytes);
            writer.writeSequenceHeader(encoder.sequenceHeader());
            for (Picture p : source) {
                encoder.push(p);
                drain(encoder, writer, recon, pocs, source.size());
            }
            encoder.flush();
            drain(encoder, writer, recon, pocs, source.size());
            writer.flush();
        }
        long encodeNanos = System.nanoTime() - t0;
        byte[] stream = bytes.toByteArray();
        String what = "inlay/" + config.name() + " " + clip.name() + " qp " + qp;
        if (recon.size() != source.size()) {
            throw new IllegalStateException(what + ": " + recon.size() + " reconstructions for " + source.size()
                    + " pictures");
        }
        if (pocs.cardinality() != source.size()) {
            throw new IllegalStateException(what + ": " + pocs.cardinality() + " packets for " + source.size()
                    + " pictures");
        }

        QualityMeter meter = new QualityMeter();
        long decodeNanos = 0;
        int decoded = 0;
        long t1 = System.nanoTime();
        ContainerReader reader = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT);
        try (Decoder decoder = Decoder.create(reader.readSequenceHeader(), DecoderConfig.defaults().withThreads(threads))) {
            decodeNanos += System.nanoTime() - t1;
            while (true) {
                long t = System.nanoTime();
                Packet packet = reader.readPacket();
                if (packet == null) {
                    decoder.flush();
                } else {
                    decoder.push(packet, reader.payloadOffset());
                }
                decodeNanos += System.nanoTime() - t;
                // Display order on both sides (see the class comment).
                for (Picture out; (out = decoder.pull()) != null; ) {
                    if (decoded >= source.size()) {
                        throw new IllegalStateException(what + ": the decoder output more than " + source.size() + " pictures");
                    }
                    checkSameSamples(recon.poll(), out, what + " frame " + decoded);
                    meter.add(source.get(decoded), out);
                    decoded++;
                }
                if (packet == null) {
                    break;
                }
            }
        }
        if (decoded != source.size()) {
            throw new ReconstructionMismatchException(what + ": the decoder output " + decoded + " pictures, the encoder coded "
                    + source.size());
        }
        FrameQuality q = meter.mean();
        RdPoint p = new RdPoint("inlay", config.name(), clip.name(), qp, stream.length, source.size(), clip.frameRate(),
                q.psnrY(), q.psnrU(), q.psnrV(), q.psnrYuv(), q.ssimY(), encodeNanos * 1e-9, decodeNanos * 1e-9);
        return new RdResult(p, false);
    }

    /** Writes the ready packets, recording their POCs (each must be below {@code pictures} and new). */
    private static void drain(Encoder encoder, ContainerWriter writer, ArrayDeque<Picture> recon, BitSet pocs,
            int pictures) throws IOException {
        for (Packet p; (p = encoder.pull()) != null; ) {
            if (p.poc() >= pictures || pocs.get(p.poc())) {
                throw new IllegalStateException("packet POC " + p.poc() + " repeated or not below " + pictures
                        + " (the pictures pushed)");
            }
            pocs.set(p.poc());
            writer.writePacket(p);
        }
        for (Picture r; (r = encoder.pullReconstruction()) != null; ) {
            recon.add(r);
        }
    }

    /**
     * Fails loudly, naming the plane and the first differing sample, unless {@code decoded} has
     * the geometry and every visible sample of {@code reconstruction}.
     */
    static void checkSameSamples(Picture reconstruction, Picture decoded, String what) {
        if (reconstruction == null || reconstruction.width() != decoded.width()
                || reconstruction.height() != decoded.height() || reconstruction.bitDepth() != decoded.bitDepth()
                || reconstruction.chromaFormat() != decoded.chromaFormat()) {
            throw new ReconstructionMismatchException(what + ": decoded picture " + decoded.width() + "x" + decoded.height()
                    + " does not match the encoder's reconstruction "
                    + (reconstruction == null ? "(none)" : reconstruction.width() + "x" + reconstruction.height()));
        }
        for (int c = 0; c < reconstruction.planeCount(); c++) {
            Plane r = reconstruction.plane(c);
            Plane d = decoded.plane(c);
            short[] rs = r.samples();
            short[] ds = d.samples();
            for (int y = 0; y < r.height(); y++) {
                int ri = r.index(0, y);
                int di = d.index(0, y);
                for (int x = 0; x < r.width(); x++) {
                    if (rs[ri + x] != ds[di + x]) {
                        throw new ReconstructionMismatchException(what + ": decoder output differs from the encoder's "
                                + "reconstruction in plane " + "YUV".charAt(c) + " at (" + x + ", " + y + "): decoded "
                                + ds[di + x] + ", reconstructed " + rs[ri + x]);
                    }
                }
            }
        }
    }
}
