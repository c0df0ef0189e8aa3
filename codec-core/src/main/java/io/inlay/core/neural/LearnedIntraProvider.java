package io.inlay.core.neural;

import io.inlay.core.intra.LearnedIntraModel;
import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface for learned intra prediction models (docs/bitstream/decoding-process.md
 * §4.8), found with {@link java.util.ServiceLoader} like {@link InLoopFilterProvider}: codec-neural
 * serves the bundled models from the same model folder as the loop filter's.
 */
public interface LearnedIntraProvider {
    /** The models this provider has. */
    List<LearnedIntraModel> models();

    /** The model an encoder should use when the user names none; by default the first. */
    default Optional<LearnedIntraModel> recommendedModel() {
        List<LearnedIntraModel> m = models();
        return m.isEmpty() ? Optional.empty() : Optional.of(m.getFirst());
    }
}
