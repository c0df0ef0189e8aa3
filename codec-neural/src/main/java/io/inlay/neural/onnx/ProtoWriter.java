package io.inlay.neural.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers encoder (the wire format of protobuf's "Encoding" guide, written
 * from that description): a field is a key {@code (field_number << 3) | wire_type} as a varint,
 * then its value. Wire type 0 (VARINT) carries integers and enums as base-128 varints, least
 * significant group first, high bit set on every byte but the last; negative int32/int64 values
 * are sign-extended to 64 bits (ten bytes). Wire type 2 (LEN) carries strings, bytes and embedded
 * messages as a varint length followed by the bytes. Repeated scalar fields are written unpacked
 * (one key per element), which every parser accepts.
 */
final class ProtoWriter {
    static final int VARINT = 0;
    static final int LEN = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void key(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    /** An int32/int64/enum field (wire type 0). */
    ProtoWriter int64(int field, long v) {
        key(field, VARINT);
        varint(v);
        return this;
    }

    /** A bytes field (wire type 2). */
    ProtoWriter bytes(int field, byte[] b) {
        key(field, LEN);
        varint(b.length);
        out.writeBytes(b);
        return this;
    }

    /** A string field: UTF-8 bytes (wire type 2). */
    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    /** An embedded message field (wire type 2). */
    ProtoWriter message(int field, ProtoWriter m) {
        return bytes(field, m.toByteArray());
    }
}
