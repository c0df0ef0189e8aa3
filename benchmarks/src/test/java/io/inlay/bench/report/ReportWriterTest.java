package io.inlay.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bench.rd.RdPlan;
import io.inlay.cli.rd.RdPoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Two clips; at equal PSNR Inlay needs 80 % of x264's bytes on clip a and 90 % on b, so the
     * BD-rates are exactly -20 % and -10 %. Inlay encodes 10x slower and decodes 2x faster.
     */
    private static List<RdPoint> synthetic() {
        List<RdPoint> pts = new ArrayList<>();
        int[] qps = {22, 27, 32, 37};
        double[] psnr = {42, 39, 36, 33};
        long[] bytes = {100_000, 55_000, 30_000, 16_000};
        for (String clip : List.of("a_64x64", "b_64x64")) {
            double scale = clip.startsWith("a") ? 0.8 : 0.9;
            for (int i = 0; i < 4; i++) {
                double p = psnr[i];
                pts.add(new RdPoint("inlay", "all-intra", clip, qps[i], Math.round(bytes[i] * scale), 10, 25, p, p + 2,
                        p + 3, (6 * p + p + 2 + p + 3) / 8, 0.95, 10, 0.05));
                pts.add(new RdPoint("x264", "medium", clip, qps[i], bytes[i], 10, 25, p, p + 2, p + 3,
                        (6 * p + p + 2 + p + 3) / 8, 0.96, 1, 0.1));
            }
        }
        return pts;
    }

    @Test
    void reportHasTablesSpeedAndPlots() throws IOException {
        List<RdPoint> pts = synthetic();
        ReportWriter.write(dir, "rd.csv", pts, List.of(new RdPlan.Pair("inlay/all-intra", "x264/medium")),
                List.of("command: `test`"), "../docs/benchmarking.md");
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("- command: `test`"), md);
        assertTrue(md.contains("| inlay/all-intra | x264/medium | 2 | -15.00 % | -15.00 % | -15.00 % | -15.00 % |"), md);
        assertTrue(md.contains("| a_64x64 | -20.00 % | -20.00 % | -20.00 % | -20.00 % |"), md);
        assertTrue(md.contains("| b_64x64 | -10.00 % | -10.00 % | -10.00 % | -10.00 % |"), md);
        assertTrue(md.contains("| **mean** | **-15.00 %** |"), md);
        // Encode 80 frames in 80 s against 80 in 8 s; decode 80 in 0.4 s against 80 in 0.8 s.
        assertTrue(md.contains("| inlay/all-intra | 80 | 80.0 | 1.00 | 0.4 | 200 |"), md);
        assertTrue(md.contains("| x264/medium | 80 | 8.0 | 10.0 | 0.8 | 100 |"), md);
        assertTrue(md.contains("| inlay/all-intra | x264/medium | 0.100× (1/10.0) | 2.00× |"), md);
        assertTrue(md.contains("![a_64x64](plots/a_64x64.png)"), md);
        for (String clip : List.of("a_64x64", "b_64x64")) {
            BufferedImage img = ImageIO.read(dir.resolve("plots").resolve(clip + ".png").toFile());
            assertNotNull(img, clip);
            assertEquals(RdPlots.WIDTH, img.getWidth());
            assertEquals(RdPlots.HEIGHT, img.getHeight());
        }
    }

    @Test
    void allPairsTakesInlaySeriesAgainstTheOthers() {
        assertEquals(List.of(new RdPlan.Pair("inlay/all-intra", "x264/medium")), ReportWriter.allPairs(synthetic()));
    }

    /** From a CSV alone, as in the run: each configuration against the anchors of its key-frame interval. */
    @Test
    void allPairsMatchesKeyFrameIntervals() {
        List<RdPoint> pts = new ArrayList<>();
        for (String series : List.of("inlay/random-access", "inlay/all-intra", "x264/medium-ki64", "x264/medium",
                "x265/slower-ki64", "inlay/someday", "x265/slower")) {
            String[] cs = series.split("/");
            pts.add(new RdPoint(cs[0], cs[1], "a", 32, 1000, 10, 25, 40, 40, 40, 40, 0.9, 1, 1));
        }
        assertEquals(List.of("inlay/random-access vs x264/medium-ki64", "inlay/random-access vs x265/slower-ki64",
                "inlay/all-intra vs x264/medium", "inlay/all-intra vs x265/slower",
                "inlay/someday vs x264/medium-ki64", "inlay/someday vs x264/medium", "inlay/someday vs x265/slower-ki64",
                "inlay/someday vs x265/slower"),
                ReportWriter.allPairs(pts).stream().map(p -> p.test() + " vs " + p.anchor()).toList());
    }

    @Test
    void fromCsvRegeneratesTheReportAndPrintsTheTables() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), BdCrossCheckTest.resource());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = RdReport.run(new String[] {"--from-csv", csv.toString(), "--out", dir.resolve("r").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("== inlay/all-intra vs x264/medium") && text.contains("== inlay/all-intra vs x265/medium"),
                text);
        String md = Files.readString(dir.resolve("r").resolve("report.md"));
        // Means of scripts/bdrate_crosscheck.py, rounded as the report prints them.
        assertTrue(md.contains("| inlay/all-intra | x264/medium | 4 | -21.09 % | -7.43 % | -5.09 % | -18.55 % | +1.317 dB |"),
                md);
        assertTrue(md.contains("[`../in.csv`](../in.csv)"), md);
        assertEquals(4, Files.list(dir.resolve("r").resolve("plots")).count());
    }

    @Test
    void usageErrors() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (String[] args : List.of(new String[] {"--frames", "0"}, new String[] {"--anchors", "x266"},
                new String[] {"--configs", "nope"}, new String[] {"--presets", "fastest"}, new String[] {"--qps"},
                new String[] {"--bogus", "1"})) {
            org.junit.jupiter.api.Assertions.assertThrows(RdReport.UsageException.class,
                    () -> RdReport.run(args, sink, sink), String.join(" ", args));
        }
    }
}
