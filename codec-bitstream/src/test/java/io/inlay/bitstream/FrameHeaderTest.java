package io.inlay.bitstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code frame_header()} round trips, size, alignment and range checks. */
class FrameHeaderTest {
    @Test
    void everyValueRoundTripsAndEndsAligned() throws BitstreamException {
        for (int qp = 0; qp <= 51; qp += 17) {
            for (int beta = -6; beta <= 6; beta++) {
                for (int tc = -6; tc <= 6; tc += 3) {
                    for (int flags = 0; flags < 4; flags++) {
                        boolean dbk = (flags & 1) != 0;
                        FrameHeader h = new FrameHeader(qp, dbk, dbk ? beta : 0, dbk ? tc : 0, (flags & 2) != 0);
                        BitWriter w = new BitWriter();
                        h.write(w);
                        assertTrue(w.isAligned());
                        w.writeBits(0xC3, 8);  // first byte of the arithmetic-coded data
                        byte[] payload = w.toByteArray();
                        assertEquals(h.sizeInBytes() + 1, payload.length, h.toString());
                        BitReader r = new BitReader(payload, 0, payload.length, 0);
                        assertEquals(h, FrameHeader.read(r));
                        assertEquals(h.sizeInBytes(), r.bytePosition());
                        assertEquals(0xC3, r.readBits(8));
                        assertEquals(h, FrameHeader.parse(new Packet(FrameType.P, 4, payload)));
                    }
                }
            }
        }
    }

    @Test
    void offsetsAreNotCodedWithoutDeblocking() throws BitstreamException {
        FrameHeader h = new FrameHeader(30, false, 3, -2, true);
        BitWriter w = new BitWriter();
        h.write(w);
        assertEquals(1, h.sizeInBytes());
        FrameHeader back = FrameHeader.read(new BitReader(w.toByteArray(), 0, 1, 0));
        assertEquals(new FrameHeader(30, false, 0, 0, true), back);
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(52, false, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(-1, false, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(30, true, 7, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(30, true, 0, -7, false));
        // frame_qp 63
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> FrameHeader.read(new BitReader(new byte[] {(byte) 0xFC}, 0, 1, 9)));
        assertTrue(e.rule().contains("frame_qp"));
        assertEquals(9, e.offset());
        // beta_offset_div2 = se(v) k=13 -> 7
        BitWriter w = new BitWriter();
        w.writeBits(30, 6);
        w.writeFlag(true);
        w.writeUe(13);
        w.writeUe(0);
        w.writeFlag(false);
        w.alignZero();
        e = assertThrows(BitstreamException.class, () -> FrameHeader.read(new BitReader(w.toByteArray(), 0, 2, 0)));
        assertTrue(e.rule().contains("beta_offset_div2"), e.getMessage());
        // non-zero alignment bits
        BitWriter u = new BitWriter();
        u.writeBits(30, 6);
        u.writeFlag(true);
        u.writeSe(0);
        u.writeSe(0);
        u.writeFlag(false);
        u.writeBits(1, 6);   // alignment bits 000001
        BitstreamException a = assertThrows(BitstreamException.class,
                () -> FrameHeader.read(new BitReader(u.toByteArray(), 0, 2, 0)));
        assertTrue(a.rule().contains("alignment"), a.getMessage());
        // empty payload
        assertThrows(BitstreamException.class, () -> FrameHeader.parse(new Packet(FrameType.I, 0, new byte[0])));
    }
}
