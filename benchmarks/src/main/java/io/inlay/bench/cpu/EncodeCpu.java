package io.inlay.bench.cpu;

import io.inlay.bench.rd.InlayConfig;
import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.Preset;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.metrics.QualityMeter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Steady-state encoder CPU time on one thread (docs/presets.md, "Fifth round"): encodes the first
 * frames of a clip {@code warmups} times (the JIT compiles meanwhile), then {@code runs} more
 * times, each measured by the encoding thread's CPU time, which a busy machine disturbs far less
 * than wall time. Prints bytes (frame payloads), PSNR-YUV (6:1:1) and CPU seconds per run, and at
 * the end the CPU time of every JVM thread group (above 0.05 s) read from {@code /proc/self/task} (Linux), so the
 * JIT compilers' share can be seen. The neural filter is off; {@code name=value} arguments call
 * the {@link EncoderConfig.Builder} setter of that name after the preset
 * ({@link InlayConfig#configure}), e.g. {@code splitSkipRatio=0}.
 *
 * <p>{@code scripts/encode-cpu.sh INPUT.y4m PRESET FRAMES WARMUPS RUNS QP [name=value ...]}
 */
public final class EncodeCpu {
    private EncodeCpu() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: EncodeCpu INPUT.y4m PRESET FRAMES WARMUPS RUNS QP [name=value ...]");
            System.exit(2);
        }
        VideoFormat f;
        List<Picture> pics = new ArrayList<>();
        try (VideoReader r = VideoFiles.openReader(args[0], null)) {
            f = r.format();
            for (int i = Integer.parseInt(args[2]); i > 0; i--) {
                Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                if (!r.read(p)) {
                    break;
                }
                pics.add(p);
            }
        }
        Preset preset = Preset.of(args[1]);
        int warmups = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        int qp = Integer.parseInt(args[5]);
        List<String> settings = List.of(args).subList(6, args.length);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < warmups + runs; run++) {
            EncoderConfig.Builder b = EncoderConfig.builder(f.width(), f.height()).bitDepth(f.bitDepth())
                    .chromaFormat(f.chromaFormat()).qp(qp).threads(1).preset(preset).neuralFilter(false)
                    .keepReconstruction(true);
            for (String s : settings) {
                InlayConfig.configure(b, s);
            }
            EncoderConfig cfg = b.build();
            long t0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long process0 = os.getProcessCpuTime();
            long bytes = 0;
            List<Picture> recons = new ArrayList<>();
            try (Encoder enc = Encoder.create(cfg)) {
                for (Picture p : pics) {
                    enc.push(p);
                    bytes += drain(enc, recons);
                }
                enc.flush();
                bytes += drain(enc, recons);
            }
            double cpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            double process = (os.getProcessCpuTime() - process0) / 1e9;
            System.out.printf(Locale.ROOT,
                    "%s %s %s qp %d: %d bytes, PSNR-YUV %.4f dB, %.3f s CPU (%.2f frames/s); %.3f s wall, %.3f s process CPU%n",
                    run < warmups ? "warm-up" : "run", preset.label(), String.join(",", settings), qp, bytes,
                    QualityMeter.meanOf(pics, recons).psnrYuv(), cpu, pics.size() / cpu, wall, process);
        }
        threadCpu().forEach((name, s) -> {
            if (s >= 0.05) {
                System.out.printf(Locale.ROOT, "  thread %-18s %7.2f s%n", name, s);
            }
        });
    }

    private static long drain(Encoder enc, List<Picture> recons) {
        long bytes = 0;
        for (Packet p; (p = enc.pull()) != null; ) {
            bytes += p.payload().length;
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
        return bytes;
    }

    /** CPU seconds per thread name (trailing digits dropped, so a pool is one line); empty off Linux. */
    private static Map<String, Double> threadCpu() throws IOException {
        Map<String, Double> byName = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return byName;
        }
        try (Stream<Path> ts = Files.list(tasks)) {
            for (Path t : ts.toList()) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+$", "");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (USER_HZ = 100 on Linux)
                    double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    byName.merge(name, s, Double::sum);
                } catch (IOException e) {
                    // the thread ended while we read it
                }
            }
        }
        return byName;
    }
}
