package io.inlay.core;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.core.neural.InLoopFilterProvider;
import io.inlay.core.neural.InLoopFilters;
import io.inlay.core.neural.NeuralOptions;
import java.util.List;
import java.util.Objects;

/**
 * Decoder configuration: the limits checked before any stream-derived allocation, and how neural
 * networks are executed. Immutable; the {@code with...} methods return modified copies.
 *
 * <pre>{@code
 * DecoderConfig cfg = DecoderConfig.defaults()
 *         .withNeuralOptions(new NeuralOptions(NeuralOptions.Runtime.JAVA, 1));
 * }</pre>
 */
public final class DecoderConfig {
    private final ContainerLimits limits;
    private final NeuralOptions neuralOptions;
    private final List<InLoopFilterProvider> filterProviders;   // null: the installed ones

    private DecoderConfig(ContainerLimits limits, NeuralOptions neuralOptions,
                          List<InLoopFilterProvider> filterProviders) {
        this.limits = limits;
        this.neuralOptions = neuralOptions;
        this.filterProviders = filterProviders;
    }

    /**
     * The default limits ({@link ContainerLimits#DEFAULT}), networks on ONNX Runtime with one
     * thread ({@link NeuralOptions#defaults()}), loop-filter providers found by ServiceLoader.
     */
    public static DecoderConfig defaults() {
        return new DecoderConfig(ContainerLimits.DEFAULT, NeuralOptions.defaults(), null);
    }

    /** The defaults with explicit limits. */
    public static DecoderConfig withLimits(ContainerLimits limits) {
        return new DecoderConfig(Objects.requireNonNull(limits), NeuralOptions.defaults(), null);
    }

    /** This configuration with another way of executing neural networks. */
    public DecoderConfig withNeuralOptions(NeuralOptions v) {
        return new DecoderConfig(limits, Objects.requireNonNull(v), filterProviders);
    }

    /**
     * This configuration with an explicit list of neural loop-filter providers instead of those
     * found by {@link java.util.ServiceLoader} (e.g. for tests, or to pin one implementation).
     */
    public DecoderConfig withFilterProviders(List<InLoopFilterProvider> v) {
        return new DecoderConfig(limits, neuralOptions, List.copyOf(v));
    }

    public ContainerLimits limits() {
        return limits;
    }

    /** How neural networks are executed (default ONNX Runtime, one thread). */
    public NeuralOptions neuralOptions() {
        return neuralOptions;
    }

    /** The neural loop-filter providers: the explicit list, or the installed ones. */
    public List<InLoopFilterProvider> filterProviders() {
        return filterProviders != null ? filterProviders : InLoopFilters.installed();
    }
}
