package io.inlay.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link BitWriter} and {@link BitReader}: fixed-length fields, exp-Golomb codes, alignment, errors. */
class BitIoTest {
    @Test
    void fixedLengthFieldsRoundTrip() throws BitstreamException {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2000;
        int[] widths = new int[n];
        long[] values = new long[n];
        BitWriter w = new BitWriter();
        long bits = 0;
        for (int i = 0; i < n; i++) {
            widths[i] = r.nextInt(65);
            values[i] = widths[i] == 64 ? r.nextLong() : widths[i] == 0 ? 0 : r.nextLong() >>> (64 - widths[i]);
            w.writeBits(values[i], widths[i]);
            bits += widths[i];
            assertEquals(bits, w.bitPosition());
        }
        byte[] data = w.toByteArray();
        assertEquals((bits + 7) / 8, data.length);
        BitReader rd = new BitReader(data, 0, data.length, 0);
        for (int i = 0; i < n; i++) {
            assertEquals(values[i], rd.readLong(widths[i]), "field " + i + " (seed " + seed + ")");
        }
        assertTrue(rd.bitsRemaining() < 8);
    }

    @Test
    void knownBitPatterns() throws BitstreamException {
        BitWriter w = new BitWriter();
        w.writeFlag(true);
        w.writeBits(0, 2);
        w.writeBits(5, 3);   // 1 00 101 -> 0b10010100 after padding
        assertFalse(w.isAligned());
        w.alignZero();
        w.writeUe(0);        // 1
        w.writeUe(1);        // 010
        w.writeUe(2);        // 011
        w.writeUe(3);        // 00100
        w.writeSe(-1);       // k=2: 011
        w.alignZero();
        assertArrayEquals(new byte[] {(byte) 0b1001_0100, (byte) 0b1010_0110, (byte) 0b0100_0110}, w.toByteArray());
    }

    @Test
    void expGolombEdgeValues() throws BitstreamException {
        long[] ue = {0, 1, 2, 3, 6, 7, 254, 255, 256, 65534, 65535, 1L << 31, (1L << 32) - 3, BitWriter.MAX_UE};
        long[] se = {0, 1, -1, 2, -2, 127, -128, Integer.MAX_VALUE, -Integer.MAX_VALUE};
        BitWriter w = new BitWriter();
        for (long v : ue) {
            w.writeUe(v);
        }
        for (long v : se) {
            w.writeSe(v);
        }
        byte[] data = w.toByteArray();
        BitReader r = new BitReader(data, 0, data.length, 0);
        for (long v : ue) {
            assertEquals(v, r.readUe());
        }
        for (long v : se) {
            assertEquals(v, r.readSe());
        }
        // Code length: 2 * floor(log2(v + 1)) + 1
        BitWriter one = new BitWriter();
        one.writeUe(BitWriter.MAX_UE);
        assertEquals(63, one.bitPosition());
    }

    @Test
    void writerRejectsUnrepresentableValues() {
        BitWriter w = new BitWriter();
        assertThrows(IllegalArgumentException.class, () -> w.writeUe(-1));
        assertThrows(IllegalArgumentException.class, () -> w.writeUe(BitWriter.MAX_UE + 1));
        assertThrows(IllegalArgumentException.class, () -> w.writeSe(1L << 31));
        assertThrows(IllegalArgumentException.class, () -> w.writeBits(4, 2));
        assertThrows(IllegalArgumentException.class, () -> w.writeBits(-1, 63));
        assertThrows(IllegalArgumentException.class, () -> w.writeBits(0, 65));
        w.writeFlag(true);
        assertThrows(IllegalStateException.class, () -> w.writeBytes(new byte[1], 0, 1));
    }

    @Test
    void readerRejectsOverlongExpGolomb() {
        // 32 leading zeros then a one: value >= 2^32 - 1.
        BitWriter w = new BitWriter();
        w.writeBits(0, 32);
        w.writeBits(1, 1);
        w.writeBits(0, 32);
        byte[] data = w.toByteArray();
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> new BitReader(data, 0, data.length, 100).readUe());
        assertEquals(100, e.offset());
        // All zeros: must stop after 32 zero bits, not scan the whole buffer.
        byte[] zeros = new byte[1000];
        BitReader r = new BitReader(zeros, 0, zeros.length, 0);
        assertThrows(BitstreamException.class, r::readUe);
        assertTrue(r.bitPosition() <= 33);
    }

    @Test
    void readingPastTheEndThrowsWithOffset() throws BitstreamException {
        byte[] data = {0x12, 0x34, 0x56};
        BitReader r = new BitReader(data, 1, 1, 500);
        assertEquals(0x3, r.readBits(4));
        BitstreamException e = assertThrows(BitstreamException.class, () -> r.readBits(5));
        assertEquals(500, e.offset());
        assertTrue(e.getMessage().contains("past the end"), e.getMessage());
        assertEquals(0x4, r.readBits(4));
        assertEquals(0, r.bitsRemaining());
        assertThrows(BitstreamException.class, r::readFlag);
        // An unterminated ue(v) at the end of the data.
        BitReader u = new BitReader(new byte[] {0}, 0, 1, 0);
        assertThrows(BitstreamException.class, u::readUe);
    }

    @Test
    void alignmentBitsMustBeZero() throws BitstreamException {
        BitReader ok = new BitReader(new byte[] {(byte) 0x80, 0x7F}, 0, 2, 10);
        assertTrue(ok.readFlag());
        assertEquals(1, ok.bytePosition());
        ok.align();
        assertEquals(1, ok.bytePosition());
        assertEquals(11, ok.byteOffset());
        assertEquals(0x7F, ok.readBits(8));
        BitReader bad = new BitReader(new byte[] {(byte) 0x81}, 0, 1, 10);
        bad.readFlag();
        BitstreamException e = assertThrows(BitstreamException.class, bad::align);
        assertEquals(10, e.offset());
    }

    @Test
    void writeBytesAfterAlignment() throws BitstreamException {
        BitWriter w = new BitWriter();
        w.writeBits(3, 2);
        w.alignZero();
        byte[] blob = new byte[300];
        new SplittableRandom(1).nextBytes(blob);
        w.writeBytes(blob, 10, 280);
        byte[] out = w.toByteArray();
        assertEquals(281, out.length);
        BitReader r = new BitReader(out, 0, out.length, 0);
        assertEquals(3, r.readBits(2));
        r.align();
        for (int i = 0; i < 280; i++) {
            assertEquals(blob[10 + i] & 0xFF, r.readBits(8));
        }
    }
}
