package io.inlay.core.encoder;

import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.recon.FrameMaps;
import java.util.List;
import java.util.Queue;

/** Drives frame encoding for one sequence: frame types, picture order and the frame encoder. */
public final class SequenceEncoder {
    private final SequenceHeader header;
    private final FrameEncoder frameEncoder;
    private int poc;

    public SequenceEncoder(EncoderConfig config) {
        this.header = new SequenceHeader(config.width(), config.height(), config.bitDepth(),
                config.chromaFormat().idc(), config.fpsNum(), config.fpsDen(), config.colourRange(),
                config.matrixCoefficients(), FrameMaps.CTU_LOG2, FrameMaps.MIN_CU_LOG2, 0L, List.of());
        this.frameEncoder = new FrameEncoder(config);
    }

    public SequenceHeader sequenceHeader() {
        return header;
    }

    /** Encodes the next picture in display order (all frames are intra so far). */
    public void encode(Picture picture, Queue<Packet> packets, Queue<Picture> reconstructions) {
        packets.add(frameEncoder.encode(picture, poc++));
        if (reconstructions != null) {
            reconstructions.add(frameEncoder.reconstruction());
        }
    }
}
