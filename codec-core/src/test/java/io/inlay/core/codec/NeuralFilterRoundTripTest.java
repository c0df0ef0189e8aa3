package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.neural.InLoopFilterProvider;
import io.inlay.core.neural.NeuralOptions;
import io.inlay.core.neural.TestFilterProvider;
import io.inlay.core.neural.TestNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The neural loop filter end to end (docs/bitstream/neural-filter.md), with the test-only
 * {@link TestNetwork} injected as provider: the encoder's reconstruction equals the decoder's
 * output bit for bit with the filter on, for every GOP structure, odd sizes and high bit depths;
 * the per-frame scales and per-CTU flags actually vary; a stream whose model is missing is refused
 * with the typed error; executors are closed with the encoder and decoder.
 */
class NeuralFilterRoundTripTest {
    /** The tool flags of the builder's default random access besides the filter's. */
    private static final long DEFAULT_BI_TOOLS = SequenceHeaderSyntax.TOOL_BI_FLOW | SequenceHeaderSyntax.TOOL_BI_WEIGHTS;

    /** What a round trip saw: bytes, and the NLF use of every frame in coding order. */
    record Result(long bytes, List<Decoder.NeuralFilterUsage> usage, List<Picture> output) {
        int framesWithFilter() {
            return (int) usage.stream().filter(u -> u.lumaScale() != 0 || u.chromaScale() != 0).count();
        }

        boolean someCtusOnSomeOff() {
            boolean on = false;
            boolean off = false;
            for (Decoder.NeuralFilterUsage u : usage) {
                if (u.lumaScale() != 0) {
                    on |= u.lumaOn() > 0;
                    off |= u.lumaOn() < u.ctus();
                }
                if (u.chromaScale() != 0) {
                    on |= u.chromaOn() > 0;
                    off |= u.chromaOn() < u.ctus();
                }
            }
            return on && off;
        }
    }

    static Result roundTrip(Picture src, EncoderConfig cfg, int frames, InLoopFilterProvider decoderProvider)
            throws BitstreamException {
        List<Packet> packets = new ArrayList<>();
        List<Picture> recons = new ArrayList<>();
        SequenceHeader sh;
        try (Encoder enc = Encoder.create(cfg)) {
            sh = enc.sequenceHeader();
            for (int f = 0; f < frames; f++) {
                enc.push(RoundTripTest.shifted(src, f));
                drain(enc, packets, recons);
            }
            enc.flush();
            drain(enc, packets, recons);
        }
        assertEquals(frames, packets.size());
        long bytes = 0;
        List<Picture> out = new ArrayList<>();
        List<Decoder.NeuralFilterUsage> usage = new ArrayList<>();
        try (Decoder dec = Decoder.create(sh, DecoderConfig.defaults().withFilterProviders(List.of(decoderProvider)))) {
            for (Packet p : packets) {
                bytes += p.payload().length;
                dec.push(p);
                Decoder.NeuralFilterUsage u = dec.lastNeuralFilterUsage();
                assertNotNull(u);
                FrameHeader fh = FrameHeader.parse(p, true);
                assertEquals(fh.nlfLumaScale(), u.lumaScale());
                assertEquals(fh.nlfChromaScale(), u.chromaScale());
                usage.add(u);
                for (Picture pic; (pic = dec.pull()) != null; ) {
                    out.add(pic);
                }
            }
            dec.flush();
            for (Picture pic; (pic = dec.pull()) != null; ) {
                out.add(pic);
            }
        }
        assertEquals(frames, out.size());
        for (int f = 0; f < frames; f++) {
            assertTrue(out.get(f).sameSamples(recons.get(f)),
                    "decoder output differs from encoder reconstruction, display frame " + f);
        }
        return new Result(bytes, usage, out);
    }

    private static void drain(Encoder enc, List<Packet> packets, List<Picture> recons) {
        for (Packet p; (p = enc.pull()) != null; ) {
            packets.add(p);
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3}-bit {4} frames qp {5} {6}")
    @CsvSource({
        "ALL_INTRA, 136, 72, 8, 2, 37, smoothing",
        "RANDOM_ACCESS, 136, 72, 8, 6, 37, smoothing",
        "LOW_DELAY, 136, 72, 8, 4, 34, smoothing",
        "LOW_DELAY_P, 100, 37, 8, 4, 40, smoothing",
        "RANDOM_ACCESS, 67, 35, 10, 5, 32, smoothing",
        "ALL_INTRA, 17, 9, 8, 2, 42, smoothing",
        "LOW_DELAY, 130, 70, 12, 3, 30, smoothing",
        "ALL_INTRA, 1, 1, 8, 1, 51, smoothing",
        "ALL_INTRA, 72, 40, 8, 1, 32, twoLayer",
        "RANDOM_ACCESS, 67, 35, 10, 4, 37, twoLayer",
        "LOW_DELAY_P, 40, 24, 12, 3, 27, twoLayer",
    })
    void encoderReconstructionEqualsDecoderOutputWithTheFilter(GopStructure gop, int w, int h, int bitDepth,
                                                               int frames, int qp, String network)
            throws BitstreamException {
        long seed = 31L * w + h + bitDepth;
        for (int kind = 0; kind < 2; kind++) {
            Picture src = kind == 0 ? RoundTripTest.synthetic(w, h, bitDepth, seed)
                    : RoundTripTest.noise(w, h, bitDepth, seed);
            TestFilterProvider p = network.equals("smoothing") ? TestFilterProvider.smoothing()
                    : new TestFilterProvider(() -> TestNetwork.twoLayer(seed));
            EncoderConfig cfg = EncoderConfig.builder(w, h).bitDepth(bitDepth).qp(qp).gop(gop).keyint(8)
                    .gopSize(4).keepReconstruction(true).filterProviders(List.of(p)).build();
            assertTrue(cfg.neuralFilter(), "on by default when a provider offers a model");
            Result r = roundTrip(src, cfg, frames, p);
            assertEquals(frames, r.usage().size());
            // the encoder runs the network on every frame, the decoder on those with a scale
            assertEquals(2, p.opened().size());
            assertEquals(frames, p.opened().get(0).runs(), "encoder runs");
            assertEquals(r.framesWithFilter(), p.opened().get(1).runs(), "decoder runs");
            assertTrue(p.opened().get(0).closed() && p.opened().get(1).closed(), "executors closed");
        }
    }

    @Test
    void scalesAndCtuFlagsVaryAndTheFilterIsUsed() throws BitstreamException {
        // 5x3 CTUs of gradients, edges and noise at a QP where the smoothing correction pays in places
        TestFilterProvider p = TestFilterProvider.smoothing();
        Picture src = RoundTripTest.synthetic(320, 192, 8, 77);
        EncoderConfig cfg = EncoderConfig.builder(320, 192).qp(37).gop(GopStructure.RANDOM_ACCESS).gopSize(4)
                .keepReconstruction(true).filterProviders(List.of(p)).build();
        Result r = roundTrip(src, cfg, 5, p);
        assertTrue(r.framesWithFilter() > 0, "no frame uses the filter: " + r.usage());
        assertTrue(r.someCtusOnSomeOff(), "CTU flags do not vary: " + r.usage());
        java.util.Set<Integer> scales = new java.util.TreeSet<>();
        for (Decoder.NeuralFilterUsage u : r.usage()) {
            scales.add(u.lumaScale());
            scales.add(u.chromaScale());
        }
        assertTrue(scales.size() >= 2, "one scale everywhere: " + r.usage());
    }

    @Test
    void sequenceHeaderNamesTheModelAndTheFilterCanBeSwitchedOff() throws BitstreamException {
        TestFilterProvider p = TestFilterProvider.smoothing();
        byte[] id = p.models().getFirst();
        EncoderConfig on = EncoderConfig.builder(64, 64).filterProviders(List.of(p)).build();
        try (Encoder enc = Encoder.create(on)) {
            SequenceHeader sh = enc.sequenceHeader();
            // the builder's defaults: random access with the bi-prediction refinement and weights on
            assertEquals(SequenceHeaderSyntax.TOOL_NEURAL_LOOP_FILTER | DEFAULT_BI_TOOLS, sh.toolFlags());
            assertEquals(1, sh.neuralModels().size());
            assertArrayEquals(id, sh.neuralModels().getFirst());
            assertTrue(enc.neuralFilterDescription().contains("test network"));
        }
        EncoderConfig off = EncoderConfig.builder(64, 64).filterProviders(List.of(p)).neuralFilter(false).build();
        assertFalse(off.neuralFilter());
        try (Encoder enc = Encoder.create(off)) {
            assertEquals(DEFAULT_BI_TOOLS, enc.sequenceHeader().toolFlags());
            assertTrue(enc.sequenceHeader().neuralModels().isEmpty());
            assertNull(enc.neuralFilterDescription());
        }
        // no provider: off by default, and "on" is a configuration error with a clear message
        assertFalse(EncoderConfig.builder(64, 64).filterProviders(List.of()).build().neuralFilter());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncoderConfig.builder(64, 64).filterProviders(List.of()).neuralFilter(true).build());
        assertTrue(e.getMessage().contains("no neural loop-filter provider offers a model"), e.getMessage());
        // a model no provider can open
        EncoderConfig unknown = EncoderConfig.builder(64, 64).filterProviders(List.of(p))
                .neuralModel(TestNetwork.idOf("nothing")).build();
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> Encoder.create(unknown));
        assertTrue(open.getMessage().contains("is not available"), open.getMessage());
        // the options reach the provider
        EncoderConfig java = EncoderConfig.builder(64, 64).filterProviders(List.of(p))
                .neuralOptions(new NeuralOptions(NeuralOptions.Runtime.JAVA, 2)).build();
        Encoder.create(java).close();
        assertEquals(new NeuralOptions(NeuralOptions.Runtime.JAVA, 2), p.options().getLast());
    }

    @Test
    void aStreamWhoseModelIsMissingIsRefusedWithTheOffsetOfItsIdentifier() throws IOException {
        TestFilterProvider p = TestFilterProvider.smoothing();
        EncoderConfig cfg = EncoderConfig.builder(72, 40).qp(37).gop(GopStructure.ALL_INTRA)
                .filterProviders(List.of(p)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Encoder enc = Encoder.create(cfg); ContainerWriter w = new ContainerWriter(bytes)) {
            w.writeSequenceHeader(enc.sequenceHeader());
            enc.push(RoundTripTest.synthetic(72, 40, 8, 5));
            enc.flush();
            w.writePacket(enc.pull());
        }
        byte[] stream = bytes.toByteArray();
        byte[] id = p.models().getFirst();
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT)) {
            SequenceHeader sh = in.readSequenceHeader();
            // another provider's model only
            TestFilterProvider other = new TestFilterProvider(() -> TestNetwork.smoothing(5, 0));
            BitstreamException e = assertThrows(BitstreamException.class, () -> Decoder.create(sh,
                    DecoderConfig.defaults().withFilterProviders(List.of(other)), in.sequenceHeaderOffset()));
            assertEquals("neural model " + HexFormat.of().formatHex(id) + " is not available", e.rule());
            long at = in.sequenceHeaderOffset() + SequenceHeaderSyntax.FIXED_SIZE;
            assertEquals(at, e.offset());
            // the identifier really is there
            for (int i = 0; i < 32; i++) {
                assertEquals(id[i], stream[(int) at + i]);
            }
            assertTrue(other.opened().isEmpty());
            // without an offset: relative to sequence_header()
            assertEquals(SequenceHeaderSyntax.FIXED_SIZE, assertThrows(BitstreamException.class,
                    () -> Decoder.create(sh, DecoderConfig.defaults().withFilterProviders(List.of()))).offset());
            // with the model, it decodes
            try (Decoder dec = Decoder.create(sh, DecoderConfig.defaults().withFilterProviders(List.of(other, p)),
                    in.sequenceHeaderOffset())) {
                dec.push(in.readPacket(), in.payloadOffset());
                assertNotNull(dec.pull());
                assertTrue(dec.neuralFilterDescription().contains("smoothing 3"));
            }
        }
    }

    @Test
    void decoderIsUnusableAfterClose() throws BitstreamException {
        TestFilterProvider p = TestFilterProvider.smoothing();
        EncoderConfig cfg = EncoderConfig.builder(64, 64).gop(GopStructure.ALL_INTRA).filterProviders(List.of(p))
                .build();
        Packet packet;
        SequenceHeader sh;
        try (Encoder enc = Encoder.create(cfg)) {
            sh = enc.sequenceHeader();
            enc.push(RoundTripTest.synthetic(64, 64, 8, 1));
            packet = enc.pull();
        }
        Decoder dec = Decoder.create(sh, DecoderConfig.defaults().withFilterProviders(List.of(p)));
        dec.close();
        assertTrue(p.opened().getLast().closed());
        assertThrows(IllegalStateException.class, () -> dec.push(packet));
        dec.close();    // idempotent
    }
}
