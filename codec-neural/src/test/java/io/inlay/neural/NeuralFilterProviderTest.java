package io.inlay.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.InLoopFilterProvider;
import io.inlay.core.neural.NeuralOptions;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralFilterProviderTest {
    @Test
    void foundThroughServiceLoader() {
        List<InLoopFilterProvider> providers = ServiceLoader.load(InLoopFilterProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertTrue(providers.stream().anyMatch(p -> p instanceof NeuralFilterProvider), providers.toString());
        NeuralFilterProvider p = new NeuralFilterProvider();
        // Every bundled model is valid and can be opened; unknown identifiers are not served.
        assertEquals(NeuralFilterProvider.bundledModels().size(), p.models().size());
        for (byte[] id : p.models()) {
            try (InLoopFilter f = p.open(id, new NeuralOptions(NeuralOptions.Runtime.JAVA, 1)).orElseThrow()) {
                assertArrayEquals(id, f.modelId());
            }
        }
        assertTrue(p.open(new byte[32], NeuralOptions.defaults()).isEmpty());
    }

    @Test
    void loadsTheIndexDefaultFirst(@TempDir Path dir) throws IOException {
        ModelFile a = TestModels.random(1, TestModels.Kind.CALIBRATED, new int[] {7, 6}, new int[] {1});
        ModelFile b = TestModels.random(2, TestModels.Kind.CALIBRATED, new int[] {7, 8, 6}, new int[] {3, 3});
        Path folder = Files.createDirectories(dir.resolve("m"));
        Files.write(folder.resolve("b.innf"), b.toBytes());
        Files.write(folder.resolve("a.innf"), a.toBytes());
        Files.writeString(folder.resolve("index"), "# comment\nb.innf\n\n default  a.innf  # recommended\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            NeuralFilterProvider.Bundle bundle = NeuralFilterProvider.load(loader, "m/");
            assertEquals(List.of(b, a), bundle.models());
            assertEquals(a, bundle.recommended());
            Files.writeString(folder.resolve("index"), "b.innf\na.innf\n");
            assertNull(NeuralFilterProvider.load(loader, "m/").recommended(), "no default line, no recommendation");
            assertEquals(List.of(), NeuralFilterProvider.load(loader, "none/").models());
            Files.writeString(folder.resolve("index"), "a.innf\nmissing.innf\n");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> NeuralFilterProvider.load(loader, "m/"));
            assertTrue(e.getMessage().contains("missing.innf"), e.getMessage());
            Files.write(folder.resolve("bad.innf"), new byte[] {'I', 'N', 'N', 'F', 2});
            Files.writeString(folder.resolve("index"), "bad.innf\n");
            e = assertThrows(IllegalStateException.class, () -> NeuralFilterProvider.load(loader, "m/"));
            assertTrue(e.getMessage().contains("model_format_version"), e.getMessage());
        }
    }

    @Test
    void descriptionsNameModelLayersComplexityAndRuntime() {
        ModelFile m = TestModels.random(3, TestModels.Kind.CALIBRATED, new int[] {7, 16, 6}, new int[] {3, 3});
        for (NeuralOptions.Runtime r : NeuralOptions.Runtime.values()) {
            try (InLoopFilter f = NeuralFilters.open(m, new NeuralOptions(r, 2))) {
                String d = f.description();
                assertTrue(d.contains(m.name()) && d.contains("2 layers") && d.contains("kMAC/px"), d);
                assertTrue(d.contains(r == NeuralOptions.Runtime.ONNX ? "onnxruntime" : "java"), d);
                assertTrue(d.contains("2 threads"), d);
                assertArrayEquals(m.id(), f.modelId());
            }
        }
    }
}
