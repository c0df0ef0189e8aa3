package io.inlay.core.intra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The learned intra kernel against a literal transcription of docs/bitstream/decoding-process.md
 * §4.8 (boundary reduction, matrix product, upsampling written per sample as the text defines
 * them), on random models and references at every size and bit depths 8 and 10, including extreme
 * weights and samples; guard entries after the block stay untouched. Model files: round trip and
 * rejection of malformed ones.
 */
class LearnedIntraPredictorTest {
    /** The bundled model (codec-neural's resources), read from the source tree. */
    static final Path BUNDLED = Path.of("../codec-neural/src/main/resources/io/inlay/neural/models/lip3.ilip");

    static LearnedIntraModel randomModel(long seed, boolean extreme) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][][] w = new byte[4][8][];
        int[][][] b = new int[4][8][];
        int[][] sh = new int[4][8];
        int[][] dm = new int[4][8];
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < 8; k++) {
                dm[c][k] = r.nextInt(IntraModes.NUM_MODES);
                w[c][k] = new byte[LearnedIntraModel.inputs(c) * LearnedIntraModel.outputs(c)];
                b[c][k] = new int[LearnedIntraModel.outputs(c)];
                sh[c][k] = extreme ? (k % 2 == 0 ? 1 : 15) : 5 + r.nextInt(4);
                for (int i = 0; i < w[c][k].length; i++) {
                    w[c][k][i] = (byte) (extreme ? (r.nextBoolean() ? 127 : -128) : r.nextInt(-40, 41));
                }
                for (int j = 0; j < b[c][k].length; j++) {
                    b[c][k][j] = extreme ? (r.nextBoolean() ? LearnedIntraModel.OFFSET_LIMIT - 1
                            : 1 - LearnedIntraModel.OFFSET_LIMIT) : r.nextInt(-5000, 5000);
                }
            }
        }
        return LearnedIntraModel.parse(LearnedIntraModel.serialise(w, b, sh, dm));
    }

    /** §4.8, sample by sample. */
    static int[] reference(LearnedIntraModel m, int[] top, int[] left, int mode, int log2, int bitDepth) {
        int c = log2 - 2;
        int n = 1 << log2;
        int s = LearnedIntraModel.boundaryPerSide(c);
        int f = n / s;
        int[] p = new int[2 * s];
        for (int i = 0; i < s; i++) {
            int t = 0;
            int l = 0;
            for (int j = 0; j < f; j++) {
                t += top[1 + i * f + j];
                l += left[1 + i * f + j];
            }
            p[i] = f == 1 ? t : (t + f / 2) / f;          // non-negative: division rounds like the shift
            p[s + i] = f == 1 ? l : (l + f / 2) / f;
        }
        long sum = 0;
        for (int v : p) {
            sum += v;
        }
        int avg = (int) ((sum + s) / (2 * s));
        int r = LearnedIntraModel.reducedSide(c);
        int[] red = new int[r * r];
        int shift = m.shift(c, mode);
        for (int j = 0; j < r * r; j++) {
            long acc = (long) m.offsets(c, mode)[j] * (1 << (bitDepth - 8));
            for (int i = 0; i < 2 * s; i++) {
                acc += m.weights(c, mode)[j * 2 * s + i] * (long) (p[i] - avg);
            }
            long v = avg + Math.floorDiv(acc + (1L << (shift - 1)), 1L << shift);
            red[j] = (int) Math.max(0, Math.min((1 << bitDepth) - 1, v));
        }
        if (r == n) {
            return red;
        }
        int u = n / r;
        int[] pred = new int[n * n];
        int[][] rows = new int[r][n];
        for (int i = 0; i < r; i++) {
            for (int x = 0; x < n; x++) {
                int j = x / u;                             // segment: anchors at x = j*u - 1 and (j+1)*u - 1
                int k = x - j * u + 1;
                int a = j == 0 ? left[1 + (i + 1) * u - 1] : red[i * r + j - 1];
                int bv = red[i * r + j];
                rows[i][x] = Math.floorDiv((u - k) * a + k * bv + u / 2, u);
            }
        }
        for (int y = 0; y < n; y++) {
            int i = y / u;
            int k = y - i * u + 1;
            for (int x = 0; x < n; x++) {
                int a = i == 0 ? top[1 + x] : rows[i - 1][x];
                pred[y * n + x] = Math.floorDiv((u - k) * a + k * rows[i][x] + u / 2, u);
            }
        }
        return pred;
    }

    @Test
    void kernelMatchesTheSpecificationTextOnRandomAndExtremeInputs() {
        SplittableRandom r = new SplittableRandom(20261206);
        LearnedIntraPredictor k = new LearnedIntraPredictor();
        for (int trial = 0; trial < 40; trial++) {
            boolean extreme = trial % 4 == 3;
            LearnedIntraModel m = randomModel(trial, extreme);
            for (int bitDepth : new int[] {8, 10, 12}) {
                int max = (1 << bitDepth) - 1;
                for (int log2 = 2; log2 <= 5; log2++) {
                    int n = 1 << log2;
                    int[] top = new int[IntraReference.CAPACITY];
                    int[] left = new int[IntraReference.CAPACITY];
                    for (int i = 0; i < top.length; i++) {
                        top[i] = extreme ? (r.nextBoolean() ? 0 : max) : r.nextInt(max + 1);
                        left[i] = extreme ? (r.nextBoolean() ? 0 : max) : r.nextInt(max + 1);
                    }
                    for (int mode = 0; mode < LearnedIntraModel.MODES; mode++) {
                        int[] pred = new int[n * n + 16];
                        Arrays.fill(pred, -7);
                        k.predict(m, top, left, mode, log2, bitDepth, pred);
                        int[] want = reference(m, top, left, mode, log2, bitDepth);
                        assertArrayEquals(want, Arrays.copyOf(pred, n * n),
                                "trial " + trial + " bitDepth " + bitDepth + " n " + n + " mode " + mode);
                        for (int i = n * n; i < pred.length; i++) {
                            assertEquals(-7, pred[i], "wrote past the block");
                        }
                        for (int v : want) {
                            assertTrue(v >= 0 && v <= max);
                        }
                    }
                }
            }
        }
    }

    @Test
    void bundledModelParsesAndIsIdentifiedByItsSha256() throws Exception {
        byte[] file = Files.readAllBytes(BUNDLED);
        LearnedIntraModel m = LearnedIntraModel.parse(file);
        String sha = Files.readString(BUNDLED.resolveSibling("lip3.sha256")).substring(0, 64);
        assertEquals(sha, java.util.HexFormat.of().formatHex(m.id()));
        assertArrayEquals(file, m.bytes());
    }

    @Test
    void malformedModelsAreRejected() throws Exception {
        byte[] good = Files.readAllBytes(BUNDLED);
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> LearnedIntraModel.parse(magic));
        assertThrows(IllegalArgumentException.class, () -> LearnedIntraModel.parse(Arrays.copyOf(good, good.length - 1)));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> LearnedIntraModel.parse(longer));
        byte[] version1 = good.clone();
        version1[4] = 1;                                   // format 0.5's model files
        assertMessage("unsupported version 1", version1);
        byte[] derived = good.clone();
        derived[6] = (byte) IntraModes.NUM_MODES;          // derived mode of class 0 mode 0
        assertMessage("derived mode must be 0..34, is 35 (class 0 mode 0)", derived);
        byte[] derivedLast = good.clone();
        int perMode0 = 2 + 8 * 16 + 4 * 16;                // class 0: derived, shift, weights, offsets
        int perMode = 2 + 16 * 64 + 4 * 64;
        derivedLast[6 + 8 * perMode0 + 3 * 8 * perMode - perMode] = (byte) 0xFF;   // class 3 mode 7
        assertMessage("derived mode must be 0..34, is 255 (class 3 mode 7)", derivedLast);
        byte[] shift0 = good.clone();
        shift0[7] = 0;                                     // shift of class 0 mode 0
        assertMessage("shift must be 1..15, is 0", shift0);
        byte[] bigOffset = good.clone();
        bigOffset[6 + 2 + 8 * 16] = 0x7F;                  // first offset's top byte
        assertMessage("offset out of range", bigOffset);
    }

    private static void assertMessage(String part, byte[] file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearnedIntraModel.parse(file));
        assertTrue(e.getMessage().startsWith("invalid learned intra model: ") && e.getMessage().contains(part),
                e.getMessage());
    }

    @Test
    void derivedModesRoundTrip() {
        IntBinaryOperator dm = (c, k) -> (c * 8 + k * 5) % IntraModes.NUM_MODES;
        LearnedIntraModel m = LearnedIntraModel.parse(ZeroLearnedIntraModel.serialised(dm));
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < 8; k++) {
                assertEquals(dm.applyAsInt(c, k), m.derivedMode(c, k), "class " + c + " mode " + k);
                assertEquals(LearnedIntraModel.transposedMode(dm.applyAsInt(c, k)), m.derivedMode(c, k + 8));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ZeroLearnedIntraModel.serialised(
                (c, k) -> c == 2 && k == 3 ? IntraModes.NUM_MODES : dm.applyAsInt(c, k)));
    }

    /**
     * §4.8, format 0.7: mode 8 + k is mode k with the sides swapped and the reduced prediction
     * transposed. Without upsampling (4x4, 8x8) that is the whole prediction transposed; for every
     * class the derived matrix, offsets, shift and derived mode follow the formulas of the text.
     */
    @Test
    void transposedModesAreTheStoredModesTransposed() {
        SplittableRandom r = new SplittableRandom(7);
        LearnedIntraPredictor k = new LearnedIntraPredictor();
        for (int trial = 0; trial < 8; trial++) {
            LearnedIntraModel m = randomModel(100 + trial, trial == 7);
            for (int log2 = 2; log2 <= 3; log2++) {
                int n = 1 << log2;
                int[] top = new int[IntraReference.CAPACITY];
                int[] left = new int[IntraReference.CAPACITY];
                for (int i = 0; i < top.length; i++) {
                    top[i] = r.nextInt(256);
                    left[i] = r.nextInt(256);
                }
                for (int mode = 0; mode < LearnedIntraModel.STORED_MODES; mode++) {
                    int[] t = new int[n * n];
                    int[] p = new int[n * n];
                    k.predict(m, top, left, mode + LearnedIntraModel.STORED_MODES, log2, 8, t);
                    k.predict(m, left, top, mode, log2, 8, p);
                    for (int y = 0; y < n; y++) {
                        for (int x = 0; x < n; x++) {
                            assertEquals(p[x * n + y], t[y * n + x], "n " + n + " mode " + mode + " at " + x + "," + y);
                        }
                    }
                }
            }
            for (int c = 0; c < LearnedIntraModel.CLASSES; c++) {
                int s = LearnedIntraModel.boundaryPerSide(c);
                int in = 2 * s;
                int rs = LearnedIntraModel.reducedSide(c);
                for (int mode = 0; mode < LearnedIntraModel.STORED_MODES; mode++) {
                    int tm = mode + LearnedIntraModel.STORED_MODES;
                    byte[] a = m.matrixWeights(c, mode);
                    byte[] at = m.matrixWeights(c, tm);
                    int[] b = m.matrixOffsets(c, mode);
                    int[] bt = m.matrixOffsets(c, tm);
                    for (int y = 0; y < rs; y++) {
                        for (int x = 0; x < rs; x++) {
                            assertEquals(b[x * rs + y], bt[y * rs + x]);
                            for (int i = 0; i < in; i++) {
                                assertEquals(a[(x * rs + y) * in + (i + s) % in], at[(y * rs + x) * in + i]);
                            }
                        }
                    }
                    assertEquals(m.shift(c, mode), m.shift(c, tm));
                    int dm = m.derivedMode(c, mode);
                    assertEquals(dm < 2 ? dm : 36 - dm, m.derivedMode(c, tm));
                }
            }
        }
        assertEquals(IntraModes.HORIZONTAL, LearnedIntraModel.transposedMode(IntraModes.VERTICAL));
        assertEquals(IntraModes.DIAGONAL, LearnedIntraModel.transposedMode(IntraModes.DIAGONAL));
        assertEquals(34, LearnedIntraModel.transposedMode(2));
        assertEquals(IntraModes.DC, LearnedIntraModel.transposedMode(IntraModes.DC));
    }

    @Test
    void macsPerSample() {
        assertEquals(8.0, LearnedIntraModel.macsPerSample(2));
        assertEquals(16.0, LearnedIntraModel.macsPerSample(3));
        assertEquals(6.0, LearnedIntraModel.macsPerSample(4));
        assertEquals(3.0, LearnedIntraModel.macsPerSample(5));
    }
}
