package io.inlay.core;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.core.neural.InLoopFilterProvider;
import io.inlay.core.neural.InLoopFilters;
import io.inlay.core.neural.LearnedIntraModels;
import io.inlay.core.neural.LearnedIntraProvider;
import io.inlay.core.neural.NeuralOptions;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Decoder configuration: the limits checked before any stream-derived allocation, what to do with
 * a corrupt frame, and how neural networks are executed. Immutable; the {@code with...} methods
 * return modified copies.
 *
 * <pre>{@code
 * DecoderConfig cfg = DecoderConfig.defaults()
 *         .withConcealment(true)
 *         .withNeuralOptions(new NeuralOptions(NeuralOptions.Runtime.JAVA, 1));
 * }</pre>
 */
public final class DecoderConfig {
    /** Default of {@link #maxFramesInFlight()}. */
    public static final int DEFAULT_FRAMES_IN_FLIGHT = 16;
    /** Largest accepted {@link #maxFramesInFlight()}. */
    public static final int MAX_FRAMES_IN_FLIGHT = 256;

    private final ContainerLimits limits;
    private final int maxFramesInFlight;
    private final boolean concealment;
    private final NeuralOptions neuralOptions;
    private final List<InLoopFilterProvider> filterProviders;   // null: the installed ones
    private final List<LearnedIntraProvider> learnedIntraProviders;   // null: the installed ones
    private final int threads;
    private final ExecutorService executor;

    private DecoderConfig(ContainerLimits limits, int maxFramesInFlight, boolean concealment,
                          NeuralOptions neuralOptions, List<InLoopFilterProvider> filterProviders,
                          List<LearnedIntraProvider> learnedIntraProviders, int threads, ExecutorService executor) {
        this.learnedIntraProviders = learnedIntraProviders;
        this.limits = limits;
        this.maxFramesInFlight = maxFramesInFlight;
        this.concealment = concealment;
        this.neuralOptions = neuralOptions;
        this.filterProviders = filterProviders;
        this.threads = threads;
        this.executor = executor;
    }

    /**
     * The default limits ({@link ContainerLimits#DEFAULT}), networks on ONNX Runtime with one
     * thread ({@link NeuralOptions#defaults()}), loop-filter providers found by ServiceLoader.
     */
    public static DecoderConfig defaults() {
        return new DecoderConfig(ContainerLimits.DEFAULT, DEFAULT_FRAMES_IN_FLIGHT, false, NeuralOptions.defaults(),
                null, null, 1, null);
    }

    /** The defaults with explicit limits. */
    public static DecoderConfig withLimits(ContainerLimits limits) {
        return defaults().withContainerLimits(limits);
    }

    /** This configuration with other size limits. */
    public DecoderConfig withContainerLimits(ContainerLimits v) {
        return new DecoderConfig(Objects.requireNonNull(v), maxFramesInFlight, concealment, neuralOptions,
                filterProviders, learnedIntraProviders, threads, executor);
    }

    /**
     * This configuration with another bound on the decoded pictures that wait for output (display
     * order after coding order), 1..{@value #MAX_FRAMES_IN_FLIGHT}; each costs one picture of
     * memory. A stream that needs more raises "more than N pictures wait for output".
     */
    public DecoderConfig withMaxFramesInFlight(int v) {
        if (v < 1 || v > MAX_FRAMES_IN_FLIGHT) {
            throw new IllegalArgumentException("frames in flight must be 1.." + MAX_FRAMES_IN_FLIGHT + ": " + v);
        }
        return new DecoderConfig(limits, v, concealment, neuralOptions, filterProviders, learnedIntraProviders,
                threads, executor);
    }

    /**
     * This configuration with error concealment on or off (default off). On: a frame that cannot
     * be decoded (and every frame that predicts from it, until the next key frame) is replaced by a
     * copy of the decoded picture nearest in display order, reported by
     * {@link io.inlay.core.Decoder#pollConcealment()}, instead of raising an error;
     * see docs/bitstream/decoding-process.md, "Error concealment".
     */
    public DecoderConfig withConcealment(boolean v) {
        return new DecoderConfig(limits, maxFramesInFlight, v, neuralOptions, filterProviders, learnedIntraProviders,
                threads, executor);
    }

    /** This configuration with another way of executing neural networks. */
    public DecoderConfig withNeuralOptions(NeuralOptions v) {
        return new DecoderConfig(limits, maxFramesInFlight, concealment, Objects.requireNonNull(v), filterProviders,
                learnedIntraProviders, threads, executor);
    }

    /**
     * This configuration with an explicit list of neural loop-filter providers instead of those
     * found by {@link java.util.ServiceLoader} (e.g. for tests, or to pin one implementation).
     */
    public DecoderConfig withFilterProviders(List<InLoopFilterProvider> v) {
        return new DecoderConfig(limits, maxFramesInFlight, concealment, neuralOptions, List.copyOf(v),
                learnedIntraProviders, threads, executor);
    }

    /**
     * This configuration with {@code v} threads (1 or more; default 1). Without an executor the
     * decoder creates a pool of {@code v} threads and shuts it down
     * when it is closed. The output is the same for any count (docs/threading.md).
     */
    public DecoderConfig withThreads(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("threads must be at least 1, is " + v);
        }
        return new DecoderConfig(limits, maxFramesInFlight, concealment, neuralOptions, filterProviders,
                learnedIntraProviders, v, executor);
    }

    /**
     * This configuration running the decoder's work on the caller's executor (null: none) instead
     * of a pool of its own; the decoder never shuts it down, and several decoders and encoders may
     * share it. The work is split into {@link #threads()} parts (the caller runs one).
     */
    public DecoderConfig withExecutor(ExecutorService v) {
        return new DecoderConfig(limits, maxFramesInFlight, concealment, neuralOptions, filterProviders,
                learnedIntraProviders, threads, v);
    }

    /** How many threads the decoder splits work over (1: none). */
    public int threads() {
        return threads;
    }

    /** The caller's executor, or null (then the decoder owns a pool when {@link #threads()} is more than 1). */
    public ExecutorService executor() {
        return executor;
    }

    /**
     * This configuration with an explicit list of learned intra model providers instead of those
     * found by {@link java.util.ServiceLoader} (e.g. for tests).
     */
    public DecoderConfig withLearnedIntraProviders(List<LearnedIntraProvider> v) {
        return new DecoderConfig(limits, maxFramesInFlight, concealment, neuralOptions, filterProviders, List.copyOf(v),
                threads, executor);
    }

    /** The learned intra model providers: the explicit list, or the installed ones. */
    public List<LearnedIntraProvider> learnedIntraProviders() {
        return learnedIntraProviders != null ? learnedIntraProviders : LearnedIntraModels.installed();
    }

    public ContainerLimits limits() {
        return limits;
    }

    /** Most decoded pictures that may wait for output (default {@value #DEFAULT_FRAMES_IN_FLIGHT}). */
    public int maxFramesInFlight() {
        return maxFramesInFlight;
    }

    /** Whether corrupt frames are concealed instead of raising an error. */
    public boolean concealment() {
        return concealment;
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
