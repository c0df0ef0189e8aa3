package io.inlay.bench.jmh;

import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.Picture;
import io.inlay.core.metrics.QualityMeter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rate-distortion benchmark: the score is the time to encode one frame (ms/op) for a clip, QP
 * and configuration; bits per frame, PSNR-YUV and SSIM come out as auxiliary counters
 * ({@link RdCounters}).
 *
 * <p>The first {@code frames} frames of the clip are read into memory once per trial; each
 * operation pushes the next one (cycling) into one long-lived encoder and pulls its packet. After
 * each operation, outside the timed region (a {@link Level#Invocation} tear-down, which JMH does
 * not count), the packet is framed as the container would store it to count its bits, and the
 * encoder's reconstruction is measured against the source. All-intra frames do not depend on
 * one another, so every operation is the same kind of work whatever frame came before.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:InlineSmallCode=6000"})
public class RdBenchmark {
    /** Clip name (corpus first, then bundled clips; see {@link Clips}) or path to a y4m file. */
    @Param({"foreman_352x288_6f", "cars_320x240_10f"})
    public String clip;

    @Param({"22", "27", "32", "37"})
    public int qp;

    /** Encoder configuration; {@code all-intra} only so far. */
    @Param({"all-intra"})
    public String config;

    /** Frames read into memory and encoded in turn. */
    @Param({"2"})
    public int frames;

    private Picture[] pictures;
    private Encoder encoder;
    private ContainerWriter container;
    private QualityMeter meter;
    private int next;
    private int lastIndex;
    private Packet lastPacket;
    private RdCounters lastCounters;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Clips.Frames loaded = Clips.read(clip, frames);
        pictures = loaded.pictures();
        encoder = Encoder.create(Clips.configuration(config, loaded.format(), qp).keepReconstruction(true).build());
        container = new ContainerWriter(OutputStream.nullOutputStream());
        container.writeSequenceHeader(encoder.sequenceHeader());
        meter = new QualityMeter();
        next = 0;
    }

    /** Encodes the next loaded frame; the packet goes to JMH's blackhole. */
    @Benchmark
    public Packet encodeFrame(RdCounters counters) {
        lastIndex = next;
        next = next + 1 == pictures.length ? 0 : next + 1;
        encoder.push(pictures[lastIndex]);
        lastCounters = counters;
        lastPacket = encoder.pull();
        return lastPacket;
    }

    /**
     * Untimed: counts the frame's bits and measures its reconstruction. (The counters come
     * through the benchmark method: JMH rejects an aux-counter state injected twice.)
     */
    @TearDown(Level.Invocation)
    public void measureFrame() throws IOException {
        Picture recon = encoder.pullReconstruction();
        if (lastPacket == null || recon == null || encoder.pull() != null) {
            throw new IllegalStateException("configuration " + config
                    + " did not give exactly one packet and one reconstruction per frame");
        }
        long before = container.bytesWritten();
        container.writePacket(lastPacket);
        long bits = 8 * (container.bytesWritten() - before);
        lastCounters.add(lastIndex, bits, meter.measure(pictures[lastIndex], recon));
        lastPacket = null;
    }
}
