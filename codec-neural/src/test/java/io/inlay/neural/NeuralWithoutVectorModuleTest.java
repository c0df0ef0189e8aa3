package io.inlay.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.kernels.Kernels;
import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.NeuralOptions;
import org.junit.jupiter.api.Test;

/** Runs without {@code --add-modules jdk.incubator.vector}: the Java path falls back to scalar. */
class NeuralWithoutVectorModuleTest {
    @Test
    void javaPathFallsBackToScalarAndStaysExact() {
        assertFalse(Kernels.vectorModulePresent(), "this test must run without the incubator module");
        ModelFile m = TestModels.random(5, TestModels.Kind.CALIBRATED, new int[] {7, 12, 6}, new int[] {3, 3});
        int w = 23;
        int h = 11;
        byte[] in = TestModels.input(5, TestModels.Fill.RANDOM, w, h);
        short[] java = new short[6 * w * h];
        short[] onnx = new short[6 * w * h];
        try (InLoopFilter j = NeuralFilters.open(m, new NeuralOptions(NeuralOptions.Runtime.JAVA, 2));
                InLoopFilter o = NeuralFilters.open(m, new NeuralOptions(NeuralOptions.Runtime.ONNX, 1))) {
            assertTrue(j instanceof ScalarNetwork, j.description());
            j.run(in, w, h, java);
            o.run(in, w, h, onnx);
        }
        assertArrayEquals(java, onnx);
    }
}
