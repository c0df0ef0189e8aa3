package io.inlay.core.neural;

import io.inlay.core.inter.JavaLearnedInter;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.JavaLearnedIntra;
import io.inlay.core.intra.LearnedIntraModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Opening executors of the learned predictors (docs/learned-intra.md, docs/learned-inter.md,
 * "Execution"): {@link NeuralOptions#learnedRuntime()} {@code JAVA} gives codec-core's Java kernels,
 * {@code ONNX} the first installed {@link LearnedExecutorProvider} that has the runtime, or the Java
 * kernels when none is installed (logged once). Every executor gives identical samples.
 */
public final class LearnedExecutors {
    private static final System.Logger LOG = System.getLogger("io.inlay.core.neural");
    private static volatile List<LearnedExecutorProvider> installed;
    private static volatile boolean logged;

    private LearnedExecutors() {
    }

    /** The providers found by {@link ServiceLoader}, in its order (loaded once). */
    public static List<LearnedExecutorProvider> installed() {
        List<LearnedExecutorProvider> p = installed;
        if (p == null) {
            List<LearnedExecutorProvider> out = new ArrayList<>();
            for (LearnedExecutorProvider e : ServiceLoader.load(LearnedExecutorProvider.class)) {
                out.add(e);
            }
            installed = p = List.copyOf(out);
        }
        return p;
    }

    /** An executor of learned intra prediction with {@code model} at {@code bitDepth}. */
    public static LearnedIntraExecutor openIntra(LearnedIntraModel model, int bitDepth, NeuralOptions options) {
        return open(options, p -> p.openIntra(model, bitDepth, options), () -> new JavaLearnedIntra(model, bitDepth));
    }

    /** An executor of the learned interpolation filters of {@code model} at {@code bitDepth}. */
    public static LearnedInterExecutor openInter(LearnedInterModel model, int bitDepth, NeuralOptions options) {
        return open(options, p -> p.openInter(model, bitDepth, options), () -> new JavaLearnedInter(model, bitDepth));
    }

    // the first provider's executor unless the runtime is JAVA, else (or without one) the Java kernel
    private static <T> T open(NeuralOptions options, Function<LearnedExecutorProvider, Optional<T>> provider,
                              Supplier<T> java) {
        if (options.learnedRuntime() != NeuralOptions.Runtime.JAVA) {
            for (LearnedExecutorProvider p : installed()) {
                Optional<T> e = provider.apply(p);
                if (e.isPresent()) {
                    return e.get();
                }
            }
            fallback(options);
        }
        return java.get();
    }

    private static void fallback(NeuralOptions options) {
        if (!logged) {
            logged = true;
            LOG.log(System.Logger.Level.INFO, "learned predictors: no provider for runtime " + options.learnedRuntime()
                    + ", using the Java kernels");
        }
    }
}
