package io.inlay.bench.rd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.cli.rd.RdCsv;
import io.inlay.cli.rd.RdPoint;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines and the cache; no external tool runs here (CI has none). */
class AnchorRunnerTest {
    @TempDir
    Path dir;

    @Test
    void commandLines() {
        AnchorSettings medium = new AnchorSettings("medium", 1, 1);
        assertEquals("x264 --preset medium --tune psnr --keyint 1 --qp 27 --frames 10 --threads 1 -o out.264 in.y4m",
                String.join(" ", AnchorCodec.X264.encodeCommand("in.y4m", "out.264", 27, 10, medium)));
        assertEquals("x265 --preset slower --tune psnr --keyint 1 --qp 37 --frames 5 --no-info -o o.265 i.y4m",
                String.join(" ", AnchorCodec.X265.encodeCommand("i.y4m", "o.265", 37, 5,
                        new AnchorSettings("slower", 1, 0))));
        assertEquals("x265 --preset medium --tune psnr --keyint 32 --no-scenecut --qp 22 --frames 10 --no-info --pools 1 "
                + "--frame-threads 1 -o o i", String.join(" ", AnchorCodec.X265.encodeCommand("i", "o", 22, 10,
                        new AnchorSettings("medium", 32, 1))));
        // Random access and low delay: key frames every 64, B-frames and references as the preset has them.
        assertEquals("x264 --preset medium --tune psnr --keyint 64 --no-scenecut --qp 32 --frames 10 --threads 1 "
                + "-o o.264 i.y4m", String.join(" ", AnchorCodec.X264.encodeCommand("i.y4m", "o.264", 32, 10,
                        new AnchorSettings("medium", 64, 1))));
        assertEquals("x265 --preset slower --tune psnr --keyint 64 --no-scenecut --qp 32 --frames 10 --no-info --pools 1 "
                + "--frame-threads 1 -o o.265 i.y4m", String.join(" ", AnchorCodec.X265.encodeCommand("i.y4m", "o.265",
                        32, 10, new AnchorSettings("slower", 64, 1))));
        assertEquals("ffmpeg -nostdin -hide_banner -v error -threads 1 -i s.264 -fps_mode passthrough -f rawvideo -y o.yuv",
                String.join(" ", AnchorCodec.decodeCommand("s.264", "o.yuv", 1)));
        assertEquals("medium", medium.config());
        assertEquals("medium-ki32", new AnchorSettings("medium", 32, 1).config());
        assertThrows(IllegalArgumentException.class, () -> new AnchorSettings("fastest", 1, 1));
        assertEquals(AnchorCodec.X265, AnchorCodec.of("x265"));
        assertThrows(IllegalArgumentException.class, () -> AnchorCodec.of("x266"));
    }

    @Test
    void cacheIsKeyedByContentAndCommandLine() throws Exception {
        Path work = dir.resolve("work");
        AnchorRunner runner = new AnchorRunner(work, new ClipChecksums(work.resolve("checksums.tsv")));
        Clip clip = Clip.open(TestClips.write(dir.resolve("k_32x32.y4m"), 32, 32, 2, 7), 2);
        AnchorSettings s = new AnchorSettings("medium", 1, 1);
        Path row = runner.cachedRow(clip, AnchorCodec.X264, s, 32);
        assertFalse(runner.isCached(clip, AnchorCodec.X264, s, 32));

        // A row in the cache is returned as it is, under the clip's current name, and nothing runs.
        RdPoint stored = new RdPoint("x264", "medium", "old_name", 32, 1234, 2, 25, 40.5, 42, 43, 41.0625, 0.97, 0.25, 0.125);
        StringWriter w = new StringWriter();
        RdCsv.write(w, List.of(stored));
        Files.createDirectories(row.getParent());
        Files.writeString(row, w.toString());
        assertTrue(runner.isCached(clip, AnchorCodec.X264, s, 32));
        RdResult r = runner.run(clip, AnchorCodec.X264, s, 32);
        assertTrue(r.cached());
        assertEquals("k_32x32", r.point().clip());
        assertEquals(1234, r.point().bytes());
        assertEquals(0.25, r.point().encodeSeconds());

        // Another QP, preset, thread count, codec or frame count is another entry.
        assertNotEquals(row, runner.cachedRow(clip, AnchorCodec.X264, s, 37));
        assertNotEquals(row, runner.cachedRow(clip, AnchorCodec.X264, new AnchorSettings("slower", 1, 1), 32));
        assertNotEquals(row, runner.cachedRow(clip, AnchorCodec.X264, new AnchorSettings("medium", 1, 2), 32));
        assertNotEquals(row, runner.cachedRow(clip, AnchorCodec.X265, s, 32));
        Clip oneFrame = Clip.open(clip.path(), 1);
        assertNotEquals(row, runner.cachedRow(oneFrame, AnchorCodec.X264, s, 32));
        // Different content under the same name is another entry too.
        TestClips.write(clip.path(), 32, 32, 2, 8);
        assertNotEquals(row, runner.cachedRow(Clip.open(clip.path(), 2), AnchorCodec.X264, s, 32));

        // A damaged entry is not a hit.
        Files.writeString(row, "garbage\n");
        assertFalse(runner.isCached(Clip.open(dir.resolve("k_32x32.y4m"), 2), AnchorCodec.X265, s, 32));
    }
}
