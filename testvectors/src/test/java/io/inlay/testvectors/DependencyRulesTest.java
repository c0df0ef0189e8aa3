package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §1, enforced: the dependency rules hold on the repository's sources.
 * {@link DependencyRulesCanFailTest} and {@link JavaSourceTest} show that each rule and the
 * scanner under it can fail.
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
                "io.inlay.core.syntax.CodingTreeParser", "io.inlay.core.loopfilter.Deblocker", "io.inlay.core.Picture",
                "io.inlay.core.kernels.SubpelInterpolation")) {
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
}
