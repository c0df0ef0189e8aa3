package io.inlay.core.neural;

import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.LearnedIntraModel;
import java.util.Optional;

/**
 * Service-provider interface for other execution paths of the learned predictors, found with
 * {@link java.util.ServiceLoader} like {@link InLoopFilterProvider}: codec-neural provides the ONNX
 * Runtime path. codec-core has the Java kernels itself ({@link LearnedExecutors}).
 */
public interface LearnedExecutorProvider {
    /** An executor of {@code model}'s learned intra prediction at {@code bitDepth} on {@code options}' runtime, or empty. */
    Optional<LearnedIntraExecutor> openIntra(LearnedIntraModel model, int bitDepth, NeuralOptions options);

    /** An executor of {@code model}'s interpolation filters at {@code bitDepth} on {@code options}' runtime, or empty. */
    Optional<LearnedInterExecutor> openInter(LearnedInterModel model, int bitDepth, NeuralOptions options);
}
