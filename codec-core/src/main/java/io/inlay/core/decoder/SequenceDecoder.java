package io.inlay.core.decoder;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.ChromaFormat;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.recon.FrameMaps;
import java.util.Queue;

/** Drives frame decoding for one sequence and checks what the frame decoder relies on. */
public final class SequenceDecoder {
    private final SequenceHeader header;
    private final ChromaFormat chroma;
    private FrameDecoder frameDecoder;   // allocated with the first frame, not by a bare header

    public SequenceDecoder(SequenceHeader header, DecoderConfig config) throws BitstreamException {
        ContainerLimits limits = config.limits();
        if (header.width() < 1 || header.height() < 1 || header.width() > limits.maxWidth()
                || header.height() > limits.maxHeight()
                || (long) header.width() * header.height() > limits.maxPixels()) {
            throw new BitstreamException(0, "picture size " + header.width() + "x" + header.height()
                    + " is outside the decoder's limits");
        }
        ChromaFormat chroma = ChromaFormat.fromIdc(header.chromaFormatIdc());
        if (chroma == null) {
            throw new BitstreamException(0, "chroma_format_idc " + header.chromaFormatIdc() + " is not supported");
        }
        if (header.bitDepth() < 8 || header.bitDepth() > 12) {
            throw new BitstreamException(0, "bit_depth shall be 8..12, is " + header.bitDepth());
        }
        if (header.ctuLog2Size() != FrameMaps.CTU_LOG2 || header.minCuLog2Size() != FrameMaps.MIN_CU_LOG2) {
            throw new BitstreamException(0, "ctu_log2_size shall be 6 and min_cu_log2_size 3");
        }
        if (header.toolFlags() != 0 || !header.neuralModels().isEmpty()) {
            throw new BitstreamException(0, "the stream uses coding tools this decoder does not implement");
        }
        this.header = header;
        this.chroma = chroma;
    }

    /**
     * Decodes one packet and queues its picture for output.
     *
     * @param base offset of the payload in the stream (0 when unknown), for error messages
     */
    public void decode(Packet packet, long base, Queue<Picture> output) throws BitstreamException {
        if (packet.frameType() != FrameType.I) {
            throw new BitstreamException(base, "frame_type shall be I (0) in this version of the format, is "
                    + packet.frameType());
        }
        if (frameDecoder == null) {
            frameDecoder = new FrameDecoder(header.width(), header.height(), header.bitDepth(), chroma);
        }
        output.add(frameDecoder.decode(packet, base));
    }
}
