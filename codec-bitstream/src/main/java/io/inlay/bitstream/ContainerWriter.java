package io.inlay.bitstream;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes an Inlay stream ({@code docs/bitstream/container.md}): {@code file_header()}, a sequence
 * header unit, then one frame unit per packet, each unit protected by a CRC-32C. The sequence
 * header may be repeated (identical) before an I frame, so a stream can be joined there.
 *
 * <p>Writes go straight to the given stream (a few {@code write} calls per unit); wrap files in
 * a {@link java.io.BufferedOutputStream} if the stream is not buffered.
 */
public final class ContainerWriter implements Closeable, Flushable {
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] head = new byte[1 + 2 * Container.LEB128_MAX_BYTES + 1];
    private byte[] sequenceHeaderBody;   // body of the first sequence header unit
    private boolean expectKeyFrame;      // a repeated sequence header was just written
    private boolean repeatAtIFrames;
    private boolean packetWritten;
    private long bytesWritten;

    public ContainerWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Makes this writer repeat the sequence header before every I frame but the first, so that the
     * stream can be cut or joined there and a reader can resume there after damage
     * ({@link ContainerReader#recover()}). Costs one sequence header unit (26 bytes without neural
     * models) per I frame. Returns this writer.
     */
    public ContainerWriter repeatSequenceHeaderAtIFrames(boolean v) {
        repeatAtIFrames = v;
        return this;
    }

    /**
     * Writes a sequence header unit, preceded by {@code file_header()} the first time. Later calls
     * repeat the header and must pass an equal one; the next packet must then be an I frame.
     *
     * @throws IllegalArgumentException if a field is out of range or the header differs from the first
     */
    public void writeSequenceHeader(SequenceHeader sh) throws IOException {
        BitWriter w = new BitWriter();
        SequenceHeaderSyntax.writeSequenceHeader(w, sh);
        byte[] body = w.toByteArray();
        if (sequenceHeaderBody == null) {
            writeFileHeader();
            sequenceHeaderBody = body;
        } else if (!Arrays.equals(body, sequenceHeaderBody)) {
            throw new IllegalArgumentException("sequence header changed mid-stream");
        } else {
            expectKeyFrame = true;
        }
        writeSequenceHeaderUnit(body);
    }

    private void writeSequenceHeaderUnit(byte[] body) throws IOException {
        int n = 0;
        head[n++] = (byte) Container.UNIT_SEQUENCE_HEADER;
        n = Container.putLeb128(head, n, body.length);
        writeUnit(n, body);
    }

    /** Writes {@code p} as a frame unit. */
    public void writePacket(Packet p) throws IOException {
        if (sequenceHeaderBody == null) {
            throw new IllegalStateException("writeSequenceHeader must come first");
        }
        if (expectKeyFrame && p.frameType() != FrameType.I) {
            throw new IllegalStateException("a repeated sequence header must be followed by an I frame");
        }
        if (repeatAtIFrames && p.frameType() == FrameType.I && packetWritten && !expectKeyFrame) {
            writeSequenceHeaderUnit(sequenceHeaderBody);
        }
        byte[] payload = p.payload();
        byte[] pre = new byte[1 + Container.LEB128_MAX_BYTES];
        int m = 0;
        pre[m++] = (byte) p.frameType().ordinal();
        m = Container.putLeb128(pre, m, p.poc());
        long size = (long) m + payload.length;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("packet too large: " + payload.length + " bytes");
        }
        int n = 0;
        head[n++] = (byte) Container.UNIT_FRAME;
        n = Container.putLeb128(head, n, (int) size);
        System.arraycopy(pre, 0, head, n, m);
        writeUnit(n + m, payload);
        expectKeyFrame = false;
        packetWritten = true;
    }

    // file_header(): file_magic, version_major, version_minor, reserved_zero_16bits.
    private void writeFileHeader() throws IOException {
        byte[] fh = {
            (byte) (Container.MAGIC >>> 24), (byte) (Container.MAGIC >>> 16), (byte) (Container.MAGIC >>> 8),
            (byte) Container.MAGIC, (byte) Container.VERSION_MAJOR, (byte) Container.VERSION_MINOR, 0, 0};
        out.write(fh);
        bytesWritten += fh.length;
    }

    // unit(): head[0 .. headLen) (unit_type, unit_size and any body prefix), body, unit_crc.
    private void writeUnit(int headLen, byte[] body) throws IOException {
        crc.reset();
        crc.update(head, 0, headLen);
        crc.update(body, 0, body.length);
        int c = (int) crc.getValue();
        out.write(head, 0, headLen);
        out.write(body);
        out.write(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        bytesWritten += headLen + body.length + 4;
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
