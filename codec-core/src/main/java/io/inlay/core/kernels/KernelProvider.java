package io.inlay.core.kernels;

/**
 * A set of kernel implementations at one level, as {@link Kernels} assembles them. Every family
 * defaults to the scalar reference, so a provider overrides only what it accelerates. Public
 * only so that the reflectively loaded {@code io.inlay.core.kernels.vector} provider can
 * implement it; callers use {@link Kernels}.
 */
public interface KernelProvider {
    /** Human-readable level, e.g. {@code "vector (512-bit)"}. */
    String description();

    default BlockDistortion blockDistortion() {
        return ScalarBlockDistortion.INSTANCE;
    }

    default ForwardTransform forwardTransform() {
        return ScalarForwardTransform.INSTANCE;
    }

    default InverseTransformKernel inverseTransform() {
        return ScalarInverseTransform.INSTANCE;
    }

    default SubpelInterpolation subpelInterpolation() {
        return ScalarSubpelInterpolation.INSTANCE;
    }

    default BiAveraging biAveraging() {
        return ScalarBiAveraging.INSTANCE;
    }

    default IntraAngular intraAngular() {
        return ScalarIntraAngular.INSTANCE;
    }

    default DeblockingFilter deblockingFilter() {
        return ScalarDeblockingFilter.INSTANCE;
    }

    default BiFlowRefinementKernel biFlowRefinement() {
        return ScalarBiFlowRefinement.INSTANCE;
    }
}
