package io.inlay.bench.rd;

import io.inlay.cli.rd.RdCsv;
import io.inlay.cli.rd.RdPoint;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.metrics.FrameQuality;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes clips with x264 or x265 (external processes), decodes the streams with ffmpeg to raw
 * frames, and measures them against the source with Inlay's own readers and metrics, frame i
 * against frame i.
 *
 * <p>Results are cached under {@code <work>/anchors/<clip>/}: the key is the SHA-256 of the clip
 * file's contents ({@link ClipChecksums}), the encoder and decoder command lines (with the file
 * names replaced by placeholders) and {@link #METHOD}. A rerun finds the row it would produce
 * and skips the encode; changing the clip, a QP, the preset, the frame count or the thread count
 * encodes again. Each entry keeps the stream ({@code .264}/{@code .265}), the encoder's log, the
 * command lines ({@code .cmd}) and the result row ({@code .csv}); the decoded frames are deleted
 * once measured. Thread-safe: different jobs write different entries.
 */
public final class AnchorRunner {
    /** Changes when the way a result is measured changes, which invalidates every cached row. */
    static final String METHOD = "rd-anchor-1: ffmpeg rawvideo, QualityMeter per-frame mean";

    private static final String IN = "{input}";
    private static final String OUT = "{output}";

    private final Path work;
    private final ClipChecksums checksums;

    /**
     * @param work      the cache directory (created as needed)
     * @param checksums remembered clip checksums
     */
    public AnchorRunner(Path work, ClipChecksums checksums) {
        this.work = work;
        this.checksums = checksums;
    }

    /**
     * The row for {@code clip} coded by {@code codec} at {@code qp}: from the cache, or by running
     * the encoder and ffmpeg.
     *
     * @throws IOException if a tool is missing or fails, or the decoded frames do not match the
     *                     clip's frame count and geometry
     */
    public RdResult run(Clip clip, AnchorCodec codec, AnchorSettings settings, int qp) throws IOException {
        Entry e = entry(clip, codec, settings, qp);
        RdPoint cached = readCached(e, clip);
        if (cached != null) {
            return new RdResult(cached, true);
        }
        Files.createDirectories(e.dir);
        Path stream = e.file("." + codec.extension());
        Path streamTmp = e.file(".tmp." + codec.extension());
        Path raw = e.file(".yuv.tmp");
        Path log = e.file(".log");
        Files.deleteIfExists(log);
        try {
            long t0 = System.nanoTime();
            execute(substitute(e.encode, clip.path().toAbsolutePath().toString(), streamTmp.toString()), log);
            long t1 = System.nanoTime();
            Files.move(streamTmp, stream, StandardCopyOption.REPLACE_EXISTING);
            long t2 = System.nanoTime();
            execute(substitute(e.decode, stream.toString(), raw.toString()), log);
            long t3 = System.nanoTime();
            VideoFormat rawFormat = VideoFormat.of(clip.format().width(), clip.format().height(), clip.format().bitDepth());
            long expected = rawFormat.frameBytes() * clip.frames();
            long size = Files.size(raw);
            if (size != expected) {
                throw new IOException("ffmpeg decoded " + stream + " to " + size + " bytes, expected " + clip.frames()
                        + " frames of " + rawFormat.frameBytes() + " (" + expected + "); see " + log);
            }
            FrameQuality q;
            try (VideoReader decoded = VideoFiles.openReader(raw, rawFormat)) {
                q = Quality.measure(clip, decoded, stream.toString());
            }
            RdPoint p = new RdPoint(codec.codecName(), settings.config(), clip.name(), qp, Files.size(stream),
                    clip.frames(), clip.frameRate(), q.psnrY(), q.psnrU(), q.psnrV(), q.psnrYuv(), q.ssimY(),
                    (t1 - t0) * 1e-9, (t3 - t2) * 1e-9);
            writeAtomically(e.file(".cmd"), String.join(" ", e.encode) + "\n" + String.join(" ", e.decode) + "\n"
                    + "# " + METHOD + "\n# clip sha256 " + e.clipSha + "\n# measured " + Instant.now() + "\n");
            StringWriter row = new StringWriter();
            RdCsv.write(row, List.of(p));
            writeAtomically(e.file(".csv"), row.toString());
            // The row must read back as it is returned, so a cached rerun reports the same numbers.
            return new RdResult(RdCsv.read(new BufferedReader(new StringReader(row.toString()))).getFirst(), false);
        } finally {
            Files.deleteIfExists(raw);
            Files.deleteIfExists(streamTmp);
        }
    }

    /** True when {@link #run} would return a cached row without running anything. */
    public boolean isCached(Clip clip, AnchorCodec codec, AnchorSettings settings, int qp) throws IOException {
        return readCached(entry(clip, codec, settings, qp), clip) != null;
    }

    /** The cache entry of one encode. */
    private record Entry(Path dir, String base, List<String> encode, List<String> decode, String clipSha) {
        Path file(String suffix) {
            return dir.resolve(base + suffix);
        }
    }

    private Entry entry(Clip clip, AnchorCodec codec, AnchorSettings settings, int qp) throws IOException {
        String sha = checksums.sha256(clip.path());
        List<String> encode = codec.encodeCommand(IN, OUT, qp, clip.frames(), settings);
        List<String> decode = AnchorCodec.decodeCommand(IN, OUT, settings.threads());
        String key = ClipChecksums.hash(sha + "\n" + String.join(" ", encode) + "\n" + String.join(" ", decode)
                + "\n" + METHOD);
        String base = codec.codecName() + "_" + settings.config() + "_q" + qp + "_" + clip.frames() + "f_"
                + key.substring(0, 16);
        return new Entry(work.resolve("anchors").resolve(clip.name()), base, encode, decode, sha);
    }

    /** The cached row, renamed to the clip's current name; null when absent or unreadable. */
    private static RdPoint readCached(Entry e, Clip clip) {
        Path csv = e.file(".csv");
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<RdPoint> rows = RdCsv.read(in);
            if (rows.size() != 1) {
                return null;
            }
            RdPoint p = rows.getFirst();
            return new RdPoint(p.codec(), p.config(), clip.name(), p.qp(), p.bytes(), p.frames(), p.fps(), p.psnrY(),
                    p.psnrU(), p.psnrV(), p.psnrYuv(), p.ssim(), p.encodeSeconds(), p.decodeSeconds());
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private static List<String> substitute(List<String> template, String input, String output) {
        List<String> cmd = new ArrayList<>(template.size());
        for (String s : template) {
            cmd.add(s.equals(IN) ? input : s.equals(OUT) ? output : s);
        }
        return cmd;
    }

    /** Runs a command with stdout and stderr appended to {@code log}; a failure quotes the log's end. */
    private static void execute(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.getFirst() + " (" + e.getMessage() + "): install x264, x265 and "
                    + "ffmpeg (apt-get install x264 x265 ffmpeg), or run scripts/rd-report.sh, which does", e);
        }
        int rc;
        try {
            rc = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (rc != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
            throw new IOException(String.join(" ", cmd) + " failed (exit " + rc + "):\n" + tail);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The cache file that holds (or will hold) the row of this encode; for tests. */
    Path cachedRow(Clip clip, AnchorCodec codec, AnchorSettings settings, int qp) throws IOException {
        return entry(clip, codec, settings, qp).file(".csv");
    }
}
