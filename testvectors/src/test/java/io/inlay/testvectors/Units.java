package io.inlay.testvectors;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A test-side reading of the container layout (docs/bitstream/container.md), written apart from
 * codec-bitstream so that streams can be taken apart and rebuilt with deliberate faults:
 * {@code file_header()} (8 bytes), then units of {@code unit_type u(8)}, {@code unit_size
 * leb128()}, body, {@code unit_crc u(32)} (CRC-32C of everything before it in the unit).
 */
final class Units {
    static final int FILE_HEADER_SIZE = 8;
    static final int SEQUENCE_HEADER = 0;
    static final int FRAME = 1;

    private Units() {
    }

    /** One unit of a stream: where it starts and ends, its type and its body. */
    record Unit(int start, int end, int type, byte[] body) {
    }

    /** A frame unit's body taken apart: {@code frame_type}, {@code poc}, frame payload. */
    record FrameBody(int frameType, int poc, byte[] payload) {
        byte[] encode() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(frameType);
            b.writeBytes(leb128(poc));
            b.writeBytes(payload);
            return b.toByteArray();
        }
    }

    /** Splits a well-formed stream into its units (after the file header). */
    static List<Unit> split(byte[] s) {
        List<Unit> units = new ArrayList<>();
        int pos = FILE_HEADER_SIZE;
        while (pos < s.length) {
            int start = pos;
            int type = s[pos++] & 0xFF;
            long size = 0;
            for (int shift = 0; ; shift += 7) {
                int b = s[pos++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            byte[] body = Arrays.copyOfRange(s, pos, pos + (int) size);
            pos += (int) size + 4;
            units.add(new Unit(start, pos, type, body));
        }
        return units;
    }

    /** Takes a frame unit's body apart. */
    static FrameBody frameBody(byte[] body) {
        int pos = 1;
        int poc = 0;
        for (int shift = 0; ; shift += 7) {
            int b = body[pos++] & 0xFF;
            poc |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return new FrameBody(body[0] & 0xFF, poc, Arrays.copyOfRange(body, pos, body.length));
    }

    /** A complete unit with a correct CRC. */
    static byte[] unit(int type, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        b.writeBytes(leb128(body.length));
        b.writeBytes(body);
        CRC32C crc = new CRC32C();
        crc.update(b.toByteArray());
        int c = (int) crc.getValue();
        b.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        return b.toByteArray();
    }

    static byte[] leb128(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            int x = (int) (v & 0x7F);
            v >>>= 7;
            b.write(v != 0 ? x | 0x80 : x);
        } while (v != 0);
        return b.toByteArray();
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /**
     * Rebuilds {@code stream} with the body of unit {@code index} replaced by {@code body}, with a
     * valid CRC, so that the fault must be caught by the parser, not the CRC check.
     */
    static byte[] replaceBody(byte[] stream, int index, byte[] body) {
        List<Unit> units = split(stream);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(stream, 0, FILE_HEADER_SIZE);
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (i == index) {
                b.writeBytes(unit(u.type(), body));
            } else {
                b.write(stream, u.start(), u.end() - u.start());
            }
        }
        return b.toByteArray();
    }

    /** Rebuilds {@code stream} with the payload of unit {@code index} (a frame unit) replaced, re-CRC'd. */
    static byte[] replacePayload(byte[] stream, int index, byte[] payload) {
        FrameBody f = frameBody(split(stream).get(index).body());
        return replaceBody(stream, index, new FrameBody(f.frameType(), f.poc(), payload).encode());
    }

    /** The payload of frame unit {@code index}. */
    static byte[] payload(byte[] stream, int index) {
        return frameBody(split(stream).get(index).body()).payload();
    }

    /** Offset in {@code stream} of the first payload byte of frame unit {@code index}. */
    static int payloadStart(byte[] stream, int index) {
        Unit u = split(stream).get(index);
        return u.end() - 4 - frameBody(u.body()).payload().length;
    }

    /** Offset in {@code stream} of the first body byte of unit {@code index}. */
    static int bodyStart(byte[] stream, int index) {
        Unit u = split(stream).get(index);
        return u.end() - 4 - u.body().length;
    }

    /** The first {@code n} bytes of {@code stream}. */
    static byte[] truncate(byte[] stream, int n) {
        return Arrays.copyOf(stream, n);
    }
}
