package io.inlay.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.inlay.cli.rd.BdRateReport;
import io.inlay.cli.rd.RdCsv;
import io.inlay.cli.rd.RdPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BD-rate tool against an independent PCHIP implementation (SciPy's PchipInterpolator, in
 * scripts/bdrate_crosscheck.py) on a small fixed CSV: 4 corpus clips x 3 series x 4 QPs, with
 * partially overlapping quality ranges. The bar is 0.05 percentage points of BD-rate.
 *
 * <p>Expected values: {@code python3 scripts/bdrate_crosscheck.py
 * benchmarks/src/test/resources/rd-crosscheck.csv inlay/all-intra:x264/medium
 * inlay/all-intra:x265/medium x265/medium:x264/medium}.
 */
class BdCrossCheckTest {
    static final String CSV = "/rd-crosscheck.csv";
    private static final double BD_RATE_TOLERANCE = 0.05;   // percentage points
    private static final double BD_PSNR_TOLERANCE = 0.005;  // dB

    private static final String[] CLIPS = {"bear_854x480_30", "carphone_176x144_30", "flower_960x540_30",
        "foreman_352x288_30"};

    /** Per clip then the mean: BD-rate Y, U, V, YUV (%), BD-PSNR YUV (dB), from SciPy. */
    private static final double[][] INLAY_VS_X264 = {
        {-11.732810524123238, 11.137827511652088, 25.292620581505965, -6.944101410268533, 0.5708930264798251},
        {-28.803349211856254, -16.758373811748427, -19.694616123490306, -27.02007422230801, 2.282219821928616},
        {-34.17322817637699, -37.06448652217276, -36.91523178648444, -34.82790154587948, 2.1050931726977353},
        {-9.645067895692506, 12.968452052174339, 10.961104807887502, -5.389538442742204, 0.3116831467193295},
        {-21.088613952012246, -7.429145192523689, -5.08903063014532, -18.54540390529956, 1.3174722919563764},
    };
    private static final double[][] INLAY_VS_X265 = {
        {-3.228720029809129, 3.2007059319802966, 6.405151255123198, -1.8813776962830486, 0.1571355685960327},
        {-7.526413729673065, -0.28079323968596137, -4.373281151086461, -6.539974635501222, 0.4884055010757586},
        {-5.769581384597789, -8.357392417674136, -8.308852902729825, -6.294819352652969, 0.3096721835924896},
        {-4.216313787923786, 0.5092508199334489, -2.373452152394362, -3.5402068425197886, 0.25215477199056857},
        {-5.185257233000943, -1.2320572263615879, -2.1626087377718624, -4.564094631739257, 0.3018420063137124},
    };
    private static final double[][] X265_VS_X264 = {
        {-8.028550696874282, 4.577615012137293, 12.907710105652015, -5.04074293488237, 0.4230982048334645},
        {-22.628870392706467, -18.347854783864648, -18.109248189202564, -21.716850616913508, 1.8647458647216089},
        {-29.366730430985832, -31.141400489696245, -30.705606949954046, -29.77922837177237, 1.7029529328500956},
        {-2.3419674968791937, 12.668791683047175, 14.316619264015928, 0.511842218141334, -0.1028149075332053},
        {-15.591529754361444, -8.060712144594106, -5.397631442372166, -14.006244926356729, 0.9719955237179909},
    };

    static String resource() throws IOException {
        try (InputStream in = BdCrossCheckTest.class.getResourceAsStream(CSV)) {
            assertNotNull(in, CSV);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<RdPoint> points() throws IOException {
        return RdCsv.read(new BufferedReader(new StringReader(resource())));
    }

    @Test
    void inlayAgainstX264MatchesScipy() throws IOException {
        check(BdRateReport.compute(points(), "x264/medium", "inlay/all-intra"), INLAY_VS_X264);
    }

    @Test
    void inlayAgainstX265MatchesScipy() throws IOException {
        check(BdRateReport.compute(points(), "x265/medium", "inlay/all-intra"), INLAY_VS_X265);
    }

    @Test
    void x265AgainstX264MatchesScipy() throws IOException {
        check(BdRateReport.compute(points(), "x264/medium", "x265/medium"), X265_VS_X264);
    }

    private static void check(BdRateReport r, double[][] expected) {
        assertEquals(CLIPS.length, r.rows().size());
        for (int c = 0; c <= CLIPS.length; c++) {
            BdRateReport.Row row = c < CLIPS.length ? r.rows().get(c) : r.mean();
            String name = c < CLIPS.length ? CLIPS[c] : "mean";
            assertEquals(name, row.clip());
            for (int p = 0; p < 4; p++) {
                assertEquals(expected[c][p], row.bdRate()[p], BD_RATE_TOLERANCE, name + " plane " + p);
            }
            assertEquals(expected[c][4], row.bdPsnrYuv(), BD_PSNR_TOLERANCE, name + " BD-PSNR");
        }
    }

    /** The fixed CSV is in the canonical form RdCsv writes: reading and writing it gives it back byte for byte. */
    @Test
    void csvRoundTripIsExact() throws IOException {
        String text = resource();
        List<RdPoint> pts = RdCsv.read(new BufferedReader(new StringReader(text)));
        assertEquals(48, pts.size());
        StringWriter w = new StringWriter();
        RdCsv.write(w, pts);
        assertEquals(text, w.toString());
        assertEquals(pts, RdCsv.read(new BufferedReader(new StringReader(w.toString()))));
        RdPoint first = pts.getFirst();
        assertEquals("inlay/all-intra", first.series());
        assertEquals(817078.0 / 10 * 8 * 30 / 1000, first.kbitPerSecond(), 1e-9);
        assertEquals(Double.NaN, first.decodeSeconds());
    }
}
