package io.inlay.bench.jmh;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.Picture;

import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding speed: the score is the time to decode one frame (ms/op; frames per second is
 * 1000 / score) of a stream encoded once per trial from the clip's first {@code frames} frames
 * at the given QP and configuration.
 *
 * <p>Each operation pushes the next packet (cycling) into one long-lived decoder and pulls its
 * picture. Set-up checks that the decoder reproduces the encoder's reconstruction of every
 * frame, so the benchmark never times a decoder that decodes wrongly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:InlineSmallCode=6000"})
public class DecodeBenchmark {
    /** Clip name (corpus first, then bundled clips; see {@link Clips}) or path to a y4m file. */
    @Param({"foreman_352x288_6f", "cars_320x240_10f"})
    public String clip;

    @Param({"22", "37"})
    public int qp;

    /** Encoder configuration of the stream; {@code all-intra} only so far. */
    @Param({"all-intra"})
    public String config;

    /** Frames encoded into the stream and decoded in turn. */
    @Param({"2"})
    public int frames;

    private Packet[] packets;
    private Decoder decoder;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException, BitstreamException {
        Clips.Frames loaded = Clips.read(clip, frames);
        Encoder encoder = Encoder.create(
                Clips.configuration(config, loaded.format(), qp).keepReconstruction(true).build());
        Picture[] recon = new Picture[frames];
        packets = new Packet[frames];
        for (int i = 0; i < frames; i++) {
            encoder.push(loaded.pictures()[i]);
            packets[i] = encoder.pull();
            recon[i] = encoder.pullReconstruction();
            if (packets[i] == null || recon[i] == null || encoder.pull() != null) {
                throw new IllegalStateException("configuration " + config
                        + " did not give exactly one packet and one reconstruction per frame");
            }
        }
        decoder = Decoder.create(encoder.sequenceHeader(), DecoderConfig.defaults());
        for (int i = 0; i < frames; i++) {
            Picture decoded = decodeNext();
            if (!decoded.sameSamples(recon[i])) {
                throw new IllegalStateException(clip + " QP " + qp + " frame " + i
                        + ": the decoder's output differs from the encoder's reconstruction");
            }
        }
        next = 0;
    }

    /** Decodes the next packet; the picture goes to JMH's blackhole. */
    @Benchmark
    public Picture decodeFrame() throws BitstreamException {
        return decodeNext();
    }

    private Picture decodeNext() throws BitstreamException {
        Packet p = packets[next];
        next = next + 1 == packets.length ? 0 : next + 1;
        decoder.push(p);
        Picture picture = decoder.pull();
        if (picture == null) {
            throw new IllegalStateException("no picture for packet POC " + p.poc());
        }
        return picture;
    }
}
