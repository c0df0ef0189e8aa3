package io.inlay.core.inter;

import io.inlay.core.kernels.BiFlowRefinementKernel;
import io.inlay.core.kernels.Kernels;

/**
 * Bi-prediction optical-flow refinement (docs/bitstream/decoding-process.md §13.1, since format 0.8;
 * docs/learned-inter.md, "Bi-prediction refinement"): the luma of a bi-predicted CU whose two reference
 * pictures lie at equal distances on either side of the current one is the average of §10 plus, per
 * sample, an offset from a per-4x4 displacement estimated from the gradients of both predictions, in the
 * manner of H.266's BDOF (§8.5.6.5; Alshin and Alshina, "Bi-directional optical flow for future video
 * codec", DCC 2016).
 *
 * <p>The per-thread front of the kernel family {@link BiFlowRefinementKernel} (scalar reference and Vector
 * API twin, docs/kernels.md): it owns the kernel's scratch memory, so one instance per thread; no
 * allocation per call.
 */
public final class BiFlowRefinement {
    /** Largest block side. */
    public static final int MAX_BLOCK = BiFlowRefinementKernel.MAX_BLOCK;

    private final BiFlowRefinementKernel kernel;
    private final int[] scratch = new int[BiFlowRefinementKernel.SCRATCH_INTS];

    /** A refinement on the process-wide kernels ({@link Kernels#get()}). */
    public BiFlowRefinement() {
        this(Kernels.get().biFlowRefinement());
    }

    /** A refinement on {@code kernel}. */
    public BiFlowRefinement(BiFlowRefinementKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Whether the refinement applies to a bi-predicted CU of the picture with POC {@code poc} whose
     * list-0 reference has POC {@code poc0} and list-1 reference {@code poc1}: {@code poc - poc0 ==
     * poc1 - poc > 0} (one reference before, one after, at the same distance).
     */
    public static boolean applies(int poc, int poc0, int poc1) {
        long d0 = (long) poc - poc0;
        return d0 > 0 && d0 == (long) poc1 - poc;
    }

    /**
     * Writes the refined bi-prediction of the n x n luma block (n = 8..64, a multiple of 4) whose list-0
     * and list-1 intermediates ({@code predSamples - 8192}) are at {@code a}/{@code aOff} and
     * {@code b}/{@code bOff} (strides {@code aStride}, {@code bStride}) to {@code dst} at {@code dstOff}
     * with stride {@code dstStride} (unsigned samples of {@code bitDepth} bits); writes nothing else. dst
     * may not overlap the inputs.
     */
    public void refine(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int n, int bitDepth,
                       short[] dst, int dstOff, int dstStride) {
        kernel.refine(a, aOff, aStride, b, bOff, bStride, n, bitDepth, dst, dstOff, dstStride, scratch);
    }
}
