package io.inlay.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InverseTransformTest {
    private static final long SEED = 0x5EED_7A11L;

    /** Straight transcription of H.265 §8.6.4.2 + §8.6.2: no pruning, no fast paths. */
    private static int[] referenceInverse(int[] coeff, int log2Size, TransformType type, int bitDepth) {
        int n = 1 << log2Size;
        int[] m = TransformMatrices.matrix(log2Size, type);
        int[] g = new int[n * n];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                long e = 0;
                for (int k = 0; k < n; k++) {
                    e += (long) m[k * n + y] * coeff[k * n + x];
                }
                g[y * n + x] = Math.clamp((e + 64) >> 7, -32768, 32767);
            }
        }
        int bdShift = 20 - bitDepth;
        int[] r = new int[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                long s = 0;
                for (int k = 0; k < n; k++) {
                    s += (long) m[k * n + x] * g[y * n + k];
                }
                r[y * n + x] = (int) ((s + (1L << (bdShift - 1))) >> bdShift);
            }
        }
        return r;
    }

    private static TransformType[] typesFor(int log2) {
        return log2 == 2 ? TransformType.values() : new TransformType[] {TransformType.DCT2};
    }

    @Test
    void matchesSpecTranscriptionOnRandomSparseDenseAndExtremeBlocks() {
        Random rnd = new Random(SEED);
        InverseTransform it = new InverseTransform();
        for (int bitDepth : new int[] {8, 10, 12}) {
            for (int log2 = 2; log2 <= 5; log2++) {
                int n = 1 << log2;
                for (TransformType type : typesFor(log2)) {
                    for (int trial = 0; trial < 60; trial++) {
                        int[] c = new int[n * n];
                        int kind = trial % 5;
                        if (kind == 0) {
                            c[0] = rnd.nextInt(65536) - 32768;                 // DC only
                        } else if (kind == 1) {
                            c[rnd.nextInt(n * n)] = rnd.nextInt(2001) - 1000;  // one coefficient
                        } else if (kind == 2) {                                 // low-frequency corner
                            int lim = 1 + rnd.nextInt(n);
                            for (int y = 0; y < lim; y++) {
                                for (int x = 0; x < lim; x++) {
                                    c[y * n + x] = rnd.nextInt(513) - 256;
                                }
                            }
                        } else if (kind == 3) {                                 // dense
                            for (int i = 0; i < c.length; i++) {
                                c[i] = rnd.nextInt(4097) - 2048;
                            }
                        } else {                                                // extreme: intermediate clipping
                            for (int i = 0; i < c.length; i++) {
                                c[i] = rnd.nextBoolean() ? 32767 : -32768;
                            }
                        }
                        int[] expected = referenceInverse(c, log2, type, bitDepth);
                        int[] out = new int[n * n];
                        java.util.Arrays.fill(out, 12345);
                        int[] copy = c.clone();
                        it.inverse(c, out, log2, type, bitDepth);
                        assertArrayEquals(expected, out, "log2 " + log2 + " " + type + " bd " + bitDepth + " kind " + kind);
                        assertArrayEquals(copy, c, "coefficients must not be modified");
                    }
                }
            }
        }
    }

    @Test
    void dcOnlyGivesFlatBlock() {
        InverseTransform it = new InverseTransform();
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            int[] c = new int[n * n];
            c[0] = 64 * 100;                       // a scaled DC
            int[] out = new int[n * n];
            it.inverse(c, out, log2, TransformType.DCT2, 8);
            int v = out[0];
            assertTrue(v != 0);
            for (int i = 0; i < n * n; i++) {
                assertEquals(v, out[i], "log2 " + log2 + " index " + i);
            }
        }
        // All zero gives zero, whatever the buffer held.
        int[] zero = new int[16];
        int[] out = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        it.inverse(zero, out, 2, TransformType.DST7, 10);
        assertArrayEquals(new int[16], out);
    }

    @Test
    void dcValueFollowsTheTwoStageScaling() {
        // 8-bit 4x4: g = (64 * 256 + 64) >> 7 = 128; r = (64 * 128 + 2048) >> 12 = 2.
        InverseTransform it = new InverseTransform();
        int[] c = new int[16];
        c[0] = 256;
        int[] out = new int[16];
        it.inverse(c, out, 2, TransformType.DCT2, 8);
        assertEquals(2, out[5]);
        // 10-bit: bdShift 10: (64 * 128 + 512) >> 10 = 8.
        it.inverse(c, out, 2, TransformType.DCT2, 10);
        assertEquals(8, out[15]);
    }
}
