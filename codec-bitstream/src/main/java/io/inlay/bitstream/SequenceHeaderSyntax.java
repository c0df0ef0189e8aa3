package io.inlay.bitstream;

import java.util.ArrayList;
import java.util.List;

/**
 * Writer and parser of {@code sequence_header()} ({@code docs/bitstream/container.md} §4). The
 * parser performs every check the semantics require and raises {@link BitstreamException} naming
 * the field; the writer rejects a header the parser would reject with
 * {@link IllegalArgumentException}.
 */
public final class SequenceHeaderSyntax {
    /** {@code tool_flags} bit 0: the neural in-loop filter may be switched on per CTU. */
    public static final long TOOL_NEURAL_LOOP_FILTER = 1L << 0;

    /**
     * {@code tool_flags} bit 1: learned intra prediction ({@code lip_flag} in intra coding units);
     * {@code neural_models} entry 1 when the neural loop filter is on, else entry 0, names its model.
     */
    public static final long TOOL_LEARNED_INTRA = 1L << 1;

    /**
     * {@code tool_flags} bit 2: learned inter interpolation ({@code lif_idx} in AMVP coding units);
     * the {@code neural_models} entry after those of the loop filter and learned intra names its model.
     */
    public static final long TOOL_LEARNED_INTER = 1L << 2;

    /**
     * {@code tool_flags} bit 3 (since format 0.8): the luma of bi-predicted coding units whose references
     * lie at equal distances before and after the picture is refined by optical flow
     * (decoding-process.md §13.1); no syntax and no model.
     */
    public static final long TOOL_BI_FLOW = 1L << 3;

    /**
     * {@code tool_flags} bit 4 (since format 0.9): bi-predicted AMVP coding units carry {@code bcw_idx},
     * a weight of the two predictions (decoding-process.md §13.2), which merged coding units inherit.
     */
    public static final long TOOL_BI_WEIGHTS = 1L << 4;

    /** Every {@code tool_flags} bit this version defines; any other set bit is an error. */
    public static final long KNOWN_TOOL_FLAGS = TOOL_NEURAL_LOOP_FILTER | TOOL_LEARNED_INTRA | TOOL_LEARNED_INTER
            | TOOL_BI_FLOW | TOOL_BI_WEIGHTS;

    /** Largest {@code num_neural_models}. */
    public static final int MAX_NEURAL_MODELS = 16;

    /** Bytes of one {@code neural_model_id} (a SHA-256 digest). */
    public static final int NEURAL_MODEL_ID_BYTES = 32;

    /** Size of {@code sequence_header()} without neural model identifiers, in bytes. */
    public static final int FIXED_SIZE = 20;

    /** Largest possible size of {@code sequence_header()} in bytes. */
    public static final int MAX_SIZE = FIXED_SIZE + MAX_NEURAL_MODELS * NEURAL_MODEL_ID_BYTES;

    private SequenceHeaderSyntax() {
    }

    /** Writes {@code sequence_header()}; throws IllegalArgumentException for a field the parser would reject. */
    public static void writeSequenceHeader(BitWriter w, SequenceHeader sh) {
        require(sh.width() >= 1 && sh.width() <= 65535, "width must be 1..65535");
        require(sh.height() >= 1 && sh.height() <= 65535, "height must be 1..65535");
        require(sh.bitDepth() >= 8 && sh.bitDepth() <= 12, "bit_depth must be 8..12");
        require(sh.chromaFormatIdc() == 1, "chroma_format_idc must be 1 (4:2:0)");
        require(sh.colourRange() == 0 || sh.colourRange() == 1, "colour_range must be 0 or 1");
        require(sh.matrixCoefficients() >= 0 && sh.matrixCoefficients() <= 255, "matrix_coefficients must be 0..255");
        require(sh.fpsNum() > 0 && sh.fpsDen() > 0, "fps_num and fps_den must be positive");
        require(sh.ctuLog2Size() == 6, "ctu_log2_size must be 6");
        require(sh.minCuLog2Size() == 3, "min_cu_log2_size must be 3");
        require((sh.toolFlags() & ~KNOWN_TOOL_FLAGS) == 0, "tool_flags has undefined bits set");
        require(sh.neuralModels().size() <= MAX_NEURAL_MODELS, "at most 16 neural models");
        require(!sh.neuralLoopFilter() || !sh.neuralModels().isEmpty(), "the neural loop filter needs a model identifier");
        require(!sh.learnedIntra() || sh.neuralModels().size() > sh.learnedIntraModelIndex(),
                "learned intra prediction needs a model identifier");
        require(!sh.learnedInter() || sh.neuralModels().size() > sh.learnedInterModelIndex(),
                "learned inter interpolation needs a model identifier");
        w.writeBits(sh.width(), 16);
        w.writeBits(sh.height(), 16);
        w.writeBits(sh.bitDepth(), 4);
        w.writeBits(sh.chromaFormatIdc(), 2);
        w.writeBits(sh.colourRange(), 1);
        w.writeBits(0, 1);                        // reserved_zero_1bit
        w.writeBits(sh.matrixCoefficients(), 8);
        w.writeBits(sh.fpsNum(), 32);
        w.writeBits(sh.fpsDen(), 32);
        w.writeBits(sh.ctuLog2Size(), 4);
        w.writeBits(sh.minCuLog2Size(), 4);
        w.writeBits(sh.toolFlags(), 32);
        w.writeBits(sh.neuralModels().size(), 8);
        for (byte[] id : sh.neuralModels()) {
            require(id.length == NEURAL_MODEL_ID_BYTES, "neural_model_id must be 32 bytes");
            for (byte b : id) {
                w.writeBits(b & 0xFF, 8);
            }
        }
    }

    /**
     * Parses {@code sequence_header()} and checks every constraint of its semantics, including
     * {@code limits} on the picture size.
     */
    public static SequenceHeader readSequenceHeader(BitReader r, ContainerLimits limits) throws BitstreamException {
        long at = r.byteOffset();
        int width = r.readBits(16);
        int height = r.readBits(16);
        if (width == 0 || height == 0) {
            throw new BitstreamException(at, "width and height shall not be 0");
        }
        if (!limits.admitsSize(width, height)) {
            throw new BitstreamException(at, "picture size " + width + "x" + height + " exceeds the decoder's limits ("
                    + limits.describeSize() + ")");
        }
        at = r.byteOffset();
        int bitDepth = r.readBits(4);
        if (bitDepth < 8 || bitDepth > 12) {
            throw new BitstreamException(at, "bit_depth shall be in 8..12, is " + bitDepth);
        }
        int chromaFormatIdc = r.readBits(2);
        if (chromaFormatIdc != 1) {
            throw new BitstreamException(at, "chroma_format_idc shall be 1, is " + chromaFormatIdc);
        }
        int colourRange = r.readBits(1);
        if (r.readBits(1) != 0) {
            throw new BitstreamException(at, "reserved_zero_1bit shall be 0");
        }
        int matrixCoefficients = r.readBits(8);
        at = r.byteOffset();
        long fpsNum = r.readLong(32);
        long fpsDen = r.readLong(32);
        if (fpsNum == 0 || fpsDen == 0 || fpsNum > Integer.MAX_VALUE || fpsDen > Integer.MAX_VALUE) {
            throw new BitstreamException(at, "fps_num and fps_den shall be in 1..2^31-1");
        }
        at = r.byteOffset();
        int ctuLog2Size = r.readBits(4);
        if (ctuLog2Size != 6) {
            throw new BitstreamException(at, "ctu_log2_size shall be 6, is " + ctuLog2Size);
        }
        int minCuLog2Size = r.readBits(4);
        if (minCuLog2Size != 3) {
            throw new BitstreamException(at, "min_cu_log2_size shall be 3, is " + minCuLog2Size);
        }
        at = r.byteOffset();
        long toolFlags = r.readLong(32);
        if ((toolFlags & ~KNOWN_TOOL_FLAGS) != 0) {
            throw new BitstreamException(at, String.format("tool_flags has undefined bits set: 0x%08x",
                    toolFlags & ~KNOWN_TOOL_FLAGS));
        }
        at = r.byteOffset();
        int numNeuralModels = r.readBits(8);
        if (numNeuralModels > MAX_NEURAL_MODELS) {
            throw new BitstreamException(at, "num_neural_models shall not exceed 16, is " + numNeuralModels);
        }
        if ((toolFlags & TOOL_NEURAL_LOOP_FILTER) != 0 && numNeuralModels == 0) {
            throw new BitstreamException(at, "the neural loop filter needs a model identifier");
        }
        if ((toolFlags & TOOL_LEARNED_INTRA) != 0
                && numNeuralModels <= ((toolFlags & TOOL_NEURAL_LOOP_FILTER) != 0 ? 1 : 0)) {
            throw new BitstreamException(at, "learned intra prediction needs a model identifier");
        }
        if ((toolFlags & TOOL_LEARNED_INTER) != 0 && numNeuralModels <= ((toolFlags & TOOL_NEURAL_LOOP_FILTER) != 0 ? 1 : 0)
                + ((toolFlags & TOOL_LEARNED_INTRA) != 0 ? 1 : 0)) {
            throw new BitstreamException(at, "learned inter interpolation needs a model identifier");
        }
        List<byte[]> models = new ArrayList<>(numNeuralModels);
        for (int i = 0; i < numNeuralModels; i++) {
            byte[] id = new byte[NEURAL_MODEL_ID_BYTES];
            for (int j = 0; j < id.length; j++) {
                id[j] = (byte) r.readBits(8);
            }
            models.add(id);
        }
        return new SequenceHeader(width, height, bitDepth, chromaFormatIdc, (int) fpsNum, (int) fpsDen,
                colourRange, matrixCoefficients, ctuLog2Size, minCuLog2Size, toolFlags, models);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
