package io.inlay.bitstream;

import java.util.List;

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
        neuralModels = List.copyOf(neuralModels);
    }
}
