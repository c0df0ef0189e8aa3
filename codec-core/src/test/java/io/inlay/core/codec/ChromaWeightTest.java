package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The encoder's extra chroma weight ({@link EncoderConfig#chromaWeight()}, docs/rdo.md "Cost"): a
 * non-normative knob that moves the decisions' luma/chroma trade; every value must still give the
 * decoder's output.
 */
class ChromaWeightTest {

    @Test
    void defaultIsOneAndRangeIsChecked() {
        assertEquals(1.0, EncoderConfig.Builder.DEFAULT_CHROMA_WEIGHT);
        assertEquals(EncoderConfig.Builder.DEFAULT_CHROMA_WEIGHT, EncoderConfig.builder(16, 16).build().chromaWeight());
        assertEquals(2.5, EncoderConfig.builder(16, 16).chromaWeight(2.5).build().chromaWeight());
        assertEquals(EncoderConfig.CHROMA_WEIGHT_AUTO,
                EncoderConfig.builder(16, 16).chromaWeight(EncoderConfig.CHROMA_WEIGHT_AUTO).build().chromaWeight());
        for (double bad : new double[] {0.2, 16.5, Double.NaN, -1, 0.1}) {
            assertThrows(IllegalArgumentException.class, () -> EncoderConfig.builder(16, 16).chromaWeight(bad));
        }
    }

    /** The explicit default gives the same stream as no setting at all. */
    @Test
    void explicitDefaultGivesTheSameStream() {
        Picture src = RoundTripTest.synthetic(96, 64, 8, 11);
        EncoderConfig.Builder b = EncoderConfig.builder(96, 64).qp(32).gop(GopStructure.ALL_INTRA);
        byte[] plain = encodeOne(b.build(), src).payload();
        byte[] explicit = encodeOne(b.chromaWeight(EncoderConfig.Builder.DEFAULT_CHROMA_WEIGHT).build(), src).payload();
        assertTrue(Arrays.equals(plain, explicit));
    }

    /**
     * A heavier chroma weight trades luma for chroma: on a seeded picture, all intra, the chroma
     * squared error falls and the luma squared error rises, and the stream still decodes to the
     * encoder's reconstruction.
     */
    @Test
    void heavierChromaWeightLowersChromaErrorAndRaisesLumaError() throws BitstreamException {
        int w = 128;
        int h = 128;
        Picture src = RoundTripTest.synthetic(w, h, 8, 5);
        long[] light = sse(src, EncoderConfig.builder(w, h).qp(32).gop(GopStructure.ALL_INTRA)
                .keepReconstruction(true).build());
        long[] heavy = sse(src, EncoderConfig.builder(w, h).qp(32).gop(GopStructure.ALL_INTRA)
                .keepReconstruction(true).chromaWeight(4).build());
        assertTrue(heavy[1] + heavy[2] < light[1] + light[2],
                "chroma SSE " + (heavy[1] + heavy[2]) + " not below " + (light[1] + light[2]));
        assertTrue(heavy[0] > light[0], "luma SSE " + heavy[0] + " not above " + light[0]);
        RoundTripTest.assertRoundTrip(src, EncoderConfig.builder(w, h).qp(32).gop(GopStructure.ALL_INTRA)
                .keepReconstruction(true).chromaWeight(4).build(), 2);
    }

    /** Inter decisions (merge, AMVP, intra in inter frames) see the weight too; the streams stay conforming. */
    @Test
    void randomAccessWithChromaWeightRoundTrips() throws BitstreamException {
        for (double cw : new double[] {0.5, 2.8, EncoderConfig.CHROMA_WEIGHT_AUTO}) {
            Picture src = RoundTripTest.synthetic(96, 64, 8, 21);
            RoundTripTest.assertRoundTrip(src, EncoderConfig.builder(96, 64).qp(30).gop(GopStructure.RANDOM_ACCESS)
                    .gopSize(4).keepReconstruction(true).chromaWeight(cw).build(), 5);
        }
    }

    /**
     * The adaptive weight reads only the errors of the CTUs of its own frame, which are decided in
     * order on one thread: the stream does not depend on the thread count, and it differs from the
     * default weight's.
     */
    @Test
    void adaptiveWeightIsThreadIndependentAndActs() {
        Picture src = RoundTripTest.synthetic(192, 128, 8, 33);
        java.util.List<byte[]> streams = new java.util.ArrayList<>();
        for (int t : new int[] {1, 3}) {
            streams.add(encodeAll(EncoderConfig.builder(192, 128).qp(32).gop(GopStructure.RANDOM_ACCESS).gopSize(4)
                    .threads(t).chromaWeight(EncoderConfig.CHROMA_WEIGHT_AUTO).build(), src, 5));
        }
        assertTrue(Arrays.equals(streams.get(0), streams.get(1)), "adaptive chroma weight depends on the thread count");
        byte[] plain = encodeAll(EncoderConfig.builder(192, 128).qp(32).gop(GopStructure.RANDOM_ACCESS).gopSize(4)
                .build(), src, 5);
        assertTrue(!Arrays.equals(plain, streams.get(0)), "the adaptive weight changed nothing");
    }

    private static byte[] encodeAll(EncoderConfig cfg, Picture src, int frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (Encoder enc = Encoder.create(cfg)) {
            for (int f = 0; f < frames; f++) {
                enc.push(RoundTripTest.shifted(src, f));
            }
            enc.flush();
            for (Packet p; (p = enc.pull()) != null; ) {
                out.writeBytes(p.payload());
            }
        }
        return out.toByteArray();
    }

    private static Packet encodeOne(EncoderConfig cfg, Picture src) {
        try (Encoder enc = Encoder.create(cfg)) {
            enc.push(src);
            enc.flush();
            return enc.pull();
        }
    }

    private static long[] sse(Picture src, EncoderConfig cfg) {
        try (Encoder enc = Encoder.create(cfg)) {
            enc.push(src);
            enc.flush();
            enc.pull();
            Picture rec = enc.pullReconstruction();
            long[] s = new long[3];
            for (int c = 0; c < 3; c++) {
                Plane a = src.plane(c);
                Plane b = rec.plane(c);
                for (int y = 0; y < a.height(); y++) {
                    for (int x = 0; x < a.width(); x++) {
                        int d = a.get(x, y) - b.get(x, y);
                        s[c] += (long) d * d;
                    }
                }
            }
            return s;
        }
    }
}
