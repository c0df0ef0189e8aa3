package io.inlay.bench.jmh;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.Picture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding speed: the score is the time to decode one frame (ms/op; frames per second is
 * 1000 / score) of a stream encoded once per trial from the clip's first {@code frames} frames
 * at the given QP and configuration.
 *
 * <p>Each operation pushes the next packet (coding order) into the decoder and pulls the pictures
 * it makes ready (display order; with random access a picture may come out several packets
 * later); the operation that pushes the last packet also flushes the decoder. The stream then
 * starts again with a new decoder, created outside the timed region (a {@link Level#Invocation}
 * tear-down), since inter frames depend on the ones decoded before them. Averaged over whole
 * passes the score is the time per frame; with inter configurations single operations differ
 * (a key frame takes longer than a B frame), so use enough operations per iteration that the
 * partial pass at the end of an iteration does not matter. Set-up checks that the decoder
 * reproduces the encoder's reconstruction of every frame, so the benchmark never times a decoder
 * that decodes wrongly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkOptions.ADD_MODULES, ForkOptions.INLINE_SMALL_CODE, ForkOptions.QUIET,
        ForkOptions.CORE_KERNELS, ForkOptions.NEURAL_KERNELS, ForkOptions.LANES_SUM})
public class DecodeBenchmark {
    /** Clip name (corpus first, then bundled clips; see {@link Clips}) or path to a y4m file. */
    @Param({"foreman_352x288_6f", "cars_320x240_10f"})
    public String clip;

    @Param({"22", "37"})
    public int qp;

    /** Encoder configuration of the stream, as in the rate-distortion report ({@code io.inlay.bench.rd.InlayConfig}). */
    @Param({"all-intra", "random-access", "low-delay"})
    public String config;

    /** Frames encoded into the stream and decoded in turn. */
    @Param({"2"})
    public int frames;

    private SequenceHeader header;
    private Packet[] packets;
    private Decoder decoder;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException, BitstreamException {
        Clips.Frames loaded = Clips.read(clip, frames);
        Encoder encoder = Encoder.create(
                Clips.configuration(config, loaded.format(), qp).keepReconstruction(true).build());
        header = encoder.sequenceHeader();
        List<Packet> coded = new ArrayList<>();
        List<Picture> recon = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            encoder.push(loaded.pictures()[i]);
            drain(encoder, coded, recon);
        }
        encoder.flush();
        drain(encoder, coded, recon);
        if (coded.size() != frames || recon.size() != frames) {
            throw new IllegalStateException("configuration " + config + " gave " + coded.size() + " packets and "
                    + recon.size() + " reconstructions for " + frames + " frames");
        }
        packets = coded.toArray(Packet[]::new);
        decoder = Decoder.create(header, DecoderConfig.defaults());
        List<Picture> decoded = new ArrayList<>();
        for (Packet p : packets) {
            decoder.push(p);
            for (Picture pic; (pic = decoder.pull()) != null; ) {
                decoded.add(pic);
            }
        }
        decoder.flush();
        for (Picture pic; (pic = decoder.pull()) != null; ) {
            decoded.add(pic);
        }
        if (decoded.size() != frames) {
            throw new IllegalStateException(clip + " QP " + qp + ": the decoder output " + decoded.size()
                    + " pictures for " + frames + " packets");
        }
        for (int i = 0; i < frames; i++) {
            if (!decoded.get(i).sameSamples(recon.get(i))) {
                throw new IllegalStateException(clip + " QP " + qp + " frame " + i
                        + ": the decoder's output differs from the encoder's reconstruction");
            }
        }
        decoder = Decoder.create(header, DecoderConfig.defaults());
        next = 0;
    }

    private static void drain(Encoder encoder, List<Packet> coded, List<Picture> recon) {
        for (Packet p; (p = encoder.pull()) != null; ) {
            coded.add(p);
        }
        for (Picture r; (r = encoder.pullReconstruction()) != null; ) {
            recon.add(r);
        }
    }

    /** Decodes the next packet; the pictures it makes ready go to JMH's blackhole. */
    @Benchmark
    public void decodeFrame(Blackhole bh) throws BitstreamException {
        decoder.push(packets[next]);
        if (next == packets.length - 1) {
            decoder.flush();
        }
        for (Picture picture; (picture = decoder.pull()) != null; ) {
            bh.consume(picture);
        }
        next++;
    }

    /** Untimed: after the last packet, a new decoder for the next pass over the stream. */
    @TearDown(Level.Invocation)
    public void wrap() throws BitstreamException {
        if (next == packets.length) {
            decoder = Decoder.create(header, DecoderConfig.defaults());
            next = 0;
        }
    }
}
