package io.inlay.neural;

import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.neural.LearnedExecutorProvider;
import io.inlay.core.neural.LearnedInterExecutor;
import io.inlay.core.neural.LearnedIntraExecutor;
import io.inlay.core.neural.NeuralOptions;
import io.inlay.neural.onnx.OnnxLearnedInter;
import io.inlay.neural.onnx.OnnxLearnedIntra;
import java.util.Optional;

/**
 * The ONNX Runtime path of the learned predictors behind codec-core's SPI (ServiceLoader):
 * {@link OnnxLearnedIntra} and {@link OnnxLearnedInter} when the learned runtime is
 * {@link NeuralOptions.Runtime#ONNX}; empty otherwise (codec-core then uses its Java kernels).
 */
public final class OnnxLearnedProvider implements LearnedExecutorProvider {
    @Override
    public Optional<LearnedIntraExecutor> openIntra(LearnedIntraModel model, int bitDepth, NeuralOptions options) {
        return options.learnedRuntime() == NeuralOptions.Runtime.ONNX
                ? Optional.of(new OnnxLearnedIntra(model, bitDepth, options.threads())) : Optional.empty();
    }

    @Override
    public Optional<LearnedInterExecutor> openInter(LearnedInterModel model, int bitDepth, NeuralOptions options) {
        return options.learnedRuntime() == NeuralOptions.Runtime.ONNX
                ? Optional.of(new OnnxLearnedInter(model, bitDepth, options.threads())) : Optional.empty();
    }
}
