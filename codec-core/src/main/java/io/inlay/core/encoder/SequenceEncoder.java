package io.inlay.core.encoder;

import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import java.util.Queue;

/** Drives frame encoding for one sequence. */
public final class SequenceEncoder {
    private final SequenceHeader header;

    public SequenceEncoder(EncoderConfig config) {
        this.header = new SequenceHeader(config.width(), config.height(), config.bitDepth(),
                config.chromaFormat().idc(), config.fpsNum(), config.fpsDen(), config.colourRange(),
                config.matrixCoefficients(), 6, 3, 0L, java.util.List.of());
    }

    public SequenceHeader sequenceHeader() {
        return header;
    }

    public void encode(Picture picture, Queue<Packet> packets, Queue<Picture> reconstructions) {
        throw new UnsupportedOperationException("frame encoding is being written");
    }
}
