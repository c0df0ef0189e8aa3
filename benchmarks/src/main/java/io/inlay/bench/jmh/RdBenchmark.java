package io.inlay.bench.jmh;

import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
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
 * Rate-distortion benchmark: the score is the time to encode the clip's first {@code frames}
 * frames as one sequence (ms/op; divide by {@code frames} for the time per frame) for a clip, QP
 * and configuration; bits per frame, PSNR-YUV and SSIM come out as auxiliary counters
 * ({@link RdCounters}).
 *
 * <p>The frames are read into memory once per trial. Each operation pushes all of them into a
 * new encoder (created before the operation, untimed), flushes it and pulls every packet: with
 * random access the encoder holds pictures back until their mini-GOP is complete and emits
 * packets in coding order, so only a whole sequence is the same work from one operation to the
 * next, whatever the configuration. After each operation, outside the timed region (a
 * {@link Level#Invocation} tear-down, which JMH does not count), each packet is framed as the
 * container would store it to count its bits, and the encoder's reconstructions (display order)
 * are measured against the source.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkOptions.ADD_MODULES, ForkOptions.INLINE_SMALL_CODE, ForkOptions.QUIET,
        ForkOptions.CORE_KERNELS, ForkOptions.NEURAL_KERNELS, ForkOptions.LANES_SUM})
public class RdBenchmark {
    /** Clip name (corpus first, then bundled clips; see {@link Clips}) or path to a y4m file. */
    @Param({"foreman_352x288_6f", "cars_320x240_10f"})
    public String clip;

    @Param({"22", "27", "32", "37"})
    public int qp;

    /** Encoder configuration, as in the rate-distortion report ({@code io.inlay.bench.rd.InlayConfig}). */
    @Param({"all-intra", "random-access", "low-delay"})
    public String config;

    /** Frames read into memory and encoded as one sequence per operation (9: key frame and one mini-GOP of 8). */
    @Param({"2"})
    public int frames;

    private Picture[] pictures;
    private EncoderConfig encoderConfig;
    private Encoder encoder;
    private Packet[] packets;
    private int packetCount;
    private ContainerWriter container;
    private QualityMeter meter;
    private RdCounters lastCounters;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Clips.Frames loaded = Clips.read(clip, frames);
        pictures = loaded.pictures();
        encoderConfig = Clips.configuration(config, loaded.format(), qp).keepReconstruction(true).build();
        packets = new Packet[frames];
        container = new ContainerWriter(OutputStream.nullOutputStream());
        container.writeSequenceHeader(Encoder.create(encoderConfig).sequenceHeader());
        meter = new QualityMeter();
    }

    /** Untimed: a new encoder for the next sequence. */
    @Setup(Level.Invocation)
    public void newEncoder() {
        encoder = Encoder.create(encoderConfig);
        packetCount = 0;
    }

    /** Encodes the loaded frames as one sequence; returns the packet count (for JMH's blackhole). */
    @Benchmark
    public int encodeFrames(RdCounters counters) {
        lastCounters = counters;
        for (Picture p : pictures) {
            encoder.push(p);
            pullPackets();
        }
        encoder.flush();
        pullPackets();
        return packetCount;
    }

    private void pullPackets() {
        for (Packet p; (p = encoder.pull()) != null; ) {
            if (packetCount == packets.length) {
                throw new IllegalStateException("configuration " + config + " gave more packets than " + frames
                        + " frames");
            }
            packets[packetCount++] = p;
        }
    }

    /**
     * Untimed: counts each frame's bits and measures its reconstruction. (The counters come
     * through the benchmark method: JMH rejects an aux-counter state injected twice.) The packet
     * of display frame i is the one with POC i.
     */
    @TearDown(Level.Invocation)
    public void measureFrames() throws IOException {
        if (packetCount != frames) {
            throw new IllegalStateException("configuration " + config + " gave " + packetCount + " packets for "
                    + frames + " frames");
        }
        long[] bits = new long[frames];
        for (int i = 0; i < packetCount; i++) {
            Packet p = packets[i];
            if (p.poc() >= frames || bits[p.poc()] != 0) {
                throw new IllegalStateException("configuration " + config + ": packet POC " + p.poc()
                        + " repeated or not below " + frames);
            }
            long before = container.bytesWritten();
            container.writePacket(p);
            bits[p.poc()] = 8 * (container.bytesWritten() - before);
            packets[i] = null;
        }
        for (int i = 0; i < frames; i++) {
            Picture recon = encoder.pullReconstruction();
            if (recon == null) {
                throw new IllegalStateException("configuration " + config + " gave " + i + " reconstructions for "
                        + frames + " frames");
            }
            lastCounters.add(i, bits[i], meter.measure(pictures[i], recon));
        }
        if (encoder.pullReconstruction() != null) {
            throw new IllegalStateException("configuration " + config + " gave more reconstructions than frames");
        }
    }
}
