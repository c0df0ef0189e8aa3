package io.inlay.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Picture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFilesTest {
    /** The shared corpus beside the repository (CI checks out the repo with ../shared next to it). */
    private static final Path CORPUS = Path.of("../../shared/corpus");
    /** The bundled excerpt of foreman (its first 6 frames). */
    private static final Path FOREMAN = Path.of("../testvectors/clips/foreman_352x288_6f.y4m");

    @Test
    void detectsY4mAndRaw(@TempDir Path dir) throws IOException {
        VideoFormat f = VideoFormat.of(6, 4, 10);
        Picture pic = Y4mTestData.randomPicture(6, 4, 10, 0, 5);
        Path y4m = dir.resolve("a.y4m");
        Path raw = dir.resolve("a.yuv");
        try (VideoWriter w = VideoFiles.openWriter(y4m.toString(), f, false)) {
            w.write(pic);
        }
        try (VideoWriter w = VideoFiles.openWriter(raw.toString(), f, true)) {
            w.write(pic);
        }
        try (VideoReader r = VideoFiles.openReader(y4m, VideoFormat.of(99, 99, 8))) {
            assertInstanceOf(Y4mReader.class, r);
            Picture p = r.format().allocatePicture(0);
            assertTrue(r.read(p));
            assertTrue(p.sameSamples(pic));
            assertFalse(r.read(p));
        }
        try (VideoReader r = VideoFiles.openReader(raw.toString(), f)) {
            assertInstanceOf(RawYuvReader.class, r);
            Picture p = f.allocatePicture(0);
            assertTrue(r.read(p));
            assertTrue(p.sameSamples(pic));
            assertFalse(r.read(p));
        }
        VideoFormatException e = assertThrows(VideoFormatException.class, () -> VideoFiles.openReader(raw, null));
        assertTrue(e.reason().contains("not a YUV4MPEG2"), e.getMessage());
    }

    /** Reads a real clip end to end and writes it back: the frame payload must be byte-identical. */
    @Test
    void corpusClipRoundTrips() throws IOException {
        Path clip = FOREMAN;
        assertTrue(Files.isReadable(clip), "bundled clip missing: " + clip.toAbsolutePath());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = 0;
        VideoFormat f;
        try (VideoReader r = VideoFiles.openReader(clip, null)) {
            f = r.format();
            assertEquals(new VideoFormat(352, 288, 8, io.inlay.core.ChromaFormat.YUV420, 30000, 1001, -1, 'p', 0, 0,
                    "jpeg"), f);
            Picture p = f.allocatePicture(Picture.DEFAULT_PADDING);
            try (Y4mWriter w = new Y4mWriter(out, f)) {
                while (r.read(p)) {
                    w.write(p);
                    frames++;
                }
            }
        }
        assertEquals(6, frames);
        byte[] written = out.toByteArray();
        int ourHeader = Y4mWriter.header(f).length();
        try (InputStream in = Files.newInputStream(clip)) {
            byte[] original = in.readAllBytes();
            int theirHeader = 0;
            while (original[theirHeader] != '\n') {
                theirHeader++;
            }
            theirHeader++;
            assertEquals(original.length - theirHeader, written.length - ourHeader);
            assertTrue(java.util.Arrays.equals(original, theirHeader, original.length,
                    written, ourHeader, written.length), "frame data differs");
        }
    }

    @Test
    void corpusHeadersParse() throws IOException {
        assertTrue(Files.isDirectory(CORPUS), "corpus not found beside the repository: " + CORPUS.toAbsolutePath());
        try (var files = Files.list(CORPUS)) {
            for (Path p : files.filter(x -> x.toString().endsWith(".y4m")).toList()) {
                try (Y4mReader r = new Y4mReader(Files.newInputStream(p))) {
                    VideoFormat f = r.format();
                    assertTrue(p.getFileName().toString().contains(f.width() + "x" + f.height()), p.toString());
                    Picture pic = f.allocatePicture(0);
                    assertTrue(r.read(pic), p.toString());
                }
            }
        }
    }
}
