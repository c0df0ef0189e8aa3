package io.inlay.core.decoder;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Picture;
import java.util.Queue;

/** Drives frame decoding for one sequence. */
public final class SequenceDecoder {
    public SequenceDecoder(SequenceHeader header, DecoderConfig config) throws BitstreamException {
    }

    public void decode(Packet packet, Queue<Picture> output) throws BitstreamException {
        throw new UnsupportedOperationException("frame decoding is being written");
    }
}
