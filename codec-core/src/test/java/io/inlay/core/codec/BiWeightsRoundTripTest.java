package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.Decoder;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.codec.LearnedIntraRoundTripTest.Coded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Weighted bi-prediction end to end (docs/bitstream/decoding-process.md §13.2, format 0.9): on moving content
 * whose brightness changes unevenly in time (so that unequal weights of the two references predict better
 * than their average), coded in random access with {@code TOOL_BI_WEIGHTS}, the encoder's reconstruction
 * equals the decoder's output bit for bit (8 and 10 bits, with and without the bi-flow refinement and learned
 * interpolation; and in low delay, whose B frames predict from two past pictures), and the decoder really
 * decodes weighted CUs: AMVP CUs with {@code bcw_idx} > 0 and merged CUs that inherit a weight.
 */
class BiWeightsRoundTripTest {
    /** Brightness offset of frame f, in 8-bit units: flat, then a jump (frames 3 and 4 of a 4-picture mini-GOP). */
    private static final int[] FADE = {0, 2, 4, 30, 40, 42, 44, 70, 80};

    static List<Picture> fading(int w, int h, int bitDepth, int frames) {
        List<Picture> clip = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            Picture p = LearnedInterRoundTripTest.moving(w, h, bitDepth, f);
            Plane y = p.plane(0);
            int off = FADE[f] << (bitDepth - 8);
            for (int j = 0; j < y.height(); j++) {
                for (int i = 0; i < y.width(); i++) {
                    y.set(i, j, Math.min(p.maxValue(), y.get(i, j) * 3 / 4 + off));
                }
            }
            clip.add(p);
        }
        return clip;
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3}-bit {4} frames qp {5} bi-flow {6} learned inter {7} bi search {8}")
    @CsvSource({
        "RANDOM_ACCESS, 96, 64, 8, 5, 27, true, false, 2",
        "RANDOM_ACCESS, 72, 56, 10, 9, 27, true, false, 2",
        "RANDOM_ACCESS, 96, 64, 8, 9, 22, false, false, 2",
        "RANDOM_ACCESS, 96, 64, 8, 5, 22, true, true, 2",
        "LOW_DELAY, 96, 64, 8, 5, 22, false, false, 2",
        "RANDOM_ACCESS, 96, 64, 8, 9, 22, true, false, 3",
        "LOW_DELAY, 72, 56, 10, 5, 27, false, false, 3",
    })
    void encoderReconstructionEqualsDecoderOutput(GopStructure gop, int w, int h, int bitDepth, int frames, int qp,
                                                  boolean biFlow, boolean lif, int biSearch) throws Exception {
        Coded on = LearnedIntraRoundTripTest.encode(fading(w, h, bitDepth, frames),
                LearnedIntraRoundTripTest.config(w, h, bitDepth, gop, qp).biFlow(biFlow)
                        .biWeights(true).learnedInter(lif).biSearch(biSearch).build());
        assertTrue(on.header().biWeights());
        // low delay: bi-prediction from two past pictures; bi-flow (random access only) is left unset
        biFlow &= gop == GopStructure.RANDOM_ACCESS;
        assertEquals(SequenceHeaderSyntax.TOOL_BI_WEIGHTS | (biFlow ? SequenceHeaderSyntax.TOOL_BI_FLOW : 0)
                | (lif ? SequenceHeaderSyntax.TOOL_LEARNED_INTER : 0), on.header().toolFlags());
        Decoder.LearnedInterUsage usage = LearnedInterRoundTripTest.decodeUsage(on, frames);
        assertTrue(usage.amvpWeightedSamples() > 0, "no AMVP CU with a weight: " + usage);
        if (frames > 5) {
            assertTrue(usage.mergedWeightedSamples() > 0, "no merged CU inherited a weight: " + usage);
        }
    }
}
