package io.inlay.core.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finding neural loop filters: the installed {@link InLoopFilterProvider}s and the first of them
 * that can run a given model. Used by the encoder and the decoder alike.
 */
public final class InLoopFilters {
    private InLoopFilters() {
    }

    /** The providers found by {@link ServiceLoader} (class path or module path), in its order. */
    public static List<InLoopFilterProvider> installed() {
        List<InLoopFilterProvider> out = new ArrayList<>();
        for (InLoopFilterProvider p : ServiceLoader.load(InLoopFilterProvider.class)) {
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** Opens {@code modelId} with the first of {@code providers} that has it, or empty. */
    public static Optional<InLoopFilter> open(List<InLoopFilterProvider> providers, byte[] modelId,
                                              NeuralOptions options) {
        for (InLoopFilterProvider p : providers) {
            Optional<InLoopFilter> f = p.open(modelId.clone(), options);
            if (f.isPresent()) {
                if (!Arrays.equals(f.get().modelId(), modelId)) {
                    f.get().close();
                    throw new IllegalStateException(p.getClass().getName() + " opened a different model than requested");
                }
                return f;
            }
        }
        return Optional.empty();
    }

    /** The recommended model of the first provider that recommends one, or empty. */
    public static Optional<byte[]> defaultModel(List<InLoopFilterProvider> providers) {
        for (InLoopFilterProvider p : providers) {
            Optional<byte[]> m = p.recommendedModel();
            if (m.isPresent()) {
                return Optional.of(m.get().clone());
            }
        }
        return Optional.empty();
    }
}
