package io.inlay.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.FrameHeader.RefPic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code frame_header()}: the layout written bit by bit against {@link FrameHeader#write}, round
 * trips over the whole value space (deblocking offsets, reference picture sets, active list
 * sizes, temporal layers, chroma QP offsets, neural loop filter scales with and without the tool),
 * size and alignment, and every range check of the parser with the byte offset it names.
 */
class FrameHeaderTest {
    private static byte[] written(FrameHeader h) {
        return written(h, false);
    }

    private static byte[] written(FrameHeader h, boolean nlf) {
        BitWriter w = new BitWriter();
        h.write(w, nlf);
        assertTrue(w.isAligned(), h.toString());
        return w.toByteArray();
    }

    /**
     * Writes {@code h}, checks the layout against {@link RawFrameHeader}, and reads it back in every way: in a
     * sequence with the neural loop filter and, when its scales are 0, in one without.
     */
    private static void assertRoundTrip(FrameHeader h) throws BitstreamException {
        if (!h.nlfActive()) {
            assertRoundTrip(h, false);
        }
        assertRoundTrip(h, true);
        if (!h.nlfActive()) {
            // the two scale bytes are all the tool adds
            assertEquals(h.sizeInBytes(false) + 2, h.sizeInBytes(true), h.toString());
        }
    }

    private static void assertRoundTrip(FrameHeader h, boolean nlf) throws BitstreamException {
        byte[] head = written(h, nlf);
        assertArrayEquals(RawFrameHeader.of(h, nlf).bytes(), head, "layout of " + h);
        assertEquals(head.length, h.sizeInBytes(nlf), h.toString());
        // followed by the first byte of the arithmetic-coded data
        byte[] payload = Arrays.copyOf(head, head.length + 1);
        payload[head.length] = (byte) 0xC3;
        BitReader r = new BitReader(payload, 0, payload.length, 0);
        FrameHeader back = FrameHeader.read(r, nlf);
        assertEquals(h, back);
        assertEquals(h.refPics(), back.refPics());
        assertTrue(r.isAligned());
        assertEquals(h.sizeInBytes(nlf), r.bytePosition(), h.toString());
        assertEquals(0xC3, r.readBits(8));
        assertEquals(h.numNegativePics(), back.numNegativePics());
        for (FrameType t : FrameType.values()) {
            assertEquals(h, FrameHeader.parse(new Packet(t, 4, payload), nlf));
        }
        // at an offset inside a larger buffer
        byte[] inside = new byte[payload.length + 7];
        System.arraycopy(payload, 0, inside, 5, payload.length);
        assertEquals(h, FrameHeader.read(new BitReader(inside, 5, payload.length, 1000), nlf));
    }

    private static FrameHeader inter(int layer, List<RefPic> refs, int l0, int l1, int cqo) {
        return new FrameHeader(32, true, 0, 0, false, layer, refs, l0, l1, cqo);
    }

    private static List<RefPic> refs(int... deltas) {
        List<RefPic> out = new ArrayList<>();
        for (int d : deltas) {
            out.add(new RefPic(d, true));
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------
    // Round trips.

    @Test
    void intraFieldsRoundTripAndEndAligned() throws BitstreamException {
        for (int qp = 0; qp <= 51; qp += 17) {
            for (int beta = -6; beta <= 6; beta++) {
                for (int tc = -6; tc <= 6; tc += 3) {
                    for (int flags = 0; flags < 4; flags++) {
                        boolean dbk = (flags & 1) != 0;
                        FrameHeader h = new FrameHeader(qp, dbk, dbk ? beta : 0, dbk ? tc : 0, (flags & 2) != 0);
                        assertEquals(0, h.temporalLayer());
                        assertEquals(List.of(), h.refPics());
                        assertEquals(0, h.numRefIdxActiveL0());
                        assertEquals(0, h.numRefIdxActiveL1());
                        assertEquals(0, h.chromaQpOffset());
                        assertRoundTrip(h);
                    }
                }
            }
        }
    }

    @Test
    void intraHeaderSizes() throws BitstreamException {
        // 6 + 1 + 1 + 3 bits, then ue(0) x 4 and se(0): 16 bits
        FrameHeader plain = new FrameHeader(30, false, 0, 0, true);
        assertEquals(2, plain.sizeInBytes(false));
        // with deblocking offsets 0, 0: two more bits, three bytes
        assertEquals(3, new FrameHeader(30, true, 0, 0, true).sizeInBytes(false));
        assertEquals(3, new FrameHeader(30, true, 1, -1, true).sizeInBytes(false));
        // the NLF scales: 16 more bits, exactly two bytes
        assertEquals(4, plain.sizeInBytes(true));
        byte[] withNlf = written(plain.withNlfScales(0xA5, 0x3C), true);
        assertArrayEquals(new byte[] {(byte) ((30 << 2) | 1), 0x1F, (byte) 0xA5, 0x3C}, withNlf);
        // first byte: frame_qp 30, deblocking_enabled_flag 0, cu_qp_delta_enabled_flag 1
        assertEquals((30 << 2) | 1, written(plain)[0] & 0xFF);
    }

    @Test
    void offsetsAreNotCodedWithoutDeblocking() throws BitstreamException {
        FrameHeader h = new FrameHeader(30, false, 3, -2, true);
        byte[] b = written(h);
        assertEquals(2, b.length);
        assertEquals(new FrameHeader(30, false, 0, 0, true), FrameHeader.read(new BitReader(b, 0, b.length, 0), false));
    }

    @Test
    void temporalLayersActiveCountsAndChromaQpOffsetsRoundTrip() throws BitstreamException {
        List<RefPic> two = refs(-1, 1);
        for (int layer = 0; layer <= FrameHeader.MAX_TEMPORAL_LAYER; layer++) {
            for (int l0 = 0; l0 <= FrameHeader.MAX_ACTIVE_REFS; l0++) {
                for (int l1 = 0; l1 <= FrameHeader.MAX_ACTIVE_REFS; l1++) {
                    for (int cqo = -FrameHeader.MAX_CHROMA_QP_OFFSET; cqo <= FrameHeader.MAX_CHROMA_QP_OFFSET; cqo++) {
                        FrameHeader h = inter(layer, two, l0, l1, cqo);
                        assertRoundTrip(h);
                        assertEquals(layer, h.temporalLayer());
                    }
                }
            }
        }
    }

    @Test
    void referencePictureSetsRoundTrip() throws BitstreamException {
        List<List<RefPic>> sets = new ArrayList<>();
        sets.add(List.of());
        sets.add(refs(-1));
        sets.add(refs(1));
        sets.add(refs(-1, 1));
        sets.add(refs(-2, -4, 2, 6));                                    // typical random access
        sets.add(refs(-1, -2, -3, -4));                                  // typical low delay
        sets.add(refs(-1, -2, -3, -4, -5, -6, -7, -8));                  // 8 negative
        sets.add(refs(1, 2, 3, 4, 5, 6, 7, 8));                          // 8 positive
        sets.add(refs(-8, -16, -24, 1, 3, 7, 15, 16));                   // 8 mixed, gaps
        sets.add(refs(-FrameHeader.MAX_DELTA_POC));                      // -2^15
        sets.add(refs(FrameHeader.MAX_DELTA_POC));                       // +2^15
        sets.add(refs(-1, -FrameHeader.MAX_DELTA_POC, 1, FrameHeader.MAX_DELTA_POC));
        sets.add(refs(-32767, -32768, 32767, 32768));
        sets.add(List.of(new RefPic(-1, false), new RefPic(-2, true), new RefPic(3, false)));
        sets.add(List.of(new RefPic(-4, false)));                         // kept only, not used
        for (List<RefPic> set : sets) {
            for (int cqo : new int[] {-12, 0, 5}) {
                FrameHeader h = inter(2, set, Math.min(4, set.size()), 1, cqo);
                assertRoundTrip(h);
                int neg = (int) set.stream().filter(p -> p.deltaPoc() < 0).count();
                assertEquals(neg, h.numNegativePics(), set.toString());
            }
        }
    }

    @Test
    void seededRandomHeadersRoundTrip() throws BitstreamException {
        SplittableRandom r = new SplittableRandom(0x1A7L);
        for (int k = 0; k < 3000; k++) {
            int total = r.nextInt(FrameHeader.MAX_REF_PICS + 1);
            int neg = r.nextInt(total + 1);
            int bound = r.nextInt(4) == 0 ? FrameHeader.MAX_DELTA_POC : 40;
            List<RefPic> set = new ArrayList<>();
            set.addAll(side(r, neg, -1, bound));
            set.addAll(side(r, total - neg, 1, bound));
            boolean dbk = r.nextBoolean();
            boolean scaled = r.nextBoolean();
            FrameHeader h = new FrameHeader(r.nextInt(52), dbk, dbk ? r.nextInt(-6, 7) : 0, dbk ? r.nextInt(-6, 7) : 0,
                    r.nextBoolean(), r.nextInt(8), set, r.nextInt(5), r.nextInt(5), r.nextInt(-12, 13),
                    scaled ? r.nextInt(256) : 0, scaled ? r.nextInt(256) : 0);
            assertRoundTrip(h);
        }
    }

    // n distinct deltas of sign `sign`, nearest first, magnitudes within bound
    private static List<RefPic> side(SplittableRandom r, int n, int sign, int bound) {
        int[] mags = r.ints(1, bound + 1).distinct().limit(n).sorted().toArray();
        List<RefPic> out = new ArrayList<>();
        for (int m : mags) {
            out.add(new RefPic(sign * m, r.nextBoolean()));
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------
    // Parser range checks: the rule and the byte offset of the offending syntax element.

    private static final long BASE = 4000;

    /** Parses {@code raw} placed at stream offset {@link #BASE}; returns the exception. */
    private static BitstreamException rejected(RawFrameHeader raw, String rule) {
        byte[] b = raw.bytes();
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> FrameHeader.read(new BitReader(b, 0, b.length, BASE), raw.nlf), rule);
        assertTrue(e.rule().contains(rule), "expected \"" + rule + "\" in \"" + e.getMessage() + "\"");
        assertTrue(e.getMessage().startsWith("at byte " + e.offset() + ": "), e.getMessage());
        // also through parse(Packet): offsets relative to the payload
        BitstreamException p = assertThrows(BitstreamException.class,
                () -> FrameHeader.parse(new Packet(FrameType.B, 1, b), raw.nlf));
        assertEquals(e.offset() - BASE, p.offset(), p.getMessage());
        assertEquals(e.rule(), p.rule());
        return e;
    }

    private static void assertRejectedAt(RawFrameHeader raw, String rule, String element) {
        BitstreamException e = rejected(raw, rule);
        assertEquals(BASE + raw.offsetOf(element), e.offset(), element + ": " + e.getMessage());
    }

    @Test
    void tooManyReferencePicturesAreRejectedAtNumNegativePics() {
        String rule = "num_negative_pics + num_positive_pics shall not exceed 8";
        // the bits before num_negative_pics move its start through the first bytes
        for (boolean dbk : new boolean[] {false, true}) {
            for (long[] np : new long[][] {{9, 0}, {0, 9}, {5, 4}, {8, 1}, {1, 8}, {4, 100}, {100, 0}}) {
                RawFrameHeader raw = new RawFrameHeader();
                raw.deblocking = dbk;
                raw.beta = 5;
                raw.tc = -6;
                raw.numNegative = np[0];
                raw.numPositive = np[1];
                assertRejectedAt(raw, rule + ", is " + (np[0] > 8 ? np[0] : np[0] + np[1]), "num_negative_pics");
            }
        }
        // the largest ue(v)
        RawFrameHeader huge = new RawFrameHeader().refs(BitWriter.MAX_UE, 0);
        assertRejectedAt(huge, rule + ", is " + BitWriter.MAX_UE, "num_negative_pics");
        RawFrameHeader hugePos = new RawFrameHeader().refs(8, BitWriter.MAX_UE);
        assertRejectedAt(hugePos, rule, "num_negative_pics");
    }

    @Test
    void eightReferencePicturesAreAccepted() throws BitstreamException {
        for (int neg = 0; neg <= 8; neg++) {
            long[] d = new long[8];
            RawFrameHeader raw = new RawFrameHeader().refs(neg, 8 - neg, d);
            byte[] b = raw.bytes();
            FrameHeader h = FrameHeader.read(new BitReader(b, 0, b.length, 0), false);
            assertEquals(8, h.refPics().size());
            assertEquals(neg, h.numNegativePics());
        }
    }

    @Test
    void pocDeltasBeyondTwoToTheFifteenAreRejectedAtTheirEntry() throws BitstreamException {
        String rule = "a reference picture's POC delta shall be within +-2^15";
        long limit = FrameHeader.MAX_DELTA_POC;
        // first negative entry: delta = -(minus1 + 1)
        assertRejectedAt(new RawFrameHeader().refs(1, 0, limit), rule + ", is " + -(limit + 1), "delta_poc_minus1[0]");
        // first positive entry
        assertRejectedAt(new RawFrameHeader().refs(0, 1, limit), rule + ", is " + (limit + 1), "delta_poc_minus1[0]");
        // accumulated: -1, then 2^15 further
        assertRejectedAt(new RawFrameHeader().refs(2, 0, 0, limit - 1), rule + ", is " + -(limit + 1), "delta_poc_minus1[1]");
        // accumulated after the negative side: positive entries restart from 0
        assertRejectedAt(new RawFrameHeader().refs(1, 2, limit - 1, 5, limit - 6), rule + ", is " + (limit + 1),
                "delta_poc_minus1[2]");
        assertRejectedAt(new RawFrameHeader().refs(3, 3, 0, 0, 0, 0, 0, limit), rule, "delta_poc_minus1[5]");
        // the largest ue(v)
        assertRejectedAt(new RawFrameHeader().refs(1, 0, BitWriter.MAX_UE), rule + ", is " + -(BitWriter.MAX_UE + 1),
                "delta_poc_minus1[0]");
        // the bounds themselves are fine, also reached by accumulation
        for (RawFrameHeader ok : List.of(new RawFrameHeader().refs(1, 1, limit - 1, limit - 1), new RawFrameHeader().refs(2, 2, 9, limit - 11, 0, limit - 2))) {
            byte[] b = ok.bytes();
            FrameHeader h = FrameHeader.read(new BitReader(b, 0, b.length, 0), false);
            assertEquals(-limit, h.refPics().get(h.numNegativePics() - 1).deltaPoc(), h.toString());
            assertEquals(limit, h.refPics().getLast().deltaPoc(), h.toString());
        }
    }

    @Test
    void activeReferenceCountsAboveFourAreRejected() {
        for (long v : new long[] {5, 6, 1000, BitWriter.MAX_UE}) {
            RawFrameHeader a = new RawFrameHeader().refs(1, 1, 0, 0);
            a.l0 = v;
            assertRejectedAt(a, "num_ref_idx_l0_active shall be in 0..4, is " + v, "num_ref_idx_l0_active");
            RawFrameHeader b = new RawFrameHeader().refs(1, 1, 0, 0);
            b.l0 = 4;
            b.l1 = v;
            assertRejectedAt(b, "num_ref_idx_l1_active shall be in 0..4, is " + v, "num_ref_idx_l1_active");
        }
    }

    @Test
    void chromaQpOffsetsOutsideTwelveAreRejected() {
        for (long v : new long[] {13, -13, 14, -100, Integer.MAX_VALUE, -Integer.MAX_VALUE}) {
            RawFrameHeader raw = new RawFrameHeader().refs(2, 0, 1, 3);
            raw.layer = 3;
            raw.l0 = 2;
            raw.chromaQpOffset = v;
            assertRejectedAt(raw, "chroma_qp_offset shall be in -12..12, is " + v, "chroma_qp_offset");
        }
    }

    @Test
    void otherHeaderFieldsAreRejectedAtTheirOffsets() {
        // frame_qp 63 (u(6) cannot exceed 63)
        RawFrameHeader qp = new RawFrameHeader();
        qp.qp = 63;
        assertRejectedAt(qp, "frame_qp shall be in 0..51, is 63", "frame_qp");
        RawFrameHeader qp52 = new RawFrameHeader();
        qp52.qp = 52;
        assertRejectedAt(qp52, "frame_qp shall be in 0..51, is 52", "frame_qp");
        // deblocking offsets
        RawFrameHeader beta = new RawFrameHeader();
        beta.deblocking = true;
        beta.beta = 7;
        assertRejectedAt(beta, "beta_offset_div2 shall be in -6..6, is 7", "beta_offset_div2");
        RawFrameHeader tc = new RawFrameHeader();
        tc.deblocking = true;
        tc.beta = -6;
        tc.tc = -7;
        assertRejectedAt(tc, "tc_offset_div2 shall be in -6..6, is -7", "tc_offset_div2");
        // non-zero alignment bits after chroma_qp_offset
        RawFrameHeader align = new RawFrameHeader().refs(1, 0, 0);
        align.alignmentBits = 1;
        align.bytes();
        assertTrue(align.at.get("byte_alignment") % 8 != 0, "the test needs alignment bits");
        assertRejectedAt(align, "alignment_bit_equal_to_zero is not zero", "byte_alignment");
    }

    @Test
    void everyTruncationOfAHeaderIsRejected() throws BitstreamException {
        FrameHeader h = new FrameHeader(40, true, -3, 2, true, 5,
                List.of(new RefPic(-1, true), new RefPic(-300, false), new RefPic(2, true), new RefPic(9000, true)),
                3, 2, -7);
        byte[] b = written(h);
        assertEquals(h, FrameHeader.read(new BitReader(b, 0, b.length, 0), false));
        for (int n = 0; n < b.length; n++) {
            int len = n;
            BitstreamException e = assertThrows(BitstreamException.class,
                    () -> FrameHeader.read(new BitReader(b, 0, len, 77), false), "cut to " + n);
            assertTrue(e.rule().contains("runs past the end of the buffer"), e.getMessage());
            assertTrue(e.offset() >= 77 && e.offset() <= 77 + n, e.getMessage());
        }
        // with the NLF scales, which end the header: every cut inside them too
        FrameHeader scaled = h.withNlfScales(200, 1);
        byte[] s = written(scaled, true);
        assertEquals(b.length + 2, s.length);
        assertEquals(scaled, FrameHeader.read(new BitReader(s, 0, s.length, 0), true));
        for (int n = 0; n < s.length; n++) {
            int len = n;
            BitstreamException e = assertThrows(BitstreamException.class,
                    () -> FrameHeader.read(new BitReader(s, 0, len, 77), true), "cut to " + n);
            assertTrue(e.rule().contains("runs past the end of the buffer"), e.getMessage());
        }
        // empty payload
        assertThrows(BitstreamException.class, () -> FrameHeader.parse(new Packet(FrameType.I, 0, new byte[0]), false));
        assertThrows(BitstreamException.class, () -> FrameHeader.parse(new Packet(FrameType.I, 0, new byte[0]), true));
    }

    // -------------------------------------------------------------------------------------------
    // The record's own checks (what an encoder may construct).

    @Test
    void outOfRangeValuesAreRejectedByTheConstructor() {
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(52, false, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(-1, false, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(30, true, 7, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new FrameHeader(30, true, 0, -7, false));
        assertThrows(IllegalArgumentException.class, () -> inter(8, refs(-1), 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(-1, refs(-1), 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1), 5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1), 1, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1), -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1), 1, 0, 13));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1), 1, 0, -13));
        // nine pictures
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1, -2, -3, -4, -5, 1, 2, 3, 4), 1, 1, 0));
        // order: negative nearest first, then positive nearest first, no repeats
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-2, -1), 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(2, 1), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(1, -1), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1, -1), 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> inter(0, refs(-1, 2, 2), 1, 1, 0));
        // delta 0 and beyond 2^15
        assertThrows(IllegalArgumentException.class, () -> new RefPic(0, true));
        assertThrows(IllegalArgumentException.class, () -> new RefPic(FrameHeader.MAX_DELTA_POC + 1, true));
        assertThrows(IllegalArgumentException.class, () -> new RefPic(-FrameHeader.MAX_DELTA_POC - 1, true));
        // the list is copied
        List<RefPic> mutable = new ArrayList<>(refs(-1));
        FrameHeader h = inter(0, mutable, 1, 0, 0);
        mutable.add(new RefPic(1, true));
        assertEquals(1, h.refPics().size());
        assertThrows(UnsupportedOperationException.class, () -> h.refPics().add(new RefPic(2, true)));
        // NLF scales are u(8)
        FrameHeader intra = new FrameHeader(30, true, 0, 0, false);
        assertThrows(IllegalArgumentException.class, () -> intra.withNlfScales(256, 0));
        assertThrows(IllegalArgumentException.class, () -> intra.withNlfScales(0, 256));
        assertThrows(IllegalArgumentException.class, () -> intra.withNlfScales(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> intra.withNlfScales(0, -1));
        assertEquals(255, intra.withNlfScales(255, 255).nlfChromaScale());
    }

    @Test
    void nlfScalesRoundTripOverTheirWholeRange() throws BitstreamException {
        FrameHeader base = inter(1, refs(-2, 2), 1, 1, -2);
        for (int luma = 0; luma <= FrameHeader.MAX_NLF_SCALE; luma += 1) {
            int chroma = (luma * 37 + 11) & 0xFF;
            FrameHeader h = base.withNlfScales(luma, chroma);
            assertEquals(luma != 0 || chroma != 0, h.nlfActive());
            assertRoundTrip(h);
            assertEquals(luma, h.nlfLumaScale());
            assertEquals(chroma, h.nlfChromaScale());
        }
        // the scales' place: right after chroma_qp_offset, one byte each, then the alignment
        RawFrameHeader raw = RawFrameHeader.of(base.withNlfScales(7, 9), true);
        raw.bytes();
        assertEquals(8, raw.at.get("nlf_chroma_scale") - raw.at.get("nlf_luma_scale"));
        assertEquals(8, raw.at.get("byte_alignment") - raw.at.get("nlf_chroma_scale"));
    }

    @Test
    void nlfScalesNeedTheToolAndAreInferredZeroWithoutIt() throws BitstreamException {
        FrameHeader h = new FrameHeader(30, false, 0, 0, true).withNlfScales(64, 0);
        assertThrows(IllegalArgumentException.class, () -> h.write(new BitWriter(), false));
        assertThrows(IllegalArgumentException.class, () -> h.sizeInBytes(false));
        // without the tool nothing is read after chroma_qp_offset: the scales are 0
        byte[] plain = written(new FrameHeader(30, false, 0, 0, true), false);
        FrameHeader back = FrameHeader.read(new BitReader(plain, 0, plain.length, 0), false);
        assertEquals(0, back.nlfLumaScale());
        assertEquals(0, back.nlfChromaScale());
        // a header with the scales read by a decoder that thinks the tool is off: the scale bytes
        // are not part of the header, so the header ends two bytes earlier (where the frame data
        // would start) -- the sequence header decides, never the frame
        byte[] with = written(h, true);
        BitReader r = new BitReader(with, 0, with.length, 0);
        assertEquals(new FrameHeader(30, false, 0, 0, true), FrameHeader.read(r, false));
        assertEquals(with.length - 2, r.bytePosition());
        // a header without the scales read as one with them runs out of bits
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> FrameHeader.read(new BitReader(plain, 0, plain.length, 500), true));
        assertTrue(e.rule().contains("runs past the end of the buffer"), e.getMessage());
    }
}
