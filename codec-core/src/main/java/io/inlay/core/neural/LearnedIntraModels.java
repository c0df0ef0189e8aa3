package io.inlay.core.neural;

import io.inlay.core.intra.LearnedIntraModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finding learned intra models: the installed {@link LearnedIntraProvider}s and the model with a given identifier. */
public final class LearnedIntraModels {
    private LearnedIntraModels() {
    }

    /** The providers found by {@link ServiceLoader}, in its order. */
    public static List<LearnedIntraProvider> installed() {
        List<LearnedIntraProvider> out = new ArrayList<>();
        for (LearnedIntraProvider p : ServiceLoader.load(LearnedIntraProvider.class)) {
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** The model whose SHA-256 is {@code id} from the first of {@code providers} that has it, or empty. */
    public static Optional<LearnedIntraModel> find(List<LearnedIntraProvider> providers, byte[] id) {
        for (LearnedIntraProvider p : providers) {
            for (LearnedIntraModel m : p.models()) {
                if (Arrays.equals(m.id(), id)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /** The recommended model of the first provider that recommends one, or empty. */
    public static Optional<LearnedIntraModel> defaultModel(List<LearnedIntraProvider> providers) {
        for (LearnedIntraProvider p : providers) {
            Optional<LearnedIntraModel> m = p.recommendedModel();
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
