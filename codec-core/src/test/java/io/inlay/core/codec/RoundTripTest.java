package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encoder reconstruction equals decoder output, bit for bit, on seeded synthetic pictures. */
class RoundTripTest {

    /** A picture of smooth gradients, an edge, texture and noise; seeded. */
    static Picture synthetic(int w, int h, int bitDepth, long seed) {
        Random rnd = new Random(seed);
        Picture p = Picture.allocate(w, h, bitDepth);
        int max = p.maxValue();
        double fx = 0.02 + rnd.nextDouble() * 0.2;
        double fy = 0.02 + rnd.nextDouble() * 0.2;
        int noise = 1 + rnd.nextInt(1 << (bitDepth - 4));
        for (int c = 0; c < 3; c++) {
            Plane pl = p.plane(c);
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    double v = 0.5 + 0.3 * Math.sin(x * fx + c) * Math.cos(y * fy)
                            + (x > pl.width() / 2 ? 0.15 : 0);
                    int s = (int) (v * max) + rnd.nextInt(2 * noise + 1) - noise;
                    pl.set(x, y, Math.max(0, Math.min(max, s)));
                }
            }
        }
        return p;
    }

    static Picture noise(int w, int h, int bitDepth, long seed) {
        Random rnd = new Random(seed);
        Picture p = Picture.allocate(w, h, bitDepth);
        for (int c = 0; c < 3; c++) {
            Plane pl = p.plane(c);
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    pl.set(x, y, rnd.nextInt(p.maxValue() + 1));
                }
            }
        }
        return p;
    }

    @ParameterizedTest(name = "{0}x{1} {2}-bit qp {3} rdoq {4} deblock {5} aq {6}")
    @CsvSource({
        "64, 64, 8, 32, true, true, 0",
        "17, 9, 8, 27, true, true, 0",
        "1, 1, 8, 22, true, true, 0",
        "100, 37, 8, 37, true, true, 0",
        "130, 70, 8, 22, false, true, 0",
        "72, 136, 8, 51, true, true, 2.5",
        "96, 64, 8, 0, true, false, 0",
        "66, 66, 10, 32, true, true, 1",
        "40, 24, 12, 12, true, true, 0",
        "200, 136, 8, 30, true, true, 3",
    })
    void encoderReconstructionEqualsDecoderOutput(int w, int h, int bitDepth, int qp, boolean rdoq, boolean deblock,
                                                  double aq)
            throws BitstreamException {
        long seed = 1000L * w + h + qp;
        for (int kind = 0; kind < 2; kind++) {
            Picture src = kind == 0 ? synthetic(w, h, bitDepth, seed) : noise(w, h, bitDepth, seed);
            assertRoundTrip(src, EncoderConfig.builder(w, h).bitDepth(bitDepth).qp(qp).rdoq(rdoq)
                    .deblocking(deblock).aqStrength(aq).keepReconstruction(true).build(), 2);
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3} frames keyint {4} gop {5} refs {6} qp {7}")
    @CsvSource({
        "RANDOM_ACCESS, 96, 64, 17, 64, 8, 2, 30",
        "RANDOM_ACCESS, 72, 40, 12, 5, 4, 3, 25",
        "RANDOM_ACCESS, 130, 70, 18, 64, 16, 4, 35",
        "LOW_DELAY, 96, 64, 9, 64, 8, 4, 30",
        "LOW_DELAY, 17, 9, 7, 3, 8, 2, 22",
        "LOW_DELAY_P, 100, 37, 9, 64, 8, 2, 32",
        "ALL_INTRA, 64, 64, 3, 64, 8, 2, 32",
    })
    void everyGopStructureRoundTrips(io.inlay.core.GopStructure gop, int w, int h, int frames, int keyint, int gopSize,
                                     int refs, int qp) throws BitstreamException {
        long seed = 7L * w + h + frames;
        for (int kind = 0; kind < 2; kind++) {
            Picture src = kind == 0 ? synthetic(w, h, 8, seed) : noise(w, h, 8, seed);
            assertRoundTrip(src, EncoderConfig.builder(w, h).qp(qp).gop(gop).keyint(keyint).gopSize(gopSize)
                    .refs(refs).keepReconstruction(true).build(), frames);
        }
    }

    @org.junit.jupiter.api.Test
    void adaptiveQuantisationCodesQpDeltasAndRoundTrips() throws BitstreamException {
        // left half flat, right half noisy: AQ must move the two halves' QPs apart
        Picture src = synthetic(256, 64, 8, 3);
        Picture noisy = noise(256, 64, 8, 4);
        for (int c = 0; c < 3; c++) {
            Plane d = src.plane(c);
            for (int y = 0; y < d.height(); y++) {
                for (int x = d.width() / 2; x < d.width(); x++) {
                    d.set(x, y, noisy.plane(c).get(x, y));
                }
            }
        }
        EncoderConfig.Builder b = EncoderConfig.builder(256, 64).qp(30).keepReconstruction(true);
        Encoder flat = Encoder.create(b.build());
        flat.push(src);
        Packet plain = flat.pull();
        Encoder aq = Encoder.create(b.aqStrength(2).build());
        aq.push(src);
        aq.flush();
        Packet adaptive = aq.pull();
        assertTrue(io.inlay.bitstream.FrameHeader.parse(adaptive, false).cuQpDeltaEnabled());
        assertTrue(adaptive.payload().length != plain.payload().length
                || !java.util.Arrays.equals(adaptive.payload(), plain.payload()), "AQ changed nothing");
        Decoder dec = Decoder.create(aq.sequenceHeader(), DecoderConfig.defaults());
        dec.push(adaptive);
        assertTrue(dec.pull().sameSamples(aq.pullReconstruction()));
    }

    /**
     * Encodes {@code frames} pictures made from {@code src} (each shifted a little further, so
     * inter frames have motion to find), decodes the packets, and checks that the decoder outputs
     * every picture in display order equal to the encoder's reconstruction; returns the total
     * bytes.
     */
    static long assertRoundTrip(Picture src, EncoderConfig cfg, int frames) throws BitstreamException {
        Encoder enc = Encoder.create(cfg);
        Decoder dec = Decoder.create(enc.sequenceHeader(), DecoderConfig.defaults());
        java.util.List<Packet> packets = new java.util.ArrayList<>();
        java.util.List<Picture> recons = new java.util.ArrayList<>();
        for (int f = 0; f < frames; f++) {
            enc.push(shifted(src, f));
            drain(enc, packets, recons);
        }
        enc.flush();
        drain(enc, packets, recons);
        assertEquals(frames, packets.size());
        assertEquals(frames, recons.size());
        long bytes = 0;
        java.util.List<Picture> out = new java.util.ArrayList<>();
        for (Packet p : packets) {
            bytes += p.payload().length;
            dec.push(p);
            for (Picture pic; (pic = dec.pull()) != null; ) {
                out.add(pic);
            }
        }
        dec.flush();
        for (Picture pic; (pic = dec.pull()) != null; ) {
            out.add(pic);
        }
        assertEquals(frames, out.size());
        for (int f = 0; f < frames; f++) {
            assertTrue(out.get(f).sameSamples(recons.get(f)),
                    "decoder output differs from encoder reconstruction, display frame " + f);
        }
        return bytes;
    }

    private static void drain(Encoder enc, java.util.List<Packet> packets, java.util.List<Picture> recons) {
        for (Packet p; (p = enc.pull()) != null; ) {
            packets.add(p);
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
    }

    /** {@code src} moved by (3f, 2f) luma samples (and a fraction of that in chroma), wrapping around. */
    static Picture shifted(Picture src, int f) {
        Picture p = src.copy(0);
        for (int c = 0; c < 3; c++) {
            Plane s = src.plane(c);
            Plane d = p.plane(c);
            int dx = c == 0 ? 3 * f : (3 * f) / 2;
            int dy = c == 0 ? 2 * f : f;
            for (int y = 0; y < d.height(); y++) {
                for (int x = 0; x < d.width(); x++) {
                    d.set(x, y, s.get(Math.floorMod(x - dx, s.width()), Math.floorMod(y - dy, s.height())));
                }
            }
        }
        return p;
    }
}
