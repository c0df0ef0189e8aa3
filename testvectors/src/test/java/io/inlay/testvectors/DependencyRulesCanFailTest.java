package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of {@link DependencyRules} fails on a synthetic repository that breaks it, naming file,
 * line and import; so {@link DependencyRulesTest} passing means something.
 */
class DependencyRulesCanFailTest {
    @TempDir
    Path root;

    private void write(String module, String path, String text) throws IOException {
        Path dir = root.resolve(module);
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("pom.xml"))) {
            Files.writeString(dir.resolve("pom.xml"), "<project/>");
        }
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static void assertOne(List<String> violations, String... fragments) {
        assertEquals(1, violations.size(), violations.toString());
        for (String f : fragments) {
            assertTrue(violations.getFirst().contains(f), "'" + f + "' not in: " + violations.getFirst());
        }
    }

    @Test
    void vectorImportOutsideTheVectorPackage() throws IOException {
        write("codec-core", "src/main/java/io/inlay/core/kernels/vector/Ok.java",
                "package io.inlay.core.kernels.vector;\nimport jdk.incubator.vector.IntVector;\nclass Ok {}\n");
        write("codec-core", "src/main/java/io/inlay/core/intra/Bad.java",
                "package io.inlay.core.intra;\n\nclass Bad { Object s = jdk.incubator.vector.IntVector.SPECIES_256; }\n");
        write("codec-neural", "src/main/java/io/inlay/neural/kernels/vector/Ok.java",
                "package io.inlay.neural.kernels.vector;\nimport jdk.incubator.vector.IntVector;\nclass Ok {}\n");
        assertOne(DependencyRules.scan(root).vectorApiOnlyInVectorPackage(),
                "codec-core/src/main/java/io/inlay/core/intra/Bad.java:3", "uses jdk.incubator.vector.IntVector");
        // The network kernels of codec-neural are the second allowed package; anywhere else it is forbidden.
        write("codec-neural", "src/main/java/io/inlay/neural/Bad.java",
                "package io.inlay.neural;\nimport jdk.incubator.vector.IntVector;\nclass Bad {}\n");
        List<String> v = DependencyRules.scan(root).vectorApiOnlyInVectorPackage();
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("codec-neural/src/main/java/io/inlay/neural/Bad.java:2")), v.toString());
    }

    @Test
    void onnxInCoreAndNd4jOutsideTraining() throws IOException {
        write("codec-core", "src/main/java/io/inlay/core/Net.java",
                "package io.inlay.core;\nimport ai.onnxruntime.OrtSession;\nclass Net {}\n");
        write("codec-neural", "src/main/java/io/inlay/neural/Ok.java",
                "package io.inlay.neural;\nimport ai.onnxruntime.OrtSession;\nclass Ok {}\n");
        write("codec-neural", "src/test/java/io/inlay/neural/Train.java",
                "package io.inlay.neural;\nimport org.nd4j.linalg.factory.Nd4j;\nclass Train {}\n");
        write("neural-training", "src/main/java/io/inlay/training/T.java",
                "package io.inlay.training;\nimport org.nd4j.autodiff.samediff.SameDiff;\nclass T {}\n");
        List<String> v = DependencyRules.scan(root).noNeuralRuntimes();
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).contains("codec-core/src/main/java/io/inlay/core/Net.java:2: import ai.onnxruntime.OrtSession"), v.get(0));
        assertTrue(v.get(1).contains("codec-neural/src/test/java/io/inlay/neural/Train.java:2: import org.nd4j.linalg.factory.Nd4j"), v.get(1));
    }

    @Test
    void decoderReachingEncoderCodeTransitively() throws IOException {
        write("codec-core", "src/main/java/io/inlay/core/decoder/FrameDecoder.java", """
                package io.inlay.core.decoder;
                import io.inlay.core.recon.Recon;
                final class FrameDecoder { Recon r; }
                """);
        // Recon reaches Helper by its simple name (same package), Helper imports the quantiser.
        write("codec-core", "src/main/java/io/inlay/core/recon/Recon.java", """
                package io.inlay.core.recon;
                public final class Recon {
                    // Quantiser is mentioned only in this comment.
                    int x = Helper.y();
                }
                """);
        write("codec-core", "src/main/java/io/inlay/core/recon/Helper.java", """
                package io.inlay.core.recon;

                import io.inlay.core.quant.*;
                final class Helper { static int y() { return Quantiser.q(); } }
                """);
        write("codec-core", "src/main/java/io/inlay/core/quant/Quantiser.java",
                "package io.inlay.core.quant;\npublic final class Quantiser { public static int q() { return 0; } }\n");
        write("codec-core", "src/main/java/io/inlay/core/quant/Dequantiser.java",
                "package io.inlay.core.quant;\npublic final class Dequantiser {}\n");
        // Unreached encoder code is fine.
        write("codec-core", "src/main/java/io/inlay/core/encoder/FrameEncoder.java",
                "package io.inlay.core.encoder;\nimport io.inlay.core.syntax.CodingTreeWriter;\nclass FrameEncoder {}\n");
        assertOne(DependencyRules.scan(root).decoderNeverReachesEncoder(),
                "codec-core/src/main/java/io/inlay/core/recon/Helper.java:3: import io.inlay.core.quant.*",
                "io.inlay.core.decoder.FrameDecoder -> io.inlay.core.recon.Recon -> io.inlay.core.recon.Helper"
                        + " -> io.inlay.core.quant.Quantiser");
    }

    @Test
    void decoderUsingTheWriterByQualifiedName() throws IOException {
        write("codec-core", "src/main/java/io/inlay/core/decoder/D.java",
                "package io.inlay.core.decoder;\nclass D {\n  Object w = new io.inlay.core.syntax.CodingTreeWriter();\n}\n");
        write("codec-core", "src/main/java/io/inlay/core/syntax/CodingTreeWriter.java",
                "package io.inlay.core.syntax;\npublic class CodingTreeWriter {}\n");
        assertOne(DependencyRules.scan(root).decoderNeverReachesEncoder(),
                "io/inlay/core/decoder/D.java:3: uses io.inlay.core.syntax.CodingTreeWriter");
    }

    @Test
    void bitstreamImportingAnythingButJava() throws IOException {
        write("codec-bitstream", "src/main/java/io/inlay/bitstream/A.java", """
                package io.inlay.bitstream;
                import java.util.List;
                import javax.crypto.Cipher;
                class A { Object p = io.inlay.core.Picture.DEFAULT_PADDING; List<String> l; }
                """);
        write("codec-bitstream", "src/test/java/io/inlay/bitstream/ATest.java",
                "package io.inlay.bitstream;\nimport org.junit.jupiter.api.Test;\nclass ATest {}\n");
        List<String> v = DependencyRules.scan(root).bitstreamUsesOnlyJava();
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).contains("A.java:3: import javax.crypto.Cipher"), v.get(0));
        assertTrue(v.get(1).contains("A.java:4: uses io.inlay.core.Picture.DEFAULT_PADDING"), v.get(1));
    }

    @Test
    void coreImportingTheCli() throws IOException {
        write("codec-core", "src/main/java/io/inlay/core/X.java",
                "package io.inlay.core;\nimport io.inlay.bitstream.Packet;\nimport io.inlay.cli.Version;\nclass X {}\n");
        write("codec-core", "src/test/java/io/inlay/core/XTest.java",
                "package io.inlay.core;\nimport io.inlay.cli.Version;\nclass XTest {}\n");
        assertOne(DependencyRules.scan(root).coreUsesOnlyBitstream(),
                "codec-core/src/main/java/io/inlay/core/X.java:3: import io.inlay.cli.Version", "io.inlay.cli");
    }
}
