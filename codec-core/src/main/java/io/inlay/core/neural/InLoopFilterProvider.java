package io.inlay.core.neural;

import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface for neural loop filters, found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.inlay.core.neural.InLoopFilterProvider} entry). codec-core has
 * no implementation of its own; codec-neural provides one backed by ONNX Runtime and a pure-Java
 * reference kernel.
 */
public interface InLoopFilterProvider {
    /** Identifiers (SHA-256) of the models this provider can run. */
    List<byte[]> models();

    /**
     * The model an encoder should use when the user names none, or empty when this provider
     * recommends none (its models then only serve streams that name them). By default the first
     * of {@link #models()}.
     */
    default Optional<byte[]> recommendedModel() {
        List<byte[]> m = models();
        return m.isEmpty() ? Optional.empty() : Optional.of(m.getFirst());
    }

    /** Opens an executor of the model {@code modelId}, or empty when this provider does not have it. */
    Optional<InLoopFilter> open(byte[] modelId, NeuralOptions options);
}
