package io.inlay.core.inter;

import io.inlay.core.kernels.Kernels;
import io.inlay.core.kernels.SubpelInterpolation;
import io.inlay.core.neural.LearnedInterExecutor;

/**
 * The Java execution path of the learned interpolation filters: the {@link SubpelInterpolation}
 * kernel's tap-table overload (scalar or Vector API, {@link Kernels#get()}) block by block. The
 * reference the ONNX Runtime path is tested against.
 */
public final class JavaLearnedInter implements LearnedInterExecutor {
    private final LearnedInterModel model;
    private final int bitDepth;
    private final SubpelInterpolation kernel;
    private final int[] tmp = new int[SubpelInterpolation.TMP_INTS];

    public JavaLearnedInter(LearnedInterModel model, int bitDepth) {
        this(model, bitDepth, Kernels.get().subpelInterpolation());
    }

    /** On the given interpolation kernel. */
    public JavaLearnedInter(LearnedInterModel model, int bitDepth, SubpelInterpolation kernel) {
        this.model = model;
        this.bitDepth = bitDepth;
        this.kernel = kernel;
    }

    @Override
    public void interpolate(int width, int height, int count, short[] windows, int[] sets, int[] fracs, short[] out) {
        int ws = width + WINDOW_EXTRA;
        int win = ws * (height + WINDOW_EXTRA);
        for (int b = 0; b < count; b++) {
            kernel.luma(windows, b * win + 3 * ws + 3, ws, model.taps(sets[b]), fracs[b] & 3, fracs[b] >> 2, width,
                    height, bitDepth, out, b * width * height, width, tmp);
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
