package io.inlay.core.inter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlay.core.kernels.Kernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link BiWeights#weighted}: the formula of decoding-process.md §13.2 against a direct evaluation, its edge cases. */
class BiWeightsTest {
    /** predSamples of both lists equal: every weight gives the uni-prediction of one list. */
    @Test
    void equalPredictionsGiveTheUniPrediction() {
        Random rnd = new Random(7);
        for (int bitDepth : new int[] {8, 10, 12}) {
            short[] a = new short[16 * 8];
            for (int i = 0; i < a.length; i++) {
                a[i] = (short) (rnd.nextInt(1 << 14) - 8192 + rnd.nextInt(200) - 100);
            }
            short[] uni = new short[a.length];
            Kernels.scalar().biAveraging().single(a, 0, 16, 16, 8, bitDepth, uni, 0, 16);
            for (int idx = 1; idx <= BiWeights.MAX_IDX; idx++) {
                short[] out = new short[a.length];
                BiWeights.weighted(a, 0, 16, a, 0, 16, 16, 8, bitDepth, idx, out, 0, 16);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(uni[i], out[i], "bit depth " + bitDepth + " idx " + idx + " sample " + i);
                }
            }
        }
    }

    /** Random intermediates over the whole legal range, strides and offsets: the rounded, clipped weighted sum; nothing else written. */
    @Test
    void matchesTheFormulaAndWritesOnlyTheBlock() {
        Random rnd = new Random(11);
        for (int bitDepth : new int[] {8, 10, 12}) {
            for (int idx = 1; idx <= BiWeights.MAX_IDX; idx++) {
                int w = 12;
                int h = 6;
                short[] a = new short[3 + 20 * h];
                short[] b = new short[5 + 17 * h];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (short) (rnd.nextInt(33300 + 16900 + 1) - 16900 - 8192);
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (short) (rnd.nextInt(33300 + 16900 + 1) - 16900 - 8192);
                }
                short[] dst = new short[7 + 15 * h];
                java.util.Arrays.fill(dst, (short) -1);
                BiWeights.weighted(a, 3, 20, b, 5, 17, w, h, bitDepth, idx, dst, 7, 15);
                int w1 = BiWeights.weight(idx);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < 15; x++) {
                        int d = 7 + y * 15 + x;
                        if (x >= w) {
                            assertEquals(-1, dst[d]);
                            continue;
                        }
                        long p0 = a[3 + y * 20 + x] + 8192L;
                        long p1 = b[5 + y * 17 + x] + 8192L;
                        int shift = 17 - bitDepth;
                        long v = ((8 - w1) * p0 + w1 * p1 + (1L << (shift - 1))) >> shift;
                        assertEquals(Math.clamp(v, 0, (1 << bitDepth) - 1), dst[d], "x " + x + " y " + y);
                    }
                }
                for (int i = 0; i < 7; i++) {
                    assertEquals(-1, dst[i]);
                }
            }
        }
    }

    @Test
    void rejectsTheAverageIndexAndIndicesOutOfRange() {
        short[] a = new short[64];
        assertThrows(IllegalArgumentException.class, () -> BiWeights.weighted(a, 0, 8, a, 0, 8, 8, 8, 8, 0, a, 0, 8));
        assertThrows(IllegalArgumentException.class,
                () -> BiWeights.weighted(a, 0, 8, a, 0, 8, 8, 8, 8, BiWeights.MAX_IDX + 1, a, 0, 8));
    }
}
