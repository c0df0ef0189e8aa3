package io.inlay.bitstream;

import io.inlay.bitstream.FrameHeader.RefPic;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code frame_header()} written field by field, independently of {@link FrameHeader#write},
 * with any values (also out-of-range ones); records where each syntax element starts.
 *
 * <pre>
 * frame_qp u(6), deblocking_enabled_flag u(1), [beta_offset_div2 se(v), tc_offset_div2 se(v)],
 * cu_qp_delta_enabled_flag u(1), temporal_layer u(3), num_negative_pics ue(v),
 * num_positive_pics ue(v), { delta_poc_minus1 ue(v), used_by_curr_pic_flag u(1) } per entry,
 * num_ref_idx_l0_active ue(v), num_ref_idx_l1_active ue(v), chroma_qp_offset se(v),
 * [nlf_luma_scale u(8), nlf_chroma_scale u(8)] (when the sequence enables the NLF),
 * byte_alignment()
 * </pre>
 *
 * <p>Test support shared through codec-bitstream's test jar: {@code FrameHeaderTest} checks the
 * parser against it, and testvectors writes its malformed frame headers with it.
 */
public final class RawFrameHeader {
    public int qp = 30;
    public boolean deblocking;
    public long beta;
    public long tc;
    public boolean cuQpDelta;
    public int layer;
    public long numNegative;
    public long numPositive;
    public long[] deltaPocMinus1 = {};
    public boolean[] used = {};
    public long l0;
    public long l1;
    public long chromaQpOffset;
    /** Whether the sequence enables the neural loop filter (the scales are coded). */
    public boolean nlf;
    public int nlfLuma;
    public int nlfChroma;
    public int alignmentBits;
    /** Bit position at which each syntax element starts, by name. */
    public final Map<String, Long> at = new LinkedHashMap<>();

    /** The raw fields of a valid header (delta_poc_minus1 derived as the specification says). */
    public static RawFrameHeader of(FrameHeader h, boolean nlf) {
        RawFrameHeader r = new RawFrameHeader();
        r.nlf = nlf;
        r.nlfLuma = h.nlfLumaScale();
        r.nlfChroma = h.nlfChromaScale();
        r.qp = h.frameQp();
        r.deblocking = h.deblockingEnabled();
        r.beta = h.betaOffsetDiv2();
        r.tc = h.tcOffsetDiv2();
        r.cuQpDelta = h.cuQpDeltaEnabled();
        r.layer = h.temporalLayer();
        List<RefPic> refs = h.refPics();
        r.deltaPocMinus1 = new long[refs.size()];
        r.used = new boolean[refs.size()];
        int prevNeg = 0;
        int prevPos = 0;
        for (int i = 0; i < refs.size(); i++) {
            int d = refs.get(i).deltaPoc();
            if (d < 0) {
                r.numNegative++;
                r.deltaPocMinus1[i] = prevNeg - d - 1;
                prevNeg = d;
            } else {
                r.numPositive++;
                r.deltaPocMinus1[i] = d - prevPos - 1;
                prevPos = d;
            }
            r.used[i] = refs.get(i).usedByCurrPic();
        }
        r.l0 = h.numRefIdxActiveL0();
        r.l1 = h.numRefIdxActiveL1();
        r.chromaQpOffset = h.chromaQpOffset();
        return r;
    }

    /** Replaces the reference picture set by {@code neg} negative and {@code pos} positive entries, all used. */
    public RawFrameHeader refs(long neg, long pos, long... deltaPocMinus1) {
        numNegative = neg;
        numPositive = pos;
        this.deltaPocMinus1 = deltaPocMinus1;
        used = new boolean[deltaPocMinus1.length];
        Arrays.fill(used, true);
        return this;
    }

    private void mark(BitWriter w, String name) {
        at.put(name, w.bitPosition());
    }

    /** The header's bytes; records where each syntax element starts ({@link #offsetOf}). */
    public byte[] bytes() {
        at.clear();
        BitWriter w = new BitWriter();
        mark(w, "frame_qp");
        w.writeBits(qp, 6);
        w.writeFlag(deblocking);
        if (deblocking) {
            mark(w, "beta_offset_div2");
            w.writeSe(beta);
            mark(w, "tc_offset_div2");
            w.writeSe(tc);
        }
        w.writeFlag(cuQpDelta);
        w.writeBits(layer, 3);
        mark(w, "num_negative_pics");
        w.writeUe(numNegative);
        mark(w, "num_positive_pics");
        w.writeUe(numPositive);
        for (int i = 0; i < deltaPocMinus1.length; i++) {
            mark(w, "delta_poc_minus1[" + i + "]");
            w.writeUe(deltaPocMinus1[i]);
            w.writeFlag(used[i]);
        }
        mark(w, "num_ref_idx_l0_active");
        w.writeUe(l0);
        mark(w, "num_ref_idx_l1_active");
        w.writeUe(l1);
        mark(w, "chroma_qp_offset");
        w.writeSe(chromaQpOffset);
        if (nlf) {
            mark(w, "nlf_luma_scale");
            w.writeBits(nlfLuma, 8);
            mark(w, "nlf_chroma_scale");
            w.writeBits(nlfChroma, 8);
        }
        mark(w, "byte_alignment");
        int rem = (int) ((8 - (w.bitPosition() & 7)) & 7);
        w.writeBits(alignmentBits, rem);
        return w.toByteArray();
    }

    /** Byte offset (from the start of the header) of the byte holding the first bit of {@code element}. */
    public long offsetOf(String element) {
        Long bit = at.get(element);
        if (bit == null) {
            throw new IllegalArgumentException(element + " not written; have " + at.keySet());
        }
        return bit >>> 3;
    }
}
