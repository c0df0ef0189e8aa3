package io.inlay.core.quant;

/**
 * Scaling of transform coefficient levels, H.265 §8.6.3 with flat scaling lists (m = 16),
 * shared by the encoder's reconstruction and the decoder.
 */
public final class Dequantiser {
    /** levelScale[qP % 6] (H.265 §8.6.3). */
    static final int[] LEVEL_SCALE = {40, 45, 51, 57, 64, 72};

    private static final int FLAT_SCALE = 16;
    private static final int COEFF_MIN = -32768;
    private static final int COEFF_MAX = 32767;

    private Dequantiser() {
    }

    /**
     * Scales {@code count} levels into coefficients:
     * {@code d = Clip3(-32768, 32767, (level * 16 * levelScale[qP % 6] << (qP / 6) + (1 << (bdShift - 1))) >> bdShift)}
     * with {@code qP = qp + 6 * (bitDepth - 8)} ({@link QpMapping#scalingQp}) and
     * {@code bdShift = bitDepth + log2Size - 5} (the spec's BitDepth + Log2(nTbS) + 10 - 15 with
     * 16-bit coefficients). The product is formed in 64 bits, so any int level is exact before
     * the clip. {@code levels} and {@code coeff} may be the same array.
     *
     * @param qp       block QP in 0..51 (QpY, or QpC from {@link QpMapping#chromaQp}); not Qp'
     * @param log2Size transform size, 2..5
     * @param bitDepth 8..12
     */
    public static void dequantise(int[] levels, int[] coeff, int count, int qp, int log2Size, int bitDepth) {
        dequantise(levels, 0, count, coeff, count, 1, count, qp, log2Size, bitDepth);
    }

    /**
     * {@link #dequantise(int[], int[], int, int, int, int)} of the top-left {@code rows x cols}
     * levels of a block (row-major with {@code lvStride} at {@code lvOff}) into the same positions
     * of the n x n row-major {@code coeff}; nothing else of {@code coeff} is written.
     */
    public static void dequantise(int[] levels, int lvOff, int lvStride, int[] coeff, int n, int rows, int cols,
                                  int qp, int log2Size, int bitDepth) {
        assert qp >= 0 && qp <= QpMapping.MAX_QP : "qp must be in 0..51 (QpBdOffset is added here): " + qp;
        assert log2Size >= 2 && log2Size <= 5 : "log2Size " + log2Size;
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        int qP = QpMapping.scalingQp(qp, bitDepth);
        long scale = (long) (FLAT_SCALE * LEVEL_SCALE[qP % 6]) << (qP / 6);
        int bdShift = bitDepth + log2Size - 5;
        long round = 1L << (bdShift - 1);
        for (int j = 0; j < rows; j++) {
            int l = lvOff + j * lvStride;
            int c = j * n;
            for (int i = 0; i < cols; i++) {
                int level = levels[l + i];
                coeff[c + i] = level == 0 ? 0 : (int) Math.clamp((level * scale + round) >> bdShift, COEFF_MIN, COEFF_MAX);
            }
        }
    }
}
