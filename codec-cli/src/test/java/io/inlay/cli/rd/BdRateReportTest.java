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
            sb.append(String.format(java.util.Locale.ROOT, "a,x264,%d,%d,10,20.0,%f,%f,%f,%f,0.95%n",
                    qps[i], bytes[i], psnr[i], psnr[i] + 3, psnr[i] + 4, psnr[i] + 0.5));
            sb.append(String.format(java.util.Locale.ROOT, "a,inlay,%d,%d,10,5.0,%f,%f,%f,%f,0.95%n",
                    qps[i], bytes[i] * 8 / 10, psnr[i], psnr[i] + 3, psnr[i] + 4, psnr[i] + 0.5));
            sb.append(String.format(java.util.Locale.ROOT, "b,x264,%d,%d,5,20.0,%f,%f,%f,%f,0.95%n",
                    qps[i], bytes[i], psnr[i], psnr[i], psnr[i], psnr[i]));
            // Different frame count: the rate is per frame, so 10 frames at 1.8x bytes = 0.9x per frame.
            sb.append(String.format(java.util.Locale.ROOT, "b,inlay,%d,%d,10,5.0,%f,%f,%f,%f,0.95%n",
                    qps[i], bytes[i] * 18 / 10, psnr[i], psnr[i], psnr[i], psnr[i]));
        }
        sb.append("c,x265,22,1000,10,1,40,40,40,40,0.9\n");
        sb.append("d,inlay,22,1000,10,1,40,40,40,40,0.9\n");
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
    void missingCodecIsAnError() throws Exception {
        List<RdPoint> pts = RdCsv.read(new BufferedReader(new StringReader(csv())));
        assertThrows(IllegalArgumentException.class, () -> BdRateReport.compute(pts, "x265", "inlay"));
    }

    @Test
    void malformedCsvNamesTheLine() {
        RdCsv.RdCsvException e = assertThrows(RdCsv.RdCsvException.class, () -> RdCsv.read(new BufferedReader(
                new StringReader(RdPoint.HEADER + "\na,x264,22,notanumber,10,1,40,40,40,40,0.9\n"))));
        assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
        e = assertThrows(RdCsv.RdCsvException.class,
                () -> RdCsv.read(new BufferedReader(new StringReader("clip,codec,qp\n"))));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }
}
