package io.inlay.core;

import io.inlay.bitstream.ContainerLimits;

/** Decoder configuration: the limits checked before any stream-derived allocation. */
public final class DecoderConfig {
    private final ContainerLimits limits;

    private DecoderConfig(ContainerLimits limits) {
        this.limits = limits;
    }

    /** The default limits ({@link ContainerLimits#DEFAULT}). */
    public static DecoderConfig defaults() {
        return new DecoderConfig(ContainerLimits.DEFAULT);
    }

    /** A configuration with explicit limits. */
    public static DecoderConfig withLimits(ContainerLimits limits) {
        return new DecoderConfig(java.util.Objects.requireNonNull(limits));
    }

    public ContainerLimits limits() {
        return limits;
    }
}
