package io.inlay.core.quant;

/**
 * Quantisation-parameter mappings shared by encoder and decoder. QPs here live in the 0..51
 * domain at every bit depth (the relative step size of a QP does not depend on the bit depth);
 * {@link #scalingQp} adds QpBdOffset for the scaling process, as H.265 §8.6.1 forms Qp'Y.
 */
public final class QpMapping {
    /** Largest QP. */
    public static final int MAX_QP = 51;

    /** QpC for qPi = 30..43 (H.265 Table 8-10, ChromaArrayType == 1). */
    private static final int[] CHROMA_30_TO_43 = {29, 30, 31, 32, 33, 33, 34, 34, 35, 35, 36, 36, 37, 37};

    private QpMapping() {
    }

    /**
     * Chroma QP of a 4:2:0 block (H.265 §8.6.1, Table 8-10): {@code qPi = Clip3(0, 57,
     * qpY + chromaQpOffset)}, then qPi &lt; 30 maps to itself, 30..43 through the table, larger to
     * {@code qPi - 6}. The result is in 0..51.
     */
    public static int chromaQp(int qpY, int chromaQpOffset) {
        int qPi = Math.clamp((long) qpY + chromaQpOffset, 0, 57);
        if (qPi < 30) {
            return qPi;
        }
        if (qPi <= 43) {
            return CHROMA_30_TO_43[qPi - 30];
        }
        return qPi - 6;
    }

    /** QpBdOffset = 6 * (bitDepth - 8) (QpBdOffsetY/C, H.265 §7.4.3.2.1). */
    public static int qpBdOffset(int bitDepth) {
        return 6 * (bitDepth - 8);
    }

    /**
     * The qP the scaling process uses for a QP in 0..51: {@code qp + QpBdOffset} (Qp'Y or Qp'C,
     * H.265 §8.6.1). Forward quantisers must use the same value so that their step sizes match
     * {@link Dequantiser}.
     */
    public static int scalingQp(int qp, int bitDepth) {
        return qp + qpBdOffset(bitDepth);
    }
}
