package io.inlay.testvectors;

import io.inlay.bitstream.BitWriter;
import io.inlay.bitstream.FrameHeader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code frame_header()} written field by field, so that any field can take a value outside its
 * range (the {@link FrameHeader} record refuses those). Records the bit position at which each
 * syntax element starts, for the offset a parser shall name.
 */
final class RawFrameHeader {
    int qp;
    boolean deblocking;
    long beta;
    long tc;
    boolean cuQpDelta;
    int layer;
    long numNegative;
    long numPositive;
    long[] deltaPocMinus1;
    boolean[] used;
    long l0;
    long l1;
    long chromaQpOffset;
    /** Bit position at which each syntax element starts, by name ({@code delta_poc_minus1[i]} per entry). */
    final Map<String, Long> at = new LinkedHashMap<>();

    /** The raw fields of a valid header (delta_poc_minus1 derived as the specification says). */
    static RawFrameHeader of(FrameHeader h) {
        RawFrameHeader r = new RawFrameHeader();
        r.qp = h.frameQp();
        r.deblocking = h.deblockingEnabled();
        r.beta = h.betaOffsetDiv2();
        r.tc = h.tcOffsetDiv2();
        r.cuQpDelta = h.cuQpDeltaEnabled();
        r.layer = h.temporalLayer();
        List<FrameHeader.RefPic> refs = h.refPics();
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
    RawFrameHeader refs(long neg, long pos, long... minus1) {
        numNegative = neg;
        numPositive = pos;
        deltaPocMinus1 = minus1;
        used = new boolean[minus1.length];
        java.util.Arrays.fill(used, true);
        return this;
    }

    private void mark(BitWriter w, String name) {
        at.put(name, w.bitPosition());
    }

    byte[] bytes() {
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
        w.alignZero();
        return w.toByteArray();
    }

    /** Byte (from the start of the header) holding the first bit of {@code element}; after {@link #bytes()}. */
    int offsetOf(String element) {
        Long bit = at.get(element);
        if (bit == null) {
            throw new IllegalArgumentException(element + " not written; have " + at.keySet());
        }
        return (int) (bit >>> 3);
    }
}
