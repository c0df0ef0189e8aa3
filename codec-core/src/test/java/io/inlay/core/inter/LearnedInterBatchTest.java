package io.inlay.core.inter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlay.core.ChromaFormat;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.intra.JavaLearnedIntra;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.neural.LearnedExecutors;
import io.inlay.core.neural.NeuralOptions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batched path of the learned interpolation filters (windows gathered by
 * {@link SubpelFilter#lumaWindow}, {@link LearnedInterBatch}, the Java executor) against the direct
 * path {@link SubpelFilter#predictLuma} with the same taps, which the decoder used before batching:
 * random vectors inside, across and far outside the picture (edge clamping, with and without the
 * padded border), every block size 4..64, blocks of several sizes in one batch, bit depths 8 and 10.
 * And: without a provider (codec-core alone) an ONNX request falls back to the Java kernels.
 */
class LearnedInterBatchTest {
    private static final long SEED = Long.getLong("inlay.test.seed", 7L);

    @Test
    void batchEqualsTheDirectPathEverywhere() {
        Random rnd = new Random(SEED);
        LearnedInterModel model = LearnedInterModel.defaultModel().orElseThrow();
        for (int bitDepth : new int[] {8, 10}) {
            for (int padding : new int[] {0, 80}) {
                Picture pic = Picture.allocate(72, 40, bitDepth, ChromaFormat.YUV420, padding);
                Plane ref = pic.plane(0);
                short[] s = ref.samples();
                for (int y = 0; y < ref.height(); y++) {
                    for (int x = 0; x < ref.width(); x++) {
                        s[ref.index(x, y)] = (short) rnd.nextInt(1 << bitDepth);
                    }
                }
                ref.extendBorders();
                SubpelFilter direct = new SubpelFilter();
                LearnedInterBatch batch = new LearnedInterBatch(new JavaLearnedInter(model, bitDepth));
                for (int round = 0; round < 20; round++) {
                    batch.clear();
                    int count = 1 + rnd.nextInt(12);
                    int[][] blocks = new int[count][];
                    for (int b = 0; b < count; b++) {
                        int size = 4 << rnd.nextInt(5);
                        int range = switch (rnd.nextInt(3)) {
                            case 0 -> 16;       // near the block
                            case 1 -> 400;      // across the edges
                            default -> 40_000;  // far outside
                        };
                        int mvx = rnd.nextInt(2 * range + 1) - range;
                        int mvy = rnd.nextInt(2 * range + 1) - range;
                        int x = rnd.nextInt(72);
                        int y = rnd.nextInt(40);
                        int set = rnd.nextInt(model.sets());
                        blocks[b] = new int[] {x, y, mvx, mvy, size, set, batch.add(ref, x, y, mvx, mvy, size, set)};
                    }
                    batch.run();
                    for (int[] bl : blocks) {
                        int size = bl[4];
                        short[] want = new short[size * size];
                        direct.predictLuma(ref, bl[0], bl[1], bl[2], bl[3], size, size, bitDepth, want, 0, size,
                                model.taps(bl[5]));
                        short[] got = new short[size * size];
                        System.arraycopy(batch.output(bl[6]), batch.outputOffset(bl[6]), got, 0, size * size);
                        assertArrayEquals(want, got, "seed " + SEED + ", bit depth " + bitDepth + ", padding " + padding
                                + ", block " + java.util.Arrays.toString(bl));
                    }
                }
            }
        }
    }

    @Test
    void onnxRequestWithoutProviderFallsBackToJava() {
        NeuralOptions onnx = new NeuralOptions(NeuralOptions.Runtime.ONNX, 1);
        assertEquals(0, LearnedExecutors.installed().size(), "codec-core's tests have no provider on the class path");
        LearnedInterModel lif = LearnedInterModel.defaultModel().orElseThrow();
        assertEquals(JavaLearnedInter.class, LearnedExecutors.openInter(lif, 8, onnx).getClass());
        assertEquals(NeuralOptions.Runtime.JAVA, NeuralOptions.defaults().learnedRuntime());
        assertEquals(NeuralOptions.Runtime.ONNX, NeuralOptions.defaults().runtime());
        assertEquals(NeuralOptions.Runtime.ONNX, NeuralOptions.of(NeuralOptions.Runtime.ONNX, 2).learnedRuntime());
        assertEquals(NeuralOptions.Runtime.JAVA, NeuralOptions.of(null, 2).learnedRuntime());
        assertEquals(JavaLearnedIntra.class, LearnedExecutors.openIntra(zeroIntraModel(), 8, onnx).getClass());
    }

    private static LearnedIntraModel zeroIntraModel() {
        int c = LearnedIntraModel.CLASSES;
        int m = LearnedIntraModel.MODES;
        byte[][][] w = new byte[c][m][];
        int[][][] b = new int[c][m][];
        for (int i = 0; i < c; i++) {
            for (int k = 0; k < m; k++) {
                w[i][k] = new byte[LearnedIntraModel.inputs(i) * LearnedIntraModel.outputs(i)];
                b[i][k] = new int[LearnedIntraModel.outputs(i)];
            }
        }
        int[][] shifts = new int[c][m];
        for (int[] row : shifts) {
            java.util.Arrays.fill(row, 1);
        }
        return LearnedIntraModel.parse(LearnedIntraModel.serialise(w, b, shifts, new int[c][m]));
    }
}
