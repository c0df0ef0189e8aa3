package io.inlay.core.transform;

import io.inlay.core.kernels.InverseTransformKernel;
import io.inlay.core.kernels.Kernels;

/**
 * Inverse 2-D transform of H.265 §8.6.4.2 (with the residual scaling of §8.6.2), shared by the
 * encoder's reconstruction and the decoder: the per-thread front of the
 * {@link InverseTransformKernel} family, which defines the arithmetic (first stage per column,
 * {@code (e + 64) >> 7} clipped to 16 bits; second stage per row, {@code >> (20 - bitDepth)}
 * with rounding; residual not clipped).
 *
 * <p>An instance owns the kernel's scratch buffer: use one instance per thread. No allocation
 * per call.
 */
public final class InverseTransform {
    private final InverseTransformKernel kernel;
    private final int[] scratch = new int[InverseTransformKernel.SCRATCH_INTS];

    /** An inverse transform on the process-wide kernels ({@link Kernels#get()}). */
    public InverseTransform() {
        this(Kernels.get().inverseTransform());
    }

    /** An inverse transform on the given kernel. */
    public InverseTransform(InverseTransformKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Inverse-transforms one block.
     *
     * @param coeff    n*n coefficients in [-32768, 32767], row-major (not modified)
     * @param residual n*n output residuals, row-major; must not be {@code coeff}
     * @param log2Size 2..5 (n = 1 << log2Size)
     * @param type     DCT2, or DST7 for 4x4
     * @param bitDepth sample bit depth 8..12
     */
    public void inverse(int[] coeff, int[] residual, int log2Size, TransformType type, int bitDepth) {
        kernel.inverse(coeff, residual, scratch, log2Size, type, bitDepth);
    }

    /**
     * As {@link #inverse(int[], int[], int, TransformType, int)} with the bounding box of the
     * nonzero coefficients given (see {@link InverseTransformKernel#inverse(int[], int[], int[], int,
     * TransformType, int, int)}).
     */
    public void inverse(int[] coeff, int[] residual, int log2Size, TransformType type, int bitDepth, int box) {
        kernel.inverse(coeff, residual, scratch, log2Size, type, bitDepth, box);
    }
}
