package io.inlay.core.inter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlay.core.kernels.BiAveraging;
import io.inlay.core.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Weighted bi-prediction with {@link BiWeights}' table: the {@link BiAveraging#weighted} kernel (scalar and, when
 * the vector module is present, Vector API) against a direct evaluation of decoding-process.md §13.2, its edge
 * cases. (The kernel harness compares the two levels exhaustively; this pins the scalar reference to the spec.)
 */
class BiWeightsTest {
    private static List<BiAveraging> kernels() {
        List<BiAveraging> k = new ArrayList<>();
        k.add(Kernels.scalar().biAveraging());
        if (Kernels.vectorModulePresent()) {
            k.add(Kernels.vector().biAveraging());
        }
        return k;
    }

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
            for (BiAveraging k : kernels()) {
                for (int idx = 1; idx <= BiWeights.MAX_IDX; idx++) {
                    short[] out = new short[a.length];
                    k.weighted(a, 0, 16, a, 0, 16, 16, 8, bitDepth, BiWeights.weight(idx), out, 0, 16);
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(uni[i], out[i], k + " bit depth " + bitDepth + " idx " + idx + " sample " + i);
                    }
                }
            }
        }
    }

    /** Random intermediates over the whole legal range, strides and offsets: the rounded, clipped weighted sum; nothing else written. */
    @Test
    void matchesTheFormulaAndWritesOnlyTheBlock() {
        Random rnd = new Random(11);
        for (BiAveraging k : kernels()) {
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
                    int w1 = BiWeights.weight(idx);
                    k.weighted(a, 3, 20, b, 5, 17, w, h, bitDepth, w1, dst, 7, 15);
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
                            assertEquals(Math.clamp(v, 0, (1 << bitDepth) - 1), dst[d], k + " x " + x + " y " + y);
                        }
                    }
                    for (int i = 0; i < 7; i++) {
                        assertEquals(-1, dst[i]);
                    }
                }
            }
        }
    }

    @Test
    void theTableIsH266sRandomAccessSetAndRejectsIndicesOutOfRange() {
        assertEquals(4, BiWeights.weight(0));
        assertEquals(3, BiWeights.weight(1));
        assertEquals(5, BiWeights.weight(2));
        assertEquals(2, BiWeights.MAX_IDX);
        assertThrows(IllegalArgumentException.class, () -> BiWeights.weight(-1));
        assertThrows(IllegalArgumentException.class, () -> BiWeights.weight(BiWeights.MAX_IDX + 1));
    }
}
