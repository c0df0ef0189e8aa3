package io.inlay.core.encoder;

/** Lagrange multipliers of the rate-distortion decisions (docs/rdo.md). */
final class RdCost {
    private RdCost() {
    }

    /**
     * lambda for sum-of-squared-error distortion and rate in bits: {@code 0.57 * 2^((QP - 12) / 3)}
     * for intra pictures (the HM reference encoder's choice for I slices), scaled by
     * {@code 4^(bitDepth - 8)} since squared errors grow with the sample range.
     */
    static double lambda(int qp, int bitDepth) {
        return lambda(qp, bitDepth, 0.57);
    }

    /** {@code factor * 2^((QP - 12) / 3)}, scaled for the bit depth; the factor depends on the frame (docs/gop.md). */
    static double lambda(int qp, int bitDepth, double factor) {
        return factor * Math.pow(2.0, (qp - 12) / 3.0) * (1 << (2 * (bitDepth - 8)));
    }

    /** Weight of chroma distortion, {@code 2^((QpY - QpC) / 3)}: compensates the coarser luma step. */
    static double chromaWeight(int qpY, int qpC) {
        return Math.pow(2.0, (qpY - qpC) / 3.0);
    }
}
