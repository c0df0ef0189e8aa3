package io.inlay.core.io;

import static io.inlay.core.io.Y4mTestData.ascii;
import static io.inlay.core.io.Y4mTestData.stream8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Picture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Y4mReaderTest {

    private static Y4mReader reader(byte[] bytes) throws IOException {
        return new Y4mReader(new ByteArrayInputStream(bytes));
    }

    private static VideoFormat header(String tags) throws IOException {
        return reader(ascii("YUV4MPEG2 " + tags + "\n")).format();
    }

    private static VideoFormatException headerError(String line) {
        return assertThrows(VideoFormatException.class, () -> reader(ascii(line)));
    }

    @ParameterizedTest
    @CsvSource({
        "C420jpeg, 8, jpeg", "C420mpeg2, 8, mpeg2", "C420paldv, 8, paldv", "C420, 8, ''",
        "C420p10, 10, ''", "C420p12, 12, ''", "C420p9, 9, ''"})
    void acceptsEvery420Tag(String tag, int depth, String siting) throws IOException {
        VideoFormat f = header("W4 H2 F25:1 " + tag);
        assertEquals(depth, f.bitDepth());
        assertEquals(siting, f.chromaSiting());
    }

    @Test
    void missingColourSpaceMeans420jpeg() throws IOException {
        VideoFormat f = header("W4 H2 F25:1");
        assertEquals(8, f.bitDepth());
        assertEquals("jpeg", f.chromaSiting());
        assertEquals('p', f.interlace());
        assertEquals(VideoFormat.RANGE_UNKNOWN, f.colourRange());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C422", "C444", "Cmono", "C444alpha", "C411", "C422p10", "C420p16", "C444p12"})
    void rejectsOtherChromaFormatsNamingTheTag(String tag) {
        VideoFormatException e = headerError("YUV4MPEG2 W4 H2 " + tag + "\n");
        assertTrue(e.getMessage().contains(tag), e.getMessage());
        assertEquals(16, e.offset());
    }

    @Test
    void headerFields() throws IOException {
        VideoFormat f = header("W352 H288 F30000:1001 It A128:117 C420mpeg2 XYSCSS=420MPEG2 XCOLORRANGE=LIMITED XFOO");
        assertEquals(new VideoFormat(352, 288, 8, io.inlay.core.ChromaFormat.YUV420, 30000, 1001, 0, 't', 128, 117,
                "mpeg2"), f);
        assertEquals(0, header("W2 H2 A0:0").sarNum());
        assertEquals(0, header("W2 H2 A0:0").sarDen());
        assertEquals(1, header("W2 H2 XCOLORRANGE=FULL").colourRange());
        assertEquals(-1, header("W2 H2 XCOLORRANGE=WEIRD").colourRange());
        assertEquals(0, header("W2 H2 F0:0").fpsNum());
    }

    @ParameterizedTest
    @ValueSource(chars = {'p', 't', 'b', 'm', '?'})
    void interlaceModesAreStored(char mode) throws IOException {
        assertEquals(mode, header("W2 H2 I" + mode).interlace());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "YUV4MPEG2 W0 H2|width 0",
        "YUV4MPEG2 W65536 H2|width 65536",
        "YUV4MPEG2 W99999999999 H2|bad width",
        "YUV4MPEG2 Wabc H2|bad width",
        "YUV4MPEG2 W-4 H2|bad width",
        "YUV4MPEG2 W4|lacks the H",
        "YUV4MPEG2 H4|lacks the W",
        "YUV4MPEG2 W4 H4 F30:0|bad frame rate",
        "YUV4MPEG2 W4 H4 F30|expected num:den",
        "YUV4MPEG2 W4 H4 Ix|interlace",
        "YUV4MPEG2 W4 H4 Q7|unknown header tag",
        "YUV4MPEG2W4 H4|followed by a space",
        "YUV4MPEG W4 H4|signature",
        "GIF89a.........|signature"})
    void badHeaders(String line, String reason) {
        VideoFormatException e = headerError(line + "\n");
        assertTrue(e.reason().contains(reason), e.getMessage());
    }

    @Test
    void truncatedAndOverlongHeaders() {
        assertTrue(headerError("YUV4MPEG2 W4 H4").reason().contains("stream ends inside the stream header"));
        assertTrue(headerError("").reason().contains("stream ends"));
        VideoFormatException e = headerError("YUV4MPEG2 W4 H4 X" + "a".repeat(Y4mReader.MAX_LINE) + "\n");
        assertTrue(e.reason().contains("longer than"), e.getMessage());
    }

    @Test
    void garbageFailsFast() {
        byte[] junk = new byte[100_000];
        new java.util.Random(1).nextBytes(junk);
        junk[0] = 'Q';
        VideoFormatException e = assertThrows(VideoFormatException.class,
                () -> reader(junk));
        assertEquals(0, e.offset());
    }

    @Test
    void readsFramesWithAndWithoutParameters() throws IOException {
        byte[] plain = stream8("YUV4MPEG2 W6 H4 F25:1", 6, 4, 3, "FRAME");
        byte[] params = stream8("YUV4MPEG2 W6 H4 F25:1", 6, 4, 3, "FRAME Ib XFOO=bar");
        Picture p = Picture.allocate(6, 4, 8);
        Picture q = Picture.allocate(6, 4, 8);
        try (Y4mReader r1 = reader(plain); Y4mReader r2 = reader(params)) {
            for (int f = 0; f < 3; f++) {
                assertTrue(r1.read(p));
                assertTrue(r2.read(q));
                assertTrue(p.sameSamples(q));
                assertEquals((f * 13) & 0xFF, p.plane(0).get(0, 0));
                assertEquals((7 * 7 + f * 13) & 0xFF, p.plane(0).get(1, 1));
                // Cb starts after the 24 luma samples; Cr after the 6 Cb samples.
                assertEquals((24 * 7 + f * 13) & 0xFF, p.plane(1).get(0, 0));
                assertEquals((30 * 7 + f * 13) & 0xFF, p.plane(2).get(0, 0));
                assertEquals(f + 1, r1.frameIndex());
            }
            assertFalse(r1.read(p));
            assertFalse(r2.read(q));
            assertFalse(r1.read(p), "EOF is sticky");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FRAMEX", "FRAM", "frame", "XFRAME"})
    void badFrameMarker(String marker) throws IOException {
        byte[] s = stream8("YUV4MPEG2 W2 H2", 2, 2, 1, marker);
        try (Y4mReader r = reader(s)) {
            VideoFormatException e = assertThrows(VideoFormatException.class, () -> r.read(Picture.allocate(2, 2, 8)));
            assertEquals("YUV4MPEG2 W2 H2\n".length(), e.offset());
            assertTrue(e.reason().contains("expected FRAME"), e.getMessage());
        }
    }

    @Test
    void truncatedFrameReportsOffset() throws IOException {
        byte[] full = stream8("YUV4MPEG2 W8 H8", 8, 8, 2, "FRAME");
        int frameLen = 6 + 96;
        int headerLen = "YUV4MPEG2 W8 H8\n".length();
        byte[] cut = java.util.Arrays.copyOf(full, headerLen + frameLen + 6 + 50);
        try (Y4mReader r = reader(cut)) {
            Picture p = Picture.allocate(8, 8, 8);
            assertTrue(r.read(p));
            VideoFormatException e = assertThrows(VideoFormatException.class, () -> r.read(p));
            assertEquals(cut.length, e.offset());
            assertTrue(e.reason().contains("truncated frame 1"), e.getMessage());
        }
        byte[] cutLine = java.util.Arrays.copyOf(full, headerLen + frameLen + 3);
        try (Y4mReader r = reader(cutLine)) {
            Picture p = Picture.allocate(8, 8, 8);
            assertTrue(r.read(p));
            VideoFormatException e = assertThrows(VideoFormatException.class, () -> r.read(p));
            assertTrue(e.reason().contains("FRAME line"), e.getMessage());
        }
    }

    @Test
    void tenBitSamplesAboveMaximumAreRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "YUV4MPEG2 W2 H2 C420p10\n";
        out.writeBytes(ascii(header + "FRAME\n"));
        int[] samples = {0, 1023, 512, 7, 100, 1024};
        for (int v : samples) {
            out.write(v & 0xFF);
            out.write(v >> 8);
        }
        try (Y4mReader r = reader(out.toByteArray())) {
            VideoFormatException e = assertThrows(VideoFormatException.class,
                    () -> r.read(Picture.allocate(2, 2, 10)));
            assertEquals(header.length() + 6 + 10, e.offset());
            assertTrue(e.reason().contains("1024") && e.reason().contains("Cr"), e.getMessage());
        }
    }

    @Test
    void pictureMustMatchTheStream() throws IOException {
        try (Y4mReader r = reader(stream8("YUV4MPEG2 W4 H4", 4, 4, 1, "FRAME"))) {
            assertThrows(IllegalArgumentException.class, () -> r.read(Picture.allocate(4, 4, 10)));
            assertThrows(IllegalArgumentException.class, () -> r.read(Picture.allocate(4, 6, 8)));
        }
    }

    @Test
    void paddingIsLeftAlone() throws IOException {
        Picture src = Y4mTestData.randomPicture(5, 3, 8, 0, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Y4mWriter w = new Y4mWriter(out, VideoFormat.of(5, 3, 8))) {
            w.write(src);
        }
        Picture dst = Y4mTestData.randomPicture(5, 3, 8, 16, 99);
        short[] before = dst.plane(0).samples().clone();
        try (Y4mReader r = reader(out.toByteArray())) {
            assertTrue(r.read(dst));
        }
        assertTrue(dst.sameSamples(src));
        short[] after = dst.plane(0).samples();
        for (int i = 0; i < before.length; i++) {
            int row = i / dst.plane(0).stride() - 16;
            int col = i % dst.plane(0).stride() - 16;
            if (row < 0 || row >= 3 || col < 0 || col >= 5) {
                assertEquals(before[i], after[i], "padding sample " + i);
            }
        }
    }

    @Test
    void oneByteAtATimeStream() throws IOException {
        byte[] s = stream8("YUV4MPEG2 W7 H5 F24:1 Ip A1:1 C420jpeg XYSCSS=420JPEG", 7, 5, 4, "FRAME");
        Picture a = Picture.allocate(7, 5, 8);
        Picture b = Picture.allocate(7, 5, 8);
        try (Y4mReader fast = reader(s);
                Y4mReader slow = new Y4mReader(new Y4mTestData.OneByteAtATime(new ByteArrayInputStream(s)))) {
            assertEquals(fast.format(), slow.format());
            int frames = 0;
            while (fast.read(a)) {
                assertTrue(slow.read(b));
                assertTrue(a.sameSamples(b));
                frames++;
            }
            assertFalse(slow.read(b));
            assertEquals(4, frames);
            assertEquals(s.length, slow.position());
        }
    }

    @Test
    void bytesAreSamples() throws IOException {
        byte[] s = stream8("YUV4MPEG2 W2 H2", 2, 2, 1, "FRAME");
        Picture p = Picture.allocate(2, 2, 8);
        try (Y4mReader r = reader(s)) {
            r.read(p);
        }
        int[] got = {p.plane(0).get(0, 0), p.plane(0).get(1, 0), p.plane(0).get(0, 1), p.plane(0).get(1, 1),
            p.plane(1).get(0, 0), p.plane(2).get(0, 0)};
        assertArrayEquals(new int[] {0, 7, 14, 21, 28, 35}, got);
    }
}
