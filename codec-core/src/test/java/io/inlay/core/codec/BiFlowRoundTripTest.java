package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.SequenceHeader;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.DecoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.codec.LearnedIntraRoundTripTest.Coded;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bi-prediction optical-flow refinement end to end (docs/bitstream/decoding-process.md §13.1, format
 * 0.8): on content moving by fractions of a sample, coded in random access with {@code TOOL_BI_FLOW}, the
 * encoder's reconstruction equals the decoder's output bit for bit (8 and 10 bits, with and without learned
 * interpolation, whose bi-predicted CUs take the refinement through the batch path); and the tool is really
 * exercised: decoding the same frames with the flag cleared in the sequence header (the frame data has no
 * syntax of the tool, so it still parses) gives different pictures.
 */
class BiFlowRoundTripTest {
    @ParameterizedTest(name = "{0}x{1} {2}-bit {3} frames qp {4} learned inter {5}")
    @CsvSource({
        "96, 64, 8, 5, 27, false",
        "72, 56, 10, 5, 32, false",
        "96, 64, 8, 5, 22, true",
    })
    void encoderReconstructionEqualsDecoderOutput(int w, int h, int bitDepth, int frames, int qp, boolean lif)
            throws Exception {
        Coded on = LearnedInterRoundTripTest.encode(w, h, bitDepth,
                LearnedIntraRoundTripTest.config(w, h, bitDepth, GopStructure.RANDOM_ACCESS, qp).biFlow(true)
                        .biWeights(false).learnedInter(lif).build(), frames);
        assertTrue(on.header().biFlow());
        assertEquals(SequenceHeaderSyntax.TOOL_BI_FLOW | (lif ? SequenceHeaderSyntax.TOOL_LEARNED_INTER : 0),
                on.header().toolFlags());
        List<Picture> out = LearnedIntraRoundTripTest.decode(on, DecoderConfig.defaults());
        assertEquals(frames, out.size());
        for (int f = 0; f < frames; f++) {
            assertTrue(out.get(f).sameSamples(on.recons().get(f)), "display frame " + f);
        }
        SequenceHeader h0 = on.header();
        SequenceHeader cleared = new SequenceHeader(h0.width(), h0.height(), h0.bitDepth(), h0.chromaFormatIdc(),
                h0.fpsNum(), h0.fpsDen(), h0.colourRange(), h0.matrixCoefficients(), h0.ctuLog2Size(),
                h0.minCuLog2Size(), h0.toolFlags() & ~SequenceHeaderSyntax.TOOL_BI_FLOW, h0.neuralModels());
        List<Picture> plain = LearnedIntraRoundTripTest.decode(new Coded(cleared, on.packets(), on.recons()),
                DecoderConfig.defaults());
        assertEquals(frames, plain.size());
        boolean differs = false;
        for (int f = 0; f < frames; f++) {
            differs |= !plain.get(f).sameSamples(out.get(f));
        }
        assertTrue(differs, "the refinement changed no sample");
        // frames 0 and 4 (intra, and P/B from frame 0 only) are decoded identically; frame 2 is bi-predicted
        // from 0 and 4 at equal distances
        assertTrue(plain.get(0).sameSamples(out.get(0)));
        assertFalse(plain.get(2).sameSamples(out.get(2)), "frame 2");
    }
}
