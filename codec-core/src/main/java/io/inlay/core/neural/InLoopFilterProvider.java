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
    /** Identifiers (SHA-256) of the models this provider can run; the recommended model first. */
    List<byte[]> models();

    /** Opens an executor of the model {@code modelId}, or empty when this provider does not have it. */
    Optional<InLoopFilter> open(byte[] modelId, NeuralOptions options);
}
