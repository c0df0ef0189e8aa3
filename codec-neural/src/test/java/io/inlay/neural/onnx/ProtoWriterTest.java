package io.inlay.neural.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The protobuf wire format, on the examples of protobuf's encoding guide and edge values. */
class ProtoWriterTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void varints() {
        // Field 1 = 150: 08 96 01 (the guide's first example).
        assertArrayEquals(b(0x08, 0x96, 0x01), new ProtoWriter().int64(1, 150).toByteArray());
        assertArrayEquals(b(0x08, 0x00), new ProtoWriter().int64(1, 0).toByteArray());
        assertArrayEquals(b(0x18, 0xAC, 0x02), new ProtoWriter().int64(3, 300).toByteArray());
        // Negative values take ten bytes (sign-extended to 64 bits).
        assertArrayEquals(b(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
                new ProtoWriter().int64(1, -1).toByteArray());
        // Field numbers above 15 need a two-byte key: field 20, varint -> (20 << 3) = 160 = A0 01.
        assertArrayEquals(b(0xA0, 0x01, 0x07), new ProtoWriter().int64(20, 7).toByteArray());
    }

    @Test
    void lengthDelimited() {
        // Field 2 = "testing": 12 07 74 65 73 74 69 6e 67 (the guide's string example).
        assertArrayEquals(b(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67),
                new ProtoWriter().string(2, "testing").toByteArray());
        // Embedded message: field 3 = {field 1 = 150}: 1a 03 08 96 01.
        assertArrayEquals(b(0x1a, 0x03, 0x08, 0x96, 0x01),
                new ProtoWriter().message(3, new ProtoWriter().int64(1, 150)).toByteArray());
        byte[] big = new byte[200];
        byte[] enc = new ProtoWriter().bytes(9, big).toByteArray();
        assertArrayEquals(b(0x4a, 0xC8, 0x01), java.util.Arrays.copyOf(enc, 3));
    }
}
