package io.inlay.core.codec;

import io.inlay.bitstream.SequenceHeader;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.DecoderConfig;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.codec.LearnedIntraRoundTripTest.Coded;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.kernels.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decoder cost of the bi-prediction refinement (docs/learned-inter.md, "Speed of the vector kernel"), in
 * one process: encodes a clip once in random access with {@code TOOL_BI_FLOW} (neural filter off: codec-core
 * alone has none), then decodes the same packets alternately with the sequence header as coded and with
 * the flag cleared (every other decoding step identical; the pictures differ), after warm-up decodes of
 * both. Prints the median and minimum wall time per decode of the whole stream. Not a test.
 *
 * <pre>java @bin/lib/jvm.options [-Dinlay.kernels=scalar] -cp ... io.inlay.core.codec.BiFlowDecodeTiming CLIP.y4m FRAMES QP REPS</pre>
 */
public final class BiFlowDecodeTiming {
    private BiFlowDecodeTiming() {
    }

    public static void main(String[] args) throws Exception {
        String clip = args[0];
        int frames = Integer.parseInt(args[1]);
        int qp = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        List<Picture> src = new ArrayList<>();
        VideoFormat f;
        try (VideoReader r = VideoFiles.openReader(clip, null)) {
            f = r.format();
            for (int i = 0; i < frames; i++) {
                Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                if (!r.read(p)) {
                    break;
                }
                src.add(p);
            }
        }
        EncoderConfig cfg = EncoderConfig.builder(f.width(), f.height()).bitDepth(f.bitDepth())
                .gop(GopStructure.RANDOM_ACCESS).qp(qp).neuralFilter(false).biFlow(true).keepReconstruction(true)
                .build();
        long t0 = System.nanoTime();
        Coded on = LearnedIntraRoundTripTest.encode(src, cfg);
        System.out.printf("kernels %s; encoded %d frames of %s at QP %d in %.1f s%n", Kernels.get().description(),
                src.size(), clip, qp, (System.nanoTime() - t0) / 1e9);
        SequenceHeader h0 = on.header();
        SequenceHeader cleared = new SequenceHeader(h0.width(), h0.height(), h0.bitDepth(), h0.chromaFormatIdc(),
                h0.fpsNum(), h0.fpsDen(), h0.colourRange(), h0.matrixCoefficients(), h0.ctuLog2Size(),
                h0.minCuLog2Size(), h0.toolFlags() & ~SequenceHeaderSyntax.TOOL_BI_FLOW, h0.neuralModels());
        Coded off = new Coded(cleared, on.packets(), on.recons());
        List<Picture> check = LearnedIntraRoundTripTest.decode(on, DecoderConfig.defaults());
        for (int i = 0; i < check.size(); i++) {
            if (!check.get(i).sameSamples(on.recons().get(i))) {
                throw new IllegalStateException("decoder output differs from the reconstruction, frame " + i);
            }
        }
        for (int i = 0; i < reps; i++) { // warm-up
            LearnedIntraRoundTripTest.decode(on, DecoderConfig.defaults());
            LearnedIntraRoundTripTest.decode(off, DecoderConfig.defaults());
        }
        long[] tOn = new long[reps];
        long[] tOff = new long[reps];
        for (int i = 0; i < reps; i++) {
            long a = System.nanoTime();
            LearnedIntraRoundTripTest.decode(on, DecoderConfig.defaults());
            long b = System.nanoTime();
            LearnedIntraRoundTripTest.decode(off, DecoderConfig.defaults());
            long c = System.nanoTime();
            tOn[i] = b - a;
            tOff[i] = c - b;
        }
        Arrays.sort(tOn);
        Arrays.sort(tOff);
        System.out.printf("decode of %d frames, %d reps: refinement on median %.1f ms (min %.1f), off (flag cleared)"
                + " median %.1f ms (min %.1f): %+.1f %% (median), %+.1f %% (min)%n", src.size(), reps,
                tOn[reps / 2] / 1e6, tOn[0] / 1e6, tOff[reps / 2] / 1e6, tOff[0] / 1e6,
                100.0 * (tOn[reps / 2] - tOff[reps / 2]) / tOff[reps / 2], 100.0 * (tOn[0] - tOff[0]) / tOff[0]);
    }
}
