package io.inlay.core.intra;

import java.util.function.IntBinaryOperator;

/** Test models: every matrix and bias zero, shift 6, the derived mode of (class, mode) given. */
public final class ZeroLearnedIntraModel {
    private ZeroLearnedIntraModel() {
    }

    /**
     * The model file ({@link LearnedIntraModel#serialise}) whose derived mode of class c and
     * learned mode k is {@code derivedMode.applyAsInt(c, k)}.
     */
    public static byte[] serialised(IntBinaryOperator derivedMode) {
        byte[][][] w = new byte[4][8][];
        int[][][] b = new int[4][8][];
        int[][] sh = new int[4][8];
        int[][] dm = new int[4][8];
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < 8; k++) {
                w[c][k] = new byte[LearnedIntraModel.inputs(c) * LearnedIntraModel.outputs(c)];
                b[c][k] = new int[LearnedIntraModel.outputs(c)];
                sh[c][k] = 6;
                dm[c][k] = derivedMode.applyAsInt(c, k);
            }
        }
        return LearnedIntraModel.serialise(w, b, sh, dm);
    }
}
