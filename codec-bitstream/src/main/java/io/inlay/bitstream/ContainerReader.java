package io.inlay.bitstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Reads an Inlay stream ({@code docs/bitstream/container.md}) from any {@link InputStream},
 * including a pipe: it only calls {@code read}, never seeks, skips or asks {@code available()}.
 *
 * <p>Every violation raises {@link BitstreamException} with the absolute byte offset: truncation
 * anywhere but at a unit boundary, a bad magic or version, an unknown unit type, a unit size
 * beyond {@link ContainerLimits#maxPacketBytes()} (checked before anything is allocated for it),
 * a CRC-32C mismatch, or a sequence header that differs from the first. Buffers for a unit grow
 * with the data actually received, so a truncated stream that declares a large unit costs no
 * more memory than it delivers.
 */
public final class ContainerReader implements Closeable {
    private static final int INITIAL_CHUNK = 1 << 16;

    private final InputStream in;
    private final ContainerLimits limits;
    private final CRC32C crc = new CRC32C();
    private final byte[] head = new byte[1 + Container.LEB128_MAX_BYTES];
    private long offset;
    private byte[] sequenceHeaderBody;
    private boolean expectKeyFrame;
    private boolean eof;
    private long lastPayloadOffset;
    private long sequenceHeaderOffset;

    public ContainerReader(InputStream in, ContainerLimits limits) {
        this.in = Objects.requireNonNull(in, "in");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Absolute offset of the next byte to read. */
    public long offset() {
        return offset;
    }

    /**
     * Absolute offset of the first byte of {@code sequence_header()} (after
     * {@link #readSequenceHeader()}), so that checks on it made later, e.g. by the decoder, can
     * name stream offsets.
     */
    public long sequenceHeaderOffset() {
        return sequenceHeaderOffset;
    }

    /**
     * Reads {@code file_header()} and the first unit, which shall be a sequence header. Call once,
     * before {@link #readPacket()}.
     */
    public SequenceHeader readSequenceHeader() throws IOException {
        if (sequenceHeaderBody != null) {
            throw new IllegalStateException("readSequenceHeader was already called");
        }
        readFileHeader();
        long unitStart = offset;
        Unit u = readUnit();
        if (u == null) {
            throw new BitstreamException(unitStart, "stream ends before the sequence header");
        }
        if (u.type != Container.UNIT_SEQUENCE_HEADER) {
            throw new BitstreamException(unitStart, "the first unit shall be a sequence header");
        }
        SequenceHeader sh = parseSequenceHeader(u);
        sequenceHeaderBody = u.body;
        sequenceHeaderOffset = u.bodyOffset;
        return sh;
    }

    /**
     * Reads the next frame unit. Returns null at the end of the stream, which shall fall on a unit
     * boundary. A repeated sequence header identical to the first is skipped (the next unit shall
     * then be an I frame); a different one raises "sequence header changed mid-stream".
     */
    public Packet readPacket() throws IOException {
        if (sequenceHeaderBody == null) {
            throw new IllegalStateException("readSequenceHeader must come first");
        }
        while (true) {
            long unitStart = offset;
            Unit u = readUnit();
            if (u == null) {
                return null;
            }
            if (u.type == Container.UNIT_SEQUENCE_HEADER) {
                parseSequenceHeader(u);
                if (!Arrays.equals(u.body, sequenceHeaderBody)) {
                    throw new BitstreamException(unitStart, "sequence header changed mid-stream");
                }
                expectKeyFrame = true;
                continue;
            }
            return parseFrameUnit(u, unitStart);
        }
    }

    private record Unit(int type, byte[] body, long bodyOffset) {
    }

    // file_header()
    private void readFileHeader() throws IOException {
        byte[] fh = new byte[Container.FILE_HEADER_SIZE];
        for (int i = 0; i < fh.length; i++) {
            int b = in.read();
            if (b < 0) {
                throw new BitstreamException(offset, "stream ends inside the file header");
            }
            fh[i] = (byte) b;
            offset++;
        }
        int magic = ((fh[0] & 0xFF) << 24) | ((fh[1] & 0xFF) << 16) | ((fh[2] & 0xFF) << 8) | (fh[3] & 0xFF);
        if (magic != Container.MAGIC) {
            throw new BitstreamException(0, "file_magic shall be \"INLY\": not an Inlay stream");
        }
        if (fh[4] != Container.VERSION_MAJOR || fh[5] != Container.VERSION_MINOR) {
            throw new BitstreamException(4, "unsupported format version " + (fh[4] & 0xFF) + "." + (fh[5] & 0xFF)
                    + " (this decoder reads " + Container.VERSION_MAJOR + "." + Container.VERSION_MINOR + ")");
        }
        if (fh[6] != 0 || fh[7] != 0) {
            throw new BitstreamException(6, "reserved_zero_16bits shall be 0");
        }
    }

    // unit(): unit_type, unit_size, body, unit_crc. Null on end of stream before unit_type.
    private Unit readUnit() throws IOException {
        if (eof) {
            return null;
        }
        long unitStart = offset;
        int type = in.read();
        if (type < 0) {
            eof = true;
            return null;
        }
        offset++;
        if (type != Container.UNIT_SEQUENCE_HEADER && type != Container.UNIT_FRAME) {
            throw new BitstreamException(unitStart, "unknown unit_type " + type);
        }
        head[0] = (byte) type;
        int headLen = 1;
        long sizeAt = offset;
        long size = 0;
        for (int i = 0; ; i++) {
            int b = readByte("unit_size");
            head[headLen++] = (byte) b;
            size |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new BitstreamException(sizeAt, "unit_size is not minimally coded");
                }
                break;
            }
            if (i == Container.LEB128_MAX_BYTES - 1) {
                throw new BitstreamException(sizeAt, "unit_size is longer than 5 bytes");
            }
        }
        long max = type == Container.UNIT_SEQUENCE_HEADER
                ? Math.min(SequenceHeaderSyntax.MAX_SIZE, limits.maxPacketBytes()) : limits.maxPacketBytes();
        if (size > max) {
            throw new BitstreamException(sizeAt, "unit_size " + size + " exceeds the limit of " + max + " bytes");
        }
        long bodyOffset = offset;
        byte[] body = readBody((int) size);
        crc.reset();
        crc.update(head, 0, headLen);
        crc.update(body, 0, body.length);
        long crcAt = offset;
        long stored = 0;
        for (int i = 0; i < 4; i++) {
            stored = (stored << 8) | readByte("unit_crc");
        }
        if (stored != crc.getValue()) {
            throw new BitstreamException(crcAt, String.format(
                    "unit_crc 0x%08x does not match the CRC-32C 0x%08x of the unit starting at byte %d",
                    stored, crc.getValue(), unitStart));
        }
        return new Unit(type, body, bodyOffset);
    }

    // Reads size bytes, growing the buffer only as data arrives.
    private byte[] readBody(int size) throws IOException {
        byte[] buf = new byte[Math.min(size, INITIAL_CHUNK)];
        int have = 0;
        while (have < size) {
            if (have == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
            }
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                throw new BitstreamException(offset, "stream ends inside a unit (" + (size - have)
                        + " of " + size + " bytes missing)");
            }
            have += n;
            offset += n;
        }
        return buf;
    }

    private int readByte(String what) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new BitstreamException(offset, "stream ends inside " + what);
        }
        offset++;
        return b;
    }

    private SequenceHeader parseSequenceHeader(Unit u) throws BitstreamException {
        BitReader r = new BitReader(u.body, 0, u.body.length, u.bodyOffset);
        SequenceHeader sh = SequenceHeaderSyntax.readSequenceHeader(r, limits);
        if (r.bitsRemaining() != 0) {
            throw new BitstreamException(r.byteOffset(), "unit_size exceeds the size of sequence_header()");
        }
        return sh;
    }

    // frame_unit(): frame_type, poc, frame payload.
    private Packet parseFrameUnit(Unit u, long unitStart) throws BitstreamException {
        byte[] body = u.body;
        if (body.length < 2) {
            throw new BitstreamException(u.bodyOffset, "frame unit shorter than frame_type and poc");
        }
        FrameType frameType = FrameType.fromCode(body[0] & 0xFF);
        if (frameType == null) {
            throw new BitstreamException(u.bodyOffset, "frame_type " + (body[0] & 0xFF) + " is not defined");
        }
        if (expectKeyFrame && frameType != FrameType.I) {
            throw new BitstreamException(unitStart, "a repeated sequence header shall be followed by an I frame");
        }
        expectKeyFrame = false;
        int pos = 1;
        long poc = 0;
        for (int i = 0; ; i++) {
            if (pos == body.length) {
                throw new BitstreamException(u.bodyOffset + pos, "poc runs past the end of the frame unit");
            }
            int b = body[pos++] & 0xFF;
            poc |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new BitstreamException(u.bodyOffset + 1, "poc is not minimally coded");
                }
                break;
            }
            if (i == Container.LEB128_MAX_BYTES - 1) {
                throw new BitstreamException(u.bodyOffset + 1, "poc is longer than 5 bytes");
            }
        }
        if (poc > Integer.MAX_VALUE) {
            throw new BitstreamException(u.bodyOffset + 1, "poc shall not exceed 2^31-1");
        }
        lastPayloadOffset = u.bodyOffset + pos;
        return new Packet(frameType, (int) poc, Arrays.copyOfRange(body, pos, body.length));
    }

    /**
     * Absolute offset of the first payload byte of the packet last returned by
     * {@link #readPacket()}: pass it to the decoder so its errors name stream offsets.
     */
    public long payloadOffset() {
        return lastPayloadOffset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
