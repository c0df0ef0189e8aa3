package io.inlay.bitstream;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code frame_header()}: the byte-aligned start of every frame payload, followed by the
 * arithmetic-coded frame data ({@code docs/bitstream/frame-header.md}). Field names equal the
 * syntax-element names.
 *
 * @param frameQp           {@code frame_qp}, 0..51
 * @param deblockingEnabled {@code deblocking_enabled_flag}
 * @param betaOffsetDiv2    {@code beta_offset_div2}, -6..6; not coded (and 0 when parsed) unless
 *                          deblocking is enabled
 * @param tcOffsetDiv2      {@code tc_offset_div2}, -6..6; as {@code betaOffsetDiv2}
 * @param cuQpDeltaEnabled  {@code cu_qp_delta_enabled_flag}
 * @param temporalLayer     {@code temporal_layer}, 0..7
 * @param refPics           the reference picture set: every picture the decoded-picture buffer
 *                          keeps while this frame is decoded, as POC deltas; negative deltas
 *                          first (nearest first), then positive ones (nearest first); at most
 *                          {@link #MAX_REF_PICS}
 * @param numRefIdxActiveL0 {@code num_ref_idx_l0_active}, 0..4
 * @param numRefIdxActiveL1 {@code num_ref_idx_l1_active}, 0..4
 * @param chromaQpOffset    {@code chroma_qp_offset}, -12..12: added to QpY before the chroma QP
 *                          mapping, for both chroma components
 * @param nlfLumaScale      {@code nlf_luma_scale}, 0..255: the neural loop filter's luma scale in
 *                          1/64 (0 = off in this frame); coded only when the sequence enables
 *                          {@code TOOL_NEURAL_LOOP_FILTER}, else 0 (neural-filter.md §4.2)
 * @param nlfChromaScale    {@code nlf_chroma_scale}, 0..255: the same for Cb and Cr
 *
 * <p>Whether the NLF scales are present is a property of the sequence, so {@link #write},
 * {@link #read}, {@link #parse} and {@link #sizeInBytes} take it as an argument
 * ({@link SequenceHeader#neuralLoopFilter()}).
 */
public record FrameHeader(int frameQp, boolean deblockingEnabled, int betaOffsetDiv2, int tcOffsetDiv2,
        boolean cuQpDeltaEnabled, int temporalLayer, List<RefPic> refPics, int numRefIdxActiveL0,
        int numRefIdxActiveL1, int chromaQpOffset, int nlfLumaScale, int nlfChromaScale) {
    /** Largest {@code frame_qp}. */
    public static final int MAX_QP = 51;

    /** Bound of {@code beta_offset_div2} and {@code tc_offset_div2} (inclusive, both signs). */
    public static final int MAX_OFFSET_DIV2 = 6;

    /** Largest number of pictures in a reference picture set (the DPB holds at most this many). */
    public static final int MAX_REF_PICS = 8;

    /** Largest {@code num_ref_idx_lX_active}. */
    public static final int MAX_ACTIVE_REFS = 4;

    /** Largest {@code temporal_layer}. */
    public static final int MAX_TEMPORAL_LAYER = 7;

    /** Bound of {@code chroma_qp_offset} (inclusive, both signs). */
    public static final int MAX_CHROMA_QP_OFFSET = 12;

    /** Largest {@code nlf_luma_scale} and {@code nlf_chroma_scale}. */
    public static final int MAX_NLF_SCALE = 255;

    /** Largest magnitude of a POC delta in the reference picture set. */
    public static final int MAX_DELTA_POC = 1 << 15;

    /**
     * One entry of the reference picture set.
     *
     * @param deltaPoc     POC of the reference minus POC of the current frame, non-zero
     * @param usedByCurrPic whether the current frame may predict from it (else it is only kept)
     */
    public record RefPic(int deltaPoc, boolean usedByCurrPic) {
        public RefPic {
            if (deltaPoc == 0 || Math.abs(deltaPoc) > MAX_DELTA_POC) {
                throw new IllegalArgumentException("deltaPoc must be non-zero, |deltaPoc| <= 2^15: " + deltaPoc);
            }
        }
    }

    public FrameHeader {
        if (frameQp < 0 || frameQp > MAX_QP) {
            throw new IllegalArgumentException("frame_qp must be 0..51: " + frameQp);
        }
        if (Math.abs(betaOffsetDiv2) > MAX_OFFSET_DIV2 || Math.abs(tcOffsetDiv2) > MAX_OFFSET_DIV2) {
            throw new IllegalArgumentException("beta_offset_div2 and tc_offset_div2 must be -6..6");
        }
        if (temporalLayer < 0 || temporalLayer > MAX_TEMPORAL_LAYER) {
            throw new IllegalArgumentException("temporal_layer must be 0..7: " + temporalLayer);
        }
        refPics = List.copyOf(refPics);
        if (refPics.size() > MAX_REF_PICS) {
            throw new IllegalArgumentException("at most " + MAX_REF_PICS + " reference pictures: " + refPics.size());
        }
        for (int i = 1; i < refPics.size(); i++) {
            int a = refPics.get(i - 1).deltaPoc();
            int b = refPics.get(i).deltaPoc();
            boolean ordered = a < 0 ? (b < 0 ? b < a : true) : b > a;
            if (!ordered) {
                throw new IllegalArgumentException("reference pictures must be negative deltas nearest first, then"
                        + " positive deltas nearest first: " + refPics);
            }
        }
        if (numRefIdxActiveL0 < 0 || numRefIdxActiveL0 > MAX_ACTIVE_REFS
                || numRefIdxActiveL1 < 0 || numRefIdxActiveL1 > MAX_ACTIVE_REFS) {
            throw new IllegalArgumentException("num_ref_idx_lX_active must be 0..4");
        }
        if (Math.abs(chromaQpOffset) > MAX_CHROMA_QP_OFFSET) {
            throw new IllegalArgumentException("chroma_qp_offset must be -12..12: " + chromaQpOffset);
        }
        if (nlfLumaScale < 0 || nlfLumaScale > MAX_NLF_SCALE || nlfChromaScale < 0 || nlfChromaScale > MAX_NLF_SCALE) {
            throw new IllegalArgumentException("nlf_luma_scale and nlf_chroma_scale must be 0..255: "
                    + nlfLumaScale + ", " + nlfChromaScale);
        }
    }

    /** A header without neural loop filter scales (both 0). */
    public FrameHeader(int frameQp, boolean deblockingEnabled, int betaOffsetDiv2, int tcOffsetDiv2,
                       boolean cuQpDeltaEnabled, int temporalLayer, List<RefPic> refPics, int numRefIdxActiveL0,
                       int numRefIdxActiveL1, int chromaQpOffset) {
        this(frameQp, deblockingEnabled, betaOffsetDiv2, tcOffsetDiv2, cuQpDeltaEnabled, temporalLayer, refPics,
                numRefIdxActiveL0, numRefIdxActiveL1, chromaQpOffset, 0, 0);
    }

    /** An intra frame header with no references. */
    public FrameHeader(int frameQp, boolean deblockingEnabled, int betaOffsetDiv2, int tcOffsetDiv2,
                       boolean cuQpDeltaEnabled) {
        this(frameQp, deblockingEnabled, betaOffsetDiv2, tcOffsetDiv2, cuQpDeltaEnabled, 0, List.of(), 0, 0, 0, 0, 0);
    }

    /** This header with {@code nlf_luma_scale} and {@code nlf_chroma_scale} replaced. */
    public FrameHeader withNlfScales(int lumaScale, int chromaScale) {
        return new FrameHeader(frameQp, deblockingEnabled, betaOffsetDiv2, tcOffsetDiv2, cuQpDeltaEnabled,
                temporalLayer, refPics, numRefIdxActiveL0, numRefIdxActiveL1, chromaQpOffset, lumaScale, chromaScale);
    }

    /** Whether the frame applies the neural loop filter to any plane (a scale is not 0). */
    public boolean nlfActive() {
        return nlfLumaScale != 0 || nlfChromaScale != 0;
    }

    /** Number of reference pictures with a negative delta (they come first in {@link #refPics}). */
    public int numNegativePics() {
        int n = 0;
        while (n < refPics.size() && refPics.get(n).deltaPoc() < 0) {
            n++;
        }
        return n;
    }

    /**
     * Writes {@code frame_header()}, ending byte-aligned.
     *
     * @param nlfEnabled whether the sequence sets {@code TOOL_NEURAL_LOOP_FILTER} (the NLF scales
     *                   are coded); when it does not, both scales must be 0
     */
    public void write(BitWriter w, boolean nlfEnabled) {
        if (!nlfEnabled && nlfActive()) {
            throw new IllegalArgumentException("nlf scales need a sequence with the neural loop filter enabled");
        }
        w.writeBits(frameQp, 6);
        w.writeFlag(deblockingEnabled);
        if (deblockingEnabled) {
            w.writeSe(betaOffsetDiv2);
            w.writeSe(tcOffsetDiv2);
        }
        w.writeFlag(cuQpDeltaEnabled);
        w.writeBits(temporalLayer, 3);
        int neg = numNegativePics();
        w.writeUe(neg);
        w.writeUe(refPics.size() - neg);
        int prev = 0;
        for (RefPic p : refPics) {
            if (p.deltaPoc() > 0 && prev < 0) {
                prev = 0;
            }
            w.writeUe(Math.abs(p.deltaPoc() - prev) - 1);
            w.writeFlag(p.usedByCurrPic());
            prev = p.deltaPoc();
        }
        w.writeUe(numRefIdxActiveL0);
        w.writeUe(numRefIdxActiveL1);
        w.writeSe(chromaQpOffset);
        if (nlfEnabled) {
            w.writeBits(nlfLumaScale, 8);
            w.writeBits(nlfChromaScale, 8);
        }
        w.alignZero();
    }

    /**
     * Parses {@code frame_header()} and checks its semantics. Leaves {@code r} byte-aligned at the
     * first byte of the arithmetic-coded data.
     *
     * @param nlfEnabled whether the sequence sets {@code TOOL_NEURAL_LOOP_FILTER}
     */
    public static FrameHeader read(BitReader r, boolean nlfEnabled) throws BitstreamException {
        long at = r.byteOffset();
        int frameQp = r.readBits(6);
        if (frameQp > MAX_QP) {
            throw new BitstreamException(at, "frame_qp shall be in 0..51, is " + frameQp);
        }
        boolean deblockingEnabled = r.readFlag();
        int beta = 0;
        int tc = 0;
        if (deblockingEnabled) {
            beta = readOffset(r, "beta_offset_div2");
            tc = readOffset(r, "tc_offset_div2");
        }
        boolean cuQpDeltaEnabled = r.readFlag();
        int temporalLayer = r.readBits(3);
        at = r.byteOffset();
        long neg = r.readUe();
        long pos = neg <= MAX_REF_PICS ? r.readUe() : 0;
        if (neg + pos > MAX_REF_PICS) {
            throw new BitstreamException(at, "num_negative_pics + num_positive_pics shall not exceed "
                    + MAX_REF_PICS + ", is " + (neg + pos));
        }
        List<RefPic> refs = new ArrayList<>();
        int prev = 0;
        for (int i = 0; i < neg + pos; i++) {
            if (i == neg) {
                prev = 0;
            }
            at = r.byteOffset();
            long d = r.readUe() + 1;
            long delta = i < neg ? prev - d : prev + d;
            if (Math.abs(delta) > MAX_DELTA_POC) {
                throw new BitstreamException(at, "a reference picture's POC delta shall be within +-2^15, is " + delta);
            }
            prev = (int) delta;
            refs.add(new RefPic(prev, r.readFlag()));
        }
        int l0 = readActive(r, "num_ref_idx_l0_active");
        int l1 = readActive(r, "num_ref_idx_l1_active");
        at = r.byteOffset();
        long cqo = r.readSe();
        if (Math.abs(cqo) > MAX_CHROMA_QP_OFFSET) {
            throw new BitstreamException(at, "chroma_qp_offset shall be in -12..12, is " + cqo);
        }
        int nlfLuma = 0;
        int nlfChroma = 0;
        if (nlfEnabled) {
            nlfLuma = r.readBits(8);
            nlfChroma = r.readBits(8);
        }
        r.align();
        return new FrameHeader(frameQp, deblockingEnabled, beta, tc, cuQpDeltaEnabled, temporalLayer, refs, l0, l1,
                (int) cqo, nlfLuma, nlfChroma);
    }

    private static int readActive(BitReader r, String name) throws BitstreamException {
        long at = r.byteOffset();
        long v = r.readUe();
        if (v > MAX_ACTIVE_REFS) {
            throw new BitstreamException(at, name + " shall be in 0..4, is " + v);
        }
        return (int) v;
    }

    private static int readOffset(BitReader r, String name) throws BitstreamException {
        long at = r.byteOffset();
        long v = r.readSe();
        if (Math.abs(v) > MAX_OFFSET_DIV2) {
            throw new BitstreamException(at, name + " shall be in -6..6, is " + v);
        }
        return (int) v;
    }

    /**
     * Parses the frame header at the start of {@code p}'s payload; offsets in errors are relative
     * to the payload.
     *
     * @param nlfEnabled whether the sequence sets {@code TOOL_NEURAL_LOOP_FILTER}
     */
    public static FrameHeader parse(Packet p, boolean nlfEnabled) throws BitstreamException {
        byte[] payload = p.payload();
        return read(new BitReader(payload, 0, payload.length, 0), nlfEnabled);
    }

    /**
     * Size of this header when written, in bytes: the offset of the arithmetic-coded data in the
     * frame payload. (The coding is canonical, so a parsed header has the size it was read with.)
     *
     * @param nlfEnabled whether the sequence sets {@code TOOL_NEURAL_LOOP_FILTER}
     */
    public int sizeInBytes(boolean nlfEnabled) {
        BitWriter w = new BitWriter();
        write(w, nlfEnabled);
        return (int) (w.bitPosition() >> 3);
    }
}
