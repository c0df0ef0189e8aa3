package io.inlay.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Round trips and malformed input for {@link ContainerWriter} / {@link ContainerReader}. */
class ContainerTest {
    private static SequenceHeader header(int models) {
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            byte[] id = new byte[32];
            Arrays.fill(id, (byte) (0x10 + i));
            ids.add(id);
        }
        return new SequenceHeader(352, 288, 10, 1, 30000, 1001, 1, 9, 6, 3,
                models > 0 ? SequenceHeaderSyntax.TOOL_NEURAL_LOOP_FILTER : 0, ids);
    }

    private static List<Packet> packets(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Packet> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[i == 1 ? 0 : r.nextInt(i == 2 ? 70_000 : 300)];
            r.nextBytes(payload);
            FrameType t = i == 0 ? FrameType.I : FrameType.values()[r.nextInt(3)];
            int poc = i == 3 ? Integer.MAX_VALUE : i * 3 + r.nextInt(3);
            list.add(new Packet(t, poc, payload));
        }
        return list;
    }

    private static byte[] write(SequenceHeader sh, List<Packet> ps) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ContainerWriter w = new ContainerWriter(bos)) {
            w.writeSequenceHeader(sh);
            for (Packet p : ps) {
                w.writePacket(p);
            }
            w.flush();
            assertEquals(bos.size(), w.bytesWritten());
        }
        return bos.toByteArray();
    }

    /** A pipe-like stream: at most one byte per read, no available(), no mark, no skip. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private int pos;

        TrickleInputStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            b[off] = data[pos++];
            return 1;
        }

        @Override
        public int available() {
            throw new AssertionError("available() must not be used");
        }

        @Override
        public long skip(long n) {
            throw new AssertionError("skip() must not be used");
        }
    }

    private static void assertSamePackets(List<Packet> want, ContainerReader in) throws IOException {
        for (Packet p : want) {
            Packet q = in.readPacket();
            assertNotNull(q);
            assertEquals(p.frameType(), q.frameType());
            assertEquals(p.poc(), q.poc());
            assertArrayEquals(p.payload(), q.payload());
        }
        assertNull(in.readPacket());
        assertNull(in.readPacket());
    }

    @Test
    void roundTripThroughAPipe() throws IOException {
        long seed = System.nanoTime();
        for (int models : new int[] {0, 1, 16}) {
            SequenceHeader sh = header(models);
            List<Packet> ps = packets(seed, 8);
            byte[] stream = write(sh, ps);
            for (InputStream is : new InputStream[] {new ByteArrayInputStream(stream), new TrickleInputStream(stream)}) {
                try (ContainerReader in = new ContainerReader(is, ContainerLimits.DEFAULT)) {
                    assertEquals(sh, in.readSequenceHeader(), "seed " + seed);
                    assertSamePackets(ps, in);
                    assertEquals(stream.length, in.offset());
                }
            }
        }
    }

    @Test
    void repeatedSequenceHeaderBeforeKeyFrameIsSkipped() throws IOException {
        SequenceHeader sh = header(1);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        List<Packet> ps = List.of(new Packet(FrameType.I, 0, new byte[] {1}), new Packet(FrameType.P, 1, new byte[] {2}),
                new Packet(FrameType.I, 2, new byte[] {3}));
        try (ContainerWriter w = new ContainerWriter(bos)) {
            w.writeSequenceHeader(sh);
            w.writePacket(ps.get(0));
            w.writePacket(ps.get(1));
            w.writeSequenceHeader(header(1));
            assertThrows(IllegalStateException.class, () -> w.writePacket(new Packet(FrameType.P, 2, new byte[0])));
            w.writePacket(ps.get(2));
            assertThrows(IllegalArgumentException.class, () -> w.writeSequenceHeader(header(2)));
        }
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(bos.toByteArray()), ContainerLimits.DEFAULT)) {
            assertEquals(sh, in.readSequenceHeader());
            assertSamePackets(ps, in);
        }
    }

    @Test
    void changedSequenceHeaderMidStreamIsAnError() throws IOException {
        byte[] a = write(header(0), List.of(new Packet(FrameType.I, 0, new byte[] {1})));
        byte[] b = write(header(1), List.of(new Packet(FrameType.I, 1, new byte[] {2})));
        // a's units followed by b's units (without b's file header).
        byte[] joined = new byte[a.length + b.length - Container.FILE_HEADER_SIZE];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, Container.FILE_HEADER_SIZE, joined, a.length, b.length - Container.FILE_HEADER_SIZE);
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(joined), ContainerLimits.DEFAULT)) {
            in.readSequenceHeader();
            assertNotNull(in.readPacket());
            BitstreamException e = assertThrows(BitstreamException.class, in::readPacket);
            assertEquals(a.length, e.offset());
            assertTrue(e.rule().contains("changed mid-stream"), e.getMessage());
        }
    }

    @Test
    void truncationAtEveryPositionIsDetected() throws IOException {
        List<Packet> ps = packets(42, 4).subList(0, 2);  // small: I frame and an empty payload
        List<Packet> small = List.of(ps.get(0), ps.get(1), new Packet(FrameType.B, 7, new byte[] {9, 8, 7}));
        byte[] stream = write(header(1), small);
        // Unit boundaries, where a clean end of stream is allowed once the sequence header is read.
        List<Integer> boundaries = new ArrayList<>();
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT)) {
            in.readSequenceHeader();
            boundaries.add((int) in.offset());
            while (in.readPacket() != null) {
                boundaries.add((int) in.offset());
            }
        }
        for (int cut = 0; cut < stream.length; cut++) {
            byte[] part = Arrays.copyOf(stream, cut);
            try (ContainerReader in = new ContainerReader(new TrickleInputStream(part), ContainerLimits.DEFAULT)) {
                int read = 0;
                try {
                    in.readSequenceHeader();
                    while (in.readPacket() != null) {
                        read++;
                    }
                } catch (BitstreamException e) {
                    assertTrue(!boundaries.contains(cut), "error at a unit boundary, cut " + cut + ": " + e.getMessage());
                    assertTrue(e.offset() <= cut, "cut " + cut + ": offset " + e.offset());
                    continue;
                }
                assertTrue(boundaries.contains(cut), "clean end inside a unit at cut " + cut);
                assertEquals(boundaries.indexOf(cut), read, "cut " + cut);
            }
        }
    }

    @Test
    void corruptedByteFailsTheCrcOrASyntaxCheck() throws IOException {
        byte[] stream = write(header(1), packets(5, 3));
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int pos = Container.FILE_HEADER_SIZE; pos < stream.length; pos += 1 + r.nextInt(37)) {
            byte[] bad = stream.clone();
            bad[pos] ^= (byte) (1 + r.nextInt(255));
            try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(bad), ContainerLimits.DEFAULT)) {
                in.readSequenceHeader();
                while (in.readPacket() != null) {
                    // keep reading
                }
                fail("corruption at byte " + pos + " not detected (seed " + seed + ")");
            } catch (BitstreamException expected) {
                // detected
            }
        }
    }

    @Test
    void crcMismatchNamesTheCrcOffset() throws IOException {
        byte[] stream = write(header(0), List.of(new Packet(FrameType.I, 0, new byte[] {1, 2, 3})));
        stream[stream.length - 5] ^= 0x40;   // last payload byte
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT)) {
            in.readSequenceHeader();
            BitstreamException e = assertThrows(BitstreamException.class, in::readPacket);
            assertEquals(stream.length - 4, e.offset());
            assertTrue(e.rule().contains("unit_crc"), e.getMessage());
        }
    }

    /** A stream built by hand: file header, then units with correct CRCs around arbitrary bodies. */
    private static byte[] handMade(int[] fileHeader, int[]... units) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (int b : fileHeader) {
            bos.write(b);
        }
        for (int[] u : units) {
            CRC32C crc = new CRC32C();
            for (int b : u) {
                bos.write(b);
                crc.update(b);
            }
            int c = (int) crc.getValue();
            bos.write(c >>> 24);
            bos.write(c >>> 16);
            bos.write(c >>> 8);
            bos.write(c);
        }
        return bos.toByteArray();
    }

    private static final int[] FILE_HEADER = {'I', 'N', 'L', 'Y', 0, Container.VERSION_MINOR, 0, 0};

    private static int[] sequenceHeaderUnit(int width, int height) {
        BitWriter w = new BitWriter();
        w.writeBits(width, 16);
        w.writeBits(height, 16);
        w.writeBits(8, 4);
        w.writeBits(1, 2);
        w.writeBits(0, 2);
        w.writeBits(2, 8);
        w.writeBits(25, 32);
        w.writeBits(1, 32);
        w.writeBits(6, 4);
        w.writeBits(3, 4);
        w.writeBits(0, 32);
        w.writeBits(0, 8);
        byte[] body = w.toByteArray();
        int[] u = new int[2 + body.length];
        u[0] = 0;
        u[1] = body.length;
        for (int i = 0; i < body.length; i++) {
            u[2 + i] = body[i] & 0xFF;
        }
        return u;
    }

    private static BitstreamException readFails(byte[] stream, ContainerLimits limits) {
        return assertThrows(BitstreamException.class, () -> {
            try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), limits)) {
                in.readSequenceHeader();
                while (in.readPacket() != null) {
                    // keep reading
                }
            }
        });
    }

    @Test
    void handMadeValidStreamIsAccepted() throws IOException {
        byte[] s = handMade(FILE_HEADER, sequenceHeaderUnit(64, 48), new int[] {1, 4, 2, 0x85, 0x01, 0xAB});
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(s), ContainerLimits.DEFAULT)) {
            SequenceHeader sh = in.readSequenceHeader();
            assertEquals(64, sh.width());
            assertEquals(8 + 2, in.sequenceHeaderOffset());   // file header, unit_type, unit_size
            Packet p = in.readPacket();
            assertEquals(FrameType.B, p.frameType());
            assertEquals(133, p.poc());
            assertArrayEquals(new byte[] {(byte) 0xAB}, p.payload());
            assertNull(in.readPacket());
        }
    }

    @Test
    void malformedStreamsAreRejected() {
        int[] sh = sequenceHeaderUnit(64, 48);
        // bad magic, bad version, reserved bits
        assertTrue(readFails(handMade(new int[] {'I', 'N', 'L', 'Z', 0, 5, 0, 0}, sh), ContainerLimits.DEFAULT)
                .rule().contains("file_magic"));
        assertTrue(readFails(handMade(new int[] {'I', 'N', 'L', 'Y', 1, 0, 0, 0}, sh), ContainerLimits.DEFAULT)
                .rule().contains("version"));
        // earlier formats are no longer read: 0.1 (before the neural loop filter), 0.2 (its input not extended),
        // 0.3 (before learned intra prediction), 0.4 (lip_flag with one context), 0.5 (learned blocks
        // derive planar for the MPM list and the chroma DM; before learned inter interpolation)
        for (int minor = 1; minor < Container.VERSION_MINOR; minor++) {
            BitstreamException old = readFails(handMade(new int[] {'I', 'N', 'L', 'Y', 0, minor, 0, 0}, sh),
                    ContainerLimits.DEFAULT);
            assertEquals(4, old.offset());
            assertTrue(old.rule().contains("version 0." + minor)
                    && old.rule().contains("reads 0." + Container.VERSION_MINOR), old.getMessage());
        }
        assertEquals(6, readFails(handMade(new int[] {'I', 'N', 'L', 'Y', 0, Container.VERSION_MINOR, 0, 1}, sh),
                ContainerLimits.DEFAULT).offset());
        // empty stream, stream without units
        assertEquals(0, readFails(new byte[0], ContainerLimits.DEFAULT).offset());
        assertTrue(readFails(handMade(FILE_HEADER), ContainerLimits.DEFAULT).rule().contains("before the sequence header"));
        // first unit is a frame
        assertTrue(readFails(handMade(FILE_HEADER, new int[] {1, 2, 0, 0}), ContainerLimits.DEFAULT)
                .rule().contains("first unit"));
        // unknown unit type
        BitstreamException e = readFails(handMade(FILE_HEADER, sh, new int[] {7, 1, 0}), ContainerLimits.DEFAULT);
        assertTrue(e.rule().contains("unit_type"), e.getMessage());
        assertEquals(8 + sh.length + 4, e.offset());
        // undefined frame_type, frame unit too short, non-minimal sizes, poc beyond 2^31-1
        assertTrue(readFails(handMade(FILE_HEADER, sh, new int[] {1, 2, 3, 0}), ContainerLimits.DEFAULT)
                .rule().contains("frame_type"));
        assertTrue(readFails(handMade(FILE_HEADER, sh, new int[] {1, 1, 0}), ContainerLimits.DEFAULT)
                .rule().contains("shorter"));
        assertTrue(readFails(handMade(FILE_HEADER, sh, new int[] {1, 0x82, 0x00, 0, 0}), ContainerLimits.DEFAULT)
                .rule().contains("minimally"));
        assertTrue(readFails(handMade(FILE_HEADER, sh, new int[] {1, 6, 0, 0x80, 0x80, 0x80, 0x80, 0x08}),
                ContainerLimits.DEFAULT).rule().contains("2^31-1"));
        assertTrue(readFails(handMade(FILE_HEADER, sh, new int[] {1, 3, 0, 0x80, 0x80}), ContainerLimits.DEFAULT)
                .rule().contains("poc runs past"));
        // sequence header unit with trailing bytes
        int[] longer = Arrays.copyOf(sh, sh.length + 1);
        longer[1]++;
        assertTrue(readFails(handMade(FILE_HEADER, longer), ContainerLimits.DEFAULT).rule().contains("exceeds the size"));
    }

    @Test
    void absurdDimensionsAndFieldsAreRejected() {
        assertTrue(readFails(handMade(FILE_HEADER, sequenceHeaderUnit(0, 48)), ContainerLimits.DEFAULT)
                .rule().contains("shall not be 0"));
        assertTrue(readFails(handMade(FILE_HEADER, sequenceHeaderUnit(65535, 65535)), ContainerLimits.DEFAULT)
                .rule().contains("limits"));
        ContainerLimits tight = new ContainerLimits(1920, 1080, 1920L * 1080, 1 << 20);
        assertTrue(readFails(handMade(FILE_HEADER, sequenceHeaderUnit(1921, 100)), tight).rule().contains("limits"));
        // Each field of a valid header changed to an invalid value.
        int[] base = sequenceHeaderUnit(64, 48);
        // Body layout: width 0-1, height 2-3, bit_depth|chroma_format_idc|colour_range|reserved 4,
        // matrix_coefficients 5, fps_num 6-9, fps_den 10-13, ctu|min_cu 14, tool_flags 15-18, count 19.
        int[][] edits = {
            {4, 0x70 | 0x04},         // bit_depth 7
            {4, 0xD0 | 0x04},         // bit_depth 13
            {4, 0x80 | 0x08},         // chroma_format_idc 2
            {4, 0x80 | 0x05},         // reserved_zero_1bit
            {9, 0},                   // fps_num 0
            {13, 0},                  // fps_den 0
            {6, 0x80},                // fps_num > 2^31-1
            {10, 0x80},               // fps_den > 2^31-1
            {14, 0x73},               // ctu_log2_size 7
            {14, 0x64},               // min_cu_log2_size 4
            {18, 0x20},               // undefined tool flag (bit 5)
            {15, 0x80},               // undefined tool flag, top bit
            {19, 17},                 // num_neural_models 17
            {18, 0x01},               // TOOL_NEURAL_LOOP_FILTER without a model identifier
            {18, 0x02},               // TOOL_LEARNED_INTRA without a model identifier
            {18, 0x04},               // TOOL_LEARNED_INTER without a model identifier
        };
        String[] rules = {"bit_depth", "bit_depth", "chroma_format_idc", "reserved_zero_1bit", "fps_num", "fps_num",
                "fps_num", "fps_num", "ctu_log2_size", "min_cu_log2_size", "tool_flags", "tool_flags", "num_neural_models",
                "the neural loop filter needs a model identifier", "learned intra prediction needs a model identifier",
                "learned inter interpolation needs a model identifier"};
        for (int i = 0; i < edits.length; i++) {
            int[] u = base.clone();
            u[2 + edits[i][0]] = edits[i][1];
            BitstreamException e = readFails(handMade(FILE_HEADER, u), ContainerLimits.DEFAULT);
            assertTrue(e.rule().contains(rules[i]), "edit " + i + ": " + e.getMessage());
        }
    }

    @Test
    void oversizedUnitIsRejectedBeforeAllocation() {
        ContainerLimits limits = new ContainerLimits(4096, 4096, 1L << 24, 1000);
        // A frame unit declaring 2^31-1 bytes: must fail on the size, not try to allocate or read.
        byte[] s = handMade(FILE_HEADER, sequenceHeaderUnit(64, 48));
        byte[] huge = Arrays.copyOf(s, s.length + 6);
        int p = s.length;
        huge[p++] = 1;
        for (int b : new int[] {0xFF, 0xFF, 0xFF, 0xFF, 0x07}) {
            huge[p++] = (byte) b;
        }
        BitstreamException e = readFails(huge, limits);
        assertTrue(e.rule().contains("exceeds the limit"), e.getMessage());
        assertEquals(s.length + 1, e.offset());
        // Just above the limit, and a sequence header unit longer than any sequence_header().
        assertTrue(readFails(handMade(FILE_HEADER, sequenceHeaderUnit(64, 48), new int[] {1, 0xE9, 0x07}), limits)
                .rule().contains("exceeds the limit"));
        assertTrue(readFails(handMade(FILE_HEADER, new int[] {0, 0xFF, 0x0F}), limits).rule().contains("exceeds the limit"));
        // leb128 longer than 5 bytes
        assertTrue(readFails(handMade(FILE_HEADER, sequenceHeaderUnit(64, 48), new int[] {1, 0x80, 0x80, 0x80, 0x80, 0x80, 0}),
                limits).rule().contains("longer than 5"));
    }

    @Test
    void apiMisuse() throws IOException {
        ContainerWriter w = new ContainerWriter(new ByteArrayOutputStream());
        assertThrows(IllegalStateException.class, () -> w.writePacket(new Packet(FrameType.I, 0, new byte[0])));
        SequenceHeader bad = new SequenceHeader(64, 48, 8, 2, 25, 1, 0, 2, 6, 3, 0, List.of());
        assertThrows(IllegalArgumentException.class, () -> w.writeSequenceHeader(bad));
        SequenceHeader nlfNoModel = new SequenceHeader(64, 48, 8, 1, 25, 1, 0, 2, 6, 3,
                SequenceHeaderSyntax.TOOL_NEURAL_LOOP_FILTER, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.writeSequenceHeader(nlfNoModel));
        assertTrue(e.getMessage().contains("needs a model identifier"), e.getMessage());
        ContainerReader r = new ContainerReader(new ByteArrayInputStream(write(header(0), List.of())), ContainerLimits.DEFAULT);
        assertThrows(IllegalStateException.class, r::readPacket);
        r.readSequenceHeader();
        assertNull(r.readPacket());
        assertThrows(IllegalStateException.class, r::readSequenceHeader);
    }
}
