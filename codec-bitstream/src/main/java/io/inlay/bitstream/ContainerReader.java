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
 * more memory than it delivers. After an error, {@link #recover()} finds a place to go on.
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
    /** The whole first sequence header unit (type, size, body, CRC): the pattern {@link #recover()} seeks. */
    private byte[] sequenceHeaderUnit;
    /** Where the last failure of {@link #readPacket()} left the reader (see {@link #recover()}). */
    private Failure failure = Failure.NONE;
    /** Bytes already read that {@link #recover()} hands back to be read again, and the next of them. */
    private byte[] replay = new byte[0];
    private int replayPos;
    /** The unit being read, for {@link #recover()}: its offset, head length, body so far, CRC bytes. */
    private long unitStart;
    private int headLen;
    private byte[] unitBody = new byte[0];
    private int unitBodyLen;
    private final byte[] crcBytes = new byte[4];
    private int crcLen;
    /** After a CRC mismatch: the failed unit's bytes (from its second byte) and where they began. */
    private byte[] suspect;
    private long suspectAt;

    private enum Failure {
        /** No failure, or the reader has recovered. */
        NONE,
        /** The unit's framing and CRC were right, its content was not: the reader is at the next unit. */
        CONTENT,
        /** CRC mismatch: the reader is at the next unit if {@code unit_size} was intact. */
        CRC,
        /** The framing itself is broken (unknown type, bad size, truncation): no unit boundary is known. */
        FRAMING
    }

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
        sequenceHeaderUnit = unitBytesRead(0);
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
        if (failure != Failure.NONE) {
            throw new IllegalStateException("readPacket failed: call recover() before reading on");
        }
        while (true) {
            failure = Failure.FRAMING;
            Unit u = readUnit();
            failure = Failure.CONTENT;
            suspect = null;
            if (u == null) {
                failure = Failure.NONE;
                return null;
            }
            if (u.type == Container.UNIT_SEQUENCE_HEADER) {
                parseSequenceHeader(u);
                if (!Arrays.equals(u.body, sequenceHeaderBody)) {
                    throw new BitstreamException(unitStart, "sequence header changed mid-stream");
                }
                expectKeyFrame = true;
                failure = Failure.NONE;
                continue;
            }
            Packet p = parseFrameUnit(u, unitStart);
            failure = Failure.NONE;
            return p;
        }
    }

    /**
     * After {@link #readPacket()} raised an error, positions the reader so that reading can go on
     * (error concealment; docs/bitstream/container.md §7):
     * <ul>
     * <li>a unit whose framing and CRC were right but whose content was not is skipped: the reader
     *     is already at the next unit;
     * <li>after a CRC mismatch the reader goes on at the unit that follows according to
     *     {@code unit_size}, but keeps the damaged unit's bytes: if the next unit fails too (so
     *     {@code unit_size} was probably the damaged field), the search below starts again from the
     *     damaged unit's second byte;
     * <li>when the framing is broken (unknown type, bad size, truncation) the reader searches forward,
     *     from the failed unit's second byte through the bytes it already read and on into the
     *     stream, for the next sequence header unit identical to the first, byte for byte, and
     *     stops after it (the next unit is then an I frame, where decoding can resume).
     * </ul>
     * Memory stays within the bytes of two units, and every call moves past at least one byte.
     *
     * @return false when the end of the stream was reached without finding a place to go on
     */
    public boolean recover() throws IOException {
        Failure f = failure;
        if (f == Failure.NONE) {
            throw new IllegalStateException("recover() is only for after a failed readPacket()");
        }
        failure = Failure.NONE;
        expectKeyFrame = false;
        if (f == Failure.CONTENT) {
            return !eof;
        }
        byte[] bytes;
        long at;
        if (suspect != null) {
            // the unit after a CRC mismatch failed too: search again from the first one
            byte[] failed = unitBytesRead(0);
            bytes = Arrays.copyOf(suspect, suspect.length + failed.length);
            System.arraycopy(failed, 0, bytes, suspect.length, failed.length);
            at = suspectAt;
            suspect = null;
        } else if (f == Failure.CRC) {
            suspect = unitBytesRead(1);
            suspectAt = unitStart + 1;
            return true;
        } else {
            bytes = unitBytesRead(1);
            at = unitStart + 1;
        }
        pushBack(bytes, at);
        return seekSequenceHeaderUnit();
    }

    // The bytes read of the last unit (all of it, or up to where it failed), from its byte `from`.
    private byte[] unitBytesRead(int from) {
        byte[] unit = new byte[headLen + unitBodyLen + crcLen];
        System.arraycopy(head, 0, unit, 0, headLen);
        System.arraycopy(unitBody, 0, unit, headLen, unitBodyLen);
        System.arraycopy(crcBytes, 0, unit, headLen + unitBodyLen, crcLen);
        return Arrays.copyOfRange(unit, Math.min(from, unit.length), unit.length);
    }

    // Makes bytes (which began at stream offset `at`) the next to be read, before any left to replay.
    private void pushBack(byte[] bytes, long at) {
        byte[] rest = Arrays.copyOfRange(replay, replayPos, replay.length);
        replay = Arrays.copyOf(bytes, bytes.length + rest.length);
        System.arraycopy(rest, 0, replay, bytes.length, rest.length);
        replayPos = 0;
        offset = at;
        eof = false;
    }

    // Streaming search for sequenceHeaderUnit (Knuth-Morris-Pratt, so each byte is read once and
    // memory is the pattern's size).
    private boolean seekSequenceHeaderUnit() throws IOException {
        byte[] pat = sequenceHeaderUnit;
        int[] fail = new int[pat.length];
        for (int i = 1, k = 0; i < pat.length; i++) {
            while (k > 0 && pat[i] != pat[k]) {
                k = fail[k - 1];
            }
            if (pat[i] == pat[k]) {
                k++;
            }
            fail[i] = k;
        }
        int matched = 0;
        for (int b; (b = next()) >= 0; ) {
            offset++;
            while (matched > 0 && (byte) b != pat[matched]) {
                matched = fail[matched - 1];
            }
            if ((byte) b == pat[matched] && ++matched == pat.length) {
                expectKeyFrame = true;
                return true;
            }
        }
        eof = true;
        return false;
    }

    // The next byte: from the bytes handed back by recover(), then from the stream; -1 at the end.
    private int next() throws IOException {
        return replayPos < replay.length ? replay[replayPos++] & 0xFF : in.read();
    }

    private int next(byte[] buf, int off, int len) throws IOException {
        if (replayPos < replay.length) {
            int n = Math.min(len, replay.length - replayPos);
            System.arraycopy(replay, replayPos, buf, off, n);
            replayPos += n;
            return n;
        }
        return in.read(buf, off, len);
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
        unitStart = offset;
        headLen = 0;
        unitBodyLen = 0;
        crcLen = 0;
        int type = next();
        if (type < 0) {
            eof = true;
            return null;
        }
        offset++;
        head[0] = (byte) type;
        headLen = 1;
        if (type != Container.UNIT_SEQUENCE_HEADER && type != Container.UNIT_FRAME) {
            throw new BitstreamException(unitStart, "unknown unit_type " + type);
        }
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
            int b = readByte("unit_crc");
            stored = (stored << 8) | b;
            crcBytes[crcLen++] = (byte) b;
        }
        if (stored != crc.getValue()) {
            failure = Failure.CRC;
            throw new BitstreamException(crcAt, String.format(
                    "unit_crc 0x%08x does not match the CRC-32C 0x%08x of the unit starting at byte %d",
                    stored, crc.getValue(), unitStart));
        }
        return new Unit(type, body, bodyOffset);
    }

    // Reads size bytes, growing the buffer only as data arrives.
    private byte[] readBody(int size) throws IOException {
        byte[] buf = new byte[Math.min(size, INITIAL_CHUNK)];
        unitBody = buf;
        int have = 0;
        while (have < size) {
            if (have == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
                unitBody = buf;
            }
            int n = next(buf, have, buf.length - have);
            unitBodyLen = have + Math.max(n, 0);
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
        int b = next();
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
     * Absolute offset of the first byte of the unit of the packet last returned by
     * {@link #readPacket()} (after any repeated sequence header that preceded it).
     */
    public long unitOffset() {
        return unitStart;
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
