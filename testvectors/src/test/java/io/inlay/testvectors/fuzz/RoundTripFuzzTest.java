package io.inlay.testvectors.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.core.ChromaFormat;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.neural.NeuralOptions;
import io.inlay.neural.ModelFile;
import io.inlay.neural.NeuralFilterProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fuzz target on encoder and decoder together: small random pictures (up to 72x40, 1-3 frames,
 * 8-12 bits, content from a few generators the fuzzer picks and parameterises) encoded with random
 * settings (QP, GOP structure, key-frame interval, mini-GOP size, references, search range, chroma
 * QP offset, deblocking, RDOQ, adaptive quantisation, the neural loop filter) through a container;
 * the decoder's output shall equal the encoder's reconstruction bit for bit, picture for picture.
 * Neither side may throw.
 */
class RoundTripFuzzTest {
    private static final NeuralOptions JAVA = new NeuralOptions(NeuralOptions.Runtime.JAVA, 1);

    @FuzzTest(maxDuration = "5m")
    void encodeDecode(FuzzedDataProvider data) throws Throwable {
        Choices in = new Choices(data);
        int width = in.pick(1, 72);
        int height = in.pick(1, 40);
        int frames = in.pick(1, 3);
        int bitDepth = in.pick(8, 12);
        GopStructure gop = GopStructure.values()[in.pick(0, GopStructure.values().length - 1)];
        EncoderConfig.Builder b = EncoderConfig.builder(width, height).bitDepth(bitDepth).keepReconstruction(true)
                .qp(in.pick(0, 51)).gop(gop).keyint(in.pick(1, 8)).gopSize(in.pick(2, 16))
                .refs(in.pick(1, 4)).searchRange(in.pick(8, 64)).chromaQpOffset(in.pick(-12, 12))
                .deblocking(in.pick(0, 1) == 1).rdoq(in.pick(0, 1) == 1).aqStrength(in.pick(0, 6) / 2.0)
                .colourRange(in.pick(0, 1)).neuralOptions(JAVA);
        if (in.pick(0, 3) == 0) {   // a quarter of the inputs: the filter is the slow part
            List<ModelFile> models = NeuralFilterProvider.bundledModels();
            b.neuralModel(models.get(in.pick(0, models.size() - 1)).id());
        } else {
            b.neuralFilter(false);
        }
        EncoderConfig config = b.build();
        List<Picture> pictures = pictures(in, width, height, bitDepth, frames);
        FuzzSupport.run(() -> roundTrip(config, pictures));
    }

    /**
     * Choices from the fuzzer's data while it lasts, then from a generator seeded by eight of
     * its bytes: the fuzzer steers what it can (libFuzzer keeps the inputs of this slow target
     * short), the rest is still varied rather than stuck at the minimum of each range.
     */
    private static final class Choices {
        final FuzzedDataProvider data;
        final Random random;

        Choices(FuzzedDataProvider data) {
            this.data = data;
            this.random = new Random(data.consumeLong());
        }

        int pick(int lo, int hi) {
            return data.remainingBytes() > 0 ? data.consumeInt(lo, hi) : lo + random.nextInt(hi - lo + 1);
        }
    }

    private static void roundTrip(EncoderConfig config, List<Picture> pictures) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Picture> recon = new ArrayList<>();
        try (Encoder enc = Encoder.create(config); ContainerWriter out = new ContainerWriter(bytes)) {
            out.writeSequenceHeader(enc.sequenceHeader());
            for (Picture p : pictures) {
                enc.push(p);
                drain(enc, out, recon);
            }
            enc.flush();
            drain(enc, out, recon);
        }
        byte[] stream = bytes.toByteArray();
        List<Picture> decoded = new ArrayList<>();
        DecoderConfig dc = DecoderConfig.withLimits(ContainerLimits.DEFAULT).withNeuralOptions(JAVA);
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT);
             Decoder dec = Decoder.create(in.readSequenceHeader(), dc, in.sequenceHeaderOffset())) {
            for (Packet p; (p = in.readPacket()) != null; ) {
                dec.push(p, in.payloadOffset());
                for (Picture pic; (pic = dec.pull()) != null; ) {
                    decoded.add(pic);
                }
            }
            dec.flush();
            for (Picture pic; (pic = dec.pull()) != null; ) {
                decoded.add(pic);
            }
        }
        String what = config.width() + "x" + config.height() + " " + config.bitDepth() + "-bit, " + pictures.size()
                + " frames, " + config.gop() + " QP " + config.qp() + " keyint " + config.keyint() + " gop " + config.gopSize()
                + " refs " + config.refs() + " cqo " + config.chromaQpOffset() + " deblock " + config.deblocking()
                + " rdoq " + config.rdoq() + " aq " + config.aqStrength() + " nlf " + config.neuralFilter();
        if (recon.size() != pictures.size() || decoded.size() != pictures.size()) {
            throw new AssertionError(what + ": " + pictures.size() + " pictures in, " + recon.size()
                    + " reconstructions, " + decoded.size() + " decoded");
        }
        for (int i = 0; i < pictures.size(); i++) {
            if (!decoded.get(i).sameSamples(recon.get(i))) {
                throw new AssertionError(what + ": picture " + i + " decodes differently from the encoder's reconstruction");
            }
        }
    }

    private static void drain(Encoder enc, ContainerWriter out, List<Picture> recon) throws java.io.IOException {
        for (Packet p; (p = enc.pull()) != null; ) {
            out.writePacket(p);
        }
        for (Picture p; (p = enc.pullReconstruction()) != null; ) {
            recon.add(p);
        }
    }

    /**
     * Pictures from one of a few generators: flat, gradient, noise, the extremes of the bit depth
     * in a checkerboard, a moving block over noise, or bytes of the input repeated.
     */
    private static List<Picture> pictures(Choices in, int width, int height, int bitDepth, int frames) {
        int kind = in.pick(0, 5);
        int max = (1 << bitDepth) - 1;
        int a = in.pick(0, max);
        int step = in.pick(1, 64);
        Random r = new Random(in.random.nextLong());
        byte[] raw = in.data.consumeRemainingAsBytes();
        List<Picture> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            Picture p = Picture.allocate(width, height, bitDepth, ChromaFormat.YUV420, 0);
            for (int c = 0; c < p.planeCount(); c++) {
                Plane pl = p.plane(c);
                for (int y = 0; y < pl.height(); y++) {
                    for (int x = 0; x < pl.width(); x++) {
                        int v = switch (kind) {
                            case 0 -> a;
                            case 1 -> a + (x + y + f) * step;
                            case 2 -> r.nextInt(max + 1);
                            case 3 -> ((x / step + y / step + f) & 1) == 0 ? 0 : max;
                            case 4 -> x >= f * step % Math.max(1, pl.width()) && x < f * step % Math.max(1, pl.width()) + 8
                                    && y < 8 ? max - a : a + r.nextInt(step);
                            default -> raw.length == 0 ? a : ((raw[(x + y * pl.width() + f * 7 + c * 13) % raw.length] & 0xFF)
                                    << (bitDepth - 8)) + (x & ((1 << (bitDepth - 8)) - 1));
                        };
                        pl.set(x, y, Math.clamp(v, 0, max));
                    }
                }
            }
            out.add(p);
        }
        return out;
    }
}
