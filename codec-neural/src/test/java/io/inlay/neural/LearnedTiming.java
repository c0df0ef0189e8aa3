package io.inlay.neural;

import io.inlay.core.inter.JavaLearnedInter;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.JavaLearnedIntra;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.neural.LearnedInterExecutor;
import io.inlay.core.neural.LearnedIntraExecutor;
import io.inlay.neural.onnx.OnnxLearnedInter;
import io.inlay.neural.onnx.OnnxLearnedIntra;
import java.util.Arrays;
import java.util.Random;

/**
 * Time per call of the learned predictors' executors, Java kernels against ONNX Runtime, at the
 * batch sizes the codec uses (docs/learned-intra.md, "Execution"): learned intra per class with 1
 * block (the decoder) and 8 (the encoder's eight modes); learned inter per block size with 1, 4
 * and 16 blocks. Prints the median of 7 rounds after 3 warm-up rounds, microseconds per call and
 * per block. A throwaway measurement program, not a test; run as docs/learned-intra.md says.
 */
public final class LearnedTiming {
    private LearnedTiming() {
    }

    interface Call {
        void run();
    }

    static double microsPerCall(Call c, int calls) {
        double[] r = new double[10];
        for (int round = 0; round < r.length; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                c.run();
            }
            r[round] = (System.nanoTime() - t0) / 1e3 / calls;
        }
        double[] kept = Arrays.copyOfRange(r, 3, r.length);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }

    public static void main(String[] args) {
        Random rnd = new Random(1);
        LearnedIntraModel lip = LearnedIntraModelProvider.bundledModels().getFirst();
        System.out.println("learned intra (the default bundled model, 8-bit): us per call (per block)");
        try (LearnedIntraExecutor java = new JavaLearnedIntra(lip, 8); LearnedIntraExecutor onnx = new OnnxLearnedIntra(lip, 8, 1)) {
            for (int log2 = 2; log2 <= 5; log2++) {
                int n = 1 << log2;
                for (int count : new int[] {1, 8}) {
                    int[] refs = new int[count * 2 * n];
                    int[] modes = new int[count];
                    for (int i = 0; i < refs.length; i++) {
                        refs[i] = rnd.nextInt(256);
                    }
                    for (int i = 0; i < count; i++) {
                        modes[i] = i % 8;
                    }
                    int[] pred = new int[count * n * n];
                    final int l = log2;
                    double tj = microsPerCall(() -> java.predict(l, count, refs, modes, pred), 2000);
                    double to = microsPerCall(() -> onnx.predict(l, count, refs, modes, pred), 2000);
                    System.out.printf("  %2dx%-2d batch %2d: java %8.2f (%6.2f)   onnx %8.2f (%6.2f)%n", n, n, count, tj,
                            tj / count, to, to / count);
                }
            }
        }
        LearnedInterModel lif = LearnedInterModel.defaultModel().orElseThrow();
        System.out.println("learned inter (the default model, 8-bit, 2-D fractions): us per call (per block)");
        try (LearnedInterExecutor java = new JavaLearnedInter(lif, 8); LearnedInterExecutor onnx = new OnnxLearnedInter(lif, 8, 1)) {
            for (int n : new int[] {8, 16, 32, 64}) {
                for (int count : new int[] {1, 4, 16}) {
                    int win = (n + 7) * (n + 7);
                    short[] windows = new short[count * win];
                    for (int i = 0; i < windows.length; i++) {
                        windows[i] = (short) rnd.nextInt(256);
                    }
                    int[] sets = new int[count];
                    int[] fracs = new int[count];
                    for (int i = 0; i < count; i++) {
                        sets[i] = i % lif.sets();
                        fracs[i] = 1 + i % 3 | (1 + (i + 1) % 3) << 2;
                    }
                    short[] out = new short[count * n * n];
                    int calls = n == 64 ? 200 : 1000;
                    double tj = microsPerCall(() -> java.interpolate(n, n, count, windows, sets, fracs, out), calls);
                    double to = microsPerCall(() -> onnx.interpolate(n, n, count, windows, sets, fracs, out), calls);
                    System.out.printf("  %2dx%-2d batch %2d: java %8.2f (%6.2f)   onnx %8.2f (%6.2f)%n", n, n, count, tj,
                            tj / count, to, to / count);
                }
            }
        }
    }
}
