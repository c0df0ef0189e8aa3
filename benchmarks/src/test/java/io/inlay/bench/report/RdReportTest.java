package io.inlay.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.cli.rd.RdCsv;
import io.inlay.cli.rd.RdPoint;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.Y4mWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command on a tiny clip, Inlay only (no external tools). */
class RdReportTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void runWritesCsvReportAndPlots() throws Exception {
        Path clip = dir.resolve("ramp_48x32.y4m");
        VideoFormat f = VideoFormat.of(48, 32, 8).withFrameRate(30, 1);
        try (OutputStream out = Files.newOutputStream(clip)) {
            Y4mWriter w = new Y4mWriter(out, f);
            for (int n = 0; n < 3; n++) {
                Picture p = f.allocatePicture(0);
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < p.plane(c).height(); y++) {
                        for (int x = 0; x < p.plane(c).width(); x++) {
                            p.plane(c).set(x, y, (x * 5 + y * 3 + n * 7 + c * 40 + (x * y % 7) * 9) & 255);
                        }
                    }
                }
                w.write(p);
            }
            w.flush();
        }
        Path out = dir.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int rc = RdReport.run(new String[] {"--clips", clip.toString(), "--frames", "2", "--qps", "27 37",
            "--anchors", "none", "--warmup", "0", "--jobs", "2", "--out", out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String progress = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, progress);
        assertTrue(progress.contains("rd: [4/4]") && progress.contains("ETA"), progress);
        List<RdPoint> rows = RdCsv.read(Files.newBufferedReader(out.resolve("rd.csv")));
        // Default configurations: random access, then all intra.
        assertEquals(List.of("inlay/random-access", "inlay/random-access", "inlay/all-intra", "inlay/all-intra"),
                rows.stream().map(RdPoint::series).toList());
        assertEquals(List.of(27, 37, 27, 37), rows.stream().map(RdPoint::qp).toList());
        assertEquals(30.0, rows.get(0).fps());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("No comparison") && md.contains("![ramp_48x32](plots/ramp_48x32.png)"), md);
        assertTrue(md.contains("- command: `scripts/rd-report.sh --clips"), md);
        assertTrue(Files.size(out.resolve("plots").resolve("ramp_48x32.png")) > 1000);
        assertTrue(Files.exists(out.resolve("work").resolve("rd").resolve(".gitignore")));
    }
}
