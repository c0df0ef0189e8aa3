package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.BiAveraging;
import io.inlay.core.kernels.BiFlowRefinementKernel;
import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.DeblockingFilter;
import io.inlay.core.kernels.ForwardTransform;
import io.inlay.core.kernels.IntraAngular;
import io.inlay.core.kernels.InverseTransformKernel;
import io.inlay.core.kernels.KernelProvider;
import io.inlay.core.kernels.SubpelInterpolation;
import jdk.incubator.vector.IntVector;

/**
 * Vector API kernels. Loaded reflectively by {@code Kernels}; never reference this class from
 * elsewhere, so that nothing links against {@code jdk.incubator.vector} when it is absent.
 */
public final class VectorKernelProvider implements KernelProvider {
    private final int bits;
    private final boolean forced;

    /**
     * Kernels sized for the CPU's preferred vector width.
     *
     * @throws UnsupportedOperationException when the CPU offers the JIT no SIMD registers
     */
    public VectorKernelProvider() {
        bits = IntVector.SPECIES_PREFERRED.vectorBitSize();
        forced = false;
        if (bits < 128) {
            throw new UnsupportedOperationException("preferred vector size is only " + bits + " bits");
        }
    }

    /**
     * Kernels that use vectors of up to {@code vectorBits} (128, 256 or 512) whatever the CPU
     * prefers, so that tests can check every code path; wider than the hardware is correct but
     * slow (the Vector API then emulates the operations).
     */
    public VectorKernelProvider(int vectorBits) {
        if (vectorBits != 128 && vectorBits != 256 && vectorBits != 512) {
            throw new IllegalArgumentException("vector size must be 128, 256 or 512 bits: " + vectorBits);
        }
        bits = vectorBits;
        forced = vectorBits != IntVector.SPECIES_PREFERRED.vectorBitSize();
    }

    @Override
    public String description() {
        return "vector (" + bits + "-bit" + (forced ? ", forced" : "") + ")";
    }

    @Override
    public BlockDistortion blockDistortion() {
        return new VectorBlockDistortion(bits);
    }

    @Override
    public ForwardTransform forwardTransform() {
        return new VectorForwardTransform(bits);
    }

    @Override
    public InverseTransformKernel inverseTransform() {
        return new VectorInverseTransform(bits);
    }

    @Override
    public SubpelInterpolation subpelInterpolation() {
        return new VectorSubpelInterpolation(bits);
    }

    @Override
    public BiAveraging biAveraging() {
        return new VectorBiAveraging(bits);
    }

    @Override
    public IntraAngular intraAngular() {
        return new VectorIntraAngular(bits);
    }

    @Override
    public DeblockingFilter deblockingFilter() {
        return new VectorDeblockingFilter(bits);
    }

    /** The 256-bit kernel from 256-bit vectors up (it needs 8 lanes, CUs are 8 wide or more); else scalar. */
    @Override
    public BiFlowRefinementKernel biFlowRefinement() {
        BiFlowRefinementKernel scalar = KernelProvider.super.biFlowRefinement();
        return bits >= 256 ? new VectorBiFlowRefinement(scalar) : scalar;
    }
}
