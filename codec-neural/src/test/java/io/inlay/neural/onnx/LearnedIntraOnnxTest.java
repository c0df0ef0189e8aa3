package io.inlay.neural.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.inlay.core.intra.JavaLearnedIntra;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.neural.LearnedIntraModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ONNX Runtime path of learned intra prediction ({@link OnnxLearnedIntra}) against the Java
 * kernel ({@link JavaLearnedIntra}, the scalar reference of decoding-process.md §4.8): every class,
 * every mode, bit depths 8, 10 and 12, the bundled model and random models at the limits of the
 * file format (weights +-127, offsets +-(2^22 - 1), shifts 1 and 15), reference samples random,
 * all 0, all maximum, alternating 0 / maximum, with batches of 1, 8 (the encoder's) and 37 mixed
 * modes, and guard values after the output.
 */
class LearnedIntraOnnxTest {
    private static final long SEED = Long.getLong("inlay.test.seed", 20261207L);

    static List<LearnedIntraModel> models(Random rnd) {
        List<LearnedIntraModel> out = new ArrayList<>(LearnedIntraModelProvider.bundledModels());
        out.add(randomModel(rnd, 0));   // uniform random
        out.add(randomModel(rnd, 1));   // extremes: +-127, |b| = 2^22 - 1, shift 15
        out.add(randomModel(rnd, 2));   // extremes with shift 1
        return out;
    }

    static LearnedIntraModel randomModel(Random rnd, int kind) {
        int classes = LearnedIntraModel.CLASSES;
        int modes = LearnedIntraModel.MODES;
        byte[][][] w = new byte[classes][modes][];
        int[][][] b = new int[classes][modes][];
        int[][] shift = new int[classes][modes];
        int[][] derived = new int[classes][modes];
        int lim = LearnedIntraModel.OFFSET_LIMIT - 1;
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < modes; k++) {
                w[c][k] = new byte[LearnedIntraModel.inputs(c) * LearnedIntraModel.outputs(c)];
                b[c][k] = new int[LearnedIntraModel.outputs(c)];
                for (int i = 0; i < w[c][k].length; i++) {
                    w[c][k][i] = (byte) (kind == 0 ? rnd.nextInt(255) - 127 : rnd.nextBoolean() ? 127 : -127);
                }
                for (int j = 0; j < b[c][k].length; j++) {
                    b[c][k][j] = kind == 0 ? rnd.nextInt(2 * lim + 1) - lim : rnd.nextBoolean() ? lim : -lim;
                }
                shift[c][k] = kind == 0 ? 1 + rnd.nextInt(15) : kind == 1 ? 15 : 1;
                derived[c][k] = rnd.nextInt(35);
            }
        }
        return LearnedIntraModel.parse(LearnedIntraModel.serialise(w, b, shift, derived));
    }

    /** Reference-sample patterns: 0 random, 1 all 0, 2 all max, 3 alternating, 4 random in a narrow band (smooth). */
    static void fill(int[] refs, int from, int len, int pattern, int max, Random rnd) {
        int base = rnd.nextInt(max + 1);
        for (int i = 0; i < len; i++) {
            refs[from + i] = switch (pattern) {
                case 0 -> rnd.nextInt(max + 1);
                case 1 -> 0;
                case 2 -> max;
                case 3 -> (i & 1) == 0 ? 0 : max;
                default -> Math.min(max, Math.max(0, base + rnd.nextInt(9) - 4));
            };
        }
    }

    @Test
    void onnxEqualsJavaOnEveryClassModeAndBitDepth() {
        Random rnd = new Random(SEED);
        for (LearnedIntraModel model : models(rnd)) {
            for (int bitDepth : new int[] {8, 10, 12}) {
                int max = (1 << bitDepth) - 1;
                JavaLearnedIntra ref = new JavaLearnedIntra(model, bitDepth);
                try (OnnxLearnedIntra onnx = new OnnxLearnedIntra(model, bitDepth, 1)) {
                    for (int log2 = 2; log2 <= 5; log2++) {
                        int n = 1 << log2;
                        for (int count : new int[] {1, 8, 37}) {
                            for (int pattern = 0; pattern < 5; pattern++) {
                                int[] refs = new int[count * 2 * n];
                                int[] modes = new int[count];
                                for (int bl = 0; bl < count; bl++) {
                                    fill(refs, bl * 2 * n, 2 * n, count == 37 ? rnd.nextInt(5) : pattern, max, rnd);
                                    modes[bl] = count == 8 ? bl : rnd.nextInt(LearnedIntraModel.MODES);
                                }
                                int[] expected = new int[count * n * n + 4];
                                int[] actual = new int[count * n * n + 4];
                                java.util.Arrays.fill(expected, count * n * n, expected.length, -7);
                                java.util.Arrays.fill(actual, count * n * n, actual.length, -7);
                                ref.predict(log2, count, refs, modes, expected);
                                onnx.predict(log2, count, refs, modes, actual);
                                assertArrayEquals(expected, actual, "seed " + SEED + ", model " + hex(model.id())
                                        + ", bit depth " + bitDepth + ", " + n + "x" + n + ", batch " + count
                                        + ", pattern " + pattern);
                            }
                        }
                    }
                }
            }
        }
    }

    static String hex(byte[] id) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append(String.format("%02x", id[i]));
        }
        return b.toString();
    }
}
