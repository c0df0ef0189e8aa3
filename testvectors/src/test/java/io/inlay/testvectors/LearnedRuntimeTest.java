package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.DecoderConfig;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.neural.LearnedExecutors;
import io.inlay.core.neural.LearnedInterExecutor;
import io.inlay.core.neural.LearnedIntraExecutor;
import io.inlay.core.neural.NeuralOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The two execution paths of the learned predictors (docs/learned-intra.md, docs/learned-inter.md,
 * "Execution") on real streams: the conformance streams that use learned intra prediction or
 * learned inter interpolation decode to their expected MD5 with the Java kernels and with ONNX
 * Runtime (1 and 2 threads), and an encode with either runtime gives the same bytes and decodes to
 * the encoder's reconstruction with the other.
 */
class LearnedRuntimeTest {
    private static final NeuralOptions JAVA = new NeuralOptions(NeuralOptions.Runtime.JAVA, 1);
    private static final NeuralOptions ONNX = new NeuralOptions(NeuralOptions.Runtime.ONNX, 1);
    private static final NeuralOptions ONNX2 = new NeuralOptions(NeuralOptions.Runtime.ONNX, 2);

    @Test
    void onnxRuntimeIsReallyUsedWhenAskedFor() {
        // otherwise LearnedExecutors falls back to the Java kernels and every comparison below is Java with Java
        try (LearnedIntraExecutor i = LearnedExecutors.openIntra(ConformanceStreams.lipModel(), 8, ONNX);
             LearnedInterExecutor e = LearnedExecutors.openInter(ConformanceStreams.lifModel(), 8, ONNX)) {
            assertTrue(i.description().startsWith("onnxruntime"), i.description());
            assertTrue(e.description().startsWith("onnxruntime"), e.description());
        }
        try (LearnedIntraExecutor i = LearnedExecutors.openIntra(ConformanceStreams.lipModel(), 8, JAVA)) {
            assertEquals("java", i.description());
        }
    }

    @TestFactory
    Stream<DynamicTest> learnedStreamsDecodeAlikeOnEveryRuntime() throws IOException {
        List<ConformanceTest.Expected> learned = new ArrayList<>();
        for (ConformanceTest.Expected e : ConformanceTest.expected()) {
            if (Codec.usesLearnedPrediction(read(e))) {
                learned.add(e);
            }
        }
        assertTrue(learned.size() >= 3, "conformance streams with learned prediction: " + learned.size());
        return learned.stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> {
            for (NeuralOptions o : List.of(JAVA, ONNX, ONNX2)) {
                List<Picture> pictures = Codec.decode(read(e), DecoderConfig.defaults().withNeuralOptions(o));
                assertEquals(e.md5(), Codec.sampleMd5(pictures), e.file() + " decoded with " + o);
            }
        }));
    }

    @Test
    void anEncodeWithEitherRuntimeIsTheSameAndDecodesWithTheOther() {
        List<Picture> foreman = Codec.readClip("foreman_352x288_6f.y4m", 3).pictures();
        List<Picture> synthetic = Codec.synthetic(67, 35, 10, 3, 11);
        for (List<Picture> pics : List.of(foreman, synthetic)) {
            Picture p = pics.getFirst();
            byte[] previous = null;
            for (NeuralOptions enc : List.of(JAVA, ONNX)) {
                EncoderConfig config = EncoderConfig.builder(p.width(), p.height()).bitDepth(p.bitDepth())
                        .gop(GopStructure.RANDOM_ACCESS).gopSize(2).qp(30).learnedIntra(true).learnedInter(true)
                        .neuralOptions(enc).keepReconstruction(true).build();
                Codec.Encoded e = Codec.encode(config, pics);
                if (previous != null) {
                    assertArrayEquals(previous, e.stream(), p.width() + "x" + p.height() + ": stream encoded with "
                            + enc + " differs from the one encoded with " + JAVA);
                }
                previous = e.stream();
                String want = Codec.sampleMd5(e.reconstructions());
                for (NeuralOptions dec : List.of(JAVA, ONNX)) {
                    try {
                        assertEquals(want, Codec.sampleMd5(Codec.decode(e.stream(),
                                DecoderConfig.defaults().withNeuralOptions(dec))), "encoded with " + enc + ", decoded with " + dec);
                    } catch (IOException x) {
                        throw new AssertionError(x);
                    }
                }
            }
        }
    }

    private static byte[] read(ConformanceTest.Expected e) throws IOException {
        return Files.readAllBytes(TestPaths.conformance().resolve(e.file()));
    }
}
