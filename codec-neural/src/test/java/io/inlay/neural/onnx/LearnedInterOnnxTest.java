package io.inlay.neural.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.inlay.core.inter.JavaLearnedInter;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.kernels.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ONNX Runtime path of the learned interpolation filters ({@link OnnxLearnedInter}) against the
 * Java kernels ({@link JavaLearnedInter} on the scalar reference and on the Vector API kernel of
 * {@code SubpelInterpolation}): every learned set of the bundled model and of random models whose
 * rows reach the bound of §10.1 (positive taps summing to 96), all 16 fraction pairs, block sizes 4
 * to 64 (and 8x16, 16x8), bit depths 8, 10 and 12, windows random, all 0, all maximum, alternating
 * 0 / maximum, and guard values after the output.
 */
class LearnedInterOnnxTest {
    private static final long SEED = Long.getLong("inlay.test.seed", 20261207L);

    static List<LearnedInterModel> models(Random rnd) {
        List<LearnedInterModel> out = new ArrayList<>(LearnedInterModel.bundledModels());
        for (int kind = 0; kind < 3; kind++) {
            int sets = 1 + rnd.nextInt(LearnedInterModel.MAX_SETS);
            int[][][] taps = new int[sets][4][];
            for (int s = 0; s < sets; s++) {
                for (int f = 1; f < 4; f++) {
                    taps[s][f] = kind == 0 ? randomRow(rnd) : extremeRow(rnd);
                }
            }
            out.add(LearnedInterModel.parse(LearnedInterModel.serialise(taps)));
        }
        return out;
    }

    // taps summing to 64, positive ones to at most 96
    static int[] randomRow(Random rnd) {
        while (true) {
            int[] r = new int[8];
            int sum = 0;
            for (int k = 0; k < 7; k++) {
                r[k] = rnd.nextInt(41) - 16;
                sum += r[k];
            }
            r[7] = 64 - sum;
            if (r[7] >= -128 && r[7] <= 127 && io.inlay.core.kernels.SubpelInterpolation.validLumaTaps(r)) {
                return r;
            }
        }
    }

    // positive taps summing to exactly 96, negative to -32, at random places
    static int[] extremeRow(Random rnd) {
        int[] r = new int[8];
        int a = rnd.nextInt(8);
        int b = (a + 1 + rnd.nextInt(7)) % 8;
        int c = rnd.nextInt(8);
        while (c == a || c == b) {
            c = rnd.nextInt(8);
        }
        r[a] = 96 - rnd.nextInt(40);
        r[b] = 96 - r[a];
        r[c] = -32;
        return r;
    }

    static void fill(short[] w, int from, int len, int pattern, int max, Random rnd) {
        for (int i = 0; i < len; i++) {
            w[from + i] = (short) switch (pattern) {
                case 0 -> rnd.nextInt(max + 1);
                case 1 -> 0;
                case 2 -> max;
                default -> ((i + i / 7) & 1) == 0 ? 0 : max;
            };
        }
    }

    @Test
    void onnxEqualsJavaForEverySetFractionSizeAndBitDepth() {
        Random rnd = new Random(SEED);
        int[][] sizes = {{4, 4}, {8, 8}, {16, 16}, {32, 32}, {64, 64}, {8, 16}, {16, 8}};
        for (LearnedInterModel model : models(rnd)) {
            for (int bitDepth : new int[] {8, 10, 12}) {
                int max = (1 << bitDepth) - 1;
                JavaLearnedInter scalar = new JavaLearnedInter(model, bitDepth, Kernels.scalar().subpelInterpolation());
                JavaLearnedInter vector = Kernels.vectorModulePresent()
                        ? new JavaLearnedInter(model, bitDepth, Kernels.vector().subpelInterpolation()) : null;
                try (OnnxLearnedInter onnx = new OnnxLearnedInter(model, bitDepth, 1)) {
                    for (int[] size : sizes) {
                        int w = size[0];
                        int h = size[1];
                        int win = (w + 7) * (h + 7);
                        for (int pattern = 0; pattern < 4; pattern++) {
                            // every set x 16 fraction pairs in one batch
                            int count = model.sets() * 16;
                            short[] windows = new short[count * win];
                            int[] sets = new int[count];
                            int[] fracs = new int[count];
                            for (int b = 0; b < count; b++) {
                                fill(windows, b * win, win, pattern, max, rnd);
                                sets[b] = b / 16;
                                fracs[b] = b % 16;
                            }
                            int n = count * w * h;
                            short[] expected = new short[n + 3];
                            short[] actual = new short[n + 3];
                            Arrays.fill(expected, n, n + 3, (short) 12345);
                            Arrays.fill(actual, n, n + 3, (short) 12345);
                            String what = "seed " + SEED + ", model " + LearnedIntraOnnxTest.hex(model.id())
                                    + ", bit depth " + bitDepth + ", " + w + "x" + h + ", pattern " + pattern;
                            scalar.interpolate(w, h, count, windows, sets, fracs, expected);
                            onnx.interpolate(w, h, count, windows, sets, fracs, actual);
                            assertArrayEquals(expected, actual, "onnx, " + what);
                            if (vector != null) {
                                Arrays.fill(actual, 0, n, (short) 0);
                                vector.interpolate(w, h, count, windows, sets, fracs, actual);
                                assertArrayEquals(expected, actual, "vector, " + what);
                            }
                            // batch of one, the decoder's smallest call
                            short[] one = new short[w * h];
                            onnx.interpolate(w, h, 1, Arrays.copyOfRange(windows, win, 2 * win),
                                    new int[] {sets[1]}, new int[] {fracs[1]}, one);
                            assertArrayEquals(Arrays.copyOfRange(expected, w * h, 2 * w * h), one, "batch 1, " + what);
                        }
                    }
                }
            }
        }
    }
}
