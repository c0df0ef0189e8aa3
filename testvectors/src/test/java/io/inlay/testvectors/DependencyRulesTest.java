package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md §1, enforced: the dependency rules hold on the repository's sources. The nested
 * classes prove that each rule and the scanner under it can fail, on synthetic sources.
 */
class DependencyRulesTest {
    private static DependencyRules repo;

    @BeforeAll
    static void scanRepository() throws IOException {
        repo = DependencyRules.scan(TestPaths.repository());
    }

    private static void assertHolds(List<String> violations, String rule) {
        assertTrue(violations.isEmpty(), rule + " is broken:\n  " + String.join("\n  ", violations));
    }

    @Test
    void scansTheRealModules() {
        assertTrue(repo.moduleNames().containsAll(Set.of("codec-bitstream", "codec-core", "codec-cli", "testvectors")),
                repo.moduleNames().toString());
        assertTrue(repo.fileCount() > 50, "only " + repo.fileCount() + " files found");
    }

    @Test
    void vectorApiOnlyInTheVectorKernelPackage() {
        assertHolds(repo.vectorApiOnlyInVectorPackage(), "(a) jdk.incubator.vector only in " + DependencyRules.VECTOR_PACKAGE);
    }

    @Test
    void noOnnxRuntimeOrNd4jInCoreAndNoNd4jOutsideTraining() {
        assertHolds(repo.noNeuralRuntimes(), "(b) no ONNX Runtime/ND4J in codec-core, ND4J only in training");
    }

    @Test
    void decoderNeverReachesEncoderCode() {
        assertHolds(repo.decoderNeverReachesEncoder(), "(c) the decoder never reaches encoder code");
    }

    @Test
    void decoderClosureIsWhatTheDecoderNeeds() {
        // A sanity check of the walk itself: it must reach the shared reconstruction code.
        Set<String> closure = repo.decoderClosure();
        for (String c : List.of("io.inlay.core.decoder.FrameDecoder", "io.inlay.core.recon.BlockReconstructor",
                "io.inlay.core.transform.InverseTransform", "io.inlay.core.quant.Dequantiser",
                "io.inlay.core.syntax.CodingTreeParser", "io.inlay.core.loopfilter.Deblocker", "io.inlay.core.Picture")) {
            assertTrue(closure.contains(c), c + " not reached; closure: " + closure);
        }
        assertTrue(closure.stream().noneMatch(DependencyRules::isEncoderCode), closure.toString());
    }

    @Test
    void bitstreamUsesOnlyJava() {
        assertHolds(repo.bitstreamUsesOnlyJava(), "(d) codec-bitstream imports java.* only");
    }

    @Test
    void coreNeverUsesCliOrOtherModules() {
        assertHolds(repo.coreUsesOnlyBitstream(), "(e) codec-core depends on codec-bitstream only");
    }

    /** The scanner on synthetic snippets. */
    @Nested
    class Scanner {
        @Test
        void readsImportsAndIgnoresCommentsAndLiterals() {
            JavaSource s = JavaSource.parse(Path.of("x/Foo.java"), """
                    // import jdk.incubator.vector.IntVector;
                    package a . b;

                    import java.util.List;
                    import static io.inlay.core.quant.Quantiser.quantise;
                    import io.inlay.core.syntax.*;
                    /* import ai.onnxruntime.OrtSession; */
                    class Foo {
                        String s = "import org.nd4j.linalg.Nd4j; ai.onnxruntime.X";
                        char c = '"';
                        String t = \"""
                            org.nd4j.Y \\\""" still text
                            \""";
                        Object o = io.inlay.cli.Version.VERSION; // jdk.incubator.vector.X
                        Bar b;
                    }
                    """);
            assertEquals("a.b", s.packageName());
            assertEquals("a.b.Foo", s.qualifiedName());
            assertEquals(List.of("import java.util.List", "import static io.inlay.core.quant.Quantiser.quantise",
                    "import io.inlay.core.syntax.*"), s.imports().stream().map(Object::toString).toList());
            assertEquals(List.of(4, 5, 6), s.imports().stream().map(JavaSource.Import::line).toList());
            List<String> dotted = s.dottedNames().stream().map(JavaSource.Name::name).toList();
            assertEquals(List.of("io.inlay.cli.Version.VERSION"), dotted);
            assertEquals(14, s.dottedNames().getFirst().line());
            assertTrue(s.identifiers().containsKey("Bar"));
            assertEquals(15, s.identifiers().get("Bar"));
            assertFalse(s.identifiers().containsKey("Nd4j"), "identifier from a string literal");
            assertFalse(s.identifiers().containsKey("Y"), "identifier from a text block");
        }

        @Test
        void blankingKeepsOffsetsAndLines() {
            String src = "a /* x\ny */ b \"q\\\"r\" 'c' // z\nd";
            String blank = JavaSource.blankCommentsAndLiterals(src);
            assertEquals(src.length(), blank.length());
            assertEquals(src.lines().count(), blank.lines().count());
            assertEquals("a     \n     b \"    \" ' '     \nd", blank);
        }
    }

    /** Each rule fails on a synthetic repository that breaks it, naming file, line and import. */
    @Nested
    class RulesCanFail {
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
            assertOne(DependencyRules.scan(root).vectorApiOnlyInVectorPackage(),
                    "codec-core/src/main/java/io/inlay/core/intra/Bad.java:3", "uses jdk.incubator.vector.IntVector");
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
}
