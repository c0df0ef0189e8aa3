package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.inlay.bitstream.BitReader;
import io.inlay.bitstream.BitWriter;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * DESIGN.md §8 on hostile input: a malformed stream raises {@link BitstreamException} (or, cut at
 * a unit boundary, ends cleanly), never another exception, never hangs, never allocates beyond
 * reason. Corruption behind a valid CRC may also decode to wrong samples, but those must still be
 * well-formed pictures (right size, samples in range).
 */
class MalformedStreamTest {
    /** Per-decode allocation bound for the small streams (a clean decode needs well under 1 MiB). */
    private static final long SMALL_ALLOCATION_LIMIT = 16L << 20;
    /**
     * Multiplies the number of seeded corruption trials (and the batch timeout) for a longer soak:
     * {@code -Dinlay.fuzzScale=50}. CI runs scale 1 (a few seconds).
     */
    private static final int SCALE = Math.max(1, Integer.getInteger("inlay.fuzzScale", 1));
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60L * SCALE);

    private static byte[] small;
    private static List<Picture> smallDecoded;

    @BeforeAll
    static void load() throws IOException {
        small = Files.readAllBytes(TestPaths.conformance().resolve(ConformanceStreams.SMALL));
        smallDecoded = Codec.decode(small);
    }

    private static byte[] conformance(String file) throws IOException {
        return Files.readAllBytes(TestPaths.conformance().resolve(file));
    }

    // ---------------------------------------------------------------------------------------
    // The fixed files in malformed/ and their table.

    /** One row of the table in malformed/README.md. */
    record Row(String file, String expected) {
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TestPaths.malformed().resolve("README.md"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\\|");
            if (cells.length >= 3 && cells[1].strip().endsWith(".inlay")) {
                rows.add(new Row(cells[1].strip(), cells[2].strip().replaceAll("^`|`$", "")));
            }
        }
        return rows;
    }

    @Test
    void everyMalformedFileHasARow() throws IOException {
        Set<String> rows = table().stream().map(Row::file).collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        try (Stream<Path> s = Files.list(TestPaths.malformed())) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".inlay"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, rows, "malformed/*.inlay versus the table in malformed/README.md");
        assertTrue(rows.size() >= 15, rows.toString());
    }

    @TestFactory
    Stream<DynamicTest> fixedMalformedFilesRaiseTheTabledError() throws IOException {
        return table().stream().map(r -> DynamicTest.dynamicTest(r.file(), () -> {
            byte[] s = Files.readAllBytes(TestPaths.malformed().resolve(r.file()));
            BitstreamException e = assertTimeoutPreemptively(BATCH_TIMEOUT,
                    () -> assertThrows(BitstreamException.class, () -> Codec.decode(s)));
            assertTrue(e.getMessage().contains(r.expected()),
                    r.file() + ": expected \"" + r.expected() + "\" in \"" + e.getMessage() + "\"");
            assertTrue(e.getMessage().startsWith("at byte " + e.offset() + ": "), e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= s.length, r.file() + ": offset " + e.offset());
        }));
    }

    // ---------------------------------------------------------------------------------------
    // Truncation.

    @Test
    void truncatedAtEveryByteFailsOrEndsAtAUnitBoundary() {
        List<Units.Unit> units = Units.split(small);
        Map<Integer, Integer> framesAtBoundary = new TreeMap<>();
        for (int i = 0; i < units.size(); i++) {
            framesAtBoundary.put(units.get(i).end(), i);   // unit 0 is the sequence header
        }
        assertEquals(small.length, units.getLast().end());
        Batch b = new Batch("truncation of " + ConformanceStreams.SMALL);
        b.run(() -> {
            for (int n = 0; n <= small.length; n++) {
                byte[] cut = Arrays.copyOf(small, n);
                Integer frames = framesAtBoundary.get(n);
                b.current = "cut to " + n + " bytes";
                if (frames != null) {
                    List<Picture> pics = Codec.decode(cut);
                    assertEquals(frames, pics.size(), b.current);
                    assertEquals(Codec.sampleMd5(smallDecoded.subList(0, frames)), Codec.sampleMd5(pics), b.current);
                } else {
                    BitstreamException e = assertThrows(BitstreamException.class, () -> Codec.decode(cut), b.current);
                    assertTrue(e.offset() <= n, b.current + ": offset " + e.offset() + " beyond the data");
                }
            }
        });
    }

    @Test
    void largerStreamTruncatedAtSampledPositions() throws IOException {
        byte[] s = conformance("foreman_352x288_qp45.inlay");
        Set<Integer> boundaries = Units.split(s).stream().map(Units.Unit::end).collect(Collectors.toSet());
        Random r = new Random(45);
        Batch b = new Batch("truncation of foreman_352x288_qp45.inlay");
        b.run(() -> {
            for (int k = 0; k < 80; k++) {
                int n = r.nextInt(s.length);
                if (boundaries.contains(n)) {
                    continue;
                }
                b.current = "cut to " + n + " bytes";
                assertThrows(BitstreamException.class, () -> Codec.decode(Arrays.copyOf(s, n)), b.current);
            }
        });
    }

    // ---------------------------------------------------------------------------------------
    // Bit flips under the CRC: every single-bit error is detected.

    @Test
    void everySingleBitFlipIsRejected() {
        Batch b = new Batch("bit flips in " + ConformanceStreams.SMALL);
        b.run(() -> {
            for (int bit = 0; bit < small.length * 8; bit++) {
                byte[] t = small.clone();
                t[bit >> 3] ^= (byte) (0x80 >>> (bit & 7));
                b.current = "bit " + (bit & 7) + " of byte " + (bit >> 3) + " flipped";
                b.expectRejected(t);
            }
        });
        assertEquals(small.length * 8, b.rejected);
    }

    @Test
    void seededMultiBitFlipsInALargerStreamAreRejected() throws IOException {
        byte[] s = conformance("cars_320x240_qp27_nodeblock_nordoq.inlay");
        Random r = new Random(27);
        Batch b = new Batch("bit flips in cars_320x240_qp27_nodeblock_nordoq.inlay");
        b.run(() -> {
            for (int k = 0; k < 60; k++) {
                byte[] t = s.clone();
                int flips = 1 + r.nextInt(4);
                StringBuilder what = new StringBuilder("flipped bits");
                for (int f = 0; f < flips; f++) {
                    int bit = r.nextInt(t.length * 8);
                    t[bit >> 3] ^= (byte) (0x80 >>> (bit & 7));
                    what.append(' ').append(bit);
                }
                b.current = what.toString();
                b.expectRejected(t);
            }
        });
    }

    // ---------------------------------------------------------------------------------------
    // Corruption behind a valid CRC: the decoder itself must cope.

    @Test
    void corruptPayloadsBehindValidCrcsOfTheSmallStream() throws IOException {
        fuzzPayloads(small, 2500, 72L, SMALL_ALLOCATION_LIMIT);
    }

    @Test
    void corruptPayloadsOfHighBitDepthOddSizeStreams() throws IOException {
        fuzzPayloads(conformance("synthetic_67x35_10bit_qp30.inlay"), 600, 10L, SMALL_ALLOCATION_LIMIT);
        fuzzPayloads(conformance("synthetic_17x9_12bit_qp0.inlay"), 600, 12L, SMALL_ALLOCATION_LIMIT);
        fuzzPayloads(conformance("synthetic_1x1_8bit_qp51.inlay"), 300, 1L, SMALL_ALLOCATION_LIMIT);
    }

    @Test
    void corruptPayloadsOfAStreamWithQpDeltas() throws IOException {
        // 480x360 with cu_qp_delta: corrupt QP deltas must be caught or stay in range.
        fuzzPayloads(conformance("water_480x360_qp32_aq.inlay"), 120, 32L, 64L << 20);
    }

    private static void fuzzPayloads(byte[] stream, int trials, long seed, long allocationLimit) throws IOException {
        List<Units.Unit> units = Units.split(stream);
        Picture clean = Codec.decode(stream).getFirst();
        Random r = new Random(seed * SCALE);
        int n = trials * SCALE;
        Batch b = new Batch("payload corruption, seed " + seed * SCALE);
        b.width = clean.width();
        b.height = clean.height();
        b.bitDepth = clean.bitDepth();
        b.run(() -> {
            for (int k = 0; k < n; k++) {
                int unit = 1 + r.nextInt(units.size() - 1);
                byte[] p = Units.frameBody(units.get(unit).body()).payload();
                int kind = r.nextInt(8);
                byte[] q = mutate(p, kind, r);
                b.current = "trial " + k + ": frame unit " + unit + ", mutation " + MUTATIONS[kind]
                        + ", payload " + p.length + " -> " + q.length + " bytes";
                b.expectRejectedOrSane(Units.replacePayload(stream, unit, q), allocationLimit);
            }
        });
        System.out.printf("%s: %d trials, %d decoded, %d rejected %s%n", b.name, n, b.decoded, b.rejected, b.rules);
    }

    @Test
    void inRangeHeaderChangesDecodeToOtherSanePictures() throws IOException {
        // Deblocking offsets are free choices of the encoder: with beta/tc offsets of +-1 the frame
        // header keeps its size (2 bytes), so the arithmetic-coded data still parses and the decoder
        // must produce a well-formed picture that differs only through deblocking.
        byte[] p = Units.payload(small, 1);
        FrameHeader h = FrameHeader.read(new BitReader(p, 0, p.length, 0));
        assertTrue(h.deblockingEnabled(), h.toString());
        Batch b = new Batch("deblocking offsets");
        b.width = smallDecoded.getFirst().width();
        b.height = smallDecoded.getFirst().height();
        b.bitDepth = smallDecoded.getFirst().bitDepth();
        int changed = 0;
        for (int beta = -1; beta <= 1; beta++) {
            for (int tc = -1; tc <= 1; tc++) {
                FrameHeader o = new FrameHeader(h.frameQp(), true, beta, tc, h.cuQpDeltaEnabled());
                BitWriter w = new BitWriter();
                o.write(w);
                byte[] head = w.toByteArray();
                assertEquals(h.sizeInBytes(), head.length, o.toString());
                byte[] q = p.clone();
                System.arraycopy(head, 0, q, 0, head.length);
                byte[] s = Units.replacePayload(small, 1, q);
                b.current = o.toString();
                b.run(() -> b.expectRejectedOrSane(s, SMALL_ALLOCATION_LIMIT));
                List<Picture> pics = Codec.decode(s);
                if (!pics.getFirst().sameSamples(smallDecoded.getFirst())) {
                    changed++;
                }
                assertTrue(pics.get(1).sameSamples(smallDecoded.get(1)), "the second frame is untouched");
            }
        }
        assertEquals(9, b.decoded);
        assertTrue(changed > 0, "deblocking offsets changed no sample");
    }

    private static final String[] MUTATIONS = {
        "flip 1-8 bits", "flip bits in the frame header", "overwrite a run of bytes", "truncate",
        "append random bytes", "zero the tail", "0xFF the tail", "random payload"};

    private static byte[] mutate(byte[] p, int kind, Random r) {
        byte[] q = p.clone();
        switch (kind) {
            case 0 -> {
                for (int i = 0, n = 1 + r.nextInt(8); i < n && q.length > 0; i++) {
                    int bit = r.nextInt(q.length * 8);
                    q[bit >> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
            }
            case 1 -> {
                int bit = r.nextInt(Math.min(q.length, 3) * 8);
                q[bit >> 3] ^= (byte) (0x80 >>> (bit & 7));
            }
            case 2 -> {
                int at = r.nextInt(q.length);
                int n = 1 + r.nextInt(Math.min(16, q.length - at));
                for (int i = 0; i < n; i++) {
                    q[at + i] = (byte) r.nextInt(256);
                }
            }
            case 3 -> q = Arrays.copyOf(q, r.nextInt(q.length));
            case 4 -> {
                byte[] tail = new byte[1 + r.nextInt(64)];
                r.nextBytes(tail);
                q = Units.concat(q, tail);
            }
            case 5, 6 -> Arrays.fill(q, r.nextInt(q.length), q.length, (byte) (kind == 5 ? 0 : 0xFF));
            default -> {
                q = new byte[r.nextInt(2 * p.length + 2)];
                r.nextBytes(q);
            }
        }
        return q;
    }

    // ---------------------------------------------------------------------------------------
    // Headers outside the supported set, through the API (no container in between).

    private static SequenceHeader header(int w, int h, int bitDepth, int chroma, int ctu, int minCu, long tools,
            List<byte[]> models) {
        return new SequenceHeader(w, h, bitDepth, chroma, 25, 1, 0, 2, ctu, minCu, tools, models);
    }

    @TestFactory
    Stream<DynamicTest> decoderRejectsUnsupportedSequenceHeaders() {
        Map<String, SequenceHeader> cases = new TreeMap<>();
        cases.put("width 0", header(0, 16, 8, 1, 6, 3, 0, List.of()));
        cases.put("height -5", header(16, -5, 8, 1, 6, 3, 0, List.of()));
        cases.put("width 70000", header(70000, 16, 8, 1, 6, 3, 0, List.of()));
        cases.put("height 70000", header(16, 70000, 8, 1, 6, 3, 0, List.of()));
        cases.put("16384x16384 (over the pixel limit)", header(16384, 16384, 8, 1, 6, 3, 0, List.of()));
        cases.put("Integer.MAX_VALUE square", header(Integer.MAX_VALUE, Integer.MAX_VALUE, 8, 1, 6, 3, 0, List.of()));
        cases.put("bit depth 0", header(16, 16, 0, 1, 6, 3, 0, List.of()));
        cases.put("bit depth 7", header(16, 16, 7, 1, 6, 3, 0, List.of()));
        cases.put("bit depth 13", header(16, 16, 13, 1, 6, 3, 0, List.of()));
        cases.put("bit depth 16", header(16, 16, 16, 1, 6, 3, 0, List.of()));
        cases.put("chroma_format_idc 0", header(16, 16, 8, 0, 6, 3, 0, List.of()));
        cases.put("chroma_format_idc 2", header(16, 16, 8, 2, 6, 3, 0, List.of()));
        cases.put("chroma_format_idc 3", header(16, 16, 8, 3, 6, 3, 0, List.of()));
        cases.put("ctu_log2_size 7", header(16, 16, 8, 1, 7, 3, 0, List.of()));
        cases.put("min_cu_log2_size 2", header(16, 16, 8, 1, 6, 2, 0, List.of()));
        cases.put("neural loop filter flag", header(16, 16, 8, 1, 6, 3, 1, List.of()));
        cases.put("one neural model", header(16, 16, 8, 1, 6, 3, 0, List.of(new byte[32])));
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () ->
                assertThrows(BitstreamException.class, () -> Decoder.create(c.getValue(), DecoderConfig.defaults()),
                        c.getKey() + ": " + c.getValue())));
    }

    @Test
    void decoderAppliesConfiguredLimits() throws IOException {
        ContainerLimits tiny = new ContainerLimits(64, 64, 64 * 64, 1 << 20);
        // The container reader and the decoder each check the limits they are given.
        BitstreamException viaContainer = assertThrows(BitstreamException.class, () -> Codec.decode(small, tiny));
        assertTrue(viaContainer.getMessage().contains("exceeds the decoder's limits"), viaContainer.getMessage());
        SequenceHeader h = header(72, 40, 8, 1, 6, 3, 0, List.of());
        assertThrows(BitstreamException.class, () -> Decoder.create(h, DecoderConfig.withLimits(tiny)));
        // A frame unit above maxPacketBytes is refused before anything is allocated for it.
        ContainerLimits smallUnits = new ContainerLimits(1024, 1024, 1 << 20, 100);
        BitstreamException big = assertThrows(BitstreamException.class, () -> Codec.decode(small, smallUnits));
        assertTrue(big.getMessage().contains("exceeds the limit of 100 bytes"), big.getMessage());
    }

    @Test
    void declaredHugeUnitCostsOnlyWhatArrives() {
        // A frame unit that declares 200 MiB (within the default 256 MiB limit) and then ends.
        int header = Units.split(small).get(1).start();
        byte[] s = Units.concat(Arrays.copyOf(small, header), new byte[] {Units.FRAME}, Units.leb128(200 << 20),
                new byte[1000]);
        Batch b = new Batch("declared 200 MiB unit");
        b.run(() -> {
            b.current = "declared 200 MiB unit with 1000 bytes";
            long before = allocatedBytes();
            BitstreamException e = assertThrows(BitstreamException.class, () -> Codec.decode(s));
            long used = allocatedBytes() - before;
            assertTrue(e.getMessage().contains("stream ends inside a unit"), e.getMessage());
            assertTrue(used < 4L << 20, "allocated " + used + " bytes for a 1000-byte unit body");
        });
    }

    @Test
    void decoderRejectsNonIntraPacketsThroughTheApi() throws IOException {
        Decoder dec = Decoder.create(header(72, 40, 8, 1, 6, 3, 0, List.of()), DecoderConfig.defaults());
        byte[] payload = Units.payload(small, 1);
        for (FrameType t : List.of(FrameType.P, FrameType.B)) {
            BitstreamException e = assertThrows(BitstreamException.class, () -> dec.push(new Packet(t, 0, payload)));
            assertTrue(e.getMessage().contains("frame_type shall be I"), e.getMessage());
        }
        // The decoder is still usable afterwards.
        dec.push(new Packet(FrameType.I, 0, payload));
        assertTrue(dec.pull().sameSamples(smallDecoded.getFirst()));
    }

    // ---------------------------------------------------------------------------------------
    // Running many hostile decodes: each outcome is classified; anything but BitstreamException
    // (including Errors and assertion failures inside the codec) is a failure with its stack trace.

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** A batch of decodes under one timeout, reporting the case it was on if it hangs. */
    private static final class Batch {
        final String name;
        volatile String current = "(not started)";
        int decoded;
        int rejected;
        final Map<String, Integer> rules = new TreeMap<>();
        int width;
        int height;
        int bitDepth;
        final List<String> failures = new ArrayList<>();

        Batch(String name) {
            this.name = name;
        }

        void run(Executable body) {
            assertTimeoutPreemptively(BATCH_TIMEOUT, body, () -> name + ": no result within " + BATCH_TIMEOUT
                    + " (hang?) at " + current);
            if (!failures.isEmpty()) {
                fail(name + ": " + failures.size() + " decodes ended other than with BitstreamException or a sane picture;"
                        + " the first:\n" + String.join("\n", failures.subList(0, Math.min(3, failures.size()))));
            }
        }

        void expectRejected(byte[] stream) {
            try {
                Codec.decode(stream);
                failures.add(current + ": decoded without error");
            } catch (BitstreamException e) {
                rejected++;
            } catch (Throwable t) {
                failures.add(current + ": " + trace(t));
            }
        }

        void expectRejectedOrSane(byte[] stream, long allocationLimit) {
            long before = allocatedBytes();
            try {
                List<Picture> pics = Codec.decode(stream);
                decoded++;
                for (Picture p : pics) {
                    String bad = p.width() != width || p.height() != height || p.bitDepth() != bitDepth
                            ? "of " + p.width() + "x" + p.height() + " " + p.bitDepth() + "-bit" : insane(p);
                    if (bad != null) {
                        failures.add(current + ": decoded picture " + bad);
                    }
                }
            } catch (BitstreamException e) {
                rejected++;
                rules.merge(e.rule().replaceAll("[0-9]+", "N"), 1, Integer::sum);
            } catch (Throwable t) {
                failures.add(current + ": " + trace(t));
            }
            long used = allocatedBytes() - before;
            if (used > allocationLimit) {
                failures.add(current + ": allocated " + used + " bytes");
            }
        }
    }

    // Null when the picture is well formed: sizes as the header says, samples within the bit depth.
    private static String insane(Picture p) {
        int max = p.maxValue();
        for (int c = 0; c < p.planeCount(); c++) {
            Plane pl = p.plane(c);
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    int v = pl.get(x, y);
                    if (v < 0 || v > max) {
                        return "plane " + c + " sample (" + x + "," + y + ") = " + v + " outside 0.." + max;
                    }
                }
            }
        }
        return null;
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
