package io.inlay.bitstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The sequence header: everything that stays fixed for a coded video sequence.
 * Field names equal the syntax-element names of {@code sequence_header()} in
 * {@code docs/bitstream/}.
 *
 * @param width            luma width in samples (the displayed, cropped width)
 * @param height           luma height in samples
 * @param bitDepth         sample bit depth, 8..12
 * @param chromaFormatIdc  1 = 4:2:0 (the only format supported so far)
 * @param fpsNum           frame-rate numerator
 * @param fpsDen           frame-rate denominator
 * @param colourRange      0 = limited ("video") range, 1 = full range
 * @param matrixCoefficients ISO/IEC 23091-2 MatrixCoefficients code (2 = unspecified)
 * @param ctuLog2Size      log2 of the CTU size (6 = 64x64)
 * @param minCuLog2Size    log2 of the smallest luma CU (3 = 8x8)
 * @param toolFlags        bit mask of coding tools enabled for the sequence
 * @param neuralModels     SHA-256 identifiers (32 bytes each) of the neural models the stream uses
 *
 * <p>Equality compares the model identifiers by content. The constructor copies them; value
 * ranges are checked by {@link SequenceHeaderSyntax} when the header is written or parsed.
 */
public record SequenceHeader(
        int width,
        int height,
        int bitDepth,
        int chromaFormatIdc,
        int fpsNum,
        int fpsDen,
        int colourRange,
        int matrixCoefficients,
        int ctuLog2Size,
        int minCuLog2Size,
        long toolFlags,
        List<byte[]> neuralModels) {

    public SequenceHeader {
        List<byte[]> copy = new ArrayList<>(neuralModels.size());
        for (byte[] id : neuralModels) {
            if (id.length != SequenceHeaderSyntax.NEURAL_MODEL_ID_BYTES) {
                throw new IllegalArgumentException("a neural model identifier is 32 bytes, not " + id.length);
            }
            copy.add(id.clone());
        }
        neuralModels = List.copyOf(copy);
    }

    /**
     * Whether {@code tool_flags} sets {@code TOOL_NEURAL_LOOP_FILTER}: frame headers then carry the
     * NLF scales, and {@code neural_models} entry 0 names the filter's model.
     */
    public boolean neuralLoopFilter() {
        return (toolFlags & SequenceHeaderSyntax.TOOL_NEURAL_LOOP_FILTER) != 0;
    }

    /** Whether {@code tool_flags} sets {@code TOOL_LEARNED_INTRA}: intra CUs carry {@code lip_flag}. */
    public boolean learnedIntra() {
        return (toolFlags & SequenceHeaderSyntax.TOOL_LEARNED_INTRA) != 0;
    }

    /** The {@code neural_models} entry naming the learned intra model: 1 with the neural loop filter, else 0. */
    public int learnedIntraModelIndex() {
        return neuralLoopFilter() ? 1 : 0;
    }

    /**
     * Whether {@code tool_flags} sets {@code TOOL_LEARNED_INTER}: AMVP coding units with a
     * fractional luma vector carry {@code lif_idx}.
     */
    public boolean learnedInter() {
        return (toolFlags & SequenceHeaderSyntax.TOOL_LEARNED_INTER) != 0;
    }

    /** The {@code neural_models} entry naming the learned interpolation model: after the filter's and the learned intra model's. */
    public int learnedInterModelIndex() {
        return (neuralLoopFilter() ? 1 : 0) + (learnedIntra() ? 1 : 0);
    }

    /**
     * Whether {@code tool_flags} sets {@code TOOL_BI_FLOW} (since format 0.8): bi-predicted luma with
     * references at equal distances on either side is refined by optical flow (decoding-process.md §13.1).
     */
    public boolean biFlow() {
        return (toolFlags & SequenceHeaderSyntax.TOOL_BI_FLOW) != 0;
    }

    /**
     * Whether {@code tool_flags} sets {@code TOOL_BI_WEIGHTS} (since format 0.9): bi-predicted AMVP coding
     * units carry {@code bcw_idx}, the weight of their two predictions (decoding-process.md §13.2).
     */
    public boolean biWeights() {
        return (toolFlags & SequenceHeaderSyntax.TOOL_BI_WEIGHTS) != 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SequenceHeader h)) {
            return false;
        }
        if (width != h.width || height != h.height || bitDepth != h.bitDepth
                || chromaFormatIdc != h.chromaFormatIdc || fpsNum != h.fpsNum || fpsDen != h.fpsDen
                || colourRange != h.colourRange || matrixCoefficients != h.matrixCoefficients
                || ctuLog2Size != h.ctuLog2Size || minCuLog2Size != h.minCuLog2Size
                || toolFlags != h.toolFlags || neuralModels.size() != h.neuralModels.size()) {
            return false;
        }
        for (int i = 0; i < neuralModels.size(); i++) {
            if (!Arrays.equals(neuralModels.get(i), h.neuralModels.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(width, height, bitDepth, chromaFormatIdc, fpsNum, fpsDen, colourRange,
                matrixCoefficients, ctuLog2Size, minCuLog2Size, toolFlags);
        for (byte[] id : neuralModels) {
            h = 31 * h + Arrays.hashCode(id);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SequenceHeader[").append(width).append('x').append(height)
                .append(", bitDepth=").append(bitDepth).append(", chromaFormatIdc=").append(chromaFormatIdc)
                .append(", fps=").append(fpsNum).append('/').append(fpsDen)
                .append(", colourRange=").append(colourRange).append(", matrixCoefficients=").append(matrixCoefficients)
                .append(", ctuLog2Size=").append(ctuLog2Size).append(", minCuLog2Size=").append(minCuLog2Size)
                .append(", toolFlags=0x").append(Long.toHexString(toolFlags)).append(", neuralModels=[");
        for (int i = 0; i < neuralModels.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(HexFormat.of().formatHex(neuralModels.get(i)));
        }
        return sb.append("]]").toString();
    }
}
