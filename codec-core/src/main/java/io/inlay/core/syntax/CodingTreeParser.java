package io.inlay.core.syntax;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.SymbolReader;
import io.inlay.core.inter.BiWeights;
import io.inlay.core.inter.Motion;
import io.inlay.core.inter.MotionCandidates;
import io.inlay.core.inter.Mv;
import io.inlay.core.intra.IntraModes;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.recon.FrameMaps;

/**
 * Parses {@code coding_quadtree()}, {@code coding_unit()} and {@code transform_unit()}
 * (docs/bitstream/coding-tree.md) into {@link FrameMaps} and {@link CtuCoefficients}. Symbols
 * only: no sample is touched here. Mirror of {@link CodingTreeWriter}.
 */
public final class CodingTreeParser {
    private final int[] mpm = new int[3];
    /** The sequence's TOOL_LEARNED_INTRA: intra prediction blocks carry lip_flag. */
    private boolean learnedIntra;

    /** Sets whether the sequence enables learned intra prediction ({@code lip_flag} present). */
    public void setLearnedIntra(boolean v) {
        learnedIntra = v;
    }

    /** The sequence's learned interpolation filter sets (0: TOOL_LEARNED_INTER off, no {@code lif_idx}). */
    private int learnedInterSets;

    /** Sets the number of learned interpolation filter sets of the sequence's model (0 when the tool is off). */
    public void setLearnedInterSets(int sets) {
        learnedInterSets = sets;
    }

    /** Whether the sequence sets TOOL_BI_WEIGHTS ({@code bcw_idx} in bi-predicted AMVP CUs). */
    private boolean biWeights;

    /** Sets whether the sequence sets TOOL_BI_WEIGHTS. */
    public void setBiWeights(boolean on) {
        biWeights = on;
    }
    private final MotionCandidates candidates = new MotionCandidates();
    private final Motion motion = new Motion();
    private final int[] refIdxs = new int[2];
    private final int[] mvs = new int[2];
    private final int[] mvpIdxs = new int[2];
    private final int[] mvd = new int[2];

    /** Parses the coding quadtree of the CTU whose top-left luma sample is (ctuX, ctuY). */
    public void codingQuadtree(SymbolReader r, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                               int ctuX, int ctuY, int x, int y, int log2Size, int depth) throws BitstreamException {
        int size = 1 << log2Size;
        boolean split;
        if (x + size <= m.width() && y + size <= m.height() && log2Size > FrameMaps.MIN_CU_LOG2) {
            split = r.decodeBin(CodingTree.splitCtx(m, x, y, depth)) != 0;
        } else {
            split = log2Size > FrameMaps.MIN_CU_LOG2;
        }
        if (split) {
            int half = size >> 1;
            for (int q = 0; q < 4; q++) {
                int x1 = x + (q & 1) * half;
                int y1 = y + (q >> 1) * half;
                if (x1 < m.width() && y1 < m.height()) {
                    codingQuadtree(r, m, db, co, qs, ctuX, ctuY, x1, y1, log2Size - 1, depth + 1);
                }
            }
        } else {
            codingUnit(r, m, db, co, qs, ctuX, ctuY, x, y, log2Size);
        }
    }

    /**
     * Parses {@code nlf_ctu_flags()} (docs/bitstream/neural-filter.md §4.3) into {@code lumaFlags}
     * and {@code chromaFlags} (one entry per CTU, raster order); a flag that is not present
     * ({@code luma} or {@code chroma} false) is set to 0.
     */
    public void nlfCtuFlags(SymbolReader r, int ctbCols, boolean luma, boolean chroma, byte[] lumaFlags,
                            byte[] chromaFlags) throws BitstreamException {
        for (int ctb = 0; ctb < lumaFlags.length; ctb++) {
            lumaFlags[ctb] = (byte) (luma ? r.decodeBin(CodingTree.nlfCtuFlagCtx(lumaFlags, ctb, ctbCols, false)) : 0);
            chromaFlags[ctb] = (byte) (chroma
                    ? r.decodeBin(CodingTree.nlfCtuFlagCtx(chromaFlags, ctb, ctbCols, true)) : 0);
        }
    }

    /** Parses one coding unit: skipped, inter or intra. */
    void codingUnit(SymbolReader r, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                    int ctuX, int ctuY, int x, int y, int log2Size) throws BitstreamException {
        if (m.refs().isInter()) {
            int size = 1 << log2Size;
            if (r.decodeBin(CodingTree.skipCtx(m, x, y)) != 0) {
                m.setCu(x, y, log2Size, false);
                m.setPredMode(x, y, log2Size, true, true);
                int idx = mergeIdx(r);
                m.setInterSyntax(x, y, log2Size, true, idx, 0, 0);
                m.motion().set(x, y, size, size, candidates.mergeList(m, x, y, size, size)[idx]);
                clearResidual(co, x - ctuX, y - ctuY, log2Size);
                CodingTree.finishInterCu(m, db, 0, x, y, log2Size, qs.qpY);
                return;
            }
            if (r.decodeBin(Contexts.PRED_MODE_FLAG) == 0) {
                interCodingUnit(r, m, db, co, qs, ctuX, ctuY, x, y, log2Size);
                return;
            }
        }
        boolean nxn = log2Size == FrameMaps.MIN_CU_LOG2 && r.decodeBin(Contexts.PART_MODE) == 0;
        m.setCu(x, y, log2Size, nxn);
        int parts = nxn ? 4 : 1;
        int pb = nxn ? 1 << (log2Size - 1) : 1 << log2Size;
        int learned = 0;
        if (learnedIntra) {
            int lipCtx = CodingTree.lipFlagCtx(m, x, y);
            for (int i = 0; i < parts; i++) {
                learned |= r.decodeBin(lipCtx) << i;
            }
        }
        int flags = 0;
        for (int i = 0; i < parts; i++) {
            if ((learned >> i & 1) == 0) {
                flags |= r.decodeBin(Contexts.PREV_INTRA_LUMA_PRED_FLAG) << i;
            }
        }
        for (int i = 0; i < parts; i++) {
            int px = x + (i & 1) * pb;
            int py = y + (i >> 1) * pb;
            int mode;
            if ((learned >> i & 1) != 0) {
                m.setLumaMode(px, py, pb, IntraModes.LEARNED_FIRST + r.decodeBypass(4));   // lip_mode
                continue;
            }
            CodingTree.mostProbableModes(m, px, py, mpm);
            if ((flags >> i & 1) != 0) {
                int idx = r.decodeBypass(1) == 0 ? 0 : r.decodeBypass(1) == 0 ? 1 : 2;
                mode = mpm[idx];
            } else {
                mode = CodingTree.modeFromRemaining(mpm, r.decodeBypass(5));
            }
            m.setLumaMode(px, py, pb, mode);
        }
        int chromaIdx;
        if (r.decodeBin(Contexts.INTRA_CHROMA_PRED_MODE) == 0) {
            chromaIdx = CodingTree.CHROMA_MODE_DM;
        } else if (r.decodeBin(Contexts.INTRA_CHROMA_PRED_MODE + 1) == 0) {
            chromaIdx = CodingTree.CHROMA_MODE_CCLM;
        } else {
            chromaIdx = r.decodeBypass(2);
        }
        m.setChromaMode(x, y, 1 << log2Size, CodingTree.chromaMode(chromaIdx, m.derivedLumaMode(x, y)));
        transformTree(r, co, qs, x - ctuX, y - ctuY, log2Size, nxn);
        CodingTree.finishCu(m, db, x, y, log2Size, nxn, qs.qpY);
    }

    /** The part of an inter, not skipped, coding unit after {@code pred_mode_flag}. */
    private void interCodingUnit(SymbolReader r, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                                 int ctuX, int ctuY, int x, int y, int log2Size) throws BitstreamException {
        int size = 1 << log2Size;
        m.setCu(x, y, log2Size, false);
        m.setPredMode(x, y, log2Size, true, false);
        boolean merge = r.decodeBin(Contexts.MERGE_FLAG) != 0;
        if (merge) {
            int idx = mergeIdx(r);
            m.setInterSyntax(x, y, log2Size, true, idx, 0, 0);
            m.motion().set(x, y, size, size, candidates.mergeList(m, x, y, size, size)[idx]);
        } else {
            int dir = 0;   // bit l: list l used
            if (m.refs().isB()) {
                if (r.decodeBin(Contexts.INTER_PRED_IDC + FrameMaps.CTU_LOG2 - log2Size) != 0) {
                    dir = 3;
                } else {
                    dir = r.decodeBin(Contexts.INTER_PRED_IDC + 4) != 0 ? 2 : 1;
                }
            } else {
                dir = 1;
            }
            int[] ref = refIdxs;
            int[] mv = mvs;
            int[] mvpIdx = mvpIdxs;
            ref[0] = -1;
            ref[1] = -1;
            for (int l = 0; l < 2; l++) {
                if ((dir >> l & 1) == 0) {
                    continue;
                }
                ref[l] = refIdx(r, m.refs().size(l));
                mvdCoding(r, mvd);
                mvpIdx[l] = r.decodeBin(Contexts.MVP_FLAG);
                int mvp = candidates.mvpList(m, x, y, size, size, l, ref[l])[mvpIdx[l]];
                mv[l] = Mv.addWrapped(mvp, mvd[0], mvd[1]);
            }
            motion.set(ref[0], mv[0], ref[1], mv[1]);
            if (learnedInterSets > 0 && CodingTree.lifIdxPresent(motion)) {
                motion.lif = truncatedUnary2(r, learnedInterSets, Contexts.LIF_IDX);
            }
            if (biWeights && motion.isBi()) {
                motion.bcw = truncatedUnary2(r, BiWeights.MAX_IDX, Contexts.BCW_IDX);
            }
            m.setInterSyntax(x, y, log2Size, false, 0, mvpIdx[0], mvpIdx[1]);
            m.motion().set(x, y, size, size, motion);
        }
        boolean coded = merge || r.decodeBin(Contexts.RQT_ROOT_CBF) != 0;
        int lx = x - ctuX;
        int ly = y - ctuY;
        int codedLuma = 0;
        if (coded) {
            if (log2Size == 6) {
                for (int q = 0; q < 4; q++) {
                    if (transformUnit(r, co, qs, lx + (q & 1) * 32, ly + (q >> 1) * 32, 5, 1, false)) {
                        codedLuma |= 1 << q;
                    }
                }
            } else {
                codedLuma = transformUnit(r, co, qs, lx, ly, log2Size, 0, true) ? 1 : 0;
            }
        } else {
            clearResidual(co, lx, ly, log2Size);
        }
        CodingTree.finishInterCu(m, db, codedLuma, x, y, log2Size, qs.qpY);
    }

    /** Records the transform blocks of a CU without residual as not coded (their levels are never read). */
    private static void clearResidual(CtuCoefficients co, int lx, int ly, int log2Size) {
        co.setNotCoded(0, lx, ly, log2Size);
        co.setNotCoded(1, lx >> 1, ly >> 1, log2Size - 1);
        co.setNotCoded(2, lx >> 1, ly >> 1, log2Size - 1);
    }

    /**
     * {@code lif_idx} (cMax = sets, contexts LIF_IDX..) and {@code bcw_idx} (cMax 2, contexts BCW_IDX..): truncated
     * unary, bin 0 with context {@code ctx}, later bins with {@code ctx + 1} (coding-tree.md §2.2, §9).
     */
    private static int truncatedUnary2(SymbolReader r, int cMax, int ctx) throws BitstreamException {
        int idx = 0;
        while (idx < cMax && r.decodeBin(ctx + Math.min(idx, 1)) != 0) {
            idx++;
        }
        return idx;
    }

    private static int mergeIdx(SymbolReader r) throws BitstreamException {
        if (r.decodeBin(Contexts.MERGE_IDX) == 0) {
            return 0;
        }
        int idx = 1;
        while (idx < MotionCandidates.MAX_MERGE - 1 && r.decodeBypass(1) != 0) {
            idx++;
        }
        return idx;
    }

    private static int refIdx(SymbolReader r, int active) throws BitstreamException {
        int idx = 0;
        while (idx < active - 1) {
            int bin = idx < 2 ? r.decodeBin(Contexts.REF_IDX + idx) : r.decodeBypass(1);
            if (bin == 0) {
                break;
            }
            idx++;
        }
        return idx;
    }

    /** {@code mvd_coding()}: stores {dx, dy}, each in -2^15..2^15-1, in {@code d}. */
    private static void mvdCoding(SymbolReader r, int[] d) throws BitstreamException {
        boolean gx = r.decodeBin(Contexts.ABS_MVD_GREATER0_FLAG) != 0;
        boolean gy = r.decodeBin(Contexts.ABS_MVD_GREATER0_FLAG) != 0;
        boolean g1x = gx && r.decodeBin(Contexts.ABS_MVD_GREATER1_FLAG) != 0;
        boolean g1y = gy && r.decodeBin(Contexts.ABS_MVD_GREATER1_FLAG) != 0;
        d[0] = mvdValue(r, gx, g1x);
        d[1] = mvdValue(r, gy, g1y);
    }

    private static int mvdValue(SymbolReader r, boolean greater0, boolean greater1) throws BitstreamException {
        if (!greater0) {
            return 0;
        }
        int abs = 1;
        if (greater1) {
            abs = 2 + expGolomb(r, 1, "abs_mvd_minus2");
        }
        boolean negative = r.decodeBypass(1) != 0;
        if (abs > (negative ? 32768 : 32767)) {
            throw new BitstreamException(r.byteOffset(), "MvdLX shall be in -2^15..2^15-1, is "
                    + (negative ? -abs : abs));
        }
        return negative ? -abs : abs;
    }

    /** k-th order exp-Golomb bypass bins, the prefix limited so the value stays below 2^16. */
    private static int expGolomb(SymbolReader r, int k, String name) throws BitstreamException {
        int base = 0;
        while (r.decodeBypass(1) != 0) {
            base += 1 << k;
            k++;
            if (k > 16) {
                throw new BitstreamException(r.byteOffset(), name + " binarisation is too long");
            }
        }
        return base + r.decodeBypass(k);
    }

    private void transformTree(SymbolReader r, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size, boolean nxn)
            throws BitstreamException {
        if (log2Size == 6) {
            for (int q = 0; q < 4; q++) {
                transformUnit(r, co, qs, lx + (q & 1) * 32, ly + (q >> 1) * 32, 5, 1, false);
            }
        } else if (nxn) {
            int cx = lx >> 1;
            int cy = ly >> 1;
            boolean cbfCb = r.decodeBin(Contexts.CBF_CHROMA) != 0;
            boolean cbfCr = r.decodeBin(Contexts.CBF_CHROMA) != 0;
            int cbfLuma = 0;
            for (int i = 0; i < 4; i++) {
                cbfLuma |= r.decodeBin(Contexts.CBF_LUMA + 1) << i;
            }
            if (cbfLuma != 0 || cbfCb || cbfCr) {
                cuQpDelta(r, qs);
            }
            for (int i = 0; i < 4; i++) {
                int bx = lx + (i & 1) * 4;
                int by = ly + (i >> 1) * 4;
                co.setBox(0, bx, by, (cbfLuma >> i & 1) != 0
                        ? ResidualCoding.read(r, co.levels(0), CtuCoefficients.offset(0, bx, by), CtuCoefficients.LUMA_STRIDE, 2, true)
                        : CtuCoefficients.NOT_CODED);
            }
            chromaResidual(r, co, cx, cy, 2, cbfCb, cbfCr);
        } else {
            transformUnit(r, co, qs, lx, ly, log2Size, 0, false);
        }
    }

    /** Parses one transform unit; returns cbf_luma. */
    private boolean transformUnit(SymbolReader r, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size, int depth,
                                  boolean inferLuma) throws BitstreamException {
        int cx = lx >> 1;
        int cy = ly >> 1;
        int log2C = log2Size - 1;
        boolean cbfCb = r.decodeBin(Contexts.CBF_CHROMA + depth) != 0;
        boolean cbfCr = r.decodeBin(Contexts.CBF_CHROMA + depth) != 0;
        boolean cbfLuma = inferLuma && !cbfCb && !cbfCr || r.decodeBin(Contexts.CBF_LUMA + depth) != 0;
        if (cbfLuma || cbfCb || cbfCr) {
            cuQpDelta(r, qs);
        }
        co.setBox(0, lx, ly, cbfLuma
                ? ResidualCoding.read(r, co.levels(0), CtuCoefficients.offset(0, lx, ly), CtuCoefficients.LUMA_STRIDE, log2Size, true)
                : CtuCoefficients.NOT_CODED);
        chromaResidual(r, co, cx, cy, log2C, cbfCb, cbfCr);
        return cbfLuma;
    }

    private static void chromaResidual(SymbolReader r, CtuCoefficients co, int cx, int cy, int log2C,
                                       boolean cbfCb, boolean cbfCr) throws BitstreamException {
        co.setBox(1, cx, cy, cbfCb
                ? ResidualCoding.read(r, co.levels(1), CtuCoefficients.offset(1, cx, cy), CtuCoefficients.CHROMA_STRIDE, log2C, false)
                : CtuCoefficients.NOT_CODED);
        co.setBox(2, cx, cy, cbfCr
                ? ResidualCoding.read(r, co.levels(2), CtuCoefficients.offset(2, cx, cy), CtuCoefficients.CHROMA_STRIDE, log2C, false)
                : CtuCoefficients.NOT_CODED);
    }

    private static void cuQpDelta(SymbolReader r, QpState qs) throws BitstreamException {
        if (!qs.deltaEnabled || qs.deltaCoded) {
            return;
        }
        int prefix = 0;
        while (prefix < 5 && r.decodeBin(Contexts.CU_QP_DELTA_ABS + (prefix == 0 ? 0 : 1)) != 0) {
            prefix++;
        }
        int abs = prefix == 5 ? 5 + expGolomb(r, 0, "cu_qp_delta_abs") : prefix;
        int v = abs > 0 && r.decodeBypass(1) != 0 ? -abs : abs;
        int qp = qs.predQp + v;
        if (v < -26 || v > 25 || qp < 0 || qp > 51) {
            throw new BitstreamException(r.byteOffset(),
                    "CuQpDeltaVal " + v + " gives QpY " + qp + "; QpY shall be in 0..51");
        }
        qs.deltaCoded = true;
        qs.deltaVal = v;
        qs.qpY = qp;
    }
}
