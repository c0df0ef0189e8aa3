package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.cli.InlayCommand;
import io.inlay.core.Picture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes every conformance stream listed in {@code conformance/expected.md5} and checks the
 * frame count and the MD5 of the decoded samples, through the Java API and through
 * {@code inlay decode --md5}. A failure means decoding changed: a regression, unless the format
 * was changed on purpose and the streams regenerated (testvectors/README.md).
 */
class ConformanceTest {
    /** One line of expected.md5. */
    record Expected(String file, int frames, String md5, String description) {
    }

    static List<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(TestPaths.conformance().resolve("expected.md5"), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+", 4);
            if (f.length < 3 || !f[2].matches("[0-9a-f]{32}")) {
                throw new IllegalStateException("malformed line in expected.md5: " + line);
            }
            out.add(new Expected(f[0], Integer.parseInt(f[1]), f[2], f.length > 3 ? f[3] : ""));
        }
        return out;
    }

    @Test
    void everyStreamIsListedAndEveryListedStreamExists() throws IOException {
        Set<String> listed = expected().stream().map(Expected::file).collect(Collectors.toCollection(TreeSet::new));
        Set<String> present;
        try (Stream<Path> files = Files.list(TestPaths.conformance())) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".inlay"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed, "conformance/*.inlay versus expected.md5");
        assertTrue(listed.size() >= 8, "only " + listed.size() + " conformance streams");
    }

    @Test
    void streamsStaySmall() throws IOException {
        long total = 0;
        for (Expected e : expected()) {
            total += Files.size(TestPaths.conformance().resolve(e.file()));
        }
        assertTrue(total < 1 << 20, "conformance streams total " + total + " bytes; keep them under 1 MiB");
    }

    @TestFactory
    Stream<DynamicTest> decodesToTheExpectedSamples() throws IOException {
        return expected().stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> {
            Path file = TestPaths.conformance().resolve(e.file());
            List<Picture> pictures = Codec.decode(Files.readAllBytes(file));
            assertEquals(e.frames(), pictures.size(), e.file() + ": decoded frames");
            assertEquals(e.md5(), Codec.sampleMd5(pictures), e.file() + " (" + e.description() + "): MD5 of decoded samples");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = InlayCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute("decode", file.toString(), "--md5");
            assertEquals(0, code, "inlay decode --md5 " + e.file() + ": " + err);
            assertEquals(e.md5(), out.toString().strip(), "inlay decode --md5 " + e.file());
            assertFalse(err.toString().isBlank(), "inlay decode prints its summary line on stderr");
        }));
    }
}
