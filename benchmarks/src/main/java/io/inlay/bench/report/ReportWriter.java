package io.inlay.bench.report;

import io.inlay.bench.rd.InlayConfig;
import io.inlay.bench.rd.RdPlan;
import io.inlay.cli.rd.BdRateReport;
import io.inlay.cli.rd.RdPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code report.md} and the per-clip RD-curve PNGs ({@code plots/<clip>.png}) from the rows
 * of a run: BD-rate tables (Y, U, V, YUV, BD-PSNR-YUV; per clip and mean) of each Inlay series
 * against each anchor series, speed measured in the run, and the curves.
 */
final class ReportWriter {
    static final String REPORT = "report.md";
    static final String PLOTS = "plots";

    /** The suffix {@link io.inlay.bench.rd.AnchorSettings#config()} gives a key-frame interval other than 1. */
    private static final Pattern KEYINT_SUFFIX = Pattern.compile("-ki(\\d{1,9})$");

    private ReportWriter() {
    }

    /**
     * Every Inlay series against every other series with the same key-frame interval, in order of
     * first appearance; for a report made from a CSV alone, so that it pairs series as the run did
     * ({@link RdPlan#pairs()}). The interval of an Inlay series is its configuration's
     * ({@link InlayConfig#KNOWN}); of an anchor series, {@code N} of a {@code -kiN} suffix, else 1. A
     * series whose interval is unknown (an unknown configuration name) is paired with every other.
     */
    static List<RdPlan.Pair> allPairs(List<RdPoint> points) {
        Map<String, Integer> tests = new LinkedHashMap<>();
        Map<String, Integer> anchors = new LinkedHashMap<>();
        for (RdPoint p : points) {
            if (p.codec().equals("inlay")) {
                InlayConfig c = InlayConfig.KNOWN.get(p.config());
                tests.putIfAbsent(p.series(), c == null ? 0 : c.keyint());
            } else {
                Matcher m = KEYINT_SUFFIX.matcher(p.config());
                anchors.putIfAbsent(p.series(), m.find() ? Integer.parseInt(m.group(1)) : 1);
            }
        }
        List<RdPlan.Pair> pairs = new ArrayList<>();
        tests.forEach((t, tk) -> anchors.forEach((a, ak) -> {
            if (tk == 0 || tk.equals(ak)) {
                pairs.add(new RdPlan.Pair(t, a));
            }
        }));
        return pairs;
    }

    /**
     * Writes the report and the plots into {@code outDir}.
     *
     * @param csvName  the CSV's file name in {@code outDir}, linked from the report
     * @param points   the rows, as read back from that CSV
     * @param pairs    the BD-rate comparisons to tabulate
     * @param runLines Markdown list items describing the run (command, machine, tools, wall time)
     * @param docs     link to docs/benchmarking.md relative to {@code outDir}, or null
     */
    static void write(Path outDir, String csvName, List<RdPoint> points, List<RdPlan.Pair> pairs, List<String> runLines,
            String docs) throws IOException {
        List<String> clips = new ArrayList<>(new LinkedHashSet<>(points.stream().map(RdPoint::clip).toList()));
        List<String> series = new ArrayList<>(new LinkedHashSet<>(points.stream().map(RdPoint::series).toList()));
        StringBuilder md = new StringBuilder();
        md.append("# Rate-distortion report\n\n");
        md.append("Rows: [`").append(csvName).append("`](").append(csvName).append(") (").append(points.size())
                .append(" encodes: ").append(clips.size()).append(" clips, series ").append(String.join(", ", series))
                .append(").");
        if (docs != null) {
            md.append(" Method and CSV format: [docs/benchmarking.md](").append(docs).append(").");
        }
        md.append("\n\n");
        if (!runLines.isEmpty()) {
            md.append("## Run\n\n");
            for (String l : runLines) {
                md.append("- ").append(l).append('\n');
            }
            md.append('\n');
        }

        List<BdRateReport> reports = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (RdPlan.Pair pair : pairs) {
            try {
                reports.add(BdRateReport.compute(points, pair.anchor(), pair.test()));
            } catch (IllegalArgumentException e) {
                skipped.add(pair.test() + " vs " + pair.anchor() + ": " + e.getMessage());
            }
        }
        md.append("## BD-rate summary\n\n");
        md.append("Mean over clips of the per-clip Bjontegaard delta (PCHIP over the overlapping range). BD-rate: "
                + "negative = the test needs fewer bits for the same PSNR. BD-PSNR: positive = higher PSNR-YUV at the "
                + "same rate.\n\n");
        if (reports.isEmpty()) {
            md.append("No comparison: the rows hold no Inlay series with an anchor series for the same clips.\n\n");
        } else {
            md.append("| test | anchor | clips | BD-rate Y | BD-rate U | BD-rate V | BD-rate YUV | BD-PSNR YUV |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (BdRateReport r : reports) {
                md.append("| ").append(r.test()).append(" | ").append(r.anchor()).append(" | ").append(r.rows().size());
                cells(md, r.mean());
            }
            md.append('\n');
        }
        for (String s : skipped) {
            md.append("Skipped: ").append(s).append("\n\n");
        }

        speed(md, points, clips, series, pairs);

        md.append("## BD-rate per clip\n\n");
        for (BdRateReport r : reports) {
            md.append("### ").append(r.test()).append(" against ").append(r.anchor()).append("\n\n");
            md.append("| clip | BD-rate Y | BD-rate U | BD-rate V | BD-rate YUV | BD-PSNR YUV |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            for (BdRateReport.Row row : r.rows()) {
                md.append("| ").append(row.clip());
                cells(md, row);
            }
            md.append("| **mean**");
            BdRateReport.Row m = r.mean();
            double[] b = m.bdRate();
            md.append(" | **").append(percent(b[0])).append("** | **").append(percent(b[1])).append("** | **")
                    .append(percent(b[2])).append("** | **").append(percent(b[3])).append("** | **")
                    .append(decibel(m.bdPsnrYuv())).append("** |\n\n");
            for (BdRateReport.Row row : r.rows()) {
                if (row.problem() != null) {
                    md.append("- ").append(row.clip()).append(": ").append(row.problem()).append('\n');
                }
            }
            if (!r.incomplete().isEmpty()) {
                md.append("- left out (rows of only one series): ").append(String.join(", ", r.incomplete())).append('\n');
            }
        }

        md.append("## Rate-distortion curves\n\n");
        md.append("PSNR-YUV against the rate of each series, one marker per QP.\n\n");
        Path plots = outDir.resolve(PLOTS);
        for (String clip : clips) {
            Map<String, List<RdPoint>> bySeries = new LinkedHashMap<>();
            for (RdPoint p : points) {
                if (p.clip().equals(clip)) {
                    bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
                }
            }
            String file = fileName(clip) + ".png";
            RdPlots.write(plots.resolve(file), clip, bySeries);
            md.append("### ").append(clip).append("\n\n![").append(clip).append("](").append(PLOTS).append('/')
                    .append(file).append(")\n\n");
        }
        Path tmp = outDir.resolve(REPORT + ".tmp");
        Files.writeString(tmp, md, StandardCharsets.UTF_8);
        Files.move(tmp, outDir.resolve(REPORT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Encode and decode speed per series and clip, and the ratios of each pair. */
    private static void speed(StringBuilder md, List<RdPoint> points, List<String> clips, List<String> series,
            List<RdPlan.Pair> pairs) {
        md.append("## Speed\n\n");
        md.append("Frames per second of wall-clock time over all QPs of a clip (frames / total seconds), measured "
                + "in the run that produced the row. Inlay encodes and decodes in-process (stream in memory); the "
                + "anchors' times are those of the x264/x265 and ffmpeg processes (reading the y4m, writing the "
                + "stream or the raw frames).\n\n");
        md.append("| series | frames | encode s | encode fps | decode s | decode fps |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (String s : series) {
            Totals t = totals(points, s, null);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %.1f | %s |%n", s, t.frames, t.encodeSeconds,
                    fps(t.encodeFps()), t.decodeSeconds, fps(t.decodeFps())));
        }
        md.append('\n');
        boolean anyRatio = false;
        StringBuilder ratios = new StringBuilder();
        ratios.append("| test | anchor | encode speed, test ÷ anchor | decode speed, test ÷ anchor |\n");
        ratios.append("|---|---|---:|---:|\n");
        for (RdPlan.Pair pair : pairs) {
            Set<String> common = new LinkedHashSet<>();
            for (String c : clips) {
                if (has(points, pair.test(), c) && has(points, pair.anchor(), c)) {
                    common.add(c);
                }
            }
            if (common.isEmpty()) {
                continue;
            }
            anyRatio = true;
            Totals t = totals(points, pair.test(), common);
            Totals a = totals(points, pair.anchor(), common);
            ratios.append("| ").append(pair.test()).append(" | ").append(pair.anchor()).append(" | ")
                    .append(ratio(t.encodeFps() / a.encodeFps())).append(" | ").append(ratio(t.decodeFps() / a.decodeFps()))
                    .append(" |\n");
        }
        if (anyRatio) {
            md.append(ratios).append('\n');
        }
        md.append("Per clip (encode fps, then decode fps):\n\n| clip |");
        for (String s : series) {
            md.append(" enc ").append(s).append(" |");
        }
        for (String s : series) {
            md.append(" dec ").append(s).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(2 * series.size())).append('\n');
        for (String c : clips) {
            md.append("| ").append(c).append(" |");
            List<Totals> ts = new ArrayList<>();
            for (String s : series) {
                ts.add(totals(points, s, Set.of(c)));
            }
            for (Totals t : ts) {
                md.append(' ').append(t.frames == 0 ? "" : fps(t.encodeFps())).append(" |");
            }
            for (Totals t : ts) {
                md.append(' ').append(t.frames == 0 ? "" : fps(t.decodeFps())).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private record Totals(int frames, double encodeSeconds, int encodeFrames, double decodeSeconds, int decodeFrames) {
        double encodeFps() {
            return encodeFrames / encodeSeconds;
        }

        double decodeFps() {
            return decodeFrames / decodeSeconds;
        }
    }

    /** Sums over the series' rows of the given clips (all clips when null); unknown times are left out. */
    private static Totals totals(List<RdPoint> points, String series, Set<String> clips) {
        int frames = 0;
        int encFrames = 0;
        int decFrames = 0;
        double enc = 0;
        double dec = 0;
        for (RdPoint p : points) {
            if (!p.series().equals(series) || (clips != null && !clips.contains(p.clip()))) {
                continue;
            }
            frames += p.frames();
            if (Double.isFinite(p.encodeSeconds())) {
                enc += p.encodeSeconds();
                encFrames += p.frames();
            }
            if (Double.isFinite(p.decodeSeconds())) {
                dec += p.decodeSeconds();
                decFrames += p.frames();
            }
        }
        return new Totals(frames, enc, encFrames, dec, decFrames);
    }

    private static boolean has(List<RdPoint> points, String series, String clip) {
        for (RdPoint p : points) {
            if (p.series().equals(series) && p.clip().equals(clip)) {
                return true;
            }
        }
        return false;
    }

    private static void cells(StringBuilder md, BdRateReport.Row r) {
        double[] b = r.bdRate();
        md.append(" | ").append(percent(b[0])).append(" | ").append(percent(b[1])).append(" | ").append(percent(b[2]))
                .append(" | ").append(percent(b[3])).append(" | ").append(decibel(r.bdPsnrYuv())).append(" |\n");
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f %%", v) : "n/a";
    }

    static String decibel(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f dB", v) : "n/a";
    }

    private static String fps(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v >= 1 ? String.format(Locale.ROOT, "%.2f×", v) : String.format(Locale.ROOT, "%.3f× (1/%.1f)", v, 1 / v);
    }

    /** A clip name as a file name: letters, digits, '-', '_' and '.' kept, anything else '_'. */
    static String fileName(String clip) {
        StringBuilder sb = new StringBuilder(clip.length());
        for (int i = 0; i < clip.length(); i++) {
            char c = clip.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return sb.toString();
    }
}
