package io.inlay.core.decoder;

import io.inlay.bitstream.BitReader;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.ChromaFormat;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.recon.CodedPicture;
import io.inlay.core.recon.DecodedPictureBuffer;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import java.util.Queue;
import java.util.TreeMap;

/**
 * Drives frame decoding for one sequence: checks what the frame decoder relies on, keeps the
 * decoded-picture buffer, and releases pictures in display order (docs/bitstream/decoding-process.md,
 * "Output order").
 */
public final class SequenceDecoder {
    /** Most pictures that may wait for output (POCs must be consecutive in display order). */
    public static final int MAX_PENDING_OUTPUT = 16;

    private final SequenceHeader header;
    private final ChromaFormat chroma;
    private final TreeMap<Integer, Picture> pending = new TreeMap<>();
    private long nextOutputPoc = -1;
    // allocated with the first frame, not by a bare header
    private FrameDecoder frameDecoder;
    private DecodedPictureBuffer dpb;

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
     * Decodes one packet and queues the pictures that are due for output, in display order.
     *
     * @param base offset of the payload in the stream (0 when unknown), for error messages
     */
    public void decode(Packet packet, long base, Queue<Picture> output) throws BitstreamException {
        byte[] payload = packet.payload();
        FrameHeader fh = FrameHeader.read(new BitReader(payload, 0, payload.length, base));
        int poc = packet.poc();
        if (poc < nextOutputPoc || pending.containsKey(poc)) {
            throw new BitstreamException(base, "poc " + poc + " repeats or precedes a picture already output");
        }
        if (frameDecoder == null) {
            int w = CodedPicture.codedSize(header.width());
            int h = CodedPicture.codedSize(header.height());
            frameDecoder = new FrameDecoder(w, h);
            dpb = new DecodedPictureBuffer(w, h, header.bitDepth(), chroma);
        }
        ReferenceLists refs = dpb.startFrame(packet.frameType(), poc, fh, base);
        Picture recon = dpb.nextPicture();
        frameDecoder.decode(packet, base, fh, refs, recon);
        dpb.add(recon, poc, frameDecoder.maps(), refs);
        pending.put(poc, CodedPicture.crop(recon, header.width(), header.height()));
        if (nextOutputPoc < 0) {
            nextOutputPoc = poc;
        }
        while (!pending.isEmpty() && pending.firstKey() == nextOutputPoc) {
            output.add(pending.pollFirstEntry().getValue());
            nextOutputPoc++;
        }
        if (pending.size() > MAX_PENDING_OUTPUT) {
            throw new BitstreamException(base, "more than " + MAX_PENDING_OUTPUT
                    + " pictures wait for output: display order (POC) shall have no gaps");
        }
    }

    /** End of stream: queues every picture still waiting, in display order. */
    public void flush(Queue<Picture> output) {
        while (!pending.isEmpty()) {
            output.add(pending.pollFirstEntry().getValue());
        }
        nextOutputPoc = -1;
    }
}
