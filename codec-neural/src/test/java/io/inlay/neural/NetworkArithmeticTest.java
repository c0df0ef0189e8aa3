package io.inlay.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.NeuralOptions;
import io.inlay.neural.kernels.vector.VectorNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §2 arithmetic on tiny hand-computed cases, for every executor. */
class NetworkArithmeticTest {
    private static ModelFile.Layer layer(int in, int out, int k, int shift, int[] mult, int[] bias, int[] w) {
        byte[] b = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            b[i] = (byte) w[i];
        }
        return new ModelFile.Layer(in, out, k, shift, mult, bias, b);
    }

    private static short[] runAll(ModelFile m, byte[] input, int w, int h) {
        short[] ref = new short[6 * w * h];
        try (InLoopFilter s = new ScalarNetwork(m, 1)) {
            s.run(input, w, h, ref);
        }
        for (InLoopFilter f : List.of(new VectorNetwork(m, 1), NeuralFilters.openOnnx(m, 1, 1),
                NeuralFilters.open(m, new NeuralOptions(NeuralOptions.Runtime.ONNX, 2)),
                NeuralFilters.open(m, new NeuralOptions(NeuralOptions.Runtime.JAVA, 1)))) {
            try (f) {
                short[] got = new short[ref.length];
                f.run(input, w, h, got);
                assertArrayEquals(ref, got, f.description());
            }
        }
        return ref;
    }

    @Test
    void oneLayerOneByOne() throws InvalidModelException {
        // s = 2, M = 3: R = (Clip3(0, 4096*4 - 1, acc*3 + bias*3 + 2 + 2048*4) >> 2) - 2048.
        int[] w = new int[6 * 7];
        w[0 * 7 + 0] = 1;    // R0 = x0 * 3/4, rounded: 10 -> (30 + 2 + 8192) >> 2 = 2056 -> 8
        w[1 * 7 + 0] = -1;   // R1: -30 + 2 + 8192 = 8164 >> 2 = 2041 -> -7 (negative value)
        w[2 * 7 + 6] = 127;  // R2: 127 * 255 * 3 + 2 + 8192 = 105349 > 16383 -> 4095 -> 2047 (upper clip)
        w[3 * 7 + 6] = -127; // R3: -97155 + 2 + 8192 < 0 -> 0 -> -2048 (lower clip)
        w[4 * 7 + 1] = 1;    // R4: x1 = 20, bias -5: 60 - 15 + 2 + 8192 = 8239 >> 2 = 2059 -> 11
        // R5: no weights, bias 1000: 3000 + 2 + 8192 = 11194 >> 2 = 2798 -> 750
        ModelFile m = ModelFile.of("hand-1x1", List.of(layer(7, 6, 1, 2, new int[] {3, 3, 3, 3, 3, 3},
                new int[] {0, 0, 0, 0, -5, 1000}, w)));
        byte[] in = {10, 20, 0, 0, 0, 0, (byte) 255};
        assertArrayEquals(new short[] {8, -7, 2047, -2048, 11, 750}, runAll(m, in, 1, 1));
    }

    @Test
    void hiddenLayerClipsAndRelu() throws InvalidModelException {
        // Layer 0 (s = 1, M = 1): h0 = Clip3(0, 511, 3 * x0 + 1) >> 1, h1 = Clip3(0, 511, -x0 + 1) >> 1.
        int[] w0 = new int[2 * 7];
        w0[0] = 3;
        w0[7] = -1;
        // Layer 1 (s = 1, M = 1): R_c = ((h0 + 1 + 4096) >> 1) - 2048 for c != 1, R_1 from h1.
        int[] w1 = new int[6 * 2];
        for (int c = 0; c < 6; c++) {
            w1[c * 2 + (c == 1 ? 1 : 0)] = 1;
        }
        ModelFile m = ModelFile.of("hand-relu", List.of(
                layer(7, 2, 1, 1, new int[] {1, 1}, new int[] {0, 0}, w0),
                layer(2, 6, 1, 1, new int[] {1, 1, 1, 1, 1, 1}, new int[6], w1)));
        // Two positions: x0 = 10 -> h0 = 31 >> 1 = 15, h1 = 0 (ReLU) -> R = 8, 0;
        // x0 = 200 -> h0 = 601 clipped to 511 >> 1 = 255 (upper clip), h1 = 0 -> R = 128, 0.
        byte[] in = new byte[7 * 2];
        in[0] = 10;
        in[1] = (byte) 200;
        short[] r = runAll(m, in, 2, 1);
        assertArrayEquals(new short[] {8, 128, 0, 0, 8, 128, 8, 128, 8, 128, 8, 128}, r);
    }

    @Test
    void threeByThreeZeroPadding() throws InvalidModelException {
        // One 3x3 layer on a 2x2 picture, s = 1, M = 2: R = acc (exactly).
        int[] w = new int[6 * 7 * 9];
        for (int t = 0; t < 9; t++) {
            w[(0 * 7 + 0) * 9 + t] = 1; // R0: sum of the 3x3 neighbourhood = all four samples
        }
        w[(1 * 7 + 0) * 9 + 0] = 1; // R1(x, y) = x0(x - 1, y - 1): ky = 0, kx = 0
        w[(2 * 7 + 0) * 9 + 8] = 1; // R2(x, y) = x0(x + 1, y + 1): ky = 2, kx = 2
        w[(3 * 7 + 0) * 9 + 5] = -1; // R3(x, y) = -x0(x + 1, y): ky = 1, kx = 2
        ModelFile m = ModelFile.of("hand-3x3", List.of(layer(7, 6, 3, 1, new int[] {2, 2, 2, 2, 2, 2}, new int[6], w)));
        byte[] in = new byte[7 * 4];
        in[0] = 1;
        in[1] = 2;
        in[2] = 3;
        in[3] = 4;
        assertArrayEquals(new short[] {10, 10, 10, 10, 0, 0, 0, 1, 4, 0, 0, 0, -2, 0, -4, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                runAll(m, in, 2, 2));
    }
}
