package io.inlay.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DequantiserTest {
    private static int one(int level, int qp, int log2Size, int bitDepth) {
        int[] out = new int[1];
        Dequantiser.dequantise(new int[] {level}, out, 1, qp, log2Size, bitDepth);
        return out[0];
    }

    @Test
    void knownValues8Bit() {
        // qP 4: levelScale 64, bdShift 5 for 4x4: (1 * 16 * 64 + 16) >> 5 = 32.
        assertEquals(32, one(1, 4, 2, 8));
        // qP 22: 64 << 3: (8192 + 16) >> 5 = 256 (step 8 at QP 22).
        assertEquals(256, one(1, 22, 2, 8));
        // qP 0, 32x32: 16 * 40 = 640, bdShift 8: (-1920 + 128) >> 8 = -7; (-640 + 128) >> 8 = -2 (floor).
        assertEquals(-7, one(-3, 0, 5, 8));
        assertEquals(-2, one(-1, 0, 5, 8));
        // qP 25: levelScale[1] = 45 << 4 = 720 * 16 = 11520; 8x8 bdShift 6: (5 * 11520 + 32) >> 6 = 900.
        assertEquals(900, one(5, 25, 3, 8));
        assertEquals(0, one(0, 51, 5, 12));
    }

    @Test
    void higherBitDepthAddsQpBdOffsetSoTheRelativeStepIsUnchanged() {
        // 10-bit, QP 22 -> qP 34: 16 * 64 << 5 = 32768, bdShift 7: (32768 + 64) >> 7 = 256, as at 8 bits
        // (the transform's gain is 4x lower at 10 bits, the step 4x larger).
        assertEquals(256, one(1, 22, 2, 10));
        // 12-bit, QP 37 -> qP 61: levelScale[1] = 45 << 10, * 16 = 737280; 16x16 bdShift 11:
        // (2 * 737280 + 1024) >> 11 = 720.
        assertEquals(720, one(2, 37, 4, 12));
    }

    @Test
    void resultsAreClippedTo16Bits() {
        assertEquals(32767, one(1_000_000, 51, 2, 8));
        assertEquals(-32768, one(-1_000_000, 51, 2, 8));
        assertEquals(32767, one(Integer.MAX_VALUE, 51, 2, 12));
        assertEquals(-32768, one(Integer.MIN_VALUE, 51, 5, 12));
    }

    @Test
    void boxVariantEqualsTheWholeBlockInsideTheBoxAndWritesNothingElse() {
        java.util.Random rnd = new java.util.Random(0xDE0);
        for (int t = 0; t < 200; t++) {
            int log2 = 2 + rnd.nextInt(4);
            int n = 1 << log2;
            int bitDepth = 8 + rnd.nextInt(5);
            int qp = rnd.nextInt(52);
            int rows = 1 + rnd.nextInt(n);
            int cols = 1 + rnd.nextInt(n);
            int stride = 64;
            int off = 3 * stride + 5;
            int[] lv = new int[stride * stride];
            int[] block = new int[n * n];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    int v = rnd.nextInt(3) == 0 ? rnd.nextInt(65535) - 32767 : 0;
                    lv[off + y * stride + x] = v;
                    block[y * n + x] = v;
                }
            }
            int[] whole = new int[n * n];
            Dequantiser.dequantise(block, whole, n * n, qp, log2, bitDepth);
            int[] boxed = new int[n * n];
            java.util.Arrays.fill(boxed, 77);
            Dequantiser.dequantise(lv, off, stride, boxed, n, rows, cols, qp, log2, bitDepth);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int want = y < rows && x < cols ? whole[y * n + x] : 77;
                    assertEquals(want, boxed[y * n + x], "t " + t + " (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void worksInPlaceAndOnlyOnCount() {
        int[] a = {1, -1, 2, 0, 99};
        Dequantiser.dequantise(a, a, 4, 4, 2, 8);
        assertArrayEquals(new int[] {32, -32, 64, 0, 99}, a);
    }
}
