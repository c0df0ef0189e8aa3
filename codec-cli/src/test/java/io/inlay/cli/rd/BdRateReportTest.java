package io.inlay.cli.rd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class BdRateReportTest {
    private static String csv() {
        StringBuilder sb = new StringBuilder(RdPoint.HEADER).append('\n');
        int[] qps = {22, 27, 32, 37};
        double[] psnr = {40.0, 37.5, 35.0, 32.5};
        long[] bytes = {80000, 42000, 21000, 11000};
        for (int i = 0; i < 4; i++) {
            // clip a: test needs 80 % of the anchor's bytes at equal quality; clip b: 90 %.
            sb.append(String.format(java.util.Locale.ROOT, "x264,medium,a,%d,%d,10,25,%f,%f,%f,%f,0.95,0.5,0.1%n",
                    qps[i], bytes[i], psnr[i], psnr[i] + 3, psnr[i] + 4, psnr[i] + 0.5));
            sb.append(String.format(java.util.Locale.ROOT, "inlay,all-intra,a,%d,%d,10,25,%f,%f,%f,%f,0.95,2,0.2%n",
                    qps[i], bytes[i] * 8 / 10, psnr[i], psnr[i] + 3, psnr[i] + 4, psnr[i] + 0.5));
            sb.append(String.format(java.util.Locale.ROOT, "x264,medium,b,%d,%d,5,25,%f,%f,%f,%f,0.95,,%n",
                    qps[i], bytes[i], psnr[i], psnr[i], psnr[i], psnr[i]));
            // Different frame count: the rate is per frame, so 10 frames at 1.8x bytes = 0.9x per frame.
            sb.append(String.format(java.util.Locale.ROOT, "inlay,all-intra,b,%d,%d,10,25,%f,%f,%f,%f,0.95,2,0.2%n",
                    qps[i], bytes[i] * 18 / 10, psnr[i], psnr[i], psnr[i], psnr[i]));
        }
        sb.append("x265,medium,c,22,1000,10,25,40,40,40,40,0.9,1,1\n");
        sb.append("inlay,all-intra,d,22,1000,10,25,40,40,40,40,0.9,1,1\n");
        return sb.toString();
    }

    @Test
    void perClipAndMean() throws Exception {
        List<RdPoint> pts = RdCsv.read(new BufferedReader(new StringReader(csv())));
        assertEquals(18, pts.size());
        BdRateReport r = BdRateReport.compute(pts, "x264", "inlay");
        assertEquals(2, r.rows().size(), "clip c has neither codec, d only one");
        assertEquals(List.of("d"), r.incomplete());
        for (int p = 0; p < 4; p++) {
            assertEquals(-20.0, r.rows().get(0).bdRate()[p], 1e-9);
            assertEquals(-10.0, r.rows().get(1).bdRate()[p], 1e-9);
            assertEquals(-15.0, r.mean().bdRate()[p], 1e-9);
        }
        assertTrue(r.rows().get(0).bdPsnrYuv() > 0);
        String text = r.format();
        assertTrue(text.contains("-20.00%"), text);
        assertTrue(text.contains("-15.00%"), text);
        assertTrue(text.contains("left out (rows of only one codec): d"), text);
    }

    @Test
    void seriesSelectorsAndAmbiguity() throws Exception {
        List<RdPoint> pts = new java.util.ArrayList<>(RdCsv.read(new BufferedReader(new StringReader(csv()))));
        BdRateReport bySeries = BdRateReport.compute(pts, "x264/medium", "inlay/all-intra");
        assertEquals(-15.0, bySeries.mean().bdRate()[3], 1e-9);
        // A second x264 configuration makes the bare name ambiguous but leaves the series usable.
        pts.add(new RdPoint("x264", "slower", "a", 22, 70000, 10, 25, 40, 43, 44, 40.5, 0.95, 1, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BdRateReport.compute(pts, "x264", "inlay"));
        assertTrue(e.getMessage().contains("x264/medium, x264/slower"), e.getMessage());
        assertEquals(-15.0, BdRateReport.compute(pts, "x264/medium", "inlay").mean().bdRate()[3], 1e-9);
    }

    @Test
    void legacyFormatIsRead() throws Exception {
        String legacy = RdPoint.LEGACY_HEADER + "\n"
                + "clipA,x265,22,50000,10,4.0,40,42,42,40.5,0.9\n"
                + "clipA,x265,37,6000,10,8.0,31,33,33,31.5,0.8\n"
                + "clipA,inlay,22,55000,10,1.0,40,42,42,40.5,0.9\n"
                + "clipA,inlay,37,6600,10,2.0,31,33,33,31.5,0.8\n";
        List<RdPoint> pts = RdCsv.read(new BufferedReader(new StringReader(legacy)));
        RdPoint p = pts.get(0);
        assertEquals("x265", p.codec());
        assertEquals("", p.config());
        assertEquals("x265", p.series());
        assertEquals(2.5, p.encodeSeconds(), 1e-12, "old fps was the encoder's speed");
        assertTrue(Double.isNaN(p.fps()) && Double.isNaN(p.decodeSeconds()));
        assertEquals(10.0, BdRateReport.compute(pts, "x265", "inlay").mean().bdRate()[0], 1e-9);
    }

    @Test
    void writeThenReadGivesTheSameRows() throws Exception {
        List<RdPoint> pts = RdCsv.read(new BufferedReader(new StringReader(csv())));
        java.io.StringWriter w = new java.io.StringWriter();
        RdCsv.write(w, pts);
        List<RdPoint> again = RdCsv.read(new BufferedReader(new StringReader(w.toString())));
        assertEquals(pts, again);
        assertTrue(w.toString().startsWith(RdPoint.HEADER + "\n"));
        assertTrue(w.toString().contains("x264,medium,b,22,80000,5,25.000,40.0000,40.0000,40.0000,40.0000,0.950000,,\n"),
                w.toString());
        assertThrows(IllegalArgumentException.class, () -> RdCsv.format(
                new RdPoint("x264", "a,b", "c", 22, 1, 1, 25, 40, 40, 40, 40, 1, 1, 1)));
    }

    @Test
    void missingCodecIsAnError() throws Exception {
        List<RdPoint> pts = RdCsv.read(new BufferedReader(new StringReader(csv())));
        assertThrows(IllegalArgumentException.class, () -> BdRateReport.compute(pts, "x265", "inlay"));
    }

    @Test
    void malformedCsvNamesTheLine() {
        RdCsv.RdCsvException e = assertThrows(RdCsv.RdCsvException.class, () -> RdCsv.read(new BufferedReader(
                new StringReader(RdPoint.HEADER + "\nx264,medium,a,22,notanumber,10,25,40,40,40,40,0.9,1,1\n"))));
        assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
        e = assertThrows(RdCsv.RdCsvException.class,
                () -> RdCsv.read(new BufferedReader(new StringReader("clip,codec,qp\n"))));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }
}
