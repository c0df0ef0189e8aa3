package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.kernels.Kernels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder's stream does not depend on the kernel level: the same pictures encoded with
 * {@link Kernels#scalar()} and {@link Kernels#vector()} (injected through
 * {@link EncoderConfig.Builder#kernels}) give the same bytes. Random access with bi-prediction,
 * so the iterative bi-prediction search runs; its target {@code 2 * org - pred0} leaves the sample
 * range, and before {@code BlockDistortion} was defined on signed samples the scalar SAD/SATD read
 * such targets as unsigned 16-bit values and the foreman case below gave different streams.
 * The tests run with {@code --add-modules jdk.incubator.vector} (the root pom's
 * {@code inlay.test.jvmArgs}); {@link Kernels#vector()} fails without it.
 */
class KernelLevelStreamTest {
    @Test
    void foremanRandomAccessIsIdenticalOnScalarAndVectorKernels() throws IOException {
        Codec.Clip c = Codec.readClip("foreman_352x288_6f.y4m", 6);
        Picture first = c.pictures().getFirst();
        assertSameStream("foreman 8-bit RA gop 4", EncoderConfig.builder(first.width(), first.height())
                .bitDepth(first.bitDepth()).qp(32).gop(GopStructure.RANDOM_ACCESS).gopSize(4).neuralFilter(false),
                c.pictures());
    }

    @Test
    void syntheticTenBitRandomAccessIsIdenticalOnScalarAndVectorKernels() throws IOException {
        List<Picture> pics = Codec.synthetic(160, 96, 10, 5, 6);
        assertSameStream("synthetic 10-bit RA gop 4", EncoderConfig.builder(160, 96).bitDepth(10).qp(27)
                .gop(GopStructure.RANDOM_ACCESS).gopSize(4).neuralFilter(false), pics);
    }

    /**
     * Weighted bi-prediction (decoding-process.md §13.2) on: the encoder's choice of weights and its
     * reconstruction go through {@code BiAveraging.weighted}, scalar on one side and Vector API on the
     * other (and the decoder's, on the process-wide vector kernels, must match the scalar encoder).
     */
    @Test
    void foremanWithBiWeightsIsIdenticalOnScalarAndVectorKernels() throws IOException {
        Codec.Clip c = Codec.readClip("foreman_352x288_6f.y4m", 6);
        Picture first = c.pictures().getFirst();
        byte[] stream = assertSameStream("foreman 8-bit RA gop 4, bi-weights", EncoderConfig.builder(first.width(),
                first.height()).bitDepth(first.bitDepth()).qp(27).gop(GopStructure.RANDOM_ACCESS).gopSize(4)
                .neuralFilter(false).biWeights(true), c.pictures());
        Decoder.LearnedInterUsage usage = usage(stream);
        assertTrue(usage.amvpWeightedSamples() > 0, "no weighted AMVP CU, the kernel was not exercised: " + usage);
    }

    /** Weighted-prediction use of a whole decode of {@code stream}. */
    private static Decoder.LearnedInterUsage usage(byte[] stream) throws IOException {
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT);
             Decoder dec = Decoder.create(in.readSequenceHeader(), DecoderConfig.defaults(), in.sequenceHeaderOffset())) {
            for (Packet p; (p = in.readPacket()) != null; ) {
                dec.push(p, in.payloadOffset());
                while (dec.pull() != null) {
                    // only the counts are needed
                }
            }
            dec.flush();
            while (dec.pull() != null) {
                // only the counts are needed
            }
            return dec.learnedInterUsage();
        }
    }

    /** Encodes with both kernel levels, checks the streams and reconstructions agree; the stream. */
    private static byte[] assertSameStream(String what, EncoderConfig.Builder builder, List<Picture> pictures)
            throws IOException {
        Codec.Encoded scalar = Codec.encode(builder.kernels(Kernels.scalar()).keepReconstruction(true).build(),
                pictures);
        Codec.Encoded vector = Codec.encode(builder.kernels(Kernels.vector()).keepReconstruction(true).build(),
                pictures);
        assertEquals(Kernels.Level.VECTOR, Kernels.vector().level());
        int at = java.util.Arrays.mismatch(scalar.stream(), vector.stream());
        assertArrayEquals(scalar.stream(), vector.stream(), what + ": streams differ (sizes " + scalar.stream().length
                + " / " + vector.stream().length + ", first difference at byte " + at + ")");
        assertEquals(Codec.sampleMd5(scalar.reconstructions()), Codec.sampleMd5(Codec.decode(vector.stream())),
                what + ": decoded stream differs from the scalar encoder's reconstruction");
        return vector.stream();
    }
}
