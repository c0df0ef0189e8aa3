package io.inlay.testvectors;

import static io.inlay.testvectors.ConformanceStreams.SMALL;
import static io.inlay.testvectors.ConformanceStreams.SMALL_LDP;
import static io.inlay.testvectors.ConformanceStreams.SMALL_RA;

import io.inlay.bitstream.BitWriter;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameHeader.RefPic;
import io.inlay.bitstream.RawFrameHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The fixed malformed streams in {@code testvectors/malformed/}, each derived from a small
 * conformance stream by one deliberate fault: the all-intra {@link ConformanceStreams#SMALL}, the
 * random-access {@link ConformanceStreams#SMALL_RA} (coding order I0 B4 B2 B1 B3 B5 I6 B7), the
 * low-delay P {@link ConformanceStreams#SMALL_LDP} (I0 P1 .. P5) or, for the neural loop filter,
 * the all-intra {@link #SMALL_NLF}. Faults behind a CRC are
 * re-CRC'd, so that the parser, not the CRC check, has to catch them. Used to (re)generate the
 * files; the test reads the committed table in {@code malformed/README.md}.
 */
final class MalformedStreams {
    private MalformedStreams() {
    }

    /**
     * @param file     file name in {@code malformed/}
     * @param base     the conformance stream it is derived from
     * @param expected a substring of the BitstreamException message the decoder shall raise (empty:
     *                 any BitstreamException)
     * @param how      how the stream was made, for the table
     * @param make     derives the stream from the base stream
     * @param offset   where the error shall be reported
     */
    record Definition(String file, String base, String expected, String how, UnaryOperator<byte[]> make,
                      Offset offset) {
    }

    /** The byte offsets (inclusive range) at which the decoder shall report the fault. */
    interface Offset {
        /** {lo, hi} for the malformed stream {@code s} derived from {@code base}; null: anywhere in the file. */
        long[] range(byte[] base, byte[] s);
    }

    /** Anywhere in the file (0 .. its length). */
    private static Offset anywhere() {
        return (base, s) -> null;
    }

    /** Within unit {@code index} of the malformed stream. */
    private static Offset inUnit(int index) {
        return (base, s) -> {
            Units.Unit u = Units.split(s).get(index);
            return new long[] {u.start(), u.end()};
        };
    }

    /** Exactly the first payload byte (the frame header) of the last frame unit with POC {@code poc}. */
    private static Offset headerOf(int poc) {
        return (base, s) -> {
            long p = Units.payloadStart(s, lastUnitWithPoc(s, poc));
            return new long[] {p, p};
        };
    }

    /** Within the payload of the last frame unit with POC {@code poc} (including its CRC). */
    private static Offset payloadOf(int poc) {
        return (base, s) -> {
            int unit = lastUnitWithPoc(s, poc);
            return new long[] {Units.payloadStart(s, unit), Units.split(s).get(unit).end()};
        };
    }

    /**
     * Exactly the byte holding the first bit of syntax element {@code element} of the frame header
     * of POC {@code poc}, written raw with {@code edit} applied (as {@link #raw} does).
     */
    private static Offset element(int poc, String element, Consumer<RawFrameHeader> edit) {
        return (base, s) -> {
            RawFrameHeader r = RawFrameHeader.of(frame(base, poc).header(), false);
            edit.accept(r);
            r.bytes();
            long p = Units.payloadStart(s, lastUnitWithPoc(s, poc)) + r.offsetOf(element);
            return new long[] {p, p};
        };
    }

    private static int lastUnitWithPoc(byte[] s, int poc) {
        List<Units.Unit> units = Units.split(s);
        for (int i = units.size() - 1; i > 0; i--) {
            if (units.get(i).type() == Units.FRAME && Units.frameBody(units.get(i).body()).poc() == poc) {
                return i;
            }
        }
        throw new IllegalArgumentException("no frame unit with POC " + poc);
    }

    // ---------------------------------------------------------------------------------------
    // Sequence-level edits.

    // sequence_header() layout (container.md §4): width u(16), height u(16), then one byte of
    // bit_depth u(4) | chroma_format_idc u(2) | colour_range u(1) | reserved_zero_1bit, then
    // matrix_coefficients u(8), fps_num u(32), fps_den u(32), ctu_log2_size u(4) |
    // min_cu_log2_size u(4), tool_flags u(32), num_neural_models u(8).
    private static final int BIT_DEPTH_BYTE = 4;
    private static final int TOOL_FLAGS_BYTE = 15;

    private static byte[] sequenceHeader(byte[] s, UnaryOperator<byte[]> edit) {
        byte[] body = Units.split(s).getFirst().body().clone();
        return Units.replaceBody(s, 0, edit.apply(body));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] size(byte[] s, int width, int height) {
        return sequenceHeader(s, b -> {
            b[0] = (byte) (width >>> 8);
            b[1] = (byte) width;
            b[2] = (byte) (height >>> 8);
            b[3] = (byte) height;
            return b;
        });
    }

    private static byte[] bitDepthByte(byte[] s, int bitDepth, int chromaFormatIdc) {
        return sequenceHeader(s, b -> {
            b[BIT_DEPTH_BYTE] = (byte) ((bitDepth << 4) | (chromaFormatIdc << 2) | (b[BIT_DEPTH_BYTE] & 0x03));
            return b;
        });
    }

    // ---------------------------------------------------------------------------------------
    // Frame-level edits.

    // Rewrites the payload of the first frame unit (unit 1), re-CRC'd.
    private static byte[] payload(byte[] s, UnaryOperator<byte[]> edit) {
        return Units.replacePayload(s, 1, edit.apply(Units.payload(s, 1).clone()));
    }

    private static byte[] frameType(byte[] s, int type) {
        Units.FrameBody f = Units.frameBody(Units.split(s).get(1).body());
        return Units.replaceBody(s, 1, new Units.FrameBody(type, f.poc(), f.payload()).encode());
    }

    /** The frame with POC {@code poc}. */
    private static StreamStructure.Frame frame(byte[] s, int poc) {
        for (StreamStructure.Frame f : StreamStructure.frames(s)) {
            if (f.poc() == poc) {
                return f;
            }
        }
        throw new IllegalArgumentException("no frame with POC " + poc);
    }

    /** Rewrites the payload of the frame with POC {@code poc}, re-CRC'd. */
    private static byte[] payloadOfPoc(byte[] s, int poc, UnaryOperator<byte[]> edit) {
        int unit = frame(s, poc).unit();
        return Units.replacePayload(s, unit, edit.apply(Units.payload(s, unit).clone()));
    }

    /** Replaces the frame header of POC {@code poc} by {@code header}, keeping its frame data; re-CRC'd. */
    private static byte[] withHeader(byte[] s, int poc, byte[] header) {
        StreamStructure.Frame f = frame(s, poc);
        return payloadOfPoc(s, poc, p -> Units.concat(header, Arrays.copyOfRange(p, f.header().sizeInBytes(false), p.length)));
    }

    /** Rewrites the frame header of POC {@code poc} (a valid header record, any semantics). */
    private static byte[] header(byte[] s, int poc, UnaryOperator<FrameHeader> edit) {
        BitWriter w = new BitWriter();
        edit.apply(frame(s, poc).header()).write(w, false);
        return withHeader(s, poc, w.toByteArray());
    }

    /** Rewrites the frame header of POC {@code poc} field by field, values unchecked. */
    private static byte[] raw(byte[] s, int poc, Consumer<RawFrameHeader> edit) {
        RawFrameHeader r = RawFrameHeader.of(frame(s, poc).header(), false);
        edit.accept(r);
        return withHeader(s, poc, r.bytes());
    }

    private static FrameHeader with(FrameHeader h, List<RefPic> refs, int l0, int l1) {
        return new FrameHeader(h.frameQp(), h.deblockingEnabled(), h.betaOffsetDiv2(), h.tcOffsetDiv2(),
                h.cuQpDeltaEnabled(), h.temporalLayer(), refs, l0, l1, h.chromaQpOffset());
    }

    /** {@code refs} with an entry for {@code delta} added in its place (negative nearest first, then positive). */
    private static List<RefPic> withRef(List<RefPic> refs, int delta, boolean used) {
        List<RefPic> out = new ArrayList<>(refs);
        out.add(new RefPic(delta, used));
        out.sort((a, b) -> a.deltaPoc() < 0 != b.deltaPoc() < 0 ? (a.deltaPoc() < 0 ? -1 : 1)
                : Integer.compare(Math.abs(a.deltaPoc()), Math.abs(b.deltaPoc())));
        return out;
    }

    /** Sets the POC of frame unit {@code unit}; re-CRC'd. */
    private static byte[] poc(byte[] s, int unit, int poc) {
        Units.FrameBody f = Units.frameBody(Units.split(s).get(unit).body());
        return Units.replaceBody(s, unit, new Units.FrameBody(f.frameType(), poc, f.payload()).encode());
    }

    /** The frame's header kept, its frame data replaced by {@code n} seeded pseudo-random bytes. */
    private static byte[] garbageData(byte[] s, int poc, int n, long seed) {
        int head = frame(s, poc).header().sizeInBytes(false);
        return payloadOfPoc(s, poc, p -> {
            byte[] g = new byte[n];
            new Random(seed).nextBytes(g);
            return Units.concat(Arrays.copyOf(p, head), g);
        });
    }

    /**
     * The first frame (coding order) whose reference picture set could name a picture decoded
     * earlier but already dropped from the decoded-picture buffer, and that picture's POC:
     * {frame POC, dropped POC}.
     */
    private static int[] droppedReference(byte[] s) {
        Set<Integer> dpb = new HashSet<>();
        Set<Integer> decoded = new HashSet<>();
        for (StreamStructure.Frame f : StreamStructure.frames(s)) {
            if (f.type() != io.inlay.bitstream.FrameType.I) {
                for (int d : decoded) {
                    if (!dpb.contains(d) && !f.rpsPocs().contains(d)) {
                        return new int[] {f.poc(), d};
                    }
                }
            }
            dpb.retainAll(f.rpsPocs());
            dpb.add(f.poc());
            decoded.add(f.poc());
        }
        throw new IllegalStateException("no picture is ever dropped from the buffer");
    }

    /** Frame unit 1 (POC 0), then {@code copies} copies of frame unit 2 with POCs 2, 3, ... (no POC 1). */
    static byte[] pocGap(byte[] s, int copies) {
        List<Units.Unit> u = Units.split(s);
        Units.FrameBody second = Units.frameBody(u.get(2).body());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(s, 0, u.get(2).start());
        for (int i = 0; i < copies; i++) {
            b.writeBytes(Units.unit(Units.FRAME, new Units.FrameBody(second.frameType(), 2 + i, second.payload()).encode()));
        }
        return b.toByteArray();
    }

    /** Number of pictures that may wait for output (the decoder's limit). */
    static final int MAX_PENDING_OUTPUT = 16;

    // RAW edits and where they break (shared by make and offset).
    private static final Consumer<RawFrameHeader> NINE_REFS = r -> r.refs(5, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final Consumer<RawFrameHeader> DELTA_BEYOND = r -> r.refs(1, 1, FrameHeader.MAX_DELTA_POC, 0);
    private static final Consumer<RawFrameHeader> L0_FIVE = r -> r.l0 = 5;
    private static final Consumer<RawFrameHeader> CQO_13 = r -> r.chromaQpOffset = 13;
    private static final Consumer<RawFrameHeader> BETA_7 = r -> r.beta = 7;
    private static final Consumer<RawFrameHeader> TC_MINUS_7 = r -> r.tc = -7;
    private static final Consumer<RawFrameHeader> L1_FIVE = r -> r.l1 = 5;
    private static final Consumer<RawFrameHeader> ALIGNMENT_BIT = r -> r.alignmentBits = 1;

    /** The all-intra stream with the neural loop filter (one model identifier: nlf1) the NLF faults are made from. */
    static final String SMALL_NLF = "synthetic_67x35_10bit_qp32_nlf1.inlay";

    /** nlf1's identifier with the last bit flipped: a model no decoder has. */
    private static final byte[] FLIPPED_MODEL = flippedModel();

    private static byte[] flippedModel() {
        byte[] id = ConformanceStreams.nlfModel().clone();
        id[id.length - 1] ^= 1;
        return id;
    }

    // sequence_header() fields by byte within the body (container.md §4, see above).
    private static final int FPS_NUM_BYTE = 6;
    private static final int FPS_DEN_BYTE = 10;
    private static final int CTU_SIZES_BYTE = 14;
    private static final int NUM_NEURAL_MODELS_BYTE = 19;

    /** Exactly byte {@code k} of the sequence header's body. */
    private static Offset sequenceHeaderByte(int k) {
        return (base, s) -> {
            long p = Units.bodyStart(s, 0) + k;
            return new long[] {p, p};
        };
    }

    /** Exactly byte {@code k} of the stream. */
    private static Offset at(long k) {
        return (base, s) -> new long[] {k, k};
    }

    /** Exactly the length of the stream (the end of the data, where truncation is detected). */
    private static Offset atEnd() {
        return (base, s) -> new long[] {s.length, s.length};
    }

    /** The stream without unit {@code index}. */
    private static byte[] withoutUnit(byte[] s, int index) {
        Units.Unit u = Units.split(s).get(index);
        return Units.concat(Arrays.copyOf(s, u.start()), Arrays.copyOfRange(s, u.end(), s.length));
    }

    /** The file header, then {@code rest}. */
    private static byte[] afterFileHeader(byte[] s, byte[]... rest) {
        byte[][] parts = new byte[rest.length + 1][];
        parts[0] = Arrays.copyOf(s, Units.FILE_HEADER_SIZE);
        System.arraycopy(rest, 0, parts, 1, rest.length);
        return Units.concat(parts);
    }

    /** Replaces the body of frame unit 1 by {@code frame_type} 0, the raw {@code poc} bytes and the payload. */
    private static byte[] rawPoc(byte[] s, byte... poc) {
        Units.FrameBody f = Units.frameBody(Units.split(s).get(1).body());
        return Units.replaceBody(s, 1, Units.concat(new byte[] {(byte) f.frameType()}, poc, f.payload()));
    }

    /** The frame with the neural loop filter switched on in its header (nlf_luma_scale or nlf_chroma_scale not 0). */
    private static StreamStructure.Frame nlfActiveFrame(byte[] s) {
        return StreamStructure.frames(s).stream().filter(f -> f.header().nlfActive()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no frame uses the neural loop filter"));
    }

    /** Bytes of the frame header of POC {@code poc} in a stream with the neural loop filter, up to {@code element}. */
    private static int nlfHeaderBytesBefore(byte[] s, int poc, String element) {
        RawFrameHeader r = RawFrameHeader.of(frame(s, poc).header(), true);
        r.bytes();
        return (int) r.offsetOf(element);
    }

    static final List<Definition> ALL = List.of(
            // Container and sequence header.
            new Definition("empty.inlay", SMALL, "stream ends inside the file header",
                    "0 bytes", s -> new byte[0], anywhere()),
            new Definition("bad_magic.inlay", SMALL, "file_magic shall be \"INLY\"",
                    "file_magic \"INLZ\"", s -> {
                        byte[] t = s.clone();
                        t[3] = 'Z';
                        return t;
                    }, anywhere()),
            new Definition("version_0_1.inlay", SMALL, "unsupported format version 0.1",
                    "version_minor 1 (the format before the neural loop filter)", s -> {
                        byte[] t = s.clone();
                        t[5] = 1;
                        return t;
                    }, anywhere()),
            new Definition("version_9.inlay", SMALL, "unsupported format version 9.9",
                    "version_major 9", s -> {
                        byte[] t = s.clone();
                        t[4] = 9;
                        return t;
                    }, anywhere()),
            new Definition("truncated_in_frame.inlay", SMALL, "stream ends inside a unit",
                    "cut 10 bytes before the end of the second frame unit", s -> Arrays.copyOf(s, s.length - 10),
                    anywhere()),
            new Definition("bad_crc.inlay", SMALL, "does not match the CRC-32C",
                    "one payload bit of the first frame flipped, CRC not updated", s -> {
                        byte[] t = s.clone();
                        t[Units.split(s).get(1).start() + 12] ^= 0x10;
                        return t;
                    }, inUnit(1)),
            new Definition("unknown_unit_type.inlay", SMALL, "unknown unit_type 7",
                    "a unit of type 7 after the sequence header",
                    s -> Units.concat(Arrays.copyOf(s, Units.split(s).get(1).start()), Units.unit(7, new byte[3])),
                    inUnit(1)),
            new Definition("unit_size_over_limit.inlay", SMALL, "exceeds the limit",
                    "a frame unit declaring unit_size 2^31-1 (then end of stream)",
                    s -> Units.concat(Arrays.copyOf(s, Units.split(s).get(1).start()),
                            new byte[] {Units.FRAME}, Units.leb128(Integer.MAX_VALUE)), anywhere()),
            new Definition("seq_width_0.inlay", SMALL, "width and height shall not be 0",
                    "sequence header width 0 (re-CRC'd)", s -> size(s, 0, 40), inUnit(0)),
            new Definition("seq_65535x65535.inlay", SMALL, "exceeds the decoder's limits",
                    "sequence header 65535x65535 (re-CRC'd)", s -> size(s, 65535, 65535), inUnit(0)),
            new Definition("seq_bit_depth_7.inlay", SMALL, "bit_depth shall be in 8..12, is 7",
                    "sequence header bit_depth 7 (re-CRC'd)", s -> bitDepthByte(s, 7, 1), inUnit(0)),
            new Definition("seq_bit_depth_13.inlay", SMALL, "bit_depth shall be in 8..12, is 13",
                    "sequence header bit_depth 13 (re-CRC'd)", s -> bitDepthByte(s, 13, 1), inUnit(0)),
            new Definition("seq_chroma_idc_3.inlay", SMALL, "chroma_format_idc shall be 1, is 3",
                    "sequence header chroma_format_idc 3 (re-CRC'd)", s -> bitDepthByte(s, 8, 3), inUnit(0)),
            new Definition("seq_tool_flags.inlay", SMALL, "tool_flags has undefined bits set",
                    "sequence header tool_flags 0x80000000 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        b[TOOL_FLAGS_BYTE] = (byte) 0x80;
                        return b;
                    }), inUnit(0)),
            new Definition("seq_nlf_no_model.inlay", SMALL, "the neural loop filter needs a model identifier",
                    "sequence header with TOOL_NEURAL_LOOP_FILTER and no neural model (re-CRC'd)",
                    s -> sequenceHeader(s, b -> {
                        b[TOOL_FLAGS_BYTE + 3] = 0x01;
                        return b;
                    }), inUnit(0)),
            new Definition("seq_nlf_unknown_model.inlay", SMALL, "is not available",
                    "sequence header with TOOL_NEURAL_LOOP_FILTER and a model no decoder has (SHA-256 of \"unknown\","
                            + " re-CRC'd); the error names the identifier's offset", s -> sequenceHeader(s, b -> {
                        byte[] t = Arrays.copyOf(b, b.length + 32);
                        t[TOOL_FLAGS_BYTE + 3] = 0x01;
                        t[TOOL_FLAGS_BYTE + 4] = 1;
                        System.arraycopy(sha256("unknown"), 0, t, b.length, 32);
                        return t;
                    }), (base, s) -> {
                        long id = Units.split(s).getFirst().start() + 2 + 20;
                        return new long[] {id, id};
                    }),
            // Learned inter interpolation (format 0.6, docs/bitstream/decoding-process.md §10.1).
            new Definition("seq_lif_no_model.inlay", SMALL, "learned inter interpolation needs a model identifier",
                    "sequence header with TOOL_LEARNED_INTER and no neural model (re-CRC'd)",
                    s -> sequenceHeader(s, b -> {
                        b[TOOL_FLAGS_BYTE + 3] = 0x04;
                        return b;
                    }), inUnit(0)),
            new Definition("seq_lif_unknown_model.inlay", SMALL, "learned interpolation model",
                    "sequence header with TOOL_LEARNED_INTER and a model no decoder has (SHA-256 of \"unknown\","
                            + " re-CRC'd); the error names the identifier's offset", s -> sequenceHeader(s, b -> {
                        byte[] t = Arrays.copyOf(b, b.length + 32);
                        t[TOOL_FLAGS_BYTE + 3] = 0x04;
                        t[TOOL_FLAGS_BYTE + 4] = 1;
                        System.arraycopy(sha256("unknown"), 0, t, b.length, 32);
                        return t;
                    }), (base, s) -> {
                        long id = Units.split(s).getFirst().start() + 2 + 20;
                        return new long[] {id, id};
                    }),
            new Definition("seq_changed.inlay", SMALL, "sequence header changed mid-stream",
                    "a second sequence header with height 48 before the second frame", s -> {
                        List<Units.Unit> u = Units.split(s);
                        byte[] other = size(s, 72, 48);
                        byte[] otherHeader = Arrays.copyOfRange(other, u.get(0).start(), Units.split(other).get(0).end());
                        return Units.concat(Arrays.copyOf(s, u.get(2).start()), otherHeader,
                                Arrays.copyOfRange(s, u.get(2).start(), s.length));
                    }, inUnit(2)),
            // Intra frames.
            new Definition("frame_qp_63.inlay", SMALL, "frame_qp shall be in 0..51, is 63",
                    "frame_qp 63 in the first frame header (re-CRC'd)", s -> payload(s, p -> {
                        p[0] = (byte) ((63 << 2) | (p[0] & 0x03));
                        return p;
                    }), headerOf(0)),
            new Definition("frame_type_p.inlay", SMALL, "a P frame shall have num_ref_idx_l0_active >= 1",
                    "first frame unit with frame_type 1 (P), payload of an I frame (re-CRC'd)", s -> frameType(s, 1),
                    headerOf(0)),
            new Definition("frame_type_3.inlay", SMALL, "frame_type 3 is not defined",
                    "first frame unit with frame_type 3 (re-CRC'd)", s -> frameType(s, 3), inUnit(1)),
            new Definition("empty_payload.inlay", SMALL, "runs past the end",
                    "first frame unit with an empty payload (re-CRC'd)", s -> payload(s, p -> new byte[0]), headerOf(0)),
            new Definition("payload_cut.inlay", SMALL, "",
                    "first frame payload cut to half its length (re-CRC'd)",
                    s -> payload(s, p -> Arrays.copyOf(p, p.length / 2)), payloadOf(0)),
            new Definition("garbage_payload.inlay", SMALL, "",
                    "first frame payload replaced by a valid frame header and 64 pseudo-random bytes (re-CRC'd)",
                    s -> garbageData(s, 0, 64, 64), payloadOf(0)),
            // Reference picture sets and reference lists (checked before any frame data is read).
            new Definition("b_frame_ref_not_decoded.inlay", SMALL_RA,
                    "reference picture with POC 3 is not in the decoded picture buffer",
                    "B4 (the first B frame) also names POC 3 (delta -1, used), which is decoded later (re-CRC'd)",
                    s -> header(s, 4, h -> with(h, withRef(h.refPics(), -1, true), h.numRefIdxActiveL0(),
                            h.numRefIdxActiveL1())), headerOf(4)),
            new Definition("p_frame_ref_dropped.inlay", SMALL_LDP, "is not in the decoded picture buffer",
                    "the first P frame that could name a picture an earlier reference picture set dropped from the"
                            + " buffer names it (used) (re-CRC'd)",
                    s -> {
                        int[] fd = droppedReference(s);
                        return header(s, fd[0], h -> with(h, withRef(h.refPics(), fd[1] - fd[0], true),
                                h.numRefIdxActiveL0(), 0));
                    }, (base, s) -> headerOf(droppedReference(base)[0]).range(base, s)),
            new Definition("starts_with_b_frame.inlay", SMALL_RA,
                    "reference picture with POC 0 is not in the decoded picture buffer",
                    "the key frame I0 removed: the stream starts with B4, which predicts from POC 0",
                    s -> {
                        List<Units.Unit> u = Units.split(s);
                        return Units.concat(Arrays.copyOf(s, u.get(1).start()), Arrays.copyOfRange(s, u.get(2).start(), s.length));
                    }, headerOf(4)),
            new Definition("i_frame_l0_active.inlay", SMALL_RA,
                    "num_ref_idx_l0_active and num_ref_idx_l1_active shall be 0 in an I frame",
                    "the second key frame I6 with num_ref_idx_l0_active 1 (re-CRC'd)",
                    s -> header(s, 6, h -> with(h, h.refPics(), 1, 0)), headerOf(6)),
            new Definition("p_frame_l1_active.inlay", SMALL_LDP,
                    "a P frame shall have num_ref_idx_l0_active >= 1 and num_ref_idx_l1_active = 0",
                    "P1 with num_ref_idx_l1_active 1 (re-CRC'd)",
                    s -> header(s, 1, h -> with(h, h.refPics(), h.numRefIdxActiveL0(), 1)), headerOf(1)),
            new Definition("p_frame_l0_zero.inlay", SMALL_LDP,
                    "a P frame shall have num_ref_idx_l0_active >= 1 and num_ref_idx_l1_active = 0",
                    "P2 with num_ref_idx_l0_active 0 (re-CRC'd)",
                    s -> header(s, 2, h -> with(h, h.refPics(), 0, 0)), headerOf(2)),
            new Definition("b_frame_l1_zero.inlay", SMALL_RA,
                    "a B frame shall have num_ref_idx_l0_active and num_ref_idx_l1_active >= 1",
                    "B4 with num_ref_idx_l1_active 0 (re-CRC'd)",
                    s -> header(s, 4, h -> with(h, h.refPics(), h.numRefIdxActiveL0(), 0)), headerOf(4)),
            new Definition("b_frame_no_used_ref.inlay", SMALL_RA,
                    "a P or B frame shall have a reference picture with used_by_curr_pic_flag 1",
                    "B2 with used_by_curr_pic_flag 0 on every entry of its reference picture set (re-CRC'd)",
                    s -> header(s, 2, h -> with(h, h.refPics().stream().map(r -> new RefPic(r.deltaPoc(), false)).toList(),
                            h.numRefIdxActiveL0(), h.numRefIdxActiveL1())), headerOf(2)),
            // POCs.
            new Definition("duplicate_poc_pending.inlay", SMALL_RA, "poc 4 repeats or precedes a picture already output",
                    "B2 (third frame unit) relabelled POC 4, the POC of B4, which still waits for output (re-CRC'd)",
                    s -> poc(s, 3, 4), headerOf(4)),
            new Definition("duplicate_poc_output.inlay", SMALL_LDP, "poc 1 repeats or precedes a picture already output",
                    "P2 (third frame unit) relabelled POC 1, the POC of P1, already output (re-CRC'd)",
                    s -> poc(s, 3, 1), headerOf(1)),
            new Definition("poc_gap_17_waiting.inlay", SMALL,
                    "more than " + MAX_PENDING_OUTPUT + " pictures wait for output",
                    "I0, then " + (MAX_PENDING_OUTPUT + 1) + " copies of the intra frame I1 as POCs 2.."
                            + (MAX_PENDING_OUTPUT + 2) + ": POC 1 never comes, so they all wait",
                    s -> pocGap(s, MAX_PENDING_OUTPUT + 1), headerOf(MAX_PENDING_OUTPUT + 2)),
            // Frame header fields out of range, in inter frames (written raw).
            new Definition("ref_pics_9.inlay", SMALL_RA, "num_negative_pics + num_positive_pics shall not exceed 8, is 9",
                    "B4 with num_negative_pics 5 and num_positive_pics 4 (re-CRC'd)",
                    s -> raw(s, 4, NINE_REFS), element(4, "num_negative_pics", NINE_REFS)),
            new Definition("delta_poc_beyond_2_15.inlay", SMALL_RA,
                    "a reference picture's POC delta shall be within +-2^15, is -32769",
                    "B4 whose first reference picture has delta_poc_minus1 2^15 (re-CRC'd)",
                    s -> raw(s, 4, DELTA_BEYOND), element(4, "delta_poc_minus1[0]", DELTA_BEYOND)),
            new Definition("num_ref_idx_l0_active_5.inlay", SMALL_LDP, "num_ref_idx_l0_active shall be in 0..4, is 5",
                    "P1 with num_ref_idx_l0_active 5 (re-CRC'd)",
                    s -> raw(s, 1, L0_FIVE), element(1, "num_ref_idx_l0_active", L0_FIVE)),
            new Definition("chroma_qp_offset_13.inlay", SMALL_LDP, "chroma_qp_offset shall be in -12..12, is 13",
                    "P1 with chroma_qp_offset 13 (re-CRC'd)",
                    s -> raw(s, 1, CQO_13), element(1, "chroma_qp_offset", CQO_13)),
            // Truncation at every structure of the container and the headers.
            new Definition("truncated_in_file_header.inlay", SMALL, "stream ends inside the file header",
                    "the first 5 bytes only", s -> Arrays.copyOf(s, 5), at(5)),
            new Definition("only_file_header.inlay", SMALL, "stream ends before the sequence header",
                    "the 8-byte file header only", s -> Arrays.copyOf(s, Units.FILE_HEADER_SIZE),
                    at(Units.FILE_HEADER_SIZE)),
            new Definition("truncated_in_unit_size.inlay", SMALL, "stream ends inside unit_size",
                    "cut after the sequence header's unit_type, inside a two-byte unit_size 0x94 0x00",
                    s -> afterFileHeader(s, new byte[] {Units.SEQUENCE_HEADER, (byte) 0x94}), atEnd()),
            new Definition("truncated_in_sequence_header.inlay", SMALL, "stream ends inside a unit (10 of 20 bytes missing)",
                    "cut after 10 of the 20 bytes of sequence_header()", s -> Arrays.copyOf(s, Units.bodyStart(s, 0) + 10),
                    atEnd()),
            new Definition("truncated_in_unit_crc.inlay", SMALL, "stream ends inside unit_crc",
                    "cut inside the sequence header's unit_crc (2 of its 4 bytes)",
                    s -> Arrays.copyOf(s, Units.split(s).getFirst().end() - 2), atEnd()),
            new Definition("truncated_in_frame_header.inlay", SMALL_LDP, "runs past the end of the buffer",
                    "P1's payload cut to its first byte, inside the frame header (re-CRC'd)",
                    s -> payloadOfPoc(s, 1, p -> Arrays.copyOf(p, 1)),
                    (base, s) -> {
                        long p = Units.payloadStart(s, lastUnitWithPoc(s, 1));
                        return new long[] {p, p + 1};
                    }),
            // Container syntax.
            new Definition("reserved_zero_16bits.inlay", SMALL, "reserved_zero_16bits shall be 0",
                    "file header byte 6 set to 1", s -> {
                        byte[] t = s.clone();
                        t[6] = 1;
                        return t;
                    }, at(6)),
            new Definition("no_sequence_header.inlay", SMALL, "the first unit shall be a sequence header",
                    "the sequence header unit removed: the first unit is a frame", s -> withoutUnit(s, 0),
                    at(Units.FILE_HEADER_SIZE)),
            new Definition("unit_size_not_minimal.inlay", SMALL, "unit_size is not minimally coded",
                    "the sequence header's unit_size 20 coded in two bytes (0x94 0x00)", s -> afterFileHeader(s,
                            new byte[] {Units.SEQUENCE_HEADER, (byte) 0x94, 0x00},
                            Arrays.copyOfRange(s, Units.bodyStart(s, 0), s.length)), at(Units.FILE_HEADER_SIZE + 1)),
            new Definition("unit_size_6_bytes.inlay", SMALL, "unit_size is longer than 5 bytes",
                    "a unit_size of six bytes (five with the continuation bit)", s -> afterFileHeader(s,
                            new byte[] {Units.SEQUENCE_HEADER, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                                (byte) 0x80, 0x00}), at(Units.FILE_HEADER_SIZE + 1)),
            new Definition("seq_unit_size_over_limit.inlay", SMALL, "unit_size 533 exceeds the limit of 532 bytes",
                    "a sequence header unit declaring 533 bytes, one more than sequence_header() can have with 16 models",
                    s -> afterFileHeader(s, new byte[] {Units.SEQUENCE_HEADER}, Units.leb128(533),
                            Arrays.copyOfRange(s, Units.bodyStart(s, 0), s.length)), at(Units.FILE_HEADER_SIZE + 1)),
            new Definition("seq_trailing_byte.inlay", SMALL, "unit_size exceeds the size of sequence_header()",
                    "the sequence header unit with one byte after sequence_header() (re-CRC'd)",
                    s -> sequenceHeader(s, b -> Arrays.copyOf(b, b.length + 1)), sequenceHeaderByte(20)),
            new Definition("repeated_seq_header_then_p.inlay", SMALL_LDP, "a repeated sequence header shall be followed by an I frame",
                    "an identical sequence header repeated before P1", s -> {
                        List<Units.Unit> u = Units.split(s);
                        return Units.concat(Arrays.copyOf(s, u.get(2).start()),
                                Arrays.copyOfRange(s, u.get(0).start(), u.get(0).end()),
                                Arrays.copyOfRange(s, u.get(2).start(), s.length));
                    }, (base, s) -> {
                        long p = Units.split(s).get(3).start();
                        return new long[] {p, p};
                    }),
            new Definition("frame_unit_1_byte.inlay", SMALL, "frame unit shorter than frame_type and poc",
                    "the first frame unit's body is the single byte frame_type 0 (re-CRC'd)",
                    s -> Units.replaceBody(s, 1, new byte[1]), (base, s) -> {
                        long p = Units.bodyStart(s, 1);
                        return new long[] {p, p};
                    }),
            new Definition("poc_not_minimal.inlay", SMALL, "poc is not minimally coded",
                    "the first frame's poc 0 coded in two bytes (0x80 0x00) (re-CRC'd)",
                    s -> rawPoc(s, (byte) 0x80, (byte) 0x00), (base, s) -> {
                        long p = Units.bodyStart(s, 1) + 1;
                        return new long[] {p, p};
                    }),
            new Definition("poc_2_31.inlay", SMALL, "poc shall not exceed 2^31-1",
                    "the first frame's poc 2^31 (re-CRC'd)",
                    s -> rawPoc(s, Units.leb128(1L << 31)), (base, s) -> {
                        long p = Units.bodyStart(s, 1) + 1;
                        return new long[] {p, p};
                    }),
            // Sequence header fields out of range or beyond the decoder's limits.
            new Definition("seq_width_16385.inlay", SMALL, "picture size 16385x40 exceeds the decoder's limits",
                    "sequence header width 16385, beyond the default limit of 16384 (re-CRC'd)",
                    s -> size(s, 16385, 40), sequenceHeaderByte(0)),
            new Definition("seq_8192x4352.inlay", SMALL, "picture size 8192x4352 exceeds the decoder's limits",
                    "sequence header 8192x4352: each side within 16384, the pixels beyond 7680x4320 (re-CRC'd)",
                    s -> size(s, 8192, 4352), sequenceHeaderByte(0)),
            new Definition("seq_reserved_bit.inlay", SMALL, "reserved_zero_1bit shall be 0",
                    "sequence header reserved_zero_1bit 1 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        b[BIT_DEPTH_BYTE] |= 0x01;
                        return b;
                    }), sequenceHeaderByte(BIT_DEPTH_BYTE)),
            new Definition("seq_fps_den_0.inlay", SMALL, "fps_num and fps_den shall be in 1..2^31-1",
                    "sequence header fps_den 0 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        Arrays.fill(b, FPS_DEN_BYTE, FPS_DEN_BYTE + 4, (byte) 0);
                        return b;
                    }), sequenceHeaderByte(FPS_NUM_BYTE)),
            new Definition("seq_fps_num_2_31.inlay", SMALL, "fps_num and fps_den shall be in 1..2^31-1",
                    "sequence header fps_num 2^31 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        b[FPS_NUM_BYTE] = (byte) 0x80;
                        Arrays.fill(b, FPS_NUM_BYTE + 1, FPS_NUM_BYTE + 4, (byte) 0);
                        return b;
                    }), sequenceHeaderByte(FPS_NUM_BYTE)),
            new Definition("seq_ctu_log2_5.inlay", SMALL, "ctu_log2_size shall be 6, is 5",
                    "sequence header ctu_log2_size 5 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        b[CTU_SIZES_BYTE] = (byte) ((5 << 4) | 3);
                        return b;
                    }), sequenceHeaderByte(CTU_SIZES_BYTE)),
            new Definition("seq_min_cu_log2_2.inlay", SMALL, "min_cu_log2_size shall be 3, is 2",
                    "sequence header min_cu_log2_size 2 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        b[CTU_SIZES_BYTE] = (byte) ((6 << 4) | 2);
                        return b;
                    }), sequenceHeaderByte(CTU_SIZES_BYTE)),
            new Definition("seq_17_neural_models.inlay", SMALL, "num_neural_models shall not exceed 16, is 17",
                    "sequence header num_neural_models 17 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        b[NUM_NEURAL_MODELS_BYTE] = 17;
                        return b;
                    }), sequenceHeaderByte(NUM_NEURAL_MODELS_BYTE)),
            // The neural loop filter.
            new Definition("seq_nlf_model_id_flipped.inlay", SMALL_NLF,
                    "neural model " + java.util.HexFormat.of().formatHex(FLIPPED_MODEL) + " is not available",
                    "the last bit of the model identifier (nlf1's SHA-256) flipped (re-CRC'd); the error names the"
                            + " identifier's offset", s -> sequenceHeader(s, b -> {
                        b[b.length - 1] ^= 1;
                        return b;
                    }), sequenceHeaderByte(io.inlay.bitstream.SequenceHeaderSyntax.FIXED_SIZE)),
            new Definition("nlf_scales_cut.inlay", SMALL_NLF, "runs past the end of the buffer",
                    "I0's payload cut before nlf_chroma_scale, inside the frame header (re-CRC'd)",
                    s -> payloadOfPoc(s, 0, p -> Arrays.copyOf(p, nlfHeaderBytesBefore(s, 0, "nlf_chroma_scale"))),
                    (base, s) -> {
                        long p = Units.payloadStart(s, lastUnitWithPoc(s, 0));
                        return new long[] {p, p + nlfHeaderBytesBefore(base, 0, "nlf_chroma_scale")};
                    }),
            new Definition("nlf_ctu_flags_cut.inlay", SMALL_NLF, "",
                    "the first frame that filters: the last byte of its arithmetic-coded data, which ends with the"
                            + " NLF CTU flags and end_of_frame_flag, removed (re-CRC'd)",
                    s -> payloadOfPoc(s, nlfActiveFrame(s).poc(), p -> Arrays.copyOf(p, p.length - 1)),
                    (base, s) -> payloadOf(nlfActiveFrame(base).poc()).range(base, s)),
            // Missing references.
            new Definition("starts_with_p_frame.inlay", SMALL_LDP,
                    "reference picture with POC 0 is not in the decoded picture buffer",
                    "the key frame I0 removed: the stream starts with P1, which predicts from POC 0",
                    s -> withoutUnit(s, 1), headerOf(1)),
            new Definition("second_key_frame_dropped.inlay", SMALL_RA,
                    "reference picture with POC 6 is not in the decoded picture buffer",
                    "the second key frame I6 removed: B7 predicts from POC 6",
                    s -> withoutUnit(s, frame(s, 6).unit()), headerOf(7)),
            // Frame header fields out of range (written raw).
            new Definition("beta_offset_7.inlay", SMALL_LDP, "beta_offset_div2 shall be in -6..6, is 7",
                    "P1 with beta_offset_div2 7 (re-CRC'd)", s -> raw(s, 1, BETA_7), element(1, "beta_offset_div2", BETA_7)),
            new Definition("tc_offset_minus_7.inlay", SMALL_LDP, "tc_offset_div2 shall be in -6..6, is -7",
                    "P1 with tc_offset_div2 -7 (re-CRC'd)", s -> raw(s, 1, TC_MINUS_7),
                    element(1, "tc_offset_div2", TC_MINUS_7)),
            new Definition("num_ref_idx_l1_active_5.inlay", SMALL_RA, "num_ref_idx_l1_active shall be in 0..4, is 5",
                    "B4 with num_ref_idx_l1_active 5 (re-CRC'd)", s -> raw(s, 4, L1_FIVE),
                    element(4, "num_ref_idx_l1_active", L1_FIVE)),
            new Definition("alignment_bit_1.inlay", SMALL, "alignment_bit_equal_to_zero is not zero",
                    "I0's frame header with a byte_alignment() bit 1 (re-CRC'd)", s -> raw(s, 0, ALIGNMENT_BIT),
                    element(0, "byte_alignment", ALIGNMENT_BIT)),
            // Inter frame data.
            new Definition("b_frame_payload_cut.inlay", SMALL_RA, "",
                    "B4 payload cut to half its length (re-CRC'd)",
                    s -> payloadOfPoc(s, 4, p -> Arrays.copyOf(p, p.length / 2)), payloadOf(4)),
            new Definition("b_frame_garbage_data.inlay", SMALL_RA, "",
                    "B2 frame data replaced by 48 pseudo-random bytes after its valid frame header (re-CRC'd)",
                    s -> garbageData(s, 2, 48, 2), payloadOf(2)),
            new Definition("p_frame_payload_cut.inlay", SMALL_LDP, "",
                    "P1 payload cut to half its length (re-CRC'd)",
                    s -> payloadOfPoc(s, 1, p -> Arrays.copyOf(p, p.length / 2)), payloadOf(1)),
            new Definition("p_frame_garbage_data.inlay", SMALL_LDP, "",
                    "P3 frame data replaced by 48 pseudo-random bytes after its valid frame header (re-CRC'd)",
                    s -> garbageData(s, 3, 48, 3), payloadOf(3)));
}
