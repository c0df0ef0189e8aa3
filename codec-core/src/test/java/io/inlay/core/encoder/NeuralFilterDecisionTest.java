package io.inlay.core.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitCounter;
import io.inlay.bitstream.ContextSet;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.loopfilter.NeuralLoopFilter;
import io.inlay.core.neural.TestFilterProvider;
import io.inlay.core.neural.TestNetwork;
import io.inlay.core.quant.QpMapping;
import io.inlay.core.syntax.CodingTreeWriter;
import io.inlay.core.syntax.Contexts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The encoder's NLF decision (docs/rdo.md, "Neural loop filter") checked from outside: an intra
 * frame is coded with the filter and without it (the CTU decisions before the filter are the same,
 * so the frame without it is the deblocked picture the decision saw); the SSEs the decision reports
 * are the measured ones, its flags are priced again with a fresh {@link BitCounter}, and per
 * component {@code w * SSE + lambda * bits} of the choice never exceeds that of the filter off,
 * nor that of every CTU on at the chosen scale (up to a bit of slack for the greedy order).
 */
class NeuralFilterDecisionTest {

    static Picture content(int w, int h, int bitDepth, long seed, int kind) {
        Random rnd = new Random(seed);
        Picture p = Picture.allocate(w, h, bitDepth);
        int max = p.maxValue();
        for (int c = 0; c < 3; c++) {
            Plane pl = p.plane(c);
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    double v = 0.5 + 0.3 * Math.sin(x * 0.09 + c) * Math.cos(y * 0.13);
                    boolean noisy = kind == 1 ? rnd.nextInt(4) == 0 : ((x / 24) + (y / 20)) % 3 == 0;
                    int n = noisy ? rnd.nextInt(max / 6 + 1) - max / 12 : 0;
                    pl.set(x, y, Math.max(0, Math.min(max, (int) (v * max) + n)));
                }
            }
        }
        return p;
    }

    private static Picture encodeOne(EncoderConfig cfg, Picture src, List<Packet> packets, SequenceEncoder[] keep) {
        SequenceEncoder enc = new SequenceEncoder(cfg);
        ArrayDeque<Packet> out = new ArrayDeque<>();
        ArrayDeque<Picture> recon = new ArrayDeque<>();
        enc.encode(src, out, recon);
        enc.flush(out, recon);
        packets.addAll(out);
        keep[0] = enc;
        return recon.getFirst();
    }

    private static long sse(Picture a, Picture b, int comp) {
        long s = 0;
        int first = comp == 0 ? 0 : 1;
        int last = comp == 0 ? 0 : 2;
        for (int c = first; c <= last; c++) {
            Plane pa = a.plane(c);
            Plane pb = b.plane(c);
            for (int y = 0; y < pa.height(); y++) {
                for (int x = 0; x < pa.width(); x++) {
                    int d = pa.get(x, y) - pb.get(x, y);
                    s += (long) d * d;
                }
            }
        }
        return s;
    }

    /** Cost in bits of coding {@code flags} of one component from the initial context state. */
    private static double flagBits(byte[] flags, int cols, boolean chroma, int qp) {
        BitCounter counter = new BitCounter(new ContextSet(Contexts.table(false), qp));
        new CodingTreeWriter().nlfCtuFlags(counter, cols, !chroma, chroma, flags, flags);
        return counter.cost() / (double) (1 << ContextSet.COST_SHIFT);
    }

    @ParameterizedTest(name = "{0}x{1} {2}-bit qp {3} content {4}")
    @CsvSource({
        // the last column: the test network pays in this frame (measured: it does on some CTUs of
        // one component; at QP 45 nowhere)
        "320, 192, 8, 37, 0, true",
        "320, 192, 8, 27, 1, true",
        "256, 128, 8, 45, 0, false",
        "192, 128, 10, 32, 1, true",
        "128, 64, 8, 22, 0, true",
    })
    void choiceCostsNoMoreThanTheFilterOffOrEverywhere(int w, int h, int bitDepth, int qp, int kind, boolean pays) {
        Picture src = content(w, h, bitDepth, 11L * w + qp, kind);
        TestFilterProvider p = TestFilterProvider.smoothing();
        EncoderConfig.Builder b = EncoderConfig.builder(w, h).bitDepth(bitDepth).qp(qp).gop(GopStructure.ALL_INTRA)
                .keepReconstruction(true).filterProviders(List.of(p));
        List<Packet> packets = new ArrayList<>();
        SequenceEncoder[] enc = new SequenceEncoder[1];
        Picture off = encodeOne(b.neuralFilter(false).build(), src, packets, enc);
        Picture on = encodeOne(b.neuralFilter(true).build(), src, packets, enc);
        NeuralFilterDecision d = enc[0].lastNlfDecision();
        NeuralLoopFilter stage = d.stage();
        FrameHeader fh;
        try {
            fh = FrameHeader.parse(packets.get(1), true);
        } catch (io.inlay.bitstream.BitstreamException e) {
            throw new AssertionError(e);
        }
        assertEquals(d.lumaScale(), fh.nlfLumaScale());
        assertEquals(d.chromaScale(), fh.nlfChromaScale());
        double lambda = RdCost.lambda(qp, bitDepth, 0.57);
        assertEquals(lambda, d.lambda(), 1e-9);
        double[] weight = {1.0, RdCost.chromaWeight(qp, QpMapping.chromaQp(qp, 0))};
        int[] scales = {fh.nlfLumaScale(), fh.nlfChromaScale()};
        byte[][] flags = {stage.lumaFlags(), stage.chromaFlags()};
        if (pays) {
            assertTrue(scales[0] != 0 || scales[1] != 0, "the filter is never used");
        }
        int cols = stage.ctbCols();
        // the frame without the filter is what the decision started from; run the network on it
        Picture deblocked = off.copy(0);
        NeuralLoopFilter check = new NeuralLoopFilter(TestNetwork.smoothing(3, 0), w, h, bitDepth);
        check.analyse(deblocked, qp);
        for (int comp = 0; comp < 2; comp++) {
            long sseOff = sse(src, off, comp);
            long sseOn = sse(src, on, comp);
            assertEquals(sseOff, d.sseOff(comp), "decision's SSE without the filter, comp " + comp);
            assertEquals(sseOn, d.sseChosen(comp), "decision's SSE of its choice, comp " + comp);
            double jOff = weight[comp] * sseOff;
            if (scales[comp] == 0) {
                assertEquals(sseOff, sseOn, "component off, samples unchanged");
                assertEquals(0, d.flagCost(comp));
                continue;
            }
            double bits = flagBits(flags[comp], cols, comp == 1, qp);
            assertEquals(d.flagCost(comp) / (double) (1 << ContextSet.COST_SHIFT), bits, 1e-9, "flag bits");
            double jChosen = weight[comp] * sseOn + lambda * bits;
            assertTrue(jChosen <= jOff, "comp " + comp + ": filter costs " + jChosen + " > off " + jOff);
            // every CTU on at the same scale
            byte[] all = new byte[flags[comp].length];
            Arrays.fill(all, (byte) 1);
            Arrays.fill(check.lumaFlags(), (byte) 1);
            Arrays.fill(check.chromaFlags(), (byte) 1);
            Picture everywhere = off.copy(0);
            check.apply(everywhere, comp == 0 ? scales[0] : 0, comp == 1 ? scales[1] : 0);
            double jAll = weight[comp] * sse(src, everywhere, comp) + lambda * flagBits(all, cols, comp == 1, qp);
            assertTrue(jChosen <= jAll + 2 * lambda, "comp " + comp + ": per-CTU choice " + jChosen
                    + " worse than all on " + jAll);
        }
    }
}
