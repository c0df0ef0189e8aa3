package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.neural.LearnedIntraProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Learned intra prediction end to end (docs/bitstream/decoding-process.md §4.8) with the bundled
 * model read from codec-neural's sources: the encoder's reconstruction equals the decoder's output
 * bit for bit in all-intra and random access, the stream differs from the tool-off stream (the
 * encoder chose learned modes), and a decoder without the model refuses the stream.
 */
class LearnedIntraRoundTripTest {
    static LearnedIntraModel bundled() throws Exception {
        return LearnedIntraModel.parse(Files.readAllBytes(
                Path.of("../codec-neural/src/main/resources/io/inlay/neural/models/lip3.ilip")));
    }

    record Coded(SequenceHeader header, List<Packet> packets, List<Picture> recons) {
    }

    static Coded encode(Picture src, EncoderConfig cfg, int frames) {
        List<Picture> clip = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            clip.add(RoundTripTest.shifted(src, f));
        }
        return encode(clip, cfg);
    }

    /** Encodes {@code clip} with {@code cfg}: the stream's header, its packets and the encoder's reconstructions. */
    static Coded encode(List<Picture> clip, EncoderConfig cfg) {
        List<Packet> packets = new ArrayList<>();
        List<Picture> recons = new ArrayList<>();
        try (Encoder enc = Encoder.create(cfg)) {
            for (Picture p : clip) {
                enc.push(p);
                drain(enc, packets, recons);
            }
            enc.flush();
            drain(enc, packets, recons);
            return new Coded(enc.sequenceHeader(), packets, recons);
        }
    }

    private static void drain(Encoder enc, List<Packet> packets, List<Picture> recons) {
        for (Packet p; (p = enc.pull()) != null; ) {
            packets.add(p);
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
    }

    static List<Picture> decode(Coded c, DecoderConfig config) throws BitstreamException {
        try (Decoder dec = Decoder.create(c.header(), config)) {
            return drain(dec, c);
        }
    }

    /** Pushes every packet of {@code c} into {@code dec}, flushes it and returns all decoded pictures in output order. */
    static List<Picture> drain(Decoder dec, Coded c) throws BitstreamException {
        List<Picture> out = new ArrayList<>();
        for (Packet p : c.packets()) {
            dec.push(p);
            for (Picture pic; (pic = dec.pull()) != null; ) {
                out.add(pic);
            }
        }
        dec.flush();
        for (Picture pic; (pic = dec.pull()) != null; ) {
            out.add(pic);
        }
        return out;
    }

    static EncoderConfig.Builder config(int w, int h, int bitDepth, GopStructure gop, int qp) {
        return EncoderConfig.builder(w, h).bitDepth(bitDepth).gop(gop).qp(qp).keepReconstruction(true)
                .neuralFilter(false);
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3}-bit {4} frames qp {5}")
    @CsvSource({
        "ALL_INTRA, 96, 64, 8, 2, 27",
        "ALL_INTRA, 72, 40, 10, 1, 32",
        "RANDOM_ACCESS, 64, 64, 8, 3, 30",
    })
    void encoderReconstructionEqualsDecoderOutput(GopStructure gop, int w, int h, int bitDepth, int frames, int qp)
            throws Exception {
        LearnedIntraModel model = bundled();
        LearnedIntraProvider provider = () -> List.of(model);
        Picture src = RoundTripTest.synthetic(w, h, bitDepth, 41);
        Coded on = encode(src, config(w, h, bitDepth, gop, qp).learnedIntra(true).learnedIntraModel(model).build(),
                frames);
        assertTrue(on.header().learnedIntra());
        assertEquals(HexFormat.of().formatHex(model.id()),
                HexFormat.of().formatHex(on.header().neuralModels().get(on.header().learnedIntraModelIndex())));
        List<Picture> out = decode(on, DecoderConfig.defaults().withLearnedIntraProviders(List.of(provider)));
        assertEquals(frames, out.size());
        for (int f = 0; f < frames; f++) {
            assertTrue(out.get(f).sameSamples(on.recons().get(f)), "display frame " + f);
        }
        Coded off = encode(src, config(w, h, bitDepth, gop, qp).build(), frames);
        boolean differs = false;
        for (int i = 0; i < frames; i++) {
            differs |= !Arrays.equals(on.packets().get(i).payload(), off.packets().get(i).payload());
        }
        assertTrue(differs, "the tool changed nothing: no learned mode chosen");
    }

    @Test
    void decoderWithoutTheModelRefusesTheStream() throws Exception {
        LearnedIntraModel model = bundled();
        Picture src = RoundTripTest.synthetic(64, 64, 8, 5);
        Coded on = encode(src, config(64, 64, 8, GopStructure.ALL_INTRA, 32).learnedIntra(true)
                .learnedIntraModel(model).build(), 1);
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> decode(on, DecoderConfig.defaults().withLearnedIntraProviders(List.of())));
        assertTrue(e.getMessage().contains("learned intra model " + HexFormat.of().formatHex(model.id())
                + " is not available"), e.getMessage());
    }
}
