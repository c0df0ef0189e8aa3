package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.MotionSearchMethod;
import io.inlay.core.Picture;
import io.inlay.core.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Encoder presets (docs/presets.md): every preset encodes and decodes bit-exactly, the knobs
 * change monotonically from the fastest to the slowest preset as the table documents, and
 * explicit settings override the preset's.
 */
class PresetTest {

    private static EncoderConfig config(Preset p) {
        return EncoderConfig.builder(96, 64).preset(p).neuralFilter(false).build();
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetRoundTripsBitExactly(Preset preset) throws BitstreamException {
        // 130x70: CTUs cut by the right and bottom borders; 9 frames: an I frame and a mini-GOP of 8 B frames
        // (3 of the noise picture, the slowest to code)
        for (int kind = 0; kind < 2; kind++) {
            Picture src = kind == 0 ? RoundTripTest.synthetic(130, 70, 8, 11 + preset.ordinal())
                    : RoundTripTest.noise(130, 70, 8, 11 + preset.ordinal());
            RoundTripTest.assertRoundTrip(src, EncoderConfig.builder(130, 70).qp(30).preset(preset)
                    .gop(GopStructure.RANDOM_ACCESS).refs(2).keepReconstruction(true).neuralFilter(false).build(),
                    kind == 0 ? 9 : 3);
        }
        RoundTripTest.assertRoundTrip(RoundTripTest.synthetic(72, 40, 10, 5), EncoderConfig.builder(72, 40).bitDepth(10)
                .qp(27).preset(preset).gop(GopStructure.ALL_INTRA).keepReconstruction(true).neuralFilter(false).build(), 2);
    }

    @Test
    void fasterPresetsSearchLessAsDocumented() {
        Preset[] all = Preset.values();
        for (int i = 1; i < all.length; i++) {
            EncoderConfig f = config(all[i - 1]);
            EncoderConfig s = config(all[i]);
            String pair = all[i - 1].label() + " -> " + all[i].label();
            assertTrue(f.maxCuSize() <= s.maxCuSize(), pair + " max CU");
            assertTrue(f.minCuSize() >= s.minCuSize(), pair + " min CU");
            assertTrue(f.intraRdModes() <= s.intraRdModes(), pair + " intra RD modes");
            assertTrue(!f.intraMpmRd() || s.intraMpmRd(), pair + " MPMs");
            assertTrue(f.intraFastScan() || !s.intraFastScan(), pair + " fast intra scan");
            assertTrue(f.chromaRdModes() <= s.chromaRdModes(), pair + " chroma RD modes");
            assertTrue(!f.intraNxN() || s.intraNxN(), pair + " NxN");
            assertTrue(!f.intraInInter() || s.intraInInter(), pair + " intra in inter frames");
            assertTrue(f.mergeRdCandidates() <= s.mergeRdCandidates(), pair + " merge RD candidates");
            assertTrue(f.motionSearch().ordinal() <= s.motionSearch().ordinal(), pair + " motion search");
            assertTrue(f.searchRange() <= s.searchRange(), pair + " search range");
            assertTrue(f.subpelRefine() <= s.subpelRefine(), pair + " sub-pel");
            assertTrue(f.biSearch() <= s.biSearch(), pair + " bi-prediction");
            assertTrue(f.refs() <= s.refs(), pair + " refs");
            assertTrue(!f.rdoq() || s.rdoq(), pair + " RDOQ");
            assertTrue(f.earlySkip() || !s.earlySkip(), pair + " early skip");
            assertTrue(f.earlyCbfTermination() || !s.earlyCbfTermination(), pair + " early cbf termination");
            assertTrue(f.interSatdDecision() || !s.interSatdDecision(), pair + " SATD inter decision");
            assertTrue(s.splitSkipRatio() <= f.splitSkipRatio(), pair + " recursion skip");
        }
        // the ends of the table, as docs/presets.md lists them
        EncoderConfig u = config(Preset.ULTRAFAST);
        assertEquals(32, u.maxCuSize());
        assertEquals(16, u.minCuSize());
        assertEquals(1, u.intraRdModes());
        assertEquals(1, u.chromaRdModes());
        assertEquals(1, u.mergeRdCandidates());
        assertEquals(MotionSearchMethod.DIAMOND, u.motionSearch());
        assertEquals(16, u.searchRange());
        assertEquals(1, u.subpelRefine());
        assertEquals(1, u.biSearch());
        assertEquals(1, u.refs());
        assertFalse(u.rdoq());
        assertFalse(u.intraNxN());
        assertFalse(u.intraInInter());
        assertTrue(u.interSatdDecision());
        assertFalse(config(Preset.VERYFAST).interSatdDecision());
        assertEquals(1.0, u.splitSkipRatio());
        assertEquals(0.0, config(Preset.VERYFAST).splitSkipRatio());
        EncoderConfig v = config(Preset.VERYSLOW);
        assertEquals(5, v.mergeRdCandidates());
        assertEquals(4, v.refs());
        assertEquals(128, v.searchRange());
        assertFalse(v.earlySkip());
        assertFalse(v.earlyCbfTermination());
        assertEquals(0.0, v.splitSkipRatio());
    }

    @Test
    void slowIsTheDefaultAndTheEarlierEncoder() {
        EncoderConfig d = EncoderConfig.builder(96, 64).neuralFilter(false).build();
        assertEquals(Preset.SLOW, d.preset());
        // the settings the encoder had before presets existed
        assertEquals(64, d.maxCuSize());
        assertEquals(8, d.minCuSize());
        assertEquals(8, d.intraRdModes());
        assertTrue(d.intraMpmRd());
        assertFalse(d.intraFastScan());
        assertEquals(6, d.chromaRdModes());
        assertTrue(d.intraNxN());
        assertTrue(d.intraInInter());
        assertEquals(3, d.mergeRdCandidates());
        assertEquals(MotionSearchMethod.STAR, d.motionSearch());
        assertEquals(64, d.searchRange());
        assertEquals(2, d.subpelRefine());
        assertEquals(2, d.biSearch());
        assertEquals(2, d.refs());
        assertTrue(d.rdoq());
        assertTrue(d.earlySkip());
        assertTrue(d.earlyCbfTermination());
        assertFalse(d.interSatdDecision());
    }

    @Test
    void explicitSettingsOverrideThePresetInAnyOrder() {
        EncoderConfig before = EncoderConfig.builder(96, 64).rdoq(true).refs(3).searchRange(100).subpelRefine(2)
                .motionSearch(MotionSearchMethod.FULL).preset(Preset.ULTRAFAST).neuralFilter(false).build();
        EncoderConfig after = EncoderConfig.builder(96, 64).preset(Preset.ULTRAFAST).rdoq(true).refs(3)
                .searchRange(100).subpelRefine(2).motionSearch(MotionSearchMethod.FULL).neuralFilter(false).build();
        for (EncoderConfig c : new EncoderConfig[] {before, after}) {
            assertTrue(c.rdoq());
            assertEquals(3, c.refs());
            assertEquals(100, c.searchRange());
            assertEquals(2, c.subpelRefine());
            assertEquals(MotionSearchMethod.FULL, c.motionSearch());
            assertEquals(32, c.maxCuSize(), "what is not given stays the preset's");
        }
        assertEquals(0.0, EncoderConfig.builder(96, 64).splitSkipRatio(0).preset(Preset.ULTRAFAST).neuralFilter(false)
                .build().splitSkipRatio());
        assertThrows(IllegalArgumentException.class, () -> EncoderConfig.builder(96, 64).splitSkipRatio(0.1));
        assertThrows(IllegalArgumentException.class, () -> EncoderConfig.builder(96, 64).splitSkipRatio(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> EncoderConfig.builder(96, 64).minCuSize(64).maxCuSize(16).neuralFilter(false).build());
        assertThrows(IllegalArgumentException.class, () -> Preset.of("placebo"));
        assertEquals(Preset.VERYFAST, Preset.of("VeryFast"));
    }

    @Test
    void satdInterDecisionRoundTripsWithAndWithoutEarlySkip() throws BitstreamException {
        // ultrafast codes the best merge candidate before the motion search when early skip is on;
        // both orders of the SATD inter decision must stay bit-exact
        Picture src = RoundTripTest.synthetic(130, 70, 8, 31);
        for (boolean earlySkip : new boolean[] {true, false}) {
            RoundTripTest.assertRoundTrip(src, EncoderConfig.builder(130, 70).qp(30).preset(Preset.ULTRAFAST)
                    .earlySkip(earlySkip).gop(GopStructure.RANDOM_ACCESS).keepReconstruction(true)
                    .neuralFilter(false).build(), 9);
        }
    }

    @Test
    void ultrafastCodesDifferentlyFromSlow() throws BitstreamException {
        Picture src = RoundTripTest.synthetic(128, 64, 8, 77);
        long slow = RoundTripTest.assertRoundTrip(src, EncoderConfig.builder(128, 64).qp(32).preset(Preset.SLOW)
                .keepReconstruction(true).neuralFilter(false).build(), 5);
        long fast = RoundTripTest.assertRoundTrip(src, EncoderConfig.builder(128, 64).qp(32).preset(Preset.ULTRAFAST)
                .keepReconstruction(true).neuralFilter(false).build(), 5);
        assertTrue(slow != fast, "ultrafast made the same decisions as slow (" + slow + " bytes)");
    }
}
