package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.FrameType;
import io.inlay.cli.InlayCommand;
import io.inlay.core.DecoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.neural.NeuralOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes every conformance stream listed in {@code conformance/expected.md5} and checks the
 * frame count and the MD5 of the decoded samples (display order), through the Java API and
 * through {@code inlay decode --md5}; checks that each stream has the coding structure of its GOP;
 * decodes every stream with more than one key frame again from its second (and third) key frame
 * on (the packets before it dropped), which must give the tail of the full decode; and decodes
 * the inter streams with shifted POCs. A failure means
 * decoding changed: a regression, unless the format was changed on purpose and the streams
 * regenerated (testvectors/README.md).
 */
class ConformanceTest {
    /** One line of expected.md5: file, decoded frames, sample MD5, GOP short name, description. */
    record Expected(String file, int frames, String md5, GopStructure gop, String description) {
    }

    static List<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(TestPaths.conformance().resolve("expected.md5"), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+", 5);
            if (f.length < 4 || !f[2].matches("[0-9a-f]{32}") || GopStructure.fromShortName(f[3]) == null) {
                throw new IllegalStateException("malformed line in expected.md5: " + line);
            }
            out.add(new Expected(f[0], Integer.parseInt(f[1]), f[2], GopStructure.fromShortName(f[3]),
                    f.length > 4 ? f[4] : ""));
        }
        return out;
    }

    /** The rows of conformance/README.md: file to coding order. */
    static Map<String, String> codingOrderTable() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(TestPaths.conformance().resolve("README.md"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\\|");
            if (cells.length >= 6 && cells[1].strip().endsWith(".inlay")) {
                rows.put(cells[1].strip(), cells[5].strip());
            }
        }
        return rows;
    }

    private static byte[] read(Expected e) throws IOException {
        return Files.readAllBytes(TestPaths.conformance().resolve(e.file()));
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
        assertEquals(present, codingOrderTable().keySet(), "conformance/*.inlay versus the table in conformance/README.md");
        assertTrue(listed.size() >= 8, "only " + listed.size() + " conformance streams");
    }

    @Test
    void streamsStaySmall() throws IOException {
        long total = 0;
        for (Expected e : expected()) {
            long size = Files.size(TestPaths.conformance().resolve(e.file()));
            total += size;
            if (e.gop() != GopStructure.ALL_INTRA) {
                assertTrue(size < 40_000, e.file() + ": " + size + " bytes; keep inter streams small");
            }
        }
        assertTrue(total < 1 << 20, "conformance streams total " + total + " bytes; keep them under 1 MiB");
    }

    @Test
    void everyGopStructureIsCovered() throws IOException {
        Set<GopStructure> covered = EnumSet.noneOf(GopStructure.class);
        int randomAccessWithLaterKeyFrames = 0;
        for (Expected e : expected()) {
            covered.add(e.gop());
            List<StreamStructure.Frame> frames = StreamStructure.frames(read(e));
            if (e.gop() == GopStructure.RANDOM_ACCESS && !StreamStructure.laterKeyFrames(frames).isEmpty()) {
                randomAccessWithLaterKeyFrames++;
            }
        }
        assertEquals(EnumSet.allOf(GopStructure.class), covered, "GOP structures with a conformance stream");
        assertTrue(randomAccessWithLaterKeyFrames >= 2,
                "random-access streams with a second key frame: " + randomAccessWithLaterKeyFrames);
    }

    @TestFactory
    Stream<DynamicTest> hasTheCodingStructureOfItsGop() throws IOException {
        Map<String, String> table = codingOrderTable();
        return expected().stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> {
            List<StreamStructure.Frame> frames = StreamStructure.frames(read(e));
            assertEquals(e.frames(), frames.size(), e.file() + ": frame units");
            assertNull(StreamStructure.mismatch(e.gop(), frames), e.file() + " as " + e.gop());
            assertEquals(table.get(e.file()), StreamStructure.codingOrder(frames),
                    e.file() + ": coding order versus conformance/README.md");
            if (e.gop() != GopStructure.ALL_INTRA) {
                assertTrue(frames.stream().anyMatch(f -> f.type() != FrameType.I), e.file() + ": no inter frame");
            }
        }));
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

    /**
     * A stream cut at its second key frame, and at its third if it has one (every packet before
     * it in coding order dropped), decodes on its own to the pictures the full decode gives from
     * that key frame's POC on: a closed GOP needs nothing from before it.
     */
    @TestFactory
    Stream<DynamicNode> decodesOnItsOwnFromItsSecondKeyFrame() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Expected e : expected()) {
            byte[] s = read(e);
            List<StreamStructure.Frame> frames = StreamStructure.frames(s);
            List<StreamStructure.Frame> keys = StreamStructure.laterKeyFrames(frames);
            if (keys.isEmpty()) {
                continue;
            }
            List<DynamicTest> cuts = new ArrayList<>();
            for (StreamStructure.Frame key : keys.subList(0, Math.min(keys.size(), 2))) {
                cuts.add(DynamicTest.dynamicTest("from " + key.label(), () -> {
                    List<Picture> full = Codec.decode(s);
                    assertEquals(e.md5(), Codec.sampleMd5(full), e.file() + ": full decode");
                    int firstUnit = Units.split(s).get(1).start();   // unit 0 is the sequence header
                    byte[] cut = Units.concat(Arrays.copyOf(s, firstUnit), Arrays.copyOfRange(s, key.start(), s.length));
                    List<StreamStructure.Frame> tailFrames = StreamStructure.frames(cut);
                    assertTrue(tailFrames.stream().allMatch(f -> f.poc() >= key.poc()),
                            e.file() + ": a frame after key frame " + key.label() + " precedes it in display order");
                    List<Picture> tail = Codec.decode(cut);
                    assertEquals(full.size() - key.poc(), tail.size(), e.file() + " from " + key.label() + ": pictures");
                    for (int i = 0; i < tail.size(); i++) {
                        assertTrue(tail.get(i).sameSamples(full.get(key.poc() + i)),
                                e.file() + " from " + key.label() + ": POC " + (key.poc() + i) + " differs from the full decode");
                    }
                    assertEquals(Codec.sampleMd5(full.subList(key.poc(), full.size())), Codec.sampleMd5(tail));
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(e.file(), cuts));
        }
        assertTrue(nodes.size() >= 2, "streams with a later key frame: " + nodes.size());
        return nodes.stream();
    }

    /**
     * POCs only order pictures: every inter stream with a constant added to every POC (up to the
     * largest POC 2^31-1 allows) decodes to the same pictures. Reference picture sets are POC
     * deltas, and temporal motion vector scaling uses POC differences only.
     */
    @TestFactory
    Stream<DynamicTest> decodesTheSameWithShiftedPocs() throws IOException {
        return expected().stream().filter(e -> e.gop() != GopStructure.ALL_INTRA).map(e -> DynamicTest.dynamicTest(e.file(), () -> {
            byte[] s = read(e);
            int maxPoc = StreamStructure.frames(s).stream().mapToInt(StreamStructure.Frame::poc).max().orElseThrow();
            for (long shift : new long[] {1, 1000, Integer.MAX_VALUE - maxPoc}) {
                byte[] t = s;
                for (StreamStructure.Frame f : StreamStructure.frames(s)) {
                    Units.FrameBody b = Units.frameBody(Units.split(t).get(f.unit()).body());
                    t = Units.replaceBody(t, f.unit(), new Units.FrameBody(b.frameType(), (int) (b.poc() + shift),
                            b.payload()).encode());
                }
                List<Picture> pictures = Codec.decode(t);
                assertEquals(e.frames(), pictures.size(), e.file() + " with POCs + " + shift);
                assertEquals(e.md5(), Codec.sampleMd5(pictures), e.file() + " with POCs + " + shift);
            }
        }));
    }

    /**
     * The streams that use the neural loop filter decode to their MD5 on both execution paths of
     * the network (ONNX Runtime, the default, and the Java kernel, also with 2 threads), and the
     * filter does change samples: at least one of them has a frame with CTUs filtered.
     */
    @TestFactory
    Stream<DynamicTest> neuralFilterStreamsDecodeAlikeOnEveryRuntime() throws IOException {
        List<Expected> nlf = new ArrayList<>();
        for (Expected e : expected()) {
            if (Codec.usesNeuralFilter(read(e))) {
                nlf.add(e);
            }
        }
        assertFalse(nlf.isEmpty(), "no conformance stream uses the neural loop filter");
        Stream<DynamicTest> perStream = nlf.stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> {
            for (NeuralOptions o : List.of(new NeuralOptions(NeuralOptions.Runtime.JAVA, 1),
                    new NeuralOptions(NeuralOptions.Runtime.JAVA, 2), new NeuralOptions(NeuralOptions.Runtime.ONNX, 2))) {
                List<Picture> pictures = Codec.decode(read(e), DecoderConfig.defaults().withNeuralOptions(o));
                assertEquals(e.md5(), Codec.sampleMd5(pictures), e.file() + " decoded with " + o);
            }
        }));
        DynamicTest used = DynamicTest.dynamicTest("some CTUs are filtered", () -> {
            int filtered = 0;
            for (Expected e : nlf) {
                filtered += Codec.filteredCtus(read(e));
            }
            assertTrue(filtered > 0, "the neural loop filter streams never filter a CTU");
        });
        return Stream.concat(perStream, Stream.of(used));
    }
}
