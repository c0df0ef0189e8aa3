package io.inlay.neural;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.neural.kernels.vector.VectorNetwork;
import io.inlay.neural.onnx.OnnxNetwork;
import java.util.Arrays;
import java.util.Locale;

/**
 * Wall-clock timing of the executors on a 1296x720 picture (648x360 chroma grid) with the
 * reference architecture 7-16 (3x3), six 16-16 (3x3), 16-6 (3x3): docs/neural-filter.md "Runtime".
 * Not a test. Run: {@code java --add-modules jdk.incubator.vector -cp <test classpath>
 * io.inlay.neural.NetworkTiming [which...]} with which in scalar, vector, onnx (default all).
 */
public final class NetworkTiming {
    private NetworkTiming() {
    }

    public static void main(String[] args) throws Exception {
        int w = 648;
        int h = 360;
        ModelFile m = TestModels.random(2026, TestModels.Kind.CALIBRATED, new int[] {7, 16, 16, 16, 16, 16, 16, 16, 6},
                new int[] {3, 3, 3, 3, 3, 3, 3, 3});
        byte[] in = TestModels.input(1, TestModels.Fill.QP_PLANE, w, h);
        String which = args.length == 0 ? "scalar vector onnx" : String.join(" ", args);
        short[] ref = null;
        int[] threadCounts = Boolean.getBoolean("timing.twoOnly") ? new int[] {2}
                : Boolean.getBoolean("timing.oneOnly") ? new int[] {1} : new int[] {1, 2};
        for (int threads : threadCounts) {
            if (which.contains("scalar")) {
                ref = time(new ScalarNetwork(m, threads), in, w, h, 1, 2, ref);
            }
            if (which.contains("vector")) {
                ref = time(new VectorNetwork(m, threads), in, w, h, 3, 8, ref);
            }
            if (which.contains("onnx")) {
                for (int tile : new int[] {64, 128, 256, 1024}) {
                    ref = time(new OnnxNetwork(m, threads, tile), in, w, h, 3, 8, ref);
                }
            }
        }
    }

    private static short[] time(InLoopFilter f, byte[] in, int w, int h, int warm, int runs, short[] ref) {
        short[] out = new short[6 * w * h];
        try (f) {
            for (int i = 0; i < warm; i++) {
                f.run(in, w, h, out);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                f.run(in, w, h, out);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-90s median %8.1f ms  min %8.1f ms%s%n", f.description(), ms[runs / 2],
                    ms[0], ref == null ? "" : Arrays.equals(ref, out) ? "  (equal)" : "  (DIFFERENT!)");
        }
        return ref == null ? out : ref;
    }
}
