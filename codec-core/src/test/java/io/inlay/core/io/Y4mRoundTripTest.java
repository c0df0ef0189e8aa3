package io.inlay.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.ChromaFormat;
import io.inlay.core.Picture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Y4mRoundTripTest {

    @ParameterizedTest
    @CsvSource({"1, 1, 8", "3, 5, 8", "853, 479, 8", "2, 2, 10", "3, 5, 10", "853, 479, 10", "17, 9, 12", "64, 2, 9"})
    void writerThenReaderIsExact(int w, int h, int depth) throws IOException {
        VideoFormat f = VideoFormat.of(w, h, depth).withFrameRate(30000, 1001).withColourRange(1);
        List<Picture> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(Y4mTestData.randomPicture(w, h, depth, i == 1 ? 8 : 0, 100 * w + i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Y4mWriter wr = new Y4mWriter(out, f)) {
            for (Picture p : frames) {
                wr.write(p);
            }
            assertEquals(3, wr.frameCount());
        }
        byte[] bytes = out.toByteArray();
        long frameBytes = (long) (w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2)) * (depth > 8 ? 2 : 1);
        assertEquals(Y4mWriter.header(f).length() + 3 * (6 + frameBytes), bytes.length);
        try (Y4mReader r = new Y4mReader(new ByteArrayInputStream(bytes))) {
            assertEquals(f, r.format());
            Picture p = r.format().allocatePicture(4);
            for (Picture expected : frames) {
                assertTrue(r.read(p));
                assertTrue(p.sameSamples(expected));
            }
            assertFalse(r.read(p));
        }
    }

    @Test
    void headerIsWrittenFaithfully() throws IOException {
        String[] headers = {
            "YUV4MPEG2 W352 H288 F30000:1001 Ip A0:0 C420jpeg",
            "YUV4MPEG2 W854 H480 F30:1 It A1:1 C420mpeg2 XCOLORRANGE=LIMITED",
            "YUV4MPEG2 W960 H540 F30:1 Ib A128:117 C420paldv XCOLORRANGE=FULL",
            "YUV4MPEG2 W9 H7 F0:0 Im A0:0 C420",
            "YUV4MPEG2 W64 H64 F50:1 I? A1:1 C420p10 XCOLORRANGE=FULL",
            "YUV4MPEG2 W64 H64 F50:1 Ip A1:1 C420p12",
        };
        for (String h : headers) {
            VideoFormat f = new Y4mReader(new ByteArrayInputStream((h + "\n").getBytes(StandardCharsets.US_ASCII)))
                    .format();
            assertEquals(h + "\n", Y4mWriter.header(f));
        }
    }

    @Test
    void emptyStreamStillGetsAHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Y4mWriter(out, VideoFormat.of(4, 4, 8)).close();
        assertEquals("YUV4MPEG2 W4 H4 F25:1 Ip A0:0 C420jpeg\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void writerRejectsMismatchAndOutOfRangeSamples() throws IOException {
        Y4mWriter w = new Y4mWriter(new ByteArrayOutputStream(), VideoFormat.of(4, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> w.write(Picture.allocate(4, 4, 10)));
        Picture p = Picture.allocate(4, 4, 8);
        p.plane(2).set(1, 1, 256);
        assertThrows(IllegalArgumentException.class, () -> w.write(p));
    }

    @Test
    void rawRoundTripAndTruncation() throws IOException {
        for (int depth : new int[] {8, 10}) {
            VideoFormat f = VideoFormat.of(5, 3, depth);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Picture a = Y4mTestData.randomPicture(5, 3, depth, 0, 1);
            Picture b = Y4mTestData.randomPicture(5, 3, depth, 2, 2);
            try (RawYuvWriter w = new RawYuvWriter(out, f)) {
                w.write(a);
                w.write(b);
            }
            byte[] bytes = out.toByteArray();
            assertEquals(2 * f.frameBytes(), bytes.length);
            if (depth == 10) {
                int y00 = a.plane(0).get(0, 0);
                assertEquals(y00 & 0xFF, bytes[0] & 0xFF, "little-endian low byte first");
                assertEquals(y00 >> 8, bytes[1] & 0xFF);
            }
            Picture p = f.allocatePicture(0);
            try (RawYuvReader r = new RawYuvReader(new Y4mTestData.OneByteAtATime(new ByteArrayInputStream(bytes)), f)) {
                assertTrue(r.read(p));
                assertTrue(p.sameSamples(a));
                assertTrue(r.read(p));
                assertTrue(p.sameSamples(b));
                assertFalse(r.read(p));
                assertEquals(2, r.frameIndex());
            }
            byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
            try (RawYuvReader r = new RawYuvReader(new ByteArrayInputStream(cut), f)) {
                assertTrue(r.read(p));
                VideoFormatException e = assertThrows(VideoFormatException.class, () -> r.read(p));
                assertEquals(cut.length, e.offset());
            }
        }
    }

    @Test
    void formatValidation() {
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.of(0, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.of(4, 70000, 8));
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.of(4, 4, 14));
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.of(4, 4, 8).withFrameRate(25, 0));
        assertThrows(IllegalArgumentException.class, () -> new VideoFormat(4, 4, 8, ChromaFormat.YUV420, 25, 1, 0,
                'x', 0, 0, "jpeg"));
        assertEquals("", VideoFormat.of(4, 4, 8).withBitDepth(10).chromaSiting());
        assertEquals(4 * 4 + 2 * 2 * 2, VideoFormat.of(4, 4, 8).frameBytes());
        assertEquals(2L * (3 * 5 + 2 * 2 * 3), VideoFormat.of(3, 5, 10).frameBytes());
    }
}
