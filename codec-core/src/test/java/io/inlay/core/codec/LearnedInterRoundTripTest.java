package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.codec.LearnedIntraRoundTripTest.Coded;
import io.inlay.core.inter.LearnedInterModel;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Learned inter interpolation end to end (docs/bitstream/decoding-process.md §10.1) with the model
 * bundled in codec-core: on content moving by fractions of a sample, the encoder's reconstruction
 * equals the decoder's output bit for bit (random access and low delay, 8 and 10 bits, alone and
 * with learned intra's model entry before it, with and without the sets in the quarter-sample
 * refinement), merged CUs inherit learned sets (format 0.7), the header names the model at
 * {@code LearnedInterModelIndex}, and a decoder refuses a stream naming a model it does not have.
 */
class LearnedInterRoundTripTest {
    /** Texture moving by (0.6, -0.35) samples per frame: the encoder finds fractional vectors. */
    static Picture moving(int w, int h, int bitDepth, int f) {
        Picture p = Picture.allocate(w, h, bitDepth);
        int max = p.maxValue();
        for (int c = 0; c < 3; c++) {
            Plane pl = p.plane(c);
            double scale = c == 0 ? 1 : 0.5;
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    double u = x / scale - 0.6 * f;
                    double v = y / scale + 0.35 * f;
                    double s = 0.5 + 0.2 * Math.sin(u * 0.31 + c) * Math.cos(v * 0.23) + 0.1 * Math.sin(u * 0.9 + v * 0.7)
                            + 0.08 * Math.cos(u * 1.7 - v * 0.4);
                    pl.set(x, y, Math.max(0, Math.min(max, (int) (s * max))));
                }
            }
        }
        return p;
    }

    /**
     * Decodes {@code on} with the default decoder, asserts that its {@code frames} output pictures equal the
     * encoder's reconstructions sample for sample, and returns the decoder's count of samples per kind of
     * inter CU.
     */
    static Decoder.LearnedInterUsage decodeUsage(Coded on, int frames) throws BitstreamException {
        List<Picture> out;
        Decoder.LearnedInterUsage usage;
        try (Decoder dec = Decoder.create(on.header(), DecoderConfig.defaults())) {
            out = LearnedIntraRoundTripTest.drain(dec, on);
            usage = dec.learnedInterUsage();
        }
        assertEquals(frames, out.size());
        for (int f = 0; f < frames; f++) {
            assertTrue(out.get(f).sameSamples(on.recons().get(f)), "display frame " + f);
        }
        return usage;
    }

    static Coded encode(int w, int h, int bitDepth, EncoderConfig cfg, int frames) {
        List<Picture> clip = new java.util.ArrayList<>();
        for (int f = 0; f < frames; f++) {
            clip.add(moving(w, h, bitDepth, f));
        }
        return LearnedIntraRoundTripTest.encode(clip, cfg);
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3}-bit {4} frames qp {5} learned intra {6} refine {7}")
    @CsvSource({
        "RANDOM_ACCESS, 96, 64, 8, 5, 27, false, false",
        "RANDOM_ACCESS, 72, 56, 10, 3, 32, false, false",
        "LOW_DELAY, 64, 64, 8, 3, 22, false, false",
        "RANDOM_ACCESS, 64, 48, 8, 3, 30, true, false",
        "RANDOM_ACCESS, 96, 64, 8, 5, 27, false, true",
        "LOW_DELAY, 64, 64, 10, 3, 22, false, true",
    })
    void encoderReconstructionEqualsDecoderOutput(GopStructure gop, int w, int h, int bitDepth, int frames, int qp,
                                                  boolean learnedIntra, boolean refine) throws Exception {
        LearnedInterModel model = LearnedInterModel.defaultModel().orElseThrow();
        EncoderConfig.Builder b = LearnedIntraRoundTripTest.config(w, h, bitDepth, gop, qp).learnedInter(true)
                .learnedInterRefine(refine);
        DecoderConfig dc = DecoderConfig.defaults();
        if (learnedIntra) {
            var intra = LearnedIntraRoundTripTest.bundled();
            b.learnedIntra(true).learnedIntraModel(intra);
            dc = dc.withLearnedIntraProviders(List.of(() -> List.of(intra)));
        }
        Coded on = encode(w, h, bitDepth, b.build(), frames);
        assertTrue(on.header().learnedInter());
        assertEquals(learnedIntra ? 1 : 0, on.header().learnedInterModelIndex());
        assertEquals(HexFormat.of().formatHex(model.id()),
                HexFormat.of().formatHex(on.header().neuralModels().get(on.header().learnedInterModelIndex())));
        List<Picture> out = LearnedIntraRoundTripTest.decode(on, dc);
        assertEquals(frames, out.size());
        for (int f = 0; f < frames; f++) {
            assertTrue(out.get(f).sameSamples(on.recons().get(f)), "display frame " + f);
        }
    }

    /**
     * Merge inheritance of {@code LifIdx} (format 0.7, decoding-process.md §12.2): a stream in which
     * merged or skipped CUs inherit a learned set from their candidates, and AMVP CUs code one, decodes
     * to the encoder's reconstruction bit for bit, and the decoder's count of samples per kind of CU
     * sees both.
     */
    @Test
    void mergedCusInheritTheLearnedSet() throws Exception {
        int w = 128;
        int h = 96;
        int frames = 5;
        Coded on = encode(w, h, 8, LearnedIntraRoundTripTest.config(w, h, 8, GopStructure.RANDOM_ACCESS, 27)
                .learnedInter(true).build(), frames);
        Decoder.LearnedInterUsage u = decodeUsage(on, frames);
        assertTrue(u.amvpLearnedSamples() > 0, u.toString());
        assertTrue(u.mergedLearnedSamples() > 0, u.toString());
        assertTrue(u.mergedLearnedSamples() <= u.mergedSamples() && u.mergedSamples() <= u.interSamples(), u.toString());
        // the I frame has no inter samples; the four others at most the whole coded area
        assertTrue(u.interSamples() <= 4L * w * h, u.toString());
    }

    @Test
    void decoderWithoutTheModelRefusesTheStream() throws Exception {
        // a valid model that is not bundled: H.265's taps, sharpened by one step
        int[][][] taps = {{{0, 0, 0, 64, 0, 0, 0, 0}, {-1, 4, -11, 59, 17, -5, 1, 0}, {-1, 4, -12, 41, 41, -12, 4, -1},
            {0, 1, -5, 17, 59, -11, 4, -1}}};
        LearnedInterModel other = LearnedInterModel.parse(LearnedInterModel.serialise(taps));
        Coded on = encode(64, 64, 8, LearnedIntraRoundTripTest.config(64, 64, 8, GopStructure.RANDOM_ACCESS, 32)
                .learnedInter(true).learnedInterModel(other).build(), 2);
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> LearnedIntraRoundTripTest.decode(on, DecoderConfig.defaults()));
        assertTrue(e.getMessage().contains("learned interpolation model " + HexFormat.of().formatHex(other.id())
                + " is not available"), e.getMessage());
        assertEquals(SequenceHeaderSyntax.FIXED_SIZE, e.offset());
    }

    @Test
    void modelFilesAreValidated() {
        byte[] ok = LearnedInterModel.serialise(new int[][][] {{{0, 0, 0, 64, 0, 0, 0, 0}, {-1, 4, -10, 58, 17, -5, 1, 0},
            {-1, 4, -11, 40, 40, -11, 4, -1}, {0, 1, -5, 17, 58, -10, 4, -1}}});
        assertEquals(1, LearnedInterModel.parse(ok).sets());
        byte[] badSum = ok.clone();
        badSum[6] = 0;   // first tap of fraction 1: the row sums to 65
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearnedInterModel.parse(badSum)).getMessage()
                .contains("sum to 64"));
        byte[] tooSharp = ok.clone();
        // fraction 2: -17, 4, -11, 56, 56, -11, 4, -17 sums to 64 with positive taps 120 > 96
        byte[] row = {-17, 4, -11, 56, 56, -11, 4, -17};
        System.arraycopy(row, 0, tooSharp, 14, 8);
        assertThrows(IllegalArgumentException.class, () -> LearnedInterModel.parse(tooSharp));
        byte[] sets = ok.clone();
        sets[5] = 4;
        assertThrows(IllegalArgumentException.class, () -> LearnedInterModel.parse(sets));
        byte[] magic = ok.clone();
        magic[3] = 'P';
        assertThrows(IllegalArgumentException.class, () -> LearnedInterModel.parse(magic));
        assertThrows(IllegalArgumentException.class, () -> LearnedInterModel.parse(java.util.Arrays.copyOf(ok, 20)));
    }
}
