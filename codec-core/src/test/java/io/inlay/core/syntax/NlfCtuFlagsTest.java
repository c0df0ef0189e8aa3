package io.inlay.core.syntax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlay.bitstream.ArithmeticDecoder;
import io.inlay.bitstream.ArithmeticEncoder;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContextSet;
import io.inlay.bitstream.SymbolWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code nlf_ctu_flags()} (docs/bitstream/neural-filter.md §4.3): the writer and the parser agree for
 * every combination of present components, frame shapes and flag patterns, absent flags are
 * inferred 0, and every bin uses the context the specification names (left + above flag of the same
 * kind, luma 0..2, chroma 3..5).
 */
class NlfCtuFlagsTest {

    /** A writer that records the context of every bin. */
    static final class Recording implements SymbolWriter {
        final ContextSet contexts = new ContextSet(Contexts.COUNT);
        final List<int[]> bins = new ArrayList<>();

        @Override
        public void encodeBin(int ctx, int bin) {
            bins.add(new int[] {ctx, bin});
        }

        @Override
        public void encodeBypass(int value, int numBits) {
            throw new AssertionError("no bypass bins");
        }

        @Override
        public void encodeTerminate(int bin) {
            throw new AssertionError("no terminating bins");
        }

        @Override
        public ContextSet contexts() {
            return contexts;
        }
    }

    @Test
    void writerAndParserAgree() throws BitstreamException {
        SplittableRandom r = new SplittableRandom(0x41F);
        int[][] shapes = {{1, 1}, {1, 5}, {5, 1}, {3, 2}, {8, 5}, {30, 17}};
        for (int[] shape : shapes) {
            int cols = shape[0];
            int n = cols * shape[1];
            for (int trial = 0; trial < 12; trial++) {
                boolean luma = (trial & 1) == 0 || trial == 3;
                boolean chroma = (trial & 2) == 0 || trial == 5;
                int density = trial % 4;   // all off, sparse, dense, all on
                byte[] lf = new byte[n];
                byte[] cf = new byte[n];
                for (int i = 0; i < n; i++) {
                    lf[i] = (byte) (density == 3 || density > 0 && r.nextInt(4) < density ? 1 : 0);
                    cf[i] = (byte) (density == 3 || density > 0 && r.nextInt(4) < 3 - density ? 1 : 0);
                }
                int qp = r.nextInt(52);
                boolean inter = r.nextBoolean();
                ArithmeticEncoder ae = new ArithmeticEncoder(new ContextSet(Contexts.table(inter), qp));
                new CodingTreeWriter().nlfCtuFlags(ae, cols, luma, chroma, lf, cf);
                ae.encodeTerminate(1);
                byte[] data = ae.finish();
                ArithmeticDecoder ad = new ArithmeticDecoder(data, 0, data.length, 0,
                        new ContextSet(Contexts.table(inter), qp));
                byte[] lb = new byte[n];
                byte[] cb = new byte[n];
                java.util.Arrays.fill(lb, (byte) 7);
                java.util.Arrays.fill(cb, (byte) 7);
                new CodingTreeParser().nlfCtuFlags(ad, cols, luma, chroma, lb, cb);
                assertEquals(1, ad.decodeTerminate());
                assertArrayEquals(luma ? lf : new byte[n], lb, "luma flags");
                assertArrayEquals(chroma ? cf : new byte[n], cb, "chroma flags");
            }
        }
    }

    @Test
    void contextsAreTheNeighboursOfTheSameKind() {
        int cols = 3;
        // luma:   1 0 1      chroma: 0 1 1
        //         1 1 0              1 0 1
        byte[] lf = {1, 0, 1, 1, 1, 0};
        byte[] cf = {0, 1, 1, 1, 0, 1};
        Recording w = new Recording();
        new CodingTreeWriter().nlfCtuFlags(w, cols, true, true, lf, cf);
        int[] lumaInc = {0, 1, 0, 1, 1, 2};
        int[] chromaInc = {0, 0, 1, 0, 2, 1};
        assertEquals(12, w.bins.size());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(new int[] {Contexts.NLF_CTU_FLAG + lumaInc[i], lf[i]}, w.bins.get(2 * i), "luma " + i);
            assertArrayEquals(new int[] {Contexts.NLF_CTU_FLAG + 3 + chromaInc[i], cf[i]}, w.bins.get(2 * i + 1),
                    "chroma " + i);
        }
        // only chroma present: the luma flags are not coded at all
        Recording c = new Recording();
        new CodingTreeWriter().nlfCtuFlags(c, cols, false, true, lf, cf);
        assertEquals(6, c.bins.size());
        // the six contexts end both tables, followed only by lip_flag's three, lif_idx's two and bcw_idx's two
        assertEquals(Contexts.LIP_FLAG, Contexts.NLF_CTU_FLAG + 6);
        assertEquals(Contexts.LIF_IDX, Contexts.LIP_FLAG + 3);
        assertEquals(Contexts.BCW_IDX, Contexts.LIF_IDX + 2);
        assertEquals(Contexts.COUNT, Contexts.BCW_IDX + 2);
        assertEquals(Contexts.COUNT, Contexts.TABLE.size());
        assertEquals(Contexts.COUNT, Contexts.INTER_TABLE.size());
    }
}
