package io.inlay.testvectors;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The fixed malformed streams in {@code testvectors/malformed/}, each derived from the small
 * conformance stream ({@link ConformanceStreams#SMALL}) by one deliberate fault. Faults behind a
 * CRC are re-CRC'd, so that the parser, not the CRC check, has to catch them. Used to
 * (re)generate the files; the test reads the committed table in {@code malformed/README.md}.
 */
final class MalformedStreams {
    private MalformedStreams() {
    }

    /**
     * @param file     file name in {@code malformed/}
     * @param expected a substring of the BitstreamException message the decoder shall raise
     * @param how      how the stream was made, for the table
     * @param make     derives the stream from the small conformance stream
     */
    record Definition(String file, String expected, String how, UnaryOperator<byte[]> make) {
    }

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

    // Rewrites the payload of the first frame unit (unit 1), re-CRC'd.
    private static byte[] payload(byte[] s, UnaryOperator<byte[]> edit) {
        return Units.replacePayload(s, 1, edit.apply(Units.payload(s, 1).clone()));
    }

    private static byte[] frameType(byte[] s, int type) {
        Units.FrameBody f = Units.frameBody(Units.split(s).get(1).body());
        return Units.replaceBody(s, 1, new Units.FrameBody(type, f.poc(), f.payload()).encode());
    }

    static final List<Definition> ALL = List.of(
            new Definition("empty.inlay", "stream ends inside the file header",
                    "0 bytes", s -> new byte[0]),
            new Definition("bad_magic.inlay", "file_magic shall be \"INLY\"",
                    "file_magic \"INLZ\"", s -> {
                        byte[] t = s.clone();
                        t[3] = 'Z';
                        return t;
                    }),
            new Definition("version_9.inlay", "unsupported format version 9.1",
                    "version_major 9", s -> {
                        byte[] t = s.clone();
                        t[4] = 9;
                        return t;
                    }),
            new Definition("truncated_in_frame.inlay", "stream ends inside a unit",
                    "cut 10 bytes before the end of the second frame unit", s -> Arrays.copyOf(s, s.length - 10)),
            new Definition("bad_crc.inlay", "does not match the CRC-32C",
                    "one payload bit of the first frame flipped, CRC not updated", s -> {
                        byte[] t = s.clone();
                        t[Units.split(s).get(1).start() + 12] ^= 0x10;
                        return t;
                    }),
            new Definition("unknown_unit_type.inlay", "unknown unit_type 7",
                    "a unit of type 7 after the sequence header",
                    s -> Units.concat(Arrays.copyOf(s, Units.split(s).get(1).start()), Units.unit(7, new byte[3]))),
            new Definition("unit_size_over_limit.inlay", "exceeds the limit",
                    "a frame unit declaring unit_size 2^31-1 (then end of stream)",
                    s -> Units.concat(Arrays.copyOf(s, Units.split(s).get(1).start()),
                            new byte[] {Units.FRAME}, Units.leb128(Integer.MAX_VALUE))),
            new Definition("seq_width_0.inlay", "width and height shall not be 0",
                    "sequence header width 0 (re-CRC'd)", s -> size(s, 0, 40)),
            new Definition("seq_65535x65535.inlay", "exceeds the decoder's limits",
                    "sequence header 65535x65535 (re-CRC'd)", s -> size(s, 65535, 65535)),
            new Definition("seq_bit_depth_7.inlay", "bit_depth shall be in 8..12, is 7",
                    "sequence header bit_depth 7 (re-CRC'd)", s -> bitDepthByte(s, 7, 1)),
            new Definition("seq_bit_depth_13.inlay", "bit_depth shall be in 8..12, is 13",
                    "sequence header bit_depth 13 (re-CRC'd)", s -> bitDepthByte(s, 13, 1)),
            new Definition("seq_chroma_idc_3.inlay", "chroma_format_idc shall be 1, is 3",
                    "sequence header chroma_format_idc 3 (re-CRC'd)", s -> bitDepthByte(s, 8, 3)),
            new Definition("seq_tool_flags.inlay", "tool_flags has undefined bits set",
                    "sequence header tool_flags 0x80000000 (re-CRC'd)", s -> sequenceHeader(s, b -> {
                        b[TOOL_FLAGS_BYTE] = (byte) 0x80;
                        return b;
                    })),
            new Definition("seq_changed.inlay", "sequence header changed mid-stream",
                    "a second sequence header with height 48 before the second frame", s -> {
                        List<Units.Unit> u = Units.split(s);
                        byte[] other = size(s, 72, 48);
                        byte[] otherHeader = Arrays.copyOfRange(other, u.get(0).start(), Units.split(other).get(0).end());
                        return Units.concat(Arrays.copyOf(s, u.get(2).start()), otherHeader,
                                Arrays.copyOfRange(s, u.get(2).start(), s.length));
                    }),
            new Definition("frame_qp_63.inlay", "frame_qp shall be in 0..51, is 63",
                    "frame_qp 63 in the first frame header (re-CRC'd)", s -> payload(s, p -> {
                        p[0] = (byte) ((63 << 2) | (p[0] & 0x03));
                        return p;
                    })),
            new Definition("frame_type_p.inlay", "frame_type shall be I",
                    "first frame unit with frame_type 1 (P), payload of an I frame (re-CRC'd)", s -> frameType(s, 1)),
            new Definition("frame_type_3.inlay", "frame_type 3 is not defined",
                    "first frame unit with frame_type 3 (re-CRC'd)", s -> frameType(s, 3)),
            new Definition("empty_payload.inlay", "runs past the end",
                    "first frame unit with an empty payload (re-CRC'd)", s -> payload(s, p -> new byte[0])),
            new Definition("payload_cut.inlay", "",
                    "first frame payload cut to half its length (re-CRC'd)",
                    s -> payload(s, p -> Arrays.copyOf(p, p.length / 2))),
            new Definition("garbage_payload.inlay", "",
                    "first frame payload replaced by 64 pseudo-random bytes after a valid frame header (re-CRC'd)",
                    s -> payload(s, p -> {
                        byte[] g = new byte[64];
                        new Random(64).nextBytes(g);
                        g[0] = p[0];
                        g[1] = p[1];
                        return g;
                    })));
}
