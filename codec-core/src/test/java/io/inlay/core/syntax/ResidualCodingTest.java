package io.inlay.core.syntax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlay.bitstream.ArithmeticDecoder;
import io.inlay.bitstream.ArithmeticEncoder;
import io.inlay.bitstream.BitCounter;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContextSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** residual_coding() written then parsed gives the same levels, for every size and level range. */
class ResidualCodingTest {
    private static final int STRIDE = 40;   // blocks sit inside a larger array, at an offset

    @Test
    void randomBlocksRoundTrip() throws BitstreamException {
        long seed = 20261122L;
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 400; trial++) {
            int log2 = 2 + rnd.nextInt(4);
            boolean luma = rnd.nextBoolean();
            int[] levels = randomBlock(rnd, log2, trial);
            assertRoundTrip(levels, log2, luma, "seed " + seed + " trial " + trial);
        }
    }

    @Test
    void extremeLevelsRoundTrip() throws BitstreamException {
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            int[] lv = new int[STRIDE * STRIDE];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    lv[3 * STRIDE + 5 + y * STRIDE + x] = ((x + y) & 1) == 0 ? ResidualCoding.MAX_LEVEL : -ResidualCoding.MAX_LEVEL;
                }
            }
            assertRoundTrip(lv, log2, true, "all max, log2 " + log2);
            int[] single = new int[STRIDE * STRIDE];
            single[3 * STRIDE + 5 + (n - 1) * STRIDE + n - 1] = -1;   // only the last position
            assertRoundTrip(single, log2, false, "last only, log2 " + log2);
        }
    }

    @Test
    void writingAnAllZeroBlockIsRejected() {
        ArithmeticEncoder w = new ArithmeticEncoder(new ContextSet(Contexts.TABLE, 30));
        assertThrows(IllegalArgumentException.class,
                () -> ResidualCoding.write(w, new int[16], 0, 4, 2, true));
    }

    /** The counter's estimate must follow the real size closely (RDO relies on it). */
    @Test
    void counterTracksEncodedSize() {
        Random rnd = new Random(7);
        ContextSet a = new ContextSet(Contexts.TABLE, 32);
        ContextSet b = new ContextSet(Contexts.TABLE, 32);
        ArithmeticEncoder enc = new ArithmeticEncoder(a);
        BitCounter counter = new BitCounter(b);
        for (int i = 0; i < 300; i++) {
            int log2 = 2 + rnd.nextInt(4);
            int[] lv = randomBlock(rnd, log2, i);
            ResidualCoding.write(enc, lv, 3 * STRIDE + 5, STRIDE, log2, true);
            ResidualCoding.write(counter, lv, 3 * STRIDE + 5, STRIDE, log2, true);
        }
        enc.encodeTerminate(1);
        double bits = enc.finish().length * 8.0;
        double estimate = counter.cost() / (double) (1 << ContextSet.COST_SHIFT);
        assertEquals(bits, estimate, bits * 0.01 + 64, "estimated " + estimate + " bits, wrote " + bits);
    }

    private static int[] randomBlock(Random rnd, int log2, int trial) {
        int n = 1 << log2;
        int[] lv = new int[STRIDE * STRIDE];
        int off = 3 * STRIDE + 5;
        double density = rnd.nextDouble();
        int magnitude = trial % 5 == 0 ? 3000 : trial % 2 == 0 ? 3 : 40;
        boolean any = false;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // denser and larger towards low frequencies, as real residuals are
                if (rnd.nextDouble() < density / (1 + 0.3 * (x + y))) {
                    int v = 1 + rnd.nextInt(1 + magnitude / (1 + x + y));
                    lv[off + y * STRIDE + x] = rnd.nextBoolean() ? v : -v;
                    any = true;
                }
            }
        }
        if (!any) {
            lv[off + rnd.nextInt(n) * STRIDE + rnd.nextInt(n)] = 1;
        }
        return lv;
    }

    private static void assertRoundTrip(int[] levels, int log2, boolean luma, String what) throws BitstreamException {
        int off = 3 * STRIDE + 5;
        ArithmeticEncoder enc = new ArithmeticEncoder(new ContextSet(Contexts.TABLE, 27));
        ResidualCoding.write(enc, levels, off, STRIDE, log2, luma);
        enc.encodeTerminate(1);
        byte[] bytes = enc.finish();
        int[] parsed = new int[STRIDE * STRIDE];
        java.util.Arrays.fill(parsed, 12345);   // the parser must clear its block and nothing else
        ArithmeticDecoder dec = new ArithmeticDecoder(bytes, 0, bytes.length, 0, new ContextSet(Contexts.TABLE, 27));
        int box = ResidualCoding.read(dec, parsed, off, STRIDE, log2, luma);
        assertEquals(1, dec.decodeTerminate(), what);
        int n = 1 << log2;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (levels[off + y * STRIDE + x] != 0) {
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertEquals(maxY << 8 | maxX, box, what + ": returned bounding box");
        int[] expected = new int[STRIDE * STRIDE];
        java.util.Arrays.fill(expected, 12345);
        for (int y = 0; y < n; y++) {
            System.arraycopy(levels, off + y * STRIDE, expected, off + y * STRIDE, n);
        }
        assertArrayEquals(expected, parsed, what);
    }
}
