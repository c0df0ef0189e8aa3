package io.inlay.bench.report;

import io.inlay.bench.rd.AnchorCodec;
import io.inlay.bench.rd.AnchorRunner;
import io.inlay.bench.rd.Clip;
import io.inlay.bench.rd.ClipChecksums;
import io.inlay.bench.rd.InlayConfig;
import io.inlay.bench.rd.InlayRunner;
import io.inlay.bench.rd.RdBatch;
import io.inlay.bench.rd.RdPlan;
import io.inlay.bench.rd.RdResult;
import io.inlay.cli.rd.BdRateReport;
import io.inlay.cli.rd.RdCsv;
import io.inlay.cli.rd.RdPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rate-distortion report: runs Inlay's configurations and the x264/x265 anchors over a set of
 * clips, writes the CSV ({@code rd.csv}), {@code report.md} and the RD-curve PNGs, and prints the
 * BD-rate tables. {@code scripts/rd-report.sh} is the front end; {@code --help} lists the options.
 */
public final class RdReport {
    static final String CSV = "rd.csv";

    private static final String USAGE = """
            usage: scripts/rd-report.sh [options]
              --clips LIST        clip names in the corpus or paths to .y4m files (default: every *.y4m in the corpus)
              --corpus DIR        where clip names are looked up (default: ../shared/corpus)
              --frames N          first N frames of each clip (default: 10)
              --qps LIST          QPs (default: 22,27,32,37)
              --configs LIST      Inlay configurations (default: random-access,all-intra; known: %s), each
                                  optionally with an encoder preset and encoder settings after it:
                                  random-access@ultrafast+maxCuSize=64 (EncoderConfig.Builder setters of
                                  an int, double, boolean or enum); the anchors run with each configuration's
                                  key-frame interval
              --anchors LIST      x264, x265 or none (default: x264,x265)
              --presets LIST      anchor presets, each its own series (default: medium; medium,slower adds the
                                  slower preset of x264 and x265)
              --anchor-threads N  threads of each anchor encoder and decoder; 0 = the tools' default (default: 1)
              --threads N         threads of each Inlay encoder and decoder (default: 1)
              --jobs N            encodes run at once (default: 2, one per core with --threads 1)
              --warmup SECONDS    encode the smallest clip for this long first, so the JIT has compiled Inlay
                                  before anything is timed (default: 15; 0 = none)
              --out DIR           where rd.csv, report.md and plots/ go (default: results)
              --work DIR          anchor cache (default: OUT/work/rd)
              --from-csv FILE     no encoding: write report.md and plots from an existing CSV
              -h, --help          this text
            LIST: values separated by commas or spaces.
            """;

    /** Parsed options. */
    record Options(List<String> clips, Path corpus, int frames, List<Integer> qps, List<String> configs,
            List<String> anchors, List<String> presets, int anchorThreads, int threads, int jobs, int warmup, Path out,
            Path work, Path fromCsv, List<String> args) {
    }

    /** A bad command line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private RdReport() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int rc;
        try {
            rc = run(args, System.out, System.err);
        } catch (UsageException e) {
            System.err.println("rd-report: " + e.getMessage());
            System.err.print(usage());
            rc = 2;
        }
        System.exit(rc);
    }

    /** Runs with {@code args}; returns the exit status (0 done, 1 failed). */
    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Options o = parse(args);
        if (o == null) {
            out.print(usage());
            return 0;
        }
        try {
            if (o.fromCsv() != null) {
                List<RdPoint> points = readCsv(o.fromCsv());
                Files.createDirectories(o.out());
                String link = o.out().toAbsolutePath().normalize().relativize(o.fromCsv().toAbsolutePath().normalize())
                        .toString();
                List<String> lines = List.of("regenerated from `" + o.fromCsv() + "` on "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (no encoding)");
                List<RdPlan.Pair> pairs = ReportWriter.allPairs(points);
                ReportWriter.write(o.out(), link, points, pairs, lines, docsLink(o.out()));
                printTables(out, points, pairs);
                err.println("rd: wrote " + o.out().resolve(ReportWriter.REPORT));
                return 0;
            }
            return runAll(o, out, err);
        } catch (IOException | RdBatch.BatchException | RuntimeException e) {
            err.println("rd-report: " + e.getMessage());
            if (!(e instanceof IOException) && !(e instanceof RdBatch.BatchException)) {
                e.printStackTrace(err);
            } else if (e.getCause() != null && !(e.getCause() instanceof IOException)) {
                e.getCause().printStackTrace(err);
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("rd-report: interrupted");
            return 1;
        }
    }

    private static int runAll(Options o, PrintStream out, PrintStream err)
            throws IOException, RdBatch.BatchException, InterruptedException {
        long t0 = System.nanoTime();
        List<Clip> clips = new ArrayList<>();
        for (Path p : resolveClips(o)) {
            clips.add(Clip.open(p, o.frames()));
        }
        List<InlayConfig> configs = o.configs().stream().map(InlayConfig::of).toList();
        List<AnchorCodec> anchors = o.anchors().stream().map(AnchorCodec::of).toList();
        RdPlan plan = new RdPlan(clips, configs, anchors, o.presets(), o.anchorThreads(), o.qps());
        Files.createDirectories(o.work());
        Path ignore = o.work().resolve(".gitignore");
        if (!Files.exists(ignore)) {
            // Decoded frames pass through here: keep it out of git whatever the repository's .gitignore says.
            Files.writeString(ignore, "*\n");
        }
        AnchorRunner anchorRunner = new AnchorRunner(o.work(), new ClipChecksums(o.work().resolve("checksums.tsv")));
        List<RdBatch.Job> jobs = plan.jobs(new InlayRunner(o.threads()), anchorRunner);
        err.printf(Locale.ROOT, "rd: %d clips x %d QPs, %d encodes (%d Inlay, %d anchor), %d at a time%n", clips.size(),
                o.qps().size(), jobs.size(), clips.size() * configs.size() * o.qps().size(),
                jobs.size() - clips.size() * configs.size() * o.qps().size(), o.jobs());
        warmUp(clips, configs, o.qps(), o.warmup(), o.jobs(), new InlayRunner(o.threads()), err);
        List<RdResult> results = new RdBatch(o.jobs(), err).run(jobs);
        double runSeconds = (System.nanoTime() - t0) * 1e-9;

        Files.createDirectories(o.out());
        Path csv = o.out().resolve(CSV);
        Path tmp = o.out().resolve(CSV + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            RdCsv.write(w, results.stream().map(RdResult::point).toList());
        }
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // The report is computed from the CSV as written, so --from-csv reproduces it exactly.
        List<RdPoint> points = readCsv(csv);
        List<String> lines = runLines(o, plan, results, runSeconds);
        ReportWriter.write(o.out(), CSV, points, plan.pairs(), lines, docsLink(o.out()));
        printTables(out, points, plan.pairs());
        err.printf(Locale.ROOT, "rd: wrote %s, %s and %s/ in %s%n", csv, o.out().resolve(ReportWriter.REPORT),
                o.out().resolve(ReportWriter.PLOTS), clock((System.nanoTime() - t0) * 1e-9));
        return 0;
    }

    /**
     * Encodes (and decodes) the first two frames of the smallest clip with every configuration,
     * cycling through the QPs on {@code threads} threads for {@code seconds}, so that the timed
     * encodes run compiled code. Results are discarded; a failure here fails the run.
     */
    private static void warmUp(List<Clip> clips, List<InlayConfig> configs, List<Integer> qps, int seconds, int threads,
            InlayRunner runner, PrintStream err) throws IOException, InterruptedException {
        if (seconds == 0 || configs.isEmpty()) {
            return;
        }
        Clip smallest = clips.getFirst();
        for (Clip c : clips) {
            if (c.lumaSamples() / c.frames() < smallest.lumaSamples() / smallest.frames()) {
                smallest = c;
            }
        }
        Clip clip = new Clip(smallest.path(), smallest.name(), smallest.format(), Math.min(2, smallest.frames()));
        err.printf(Locale.ROOT, "rd: warming up for %d s on %s%n", seconds, clip.name());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        IOException[] failure = new IOException[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread w = new Thread(null, () -> {
                try {
                    for (int i = first; System.nanoTime() < end; i++) {
                        runner.run(clip, configs.get(i % configs.size()), qps.get(i % qps.size()));
                    }
                } catch (IOException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "rd-warmup-" + t, 16L << 20);
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    private static void printTables(PrintStream out, List<RdPoint> points, List<RdPlan.Pair> pairs) {
        for (RdPlan.Pair p : pairs) {
            out.println("== " + p.test() + " vs " + p.anchor());
            try {
                out.print(BdRateReport.compute(points, p.anchor(), p.test()).format());
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage());
            }
        }
        out.flush();
    }

    private static List<RdPoint> readCsv(Path csv) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return RdCsv.read(in);
        } catch (IOException e) {
            throw new IOException(csv + ": " + e.getMessage(), e);
        }
    }

    /** The report's description of the run. */
    private static List<String> runLines(Options o, RdPlan plan, List<RdResult> results, double seconds) {
        List<String> l = new ArrayList<>();
        l.add("command: `scripts/rd-report.sh" + (o.args().isEmpty() ? "" : " " + String.join(" ", o.args())) + "`");
        l.add("date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", commit " + gitCommit());
        l.add("machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; Java "
                + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        l.add(String.format(Locale.ROOT, "%d clips, first %d frames (fewer if the clip is shorter), QPs %s",
                plan.clips().size(), o.frames(), o.qps().stream().map(String::valueOf).reduce((a, b) -> a + " " + b)
                        .orElse("")));
        for (InlayConfig c : plan.configs()) {
            l.add("inlay/" + c.name() + ": " + c.description() + "; in-process, "
                    + (o.threads() == 1 ? "one thread" : o.threads() + " threads") + " per encoder and decoder");
        }
        if (!plan.anchors().isEmpty()) {
            List<String> versions = new ArrayList<>();
            for (AnchorCodec a : plan.anchors()) {
                versions.add(toolVersion(List.of(a.codecName(), "--version"))
                        .replaceFirst("^HEVC encoder version", "x265"));
            }
            versions.add(toolVersion(List.of("ffmpeg", "-version")).replaceFirst(" Copyright.*", ""));
            l.add("anchors: " + String.join("; ", versions) + ". Presets " + String.join(", ", plan.presets())
                    + ", `--tune psnr`, key-frame interval of the configuration (above 1: `--no-scenecut`, the preset's "
                    + "B-frames and references), "
                    + (plan.anchorThreads() == 0 ? "the tools' default threads"
                            : plan.anchorThreads() + " thread" + (plan.anchorThreads() == 1 ? "" : "s")
                            + " per encoder and decoder"));
            Map<String, int[]> cached = new LinkedHashMap<>();
            for (RdResult r : results) {
                if (!r.point().codec().equals("inlay")) {
                    int[] c = cached.computeIfAbsent(r.point().series(), k -> new int[2]);
                    c[1]++;
                    if (r.cached()) {
                        c[0]++;
                    }
                }
            }
            List<String> parts = new ArrayList<>();
            cached.forEach((s, c) -> parts.add(s + " " + c[0] + " of " + c[1]));
            l.add("anchor rows from the cache (their times were measured by the run that encoded them): "
                    + String.join(", ", parts));
        }
        l.add(String.format(Locale.ROOT, "wall time of the encodes: %s with %d at a time", clock(seconds), o.jobs()));
        return l;
    }

    private static String gitCommit() {
        String head = toolVersion(List.of("git", "rev-parse", "--short", "HEAD"));
        if (head.startsWith("git:")) {
            return "unknown";
        }
        String status = toolOutput(List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return head + (status != null && !status.isBlank() ? " with uncommitted changes" : "");
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the architecture will do.
        }
        return System.getProperty("os.arch");
    }

    /** The first non-empty line a tool prints, or {@code tool: unavailable}. */
    private static String toolVersion(List<String> cmd) {
        String text = toolOutput(cmd);
        if (text != null) {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    return line.strip().replace("x265 [info]: ", "");
                }
            }
        }
        return cmd.getFirst() + ": unavailable";
    }

    private static String toolOutput(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] bytes;
            try (InputStream in = p.getInputStream()) {
                bytes = in.readNBytes(1 << 16);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** docs/benchmarking.md relative to the output directory, when the working directory is the repository. */
    private static String docsLink(Path outDir) {
        Path docs = Path.of("docs", "benchmarking.md").toAbsolutePath().normalize();
        if (!Files.exists(docs)) {
            return null;
        }
        return outDir.toAbsolutePath().normalize().relativize(docs).toString();
    }

    private static List<Path> resolveClips(Options o) throws IOException {
        List<Path> paths = new ArrayList<>();
        if (o.clips().isEmpty()) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(o.corpus(), "*.y4m")) {
                dir.forEach(paths::add);
            } catch (IOException e) {
                throw new IOException("corpus " + o.corpus() + ": " + e.getMessage(), e);
            }
            paths.sort(null);
            if (paths.isEmpty()) {
                throw new IOException("no *.y4m in " + o.corpus());
            }
            return paths;
        }
        for (String c : o.clips()) {
            Path p = Path.of(c);
            if (Files.isRegularFile(p)) {
                paths.add(p);
            } else if (Files.isRegularFile(o.corpus().resolve(c + ".y4m"))) {
                paths.add(o.corpus().resolve(c + ".y4m"));
            } else if (Files.isRegularFile(o.corpus().resolve(c))) {
                paths.add(o.corpus().resolve(c));
            } else {
                throw new IOException("no clip " + c + " (not a file, and not in " + o.corpus() + ")");
            }
        }
        return paths;
    }

    /** Parses the command line; null for --help. */
    static Options parse(String[] args) throws UsageException {
        List<String> clips = List.of();
        Path corpus = Path.of("..", "shared", "corpus");
        int frames = 10;
        List<Integer> qps = List.of(22, 27, 32, 37);
        List<String> configs = List.of(InlayConfig.RANDOM_ACCESS.name(), InlayConfig.ALL_INTRA.name());
        List<String> anchors = List.of("x264", "x265");
        List<String> presets = List.of("medium");
        int anchorThreads = 1;
        int threads = 1;
        int jobs = 2;
        int warmup = 15;
        Path out = Path.of("results");
        Path work = null;
        Path fromCsv = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            }
            String key = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                key = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException(a.startsWith("--") ? a + " needs a value" : "unexpected argument " + a);
                }
                value = args[++i];
            }
            switch (key) {
                case "--clips" -> clips = list(value);
                case "--corpus" -> corpus = Path.of(value);
                case "--frames" -> frames = positive(key, value, 1);
                case "--qps" -> {
                    List<Integer> q = new ArrayList<>();
                    for (String s : list(value)) {
                        q.add(positive(key, s, 0));
                    }
                    qps = q;
                }
                case "--configs" -> configs = list(value);
                case "--anchors" -> anchors = value.strip().equals("none") ? List.of() : list(value);
                case "--presets" -> presets = list(value);
                case "--anchor-threads" -> anchorThreads = positive(key, value, 0);
                case "--threads" -> threads = positive(key, value, 1);
                case "--jobs" -> jobs = positive(key, value, 1);
                case "--warmup" -> warmup = positive(key, value, 0);
                case "--out" -> out = Path.of(value);
                case "--work" -> work = Path.of(value);
                case "--from-csv" -> fromCsv = Path.of(value);
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (qps.isEmpty() || presets.isEmpty() && !anchors.isEmpty()) {
            throw new UsageException("--qps and --presets need at least one value");
        }
        try {
            configs.forEach(InlayConfig::of);
            anchors.forEach(AnchorCodec::of);
            for (int qp : qps) {
                if (qp > 51) {
                    throw new IllegalArgumentException("QP must be 0..51: " + qp);
                }
            }
            for (String p : presets) {
                new io.inlay.bench.rd.AnchorSettings(p, 1, anchorThreads);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (configs.isEmpty() && anchors.isEmpty() && fromCsv == null) {
            throw new UsageException("nothing to run: no configuration and no anchor");
        }
        return new Options(clips, corpus, frames, qps, configs, anchors, presets, anchorThreads, threads, jobs, warmup, out,
                work != null ? work : out.resolve("work").resolve("rd"), fromCsv, List.of(args));
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("[,\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static int positive(String key, String value, int min) throws UsageException {
        try {
            int v = Integer.parseInt(value.strip());
            if (v < min) {
                throw new UsageException(key + " must be at least " + min + ": " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(key + " needs a number: " + value);
        }
    }

    private static String usage() {
        return String.format(Locale.ROOT, USAGE, String.join(", ", InlayConfig.KNOWN.keySet()));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
