package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.inlay.core.GopStructure;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * One row of the table in malformed/README.md: the file, a substring of the expected message,
     * and the inclusive range of byte offsets the error shall name (lo = 0, hi = -1: anywhere in
     * the file).
     */
    record Row(String file, String expected, long lo, long hi) {
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TestPaths.malformed().resolve("README.md"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\\|");
            if (cells.length >= 4 && cells[1].strip().endsWith(".inlay")) {
                String offset = cells[3].strip();
                long lo = 0;
                long hi = -1;
                if (!offset.isEmpty()) {
                    String[] r = offset.split("\\.\\.");
                    lo = Long.parseLong(r[0]);
                    hi = Long.parseLong(r[r.length - 1]);
                }
                rows.add(new Row(cells[1].strip(), cells[2].strip().replaceAll("^`|`$", ""), lo, hi));
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
        assertTrue(rows.size() >= 50, rows.toString());
        // the inter faults of the brief are all there
        for (String f : List.of("b_frame_ref_not_decoded", "p_frame_ref_dropped", "i_frame_l0_active", "p_frame_l1_active",
                "b_frame_no_used_ref", "duplicate_poc_pending", "duplicate_poc_output", "poc_gap_17_waiting",
                "b_frame_payload_cut", "p_frame_garbage_data")) {
            assertTrue(rows.contains(f + ".inlay"), f);
        }
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
            long hi = r.hi() < 0 ? s.length : r.hi();
            assertTrue(e.offset() >= r.lo() && e.offset() <= hi,
                    r.file() + ": offset " + e.offset() + " outside " + r.lo() + ".." + hi + ": " + e.getMessage());
        }));
    }

    // ---------------------------------------------------------------------------------------
    // Truncation.

    /**
     * Cut at every byte, a small stream fails with BitstreamException, unless the cut falls on a
     * unit boundary: then the complete frames decode, to the pictures of the full decode with the
     * POCs of those frames (with random access, a subset of the display order).
     */
    @ParameterizedTest
    @ValueSource(strings = {ConformanceStreams.SMALL, ConformanceStreams.SMALL_RA, ConformanceStreams.SMALL_LDP})
    void truncatedAtEveryByteFailsOrEndsAtAUnitBoundary(String file) throws IOException {
        byte[] s = conformance(file);
        List<Picture> full = Codec.decode(s);
        List<Units.Unit> units = Units.split(s);
        assertEquals(s.length, units.getLast().end());
        // unit boundary -> POCs of the frames before it, in display order
        Map<Integer, List<Integer>> pocsAtBoundary = new TreeMap<>();
        TreeSet<Integer> pocs = new TreeSet<>();
        pocsAtBoundary.put(units.getFirst().end(), List.of());
        for (StreamStructure.Frame f : StreamStructure.frames(s)) {
            pocs.add(f.poc());
            pocsAtBoundary.put(f.end(), List.copyOf(pocs));
        }
        assertEquals(full.size(), pocs.size());
        Batch b = new Batch("truncation of " + file);
        b.run(() -> {
            for (int n = 0; n <= s.length; n++) {
                byte[] cut = Arrays.copyOf(s, n);
                List<Integer> kept = pocsAtBoundary.get(n);
                b.current = "cut to " + n + " bytes";
                if (kept != null) {
                    List<Picture> pics = Codec.decode(cut);
                    assertEquals(kept.size(), pics.size(), b.current);
                    for (int i = 0; i < kept.size(); i++) {
                        assertTrue(pics.get(i).sameSamples(full.get(kept.get(i))), b.current + ": POC " + kept.get(i));
                    }
                } else {
                    BitstreamException e = assertThrows(BitstreamException.class, () -> Codec.decode(cut), b.current);
                    assertTrue(e.offset() <= n, b.current + ": offset " + e.offset() + " beyond the data");
                }
            }
        });
    }

    /** Inter streams cut at seeded positions: BitstreamException, or the complete frames at a unit boundary. */
    @TestFactory
    Stream<DynamicTest> interStreamsTruncatedAtSampledPositions() throws IOException {
        return interStreams().map(file -> DynamicTest.dynamicTest(file, () -> {
            byte[] s = conformance(file);
            Map<Integer, Integer> framesAtBoundary = new TreeMap<>();
            List<Units.Unit> units = Units.split(s);
            for (int i = 0; i < units.size(); i++) {
                framesAtBoundary.put(units.get(i).end(), i);
            }
            Random r = new Random(file.hashCode());
            Batch b = new Batch("truncation of " + file);
            b.run(() -> {
                for (int k = 0; k < 40; k++) {
                    int n = k < units.size() ? units.get(k).end() - (k % 3) : r.nextInt(s.length);
                    b.current = "cut to " + n + " bytes";
                    Integer frames = framesAtBoundary.get(n);
                    if (frames != null) {
                        assertEquals(frames, Codec.decode(Arrays.copyOf(s, n)).size(), b.current);
                    } else {
                        b.expectRejected(Arrays.copyOf(s, n));
                    }
                }
            });
        }));
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

    /** The conformance streams with inter frames (GOP other than all-intra), from expected.md5. */
    private static Stream<String> interStreams() throws IOException {
        return ConformanceTest.expected().stream().filter(e -> e.gop() != GopStructure.ALL_INTRA)
                .map(ConformanceTest.Expected::file);
    }

    /**
     * Every inter conformance stream, corrupted behind valid CRCs (bit flips, overwritten runs,
     * truncation, appended bytes, zeroed/0xFF tails, random payloads) with a seeded generator for
     * about a second each (more with {@code -Dinlay.fuzzScale}): each decode raises
     * BitstreamException or gives well-formed pictures. Also raw byte flips (the CRC-32C catches
     * them).
     */
    @TestFactory
    Stream<DynamicTest> corruptPayloadsOfInterStreams() throws IOException {
        return interStreams().map(file -> DynamicTest.dynamicTest(file, () -> {
            byte[] s = conformance(file);
            fuzzPayloads(s, 2000, file.hashCode(), 64L << 20, Duration.ofMillis(900L * SCALE));
            Random r = new Random(~file.hashCode());
            Batch b = new Batch("byte flips in " + file);
            b.run(() -> {
                for (int k = 0; k < 10; k++) {
                    byte[] t = s.clone();
                    int at = r.nextInt(t.length);
                    t[at] ^= (byte) (1 + r.nextInt(255));
                    b.current = "byte " + at + " changed";
                    b.expectRejected(t);
                }
            });
        }));
    }

    /**
     * Seeded random frame headers (valid records, any semantics) on the inter frames of the
     * small random-access and low-delay P streams, frame data unchanged: the frame's reference
     * picture set with entries dropped, others added (a POC within 8 that may not be in the
     * buffer) and used_by_curr_pic_flag changed; active counts 0..4 (mostly 1..4, and 0 in list 1
     * of a P frame); any temporal layer and chroma QP offset. The decoder raises
     * BitstreamException (a missing reference, lists unfit for the frame type, frame data that no
     * longer parses) or decodes well-formed pictures; both must happen.
     */
    @ParameterizedTest
    @ValueSource(strings = {ConformanceStreams.SMALL_RA, ConformanceStreams.SMALL_LDP})
    void randomFrameHeadersOnInterFrames(String file) throws IOException {
        byte[] s = conformance(file);
        List<StreamStructure.Frame> inter = StreamStructure.frames(s).stream()
                .filter(f -> f.type() != FrameType.I).toList();
        Picture clean = Codec.decode(s).getFirst();
        Random r = new Random(file.hashCode());
        Batch b = new Batch("random frame headers in " + file);
        b.width = clean.width();
        b.height = clean.height();
        b.bitDepth = clean.bitDepth();
        b.run(() -> {
            for (int k = 0; k < 300 * SCALE; k++) {
                StreamStructure.Frame f = inter.get(r.nextInt(inter.size()));
                TreeMap<Integer, Boolean> set = new TreeMap<>();
                for (FrameHeader.RefPic rp : f.header().refPics()) {
                    if (r.nextInt(8) != 0) {
                        set.put(rp.deltaPoc(), r.nextInt(4) != 0);
                    }
                }
                if (r.nextInt(6) == 0) {
                    int d = r.nextInt(17) - 8;
                    if (d != 0 && f.poc() + d >= 0) {
                        set.put(d, r.nextBoolean());
                    }
                }
                while (set.size() > FrameHeader.MAX_REF_PICS) {
                    set.pollLastEntry();
                }
                List<FrameHeader.RefPic> refs = new ArrayList<>();
                set.headMap(0, false).descendingMap().forEach((d, u) -> refs.add(new FrameHeader.RefPic(d, u)));
                set.tailMap(0, false).forEach((d, u) -> refs.add(new FrameHeader.RefPic(d, u)));
                boolean p = f.type() == FrameType.P;
                int l0 = r.nextInt(10) == 0 ? r.nextInt(5) : 1 + r.nextInt(4);
                int l1 = r.nextInt(10) == 0 ? r.nextInt(5) : p ? 0 : 1 + r.nextInt(4);
                FrameHeader o = f.header();
                FrameHeader h = new FrameHeader(o.frameQp(), o.deblockingEnabled(), o.betaOffsetDiv2(), o.tcOffsetDiv2(),
                        o.cuQpDeltaEnabled(), r.nextInt(8), refs, l0, l1, r.nextInt(25) - 12);
                BitWriter w = new BitWriter();
                h.write(w, false);
                byte[] payload = Units.payload(s, f.unit());
                byte[] q = Units.concat(w.toByteArray(), Arrays.copyOfRange(payload, o.sizeInBytes(false), payload.length));
                b.current = "trial " + k + ": " + f.label() + " with " + h;
                b.expectRejectedOrSane(Units.replacePayload(s, f.unit(), q), 64L << 20);
            }
        });
        System.out.printf("%s: %d decoded, %d rejected %s%n", b.name, b.decoded, b.rejected, b.rules);
        assertTrue(b.rejected > 0 && b.decoded > 0, b.name + ": " + b.decoded + " decoded, " + b.rejected + " rejected");
    }

    /**
     * chroma_qp_offset is a free choice of the encoder in every frame: any value in -12..12 in any
     * P frame still decodes, and since luma never depends on chroma, to the same luma samples in
     * every picture; chroma changes (in frames with chroma residuals or intra blocks, and in the
     * frames predicted from them).
     */
    @Test
    void chromaQpOffsetChangesOnlyChroma() throws IOException {
        byte[] s = conformance(ConformanceStreams.SMALL_LDP);
        List<Picture> clean = Codec.decode(s);
        int trials = 0;
        int chromaChanged = 0;
        for (StreamStructure.Frame f : StreamStructure.frames(s)) {
            if (f.type() != FrameType.P) {
                continue;
            }
            FrameHeader o = f.header();
            byte[] p = Units.payload(s, f.unit());
            for (int cqo = -FrameHeader.MAX_CHROMA_QP_OFFSET; cqo <= FrameHeader.MAX_CHROMA_QP_OFFSET; cqo++) {
                FrameHeader h = new FrameHeader(o.frameQp(), o.deblockingEnabled(), o.betaOffsetDiv2(), o.tcOffsetDiv2(),
                        o.cuQpDeltaEnabled(), o.temporalLayer(), o.refPics(), o.numRefIdxActiveL0(), o.numRefIdxActiveL1(),
                        cqo);
                BitWriter w = new BitWriter();
                h.write(w, false);
                byte[] q = Units.concat(w.toByteArray(), Arrays.copyOfRange(p, o.sizeInBytes(false), p.length));
                List<Picture> pics = Codec.decode(Units.replacePayload(s, f.unit(), q));
                String what = f.label() + " with chroma_qp_offset " + cqo;
                assertEquals(clean.size(), pics.size(), what);
                boolean chroma = false;
                for (int i = 0; i < pics.size(); i++) {
                    assertNull(insane(pics.get(i)), what);
                    assertTrue(pics.get(i).plane(0).sameSamples(clean.get(i).plane(0)), what + ": luma of POC " + i + " changed");
                    chroma |= !pics.get(i).sameSamples(clean.get(i));
                }
                if (cqo == o.chromaQpOffset()) {
                    assertFalse(chroma, what + ": the stream's own offset decodes to the stream's pictures");
                } else {
                    trials++;
                    chromaChanged += chroma ? 1 : 0;
                }
            }
        }
        assertTrue(chromaChanged >= trials / 2, "chroma changed in only " + chromaChanged + " of " + trials + " decodes");
    }

    /** Up to 16 pictures may wait for output (a POC gap); the 17th is an error. */
    @Test
    void sixteenPicturesMayWaitForOutputButNotSeventeen() throws IOException {
        int max = MalformedStreams.MAX_PENDING_OUTPUT;
        List<Picture> pics = Codec.decode(MalformedStreams.pocGap(small, max));
        assertEquals(1 + max, pics.size());
        assertTrue(pics.getFirst().sameSamples(smallDecoded.getFirst()));
        for (Picture pic : pics.subList(1, pics.size())) {
            assertTrue(pic.sameSamples(smallDecoded.get(1)));
        }
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> Codec.decode(MalformedStreams.pocGap(small, max + 1)));
        assertTrue(e.getMessage().contains("more than " + max + " pictures wait for output"), e.getMessage());
    }

    private static void fuzzPayloads(byte[] stream, int trials, long seed, long allocationLimit) throws IOException {
        fuzzPayloads(stream, trials, seed, allocationLimit, null);
    }

    /** Seeded payload corruptions behind valid CRCs; with a budget, stops early once it is spent. */
    private static void fuzzPayloads(byte[] stream, int trials, long seed, long allocationLimit, Duration budget)
            throws IOException {
        List<Units.Unit> units = Units.split(stream);
        Picture clean = Codec.decode(stream).getFirst();
        Random r = new Random(seed * SCALE);
        int n = trials * SCALE;
        long deadline = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
        Batch b = new Batch("payload corruption, seed " + seed * SCALE);
        b.width = clean.width();
        b.height = clean.height();
        b.bitDepth = clean.bitDepth();
        int[] done = {0};
        b.run(() -> {
            for (int k = 0; k < n && System.nanoTime() < deadline; k++, done[0]++) {
                int unit = 1 + r.nextInt(units.size() - 1);
                byte[] p = Units.frameBody(units.get(unit).body()).payload();
                int kind = r.nextInt(8);
                byte[] q = mutate(p, kind, r);
                b.current = "trial " + k + ": frame unit " + unit + ", mutation " + MUTATIONS[kind]
                        + ", payload " + p.length + " -> " + q.length + " bytes";
                b.expectRejectedOrSane(Units.replacePayload(stream, unit, q), allocationLimit);
            }
        });
        System.out.printf("%s: %d trials, %d decoded, %d rejected %s%n", b.name, done[0], b.decoded, b.rejected, b.rules);
    }

    @Test
    void inRangeHeaderChangesDecodeToOtherSanePictures() throws IOException {
        // Deblocking offsets are free choices of the encoder: with beta/tc offsets of +-1 the frame
        // header keeps its size (2 bytes), so the arithmetic-coded data still parses and the decoder
        // must produce a well-formed picture that differs only through deblocking.
        byte[] p = Units.payload(small, 1);
        FrameHeader h = FrameHeader.read(new BitReader(p, 0, p.length, 0), false);
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
                o.write(w, false);
                byte[] head = w.toByteArray();
                assertEquals(h.sizeInBytes(false), head.length, o.toString());
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
        cases.put("neural loop filter flag without a model", header(16, 16, 8, 1, 6, 3, 1, List.of()));
        cases.put("neural loop filter with a model no provider has", header(16, 16, 8, 1, 6, 3, 1, List.of(new byte[32])));
        cases.put("undefined tool flag", header(16, 16, 8, 1, 6, 3, 2, List.of()));
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () ->
                assertThrows(BitstreamException.class, () -> Decoder.create(c.getValue(),
                                DecoderConfig.defaults().withFilterProviders(List.of())),
                        c.getKey() + ": " + c.getValue())));
    }

    @Test
    void neuralModelsAreOnlyNeededWhenAToolUsesThem() throws BitstreamException {
        // model identifiers listed, no tool that uses them: nothing to open
        SequenceHeader listed = header(16, 16, 8, 1, 6, 3, 0, List.of(new byte[32]));
        Decoder.create(listed, DecoderConfig.defaults().withFilterProviders(List.of())).close();
        // the filter's model (entry 0) missing: typed error naming the identifier and its offset
        byte[] id = new byte[32];
        id[0] = (byte) 0xAB;
        id[31] = 0x01;
        SequenceHeader nlf = header(16, 16, 8, 1, 6, 3, 1, List.of(id, new byte[32]));
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> Decoder.create(nlf, DecoderConfig.defaults().withFilterProviders(List.of()), 1000));
        assertEquals("neural model ab" + "00".repeat(30) + "01 is not available", e.rule());
        assertEquals(1000 + 20, e.offset());
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
    void decoderRejectsIntraPayloadsTypedPOrBThroughTheApi() throws IOException {
        Decoder dec = Decoder.create(header(72, 40, 8, 1, 6, 3, 0, List.of()), DecoderConfig.defaults());
        byte[] payload = Units.payload(small, 1);
        // an intra frame header has no active references, which a P or B frame needs
        Map<FrameType, String> rule = Map.of(
                FrameType.P, "a P frame shall have num_ref_idx_l0_active >= 1 and num_ref_idx_l1_active = 0",
                FrameType.B, "a B frame shall have num_ref_idx_l0_active and num_ref_idx_l1_active >= 1");
        for (FrameType t : List.of(FrameType.P, FrameType.B)) {
            BitstreamException e = assertThrows(BitstreamException.class, () -> dec.push(new Packet(t, 0, payload), 500));
            assertTrue(e.getMessage().contains(rule.get(t)), e.getMessage());
            assertEquals(500, e.offset(), "the frame header's offset: " + e.getMessage());
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
            // Before C2 has compiled the Vector API kernels every vector is boxed: the first decodes
            // of a 320x240 stream in a JVM allocate up to ~450 MB (about 14 MB warm). So an excess
            // is measured again on the same input, up to ALLOCATION_RETRIES times; only an
            // allocation that stays (one the input drives) is a failure.
            for (int retry = 0; retry < ALLOCATION_RETRIES && used > allocationLimit; retry++) {
                long again = allocatedBytes();
                try {
                    Codec.decode(stream);
                } catch (Throwable t) {
                    // the outcome was classified above; only the allocation is measured here
                }
                used = Math.min(used, allocatedBytes() - again);
            }
            if (used > allocationLimit) {
                failures.add(current + ": allocated " + used + " bytes (the least of " + (1 + ALLOCATION_RETRIES)
                        + " decodes)");
            }
        }
    }

    /** Decodes of the same input after an allocation above the limit (see expectRejectedOrSane). */
    private static final int ALLOCATION_RETRIES = 6;

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
