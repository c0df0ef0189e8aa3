package io.inlay.core.intra;

import io.inlay.core.neural.LearnedIntraExecutor;

/**
 * The Java execution path of learned intra prediction: {@link LearnedIntraPredictor} (the scalar
 * reference of docs/bitstream/decoding-process.md §4.8) block by block. The reference the ONNX
 * Runtime path is tested against.
 */
public final class JavaLearnedIntra implements LearnedIntraExecutor {
    private final LearnedIntraModel model;
    private final int bitDepth;
    private final LearnedIntraPredictor predictor = new LearnedIntraPredictor();
    private final int[] top = new int[33];
    private final int[] left = new int[33];
    private final int[] block = new int[32 * 32];

    public JavaLearnedIntra(LearnedIntraModel model, int bitDepth) {
        this.model = model;
        this.bitDepth = bitDepth;
    }

    @Override
    public void predict(int log2Size, int count, int[] refs, int[] modes, int[] pred) {
        int n = 1 << log2Size;
        for (int b = 0; b < count; b++) {
            System.arraycopy(refs, 2 * n * b, top, 1, n);
            System.arraycopy(refs, 2 * n * b + n, left, 1, n);
            predictor.predict(model, top, left, modes[b], log2Size, bitDepth, block);
            System.arraycopy(block, 0, pred, n * n * b, n * n);
        }
    }

    @Override
    public String description() {
        return "java";
    }

    @Override
    public void close() {
    }
}
