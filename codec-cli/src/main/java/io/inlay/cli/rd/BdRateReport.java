package io.inlay.cli.rd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * BD-rate (Y, U, V, YUV) and BD-PSNR (YUV) of one codec against another, per clip and as the
 * arithmetic mean over the clips where a value could be computed.
 */
public final class BdRateReport {
    private static final String[] PLANES = {"Y", "U", "V", "YUV"};

    /**
     * One clip's result. {@code bdRate[p]} is in percent for plane p (0 = Y, 1 = U, 2 = V,
     * 3 = YUV); a value that could not be computed is NaN and {@code problem} says why.
     */
    public record Row(String clip, double[] bdRate, double bdPsnrYuv, String problem) {
        public Row {
            bdRate = bdRate.clone();
        }

        @Override
        public double[] bdRate() {
            return bdRate.clone();
        }
    }

    private final String anchor;
    private final String test;
    private final List<Row> rows;
    private final List<String> incomplete;
    private final Row mean;
    private final int[] meanCounts;

    private BdRateReport(String anchor, String test, List<Row> rows, List<String> incomplete) {
        this.anchor = anchor;
        this.test = test;
        this.incomplete = List.copyOf(incomplete);
        this.rows = Collections.unmodifiableList(rows);
        double[] sums = new double[PLANES.length + 1];
        int[] counts = new int[PLANES.length + 1];
        for (Row r : rows) {
            for (int p = 0; p <= PLANES.length; p++) {
                double v = p < PLANES.length ? r.bdRate[p] : r.bdPsnrYuv;
                if (Double.isFinite(v)) {
                    sums[p] += v;
                    counts[p]++;
                }
            }
        }
        double[] means = new double[PLANES.length];
        for (int p = 0; p < PLANES.length; p++) {
            means[p] = counts[p] > 0 ? sums[p] / counts[p] : Double.NaN;
        }
        double psnrMean = counts[PLANES.length] > 0 ? sums[PLANES.length] / counts[PLANES.length] : Double.NaN;
        this.mean = new Row("mean", means, psnrMean, null);
        this.meanCounts = counts;
    }

    /**
     * Computes the report for every clip that has rows of both {@code anchor} and {@code test},
     * in the order clips first appear; clips with rows of only one are listed by
     * {@link #incomplete()}. Each selector is a series {@code codec/config} or a bare codec name
     * (see {@link RdPoint#matches}); a bare name that matches several configurations is refused.
     *
     * @throws IllegalArgumentException if no clip has rows of both, or a selector is ambiguous
     */
    public static BdRateReport compute(List<RdPoint> points, String anchor, String test) {
        Map<String, List<RdPoint>> anchorByClip = new LinkedHashMap<>();
        Map<String, List<RdPoint>> testByClip = new LinkedHashMap<>();
        List<String> clips = new ArrayList<>();
        Set<String> anchorSeries = new TreeSet<>();
        Set<String> testSeries = new TreeSet<>();
        for (RdPoint p : points) {
            boolean isAnchor = p.matches(anchor);
            boolean isTest = p.matches(test);
            if (isAnchor == isTest) {
                continue;
            }
            if (!anchorByClip.containsKey(p.clip())) {
                clips.add(p.clip());
                anchorByClip.put(p.clip(), new ArrayList<>());
                testByClip.put(p.clip(), new ArrayList<>());
            }
            (isAnchor ? anchorSeries : testSeries).add(p.series());
            (isAnchor ? anchorByClip : testByClip).get(p.clip()).add(p);
        }
        unambiguous(anchor, anchorSeries);
        unambiguous(test, testSeries);
        List<Row> rows = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (String clip : clips) {
            List<RdPoint> a = anchorByClip.get(clip);
            List<RdPoint> t = testByClip.get(clip);
            if (a.isEmpty() || t.isEmpty()) {
                incomplete.add(clip);
                continue;
            }
            double[] rates = new double[PLANES.length];
            java.util.Arrays.fill(rates, Double.NaN);
            String problem = null;
            for (int p = 0; p < PLANES.length; p++) {
                try {
                    rates[p] = Bjontegaard.bdRate(rate(a), psnr(a, p), rate(t), psnr(t, p));
                } catch (IllegalArgumentException e) {
                    problem = problem == null ? PLANES[p] + ": " + e.getMessage() : problem;
                }
            }
            double dPsnr = Double.NaN;
            try {
                dPsnr = Bjontegaard.bdPsnr(rate(a), psnr(a, 3), rate(t), psnr(t, 3));
            } catch (IllegalArgumentException e) {
                problem = problem == null ? "BD-PSNR: " + e.getMessage() : problem;
            }
            rows.add(new Row(clip, rates, dPsnr, problem));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no clip has rows of both '" + anchor + "' and '" + test + "'");
        }
        return new BdRateReport(anchor, test, rows, incomplete);
    }

    private static void unambiguous(String selector, Set<String> series) {
        if (series.size() > 1) {
            throw new IllegalArgumentException("'" + selector + "' matches several configurations ("
                    + String.join(", ", series) + "): name one as codec/config");
        }
    }

    private static double[] rate(List<RdPoint> pts) {
        double[] r = new double[pts.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = pts.get(i).bytesPerFrame();
        }
        return r;
    }

    private static double[] psnr(List<RdPoint> pts, int plane) {
        double[] r = new double[pts.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = pts.get(i).psnr(plane);
        }
        return r;
    }

    /** The anchor selector the report was computed for. */
    public String anchor() {
        return anchor;
    }

    /** The test selector the report was computed for. */
    public String test() {
        return test;
    }

    /** One row per clip with rows of both codecs. */
    public List<Row> rows() {
        return rows;
    }

    /** Clips with rows of only one of the two codecs (left out). */
    public List<String> incomplete() {
        return incomplete;
    }

    /** Per-column arithmetic mean over the clips with a finite value. */
    public Row mean() {
        return mean;
    }

    /** The table as text, one line per clip, then the mean, then any problems. */
    public String format() {
        int w = "mean".length();
        for (Row r : rows) {
            w = Math.max(w, r.clip().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("BD-rate of ").append(test).append(" against ").append(anchor)
                .append(" (PCHIP; negative = fewer bits at equal PSNR); BD-PSNR: positive = higher PSNR at equal rate\n");
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %10s %10s %10s %11s %12s%n",
                "clip", "BD-rate Y", "BD-rate U", "BD-rate V", "BD-rate YUV", "BD-PSNR YUV"));
        for (Row r : rows) {
            line(sb, w, r.clip(), r);
        }
        line(sb, w, "mean", mean);
        int clipsWithYuv = meanCounts[3];
        if (clipsWithYuv < rows.size()) {
            sb.append(String.format(Locale.ROOT, "(mean over %d of %d clips)%n", clipsWithYuv, rows.size()));
        }
        for (Row r : rows) {
            if (r.problem() != null) {
                sb.append(r.clip()).append(": ").append(r.problem()).append('\n');
            }
        }
        if (!incomplete.isEmpty()) {
            sb.append("left out (rows of only one codec): ").append(String.join(", ", incomplete)).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, int w, String name, Row r) {
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %10s %10s %10s %11s %12s%n", name,
                percent(r.bdRate[0]), percent(r.bdRate[1]), percent(r.bdRate[2]), percent(r.bdRate[3]),
                Double.isFinite(r.bdPsnrYuv()) ? String.format(Locale.ROOT, "%+.3f dB", r.bdPsnrYuv()) : "n/a"));
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f%%", v) : "n/a";
    }
}
