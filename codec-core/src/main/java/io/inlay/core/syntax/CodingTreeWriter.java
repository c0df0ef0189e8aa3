package io.inlay.core.syntax;

import io.inlay.bitstream.SymbolWriter;
import io.inlay.core.inter.BiWeights;
import io.inlay.core.inter.Motion;
import io.inlay.core.inter.MotionCandidates;
import io.inlay.core.inter.Mv;
import io.inlay.core.intra.IntraModes;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.recon.FrameMaps;

/**
 * Writes {@code coding_quadtree()}, {@code coding_unit()} and {@code transform_unit()}
 * (docs/bitstream/coding-tree.md) from the decisions recorded in {@link FrameMaps} and the levels
 * in {@link CtuCoefficients}. The same code writes bits (with an arithmetic encoder) and prices
 * them (with a bit counter).
 */
public final class CodingTreeWriter {
    private final int[] mpm = new int[3];
    /** The sequence's TOOL_LEARNED_INTRA: intra prediction blocks carry lip_flag. */
    private boolean learnedIntra;
    private final MotionCandidates candidates = new MotionCandidates();
    private final Motion motion = new Motion();

    /** Writes the coding quadtree of the CTU whose top-left luma sample is (ctuX, ctuY). */
    public void codingQuadtree(SymbolWriter w, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                               int ctuX, int ctuY, int x, int y, int log2Size, int depth) {
        int size = 1 << log2Size;
        boolean split;
        if (x + size <= m.width() && y + size <= m.height() && log2Size > FrameMaps.MIN_CU_LOG2) {
            split = m.cuLog2(x, y) < log2Size;
            w.encodeBin(CodingTree.splitCtx(m, x, y, depth), split ? 1 : 0);
        } else {
            split = log2Size > FrameMaps.MIN_CU_LOG2;
        }
        if (split) {
            int half = size >> 1;
            for (int q = 0; q < 4; q++) {
                int x1 = x + (q & 1) * half;
                int y1 = y + (q >> 1) * half;
                if (x1 < m.width() && y1 < m.height()) {
                    codingQuadtree(w, m, db, co, qs, ctuX, ctuY, x1, y1, log2Size - 1, depth + 1);
                }
            }
        } else {
            codingUnit(w, m, db, co, qs, ctuX, ctuY, x, y, log2Size);
        }
    }

    /**
     * Writes {@code nlf_ctu_flags()} (docs/bitstream/neural-filter.md §4.3): for every CTU in raster
     * order its luma flag when {@code luma} ({@code nlf_luma_scale != 0}) and its chroma flag when
     * {@code chroma}; {@code lumaFlags} and {@code chromaFlags} hold 0 or 1 per CTU.
     */
    public void nlfCtuFlags(SymbolWriter w, int ctbCols, boolean luma, boolean chroma, byte[] lumaFlags,
                            byte[] chromaFlags) {
        for (int ctb = 0; ctb < lumaFlags.length; ctb++) {
            if (luma) {
                w.encodeBin(CodingTree.nlfCtuFlagCtx(lumaFlags, ctb, ctbCols, false), lumaFlags[ctb]);
            }
            if (chroma) {
                w.encodeBin(CodingTree.nlfCtuFlagCtx(chromaFlags, ctb, ctbCols, true), chromaFlags[ctb]);
            }
        }
    }

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

    /** Whether the sequence sets TOOL_BI_WEIGHTS. */
    public boolean biWeights() {
        return biWeights;
    }

    /** Whether {@code lif_idx} is coded for the AMVP motion {@code mo} (the tool on and a fractional luma vector). */
    public boolean lifIdxCoded(Motion mo) {
        return learnedInterSets > 0 && CodingTree.lifIdxPresent(mo);
    }

    /** Writes {@code split_cu_flag} for a CU that may split. */
    public void splitCuFlag(SymbolWriter w, FrameMaps m, int x, int y, int depth, boolean split) {
        w.encodeBin(CodingTree.splitCtx(m, x, y, depth), split ? 1 : 0);
    }

    /** Writes one coding unit: skipped, inter or intra. */
    public void codingUnit(SymbolWriter w, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                           int ctuX, int ctuY, int x, int y, int log2Size) {
        if (m.refs().isInter()) {
            boolean skip = m.isSkip(x, y);
            w.encodeBin(CodingTree.skipCtx(m, x, y), skip ? 1 : 0);
            if (skip) {
                mergeIdx(w, m.mergeIdx(x, y));
                CodingTree.finishInterCu(m, db, CodingTree.codedLumaMask(co, ctuX, ctuY, x, y, log2Size), x, y, log2Size,
                        qs.qpY);
                return;
            }
            boolean inter = m.isInter(x, y);
            w.encodeBin(Contexts.PRED_MODE_FLAG, inter ? 0 : 1);
            if (inter) {
                interCodingUnit(w, m, db, co, qs, ctuX, ctuY, x, y, log2Size);
                return;
            }
        }
        boolean nxn = m.partNxN(x, y);
        if (log2Size == FrameMaps.MIN_CU_LOG2) {
            w.encodeBin(Contexts.PART_MODE, nxn ? 0 : 1);
        }
        intraLumaModes(w, m, x, y, log2Size, nxn);
        intraChromaPredMode(w, m.chromaMode(x, y), m.derivedLumaMode(x, y));
        transformTree(w, co, qs, x - ctuX, y - ctuY, log2Size, nxn);
        CodingTree.finishCu(m, db, x, y, log2Size, nxn, qs.qpY);
    }

    /** The part of an inter, not skipped, coding unit after {@code pred_mode_flag}. */
    private void interCodingUnit(SymbolWriter w, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                                 int ctuX, int ctuY, int x, int y, int log2Size) {
        boolean merge = m.merge(x, y);
        predictionUnit(w, m, x, y, log2Size);
        int lx = x - ctuX;
        int ly = y - ctuY;
        boolean coded = co.hasNonZero(0, lx, ly, log2Size) || co.hasNonZero(1, lx >> 1, ly >> 1, log2Size - 1)
                || co.hasNonZero(2, lx >> 1, ly >> 1, log2Size - 1);
        if (!merge) {
            w.encodeBin(Contexts.RQT_ROOT_CBF, coded ? 1 : 0);
        } else {
            assert coded : "a merged CU without residual is coded as skipped";
        }
        if (coded) {
            interTransformTree(w, co, qs, lx, ly, log2Size);
        }
        CodingTree.finishInterCu(m, db, CodingTree.codedLumaMask(co, ctuX, ctuY, x, y, log2Size), x, y, log2Size,
                        qs.qpY);
    }

    /**
     * {@code prediction_unit()} of a 2Nx2N inter CU that is not skipped: {@code merge_flag} and
     * {@code merge_idx}, or the AMVP syntax of each used list.
     */
    public void predictionUnit(SymbolWriter w, FrameMaps m, int x, int y, int log2Size) {
        boolean merge = m.merge(x, y);
        w.encodeBin(Contexts.MERGE_FLAG, merge ? 1 : 0);
        if (merge) {
            mergeIdx(w, m.mergeIdx(x, y));
            return;
        }
        m.motion().get(x, y, motion);
        int size = 1 << log2Size;
        if (m.refs().isB()) {
            interPredIdc(w, motion, FrameMaps.CTU_LOG2 - log2Size);
        }
        for (int l = 0; l < 2; l++) {
            if (!motion.uses(l)) {
                continue;
            }
            refIdx(w, motion.ref(l), m.refs().size(l));
            int mvp = candidates.mvpList(m, x, y, size, size, l, motion.ref(l))[m.mvpIdx(x, y, l)];
            int mv = motion.mv(l);
            mvdCoding(w, (short) (Mv.x(mv) - Mv.x(mvp)), (short) (Mv.y(mv) - Mv.y(mvp)));
            w.encodeBin(Contexts.MVP_FLAG, m.mvpIdx(x, y, l));
        }
        if (learnedInterSets > 0 && CodingTree.lifIdxPresent(motion)) {
            truncatedUnary2(w, m.lifIdx(x, y), learnedInterSets, Contexts.LIF_IDX);
        }
        if (biWeights && motion.isBi()) {
            truncatedUnary2(w, m.bcwIdx(x, y), BiWeights.MAX_IDX, Contexts.BCW_IDX);
        }
    }

    /**
     * {@code lif_idx} (cMax = sets, contexts LIF_IDX..) and {@code bcw_idx} (cMax 2, contexts BCW_IDX..): truncated
     * unary, bin 0 with context {@code ctx}, later bins with {@code ctx + 1} (coding-tree.md §2.2, §9).
     */
    private static void truncatedUnary2(SymbolWriter w, int idx, int cMax, int ctx) {
        assert idx >= 0 && idx <= cMax : idx;
        for (int i = 0; i < cMax; i++) {
            int bin = idx > i ? 1 : 0;
            w.encodeBin(ctx + Math.min(i, 1), bin);
            if (bin == 0) {
                break;
            }
        }
    }

    /** {@code merge_idx}: truncated unary, cMax 4, first bin context coded. */
    public static void mergeIdx(SymbolWriter w, int idx) {
        w.encodeBin(Contexts.MERGE_IDX, idx > 0 ? 1 : 0);
        for (int i = 1; i < MotionCandidates.MAX_MERGE - 1 && i <= idx; i++) {
            w.encodeBypass(idx > i ? 1 : 0, 1);
        }
    }

    /** {@code inter_pred_idc}: bin 0 (context by CU depth) bi or not, bin 1 list 0 or list 1. */
    public static void interPredIdc(SymbolWriter w, Motion mo, int cuDepth) {
        w.encodeBin(Contexts.INTER_PRED_IDC + cuDepth, mo.isBi() ? 1 : 0);
        if (!mo.isBi()) {
            w.encodeBin(Contexts.INTER_PRED_IDC + 4, mo.uses(1) ? 1 : 0);
        }
    }

    /** {@code ref_idx_lX}: truncated unary, cMax = active references - 1, bins 0 and 1 context coded. */
    public static void refIdx(SymbolWriter w, int idx, int active) {
        for (int i = 0; i < active - 1; i++) {
            int bin = idx > i ? 1 : 0;
            if (i < 2) {
                w.encodeBin(Contexts.REF_IDX + i, bin);
            } else {
                w.encodeBypass(bin, 1);
            }
            if (bin == 0) {
                break;
            }
        }
    }

    /** {@code mvd_coding()} of the difference (dx, dy) (H.265 §7.3.8.9). */
    public static void mvdCoding(SymbolWriter w, int dx, int dy) {
        int ax = Math.abs(dx);
        int ay = Math.abs(dy);
        w.encodeBin(Contexts.ABS_MVD_GREATER0_FLAG, ax > 0 ? 1 : 0);
        w.encodeBin(Contexts.ABS_MVD_GREATER0_FLAG, ay > 0 ? 1 : 0);
        if (ax > 0) {
            w.encodeBin(Contexts.ABS_MVD_GREATER1_FLAG, ax > 1 ? 1 : 0);
        }
        if (ay > 0) {
            w.encodeBin(Contexts.ABS_MVD_GREATER1_FLAG, ay > 1 ? 1 : 0);
        }
        if (ax > 0) {
            if (ax > 1) {
                expGolomb(w, ax - 2, 1);
            }
            w.encodeBypass(dx < 0 ? 1 : 0, 1);
        }
        if (ay > 0) {
            if (ay > 1) {
                expGolomb(w, ay - 2, 1);
            }
            w.encodeBypass(dy < 0 ? 1 : 0, 1);
        }
    }

    /**
     * The residual of an inter CU with {@code rqt_root_cbf} 1: one transform unit the size of the
     * CU (four 32x32 ones for 64x64), where at depth 0 {@code cbf_luma} is not coded (inferred 1)
     * when both chroma flags are 0.
     */
    void interTransformTree(SymbolWriter w, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size) {
        if (log2Size == 6) {
            for (int q = 0; q < 4; q++) {
                transformUnit(w, co, qs, lx + (q & 1) * 32, ly + (q >> 1) * 32, 5, 1, false);
            }
        } else {
            transformUnit(w, co, qs, lx, ly, log2Size, 0, true);
        }
    }

    /**
     * For every prediction block {@code lip_flag} (when the sequence enables learned intra
     * prediction), then prev_intra_luma_pred_flag of the blocks without it, then per block
     * {@code lip_mode} or mpm_idx / rem_intra_luma_pred_mode.
     */
    public void intraLumaModes(SymbolWriter w, FrameMaps m, int x, int y, int log2Size, boolean nxn) {
        int parts = nxn ? 4 : 1;
        int pb = nxn ? 1 << (log2Size - 1) : 1 << log2Size;
        int learned = 0;
        if (learnedIntra) {
            int lipCtx = CodingTree.lipFlagCtx(m, x, y);
            for (int i = 0; i < parts; i++) {
                int mode = m.lumaMode(x + (i & 1) * pb, y + (i >> 1) * pb);
                learned |= (IntraModes.isLearned(mode) ? 1 : 0) << i;
                w.encodeBin(lipCtx, (learned >> i) & 1);
            }
        }
        int flags = 0;
        for (int i = 0; i < parts; i++) {
            if ((learned >> i & 1) != 0) {
                continue;
            }
            int px = x + (i & 1) * pb;
            int py = y + (i >> 1) * pb;
            CodingTree.mostProbableModes(m, px, py, mpm);
            if (CodingTree.mpmIndex(mpm, m.lumaMode(px, py)) >= 0) {
                flags |= 1 << i;
            }
            w.encodeBin(Contexts.PREV_INTRA_LUMA_PRED_FLAG, (flags >> i) & 1);
        }
        for (int i = 0; i < parts; i++) {
            int px = x + (i & 1) * pb;
            int py = y + (i >> 1) * pb;
            int mode = m.lumaMode(px, py);
            if ((learned >> i & 1) != 0) {
                w.encodeBypass(mode - IntraModes.LEARNED_FIRST, 4);
                continue;
            }
            CodingTree.mostProbableModes(m, px, py, mpm);
            if ((flags >> i & 1) != 0) {
                mpmIdx(w, CodingTree.mpmIndex(mpm, mode));
            } else {
                w.encodeBypass(CodingTree.remainingMode(mpm, mode), 5);
            }
        }
    }

    /**
     * Rate of luma mode {@code mode} for the prediction block at (x, y): lip_flag (context of the CU,
     * whose corner is (x, y) rounded down to the minimum CU size), then flag plus index or lip_mode.
     */
    public void intraLumaMode(SymbolWriter w, FrameMaps m, int x, int y, int mode) {
        if (learnedIntra) {
            boolean learned = IntraModes.isLearned(mode);
            int cuMask = -(1 << FrameMaps.MIN_CU_LOG2);
            w.encodeBin(CodingTree.lipFlagCtx(m, x & cuMask, y & cuMask), learned ? 1 : 0);
            if (learned) {
                w.encodeBypass(mode - IntraModes.LEARNED_FIRST, 4);
                return;
            }
        }
        CodingTree.mostProbableModes(m, x, y, mpm);
        int idx = CodingTree.mpmIndex(mpm, mode);
        w.encodeBin(Contexts.PREV_INTRA_LUMA_PRED_FLAG, idx >= 0 ? 1 : 0);
        if (idx >= 0) {
            mpmIdx(w, idx);
        } else {
            w.encodeBypass(CodingTree.remainingMode(mpm, mode), 5);
        }
    }

    private static void mpmIdx(SymbolWriter w, int idx) {
        // truncated unary, cMax 2, bypass
        if (idx == 0) {
            w.encodeBypass(0, 1);
        } else {
            w.encodeBypass(idx == 1 ? 2 : 3, 2);
        }
    }

    /** intra_chroma_pred_mode for chroma mode {@code chromaMode}. */
    public void intraChromaPredMode(SymbolWriter w, int chromaMode, int lumaMode) {
        int idx = CodingTree.chromaModeIndex(chromaMode, lumaMode);
        if (idx < 0) {
            throw new IllegalStateException("chroma mode " + chromaMode + " cannot be coded with luma mode " + lumaMode);
        }
        // bin 0: DM or not; bin 1: CCLM or not; then 2 bypass bins for 0..3
        w.encodeBin(Contexts.INTRA_CHROMA_PRED_MODE, idx == CodingTree.CHROMA_MODE_DM ? 0 : 1);
        if (idx != CodingTree.CHROMA_MODE_DM) {
            w.encodeBin(Contexts.INTRA_CHROMA_PRED_MODE + 1, idx == CodingTree.CHROMA_MODE_CCLM ? 0 : 1);
            if (idx != CodingTree.CHROMA_MODE_CCLM) {
                w.encodeBypass(idx, 2);
            }
        }
    }

    /** The transform tree of an intra CU at CTU-relative luma position (lx, ly). */
    void transformTree(SymbolWriter w, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size, boolean nxn) {
        if (log2Size == 6) {
            for (int q = 0; q < 4; q++) {
                transformUnit(w, co, qs, lx + (q & 1) * 32, ly + (q >> 1) * 32, 5, 1, false);
            }
        } else if (nxn) {
            int cx = lx >> 1;
            int cy = ly >> 1;
            boolean cbfCb = co.hasNonZero(1, cx, cy, 2);
            boolean cbfCr = co.hasNonZero(2, cx, cy, 2);
            w.encodeBin(Contexts.CBF_CHROMA, cbfCb ? 1 : 0);
            w.encodeBin(Contexts.CBF_CHROMA, cbfCr ? 1 : 0);
            int cbfLuma = 0;
            for (int i = 0; i < 4; i++) {
                boolean c = co.hasNonZero(0, lx + (i & 1) * 4, ly + (i >> 1) * 4, 2);
                cbfLuma |= (c ? 1 : 0) << i;
                w.encodeBin(Contexts.CBF_LUMA + 1, c ? 1 : 0);
            }
            if (cbfLuma != 0 || cbfCb || cbfCr) {
                cuQpDelta(w, qs);
            }
            for (int i = 0; i < 4; i++) {
                if ((cbfLuma >> i & 1) != 0) {
                    int bx = lx + (i & 1) * 4;
                    int by = ly + (i >> 1) * 4;
                    ResidualCoding.write(w, co.levels(0), CtuCoefficients.offset(0, bx, by), CtuCoefficients.LUMA_STRIDE, 2, true);
                }
            }
            chromaResidual(w, co, cx, cy, 2, cbfCb, cbfCr);
        } else {
            transformUnit(w, co, qs, lx, ly, log2Size, 0, false);
        }
    }

    /**
     * One transform unit: luma block of {@code 1 << log2Size} and its two chroma blocks. With
     * {@code inferLuma}, {@code cbf_luma} is not coded when both chroma flags are 0.
     */
    void transformUnit(SymbolWriter w, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size, int depth,
                       boolean inferLuma) {
        int cx = lx >> 1;
        int cy = ly >> 1;
        int log2C = log2Size - 1;
        boolean cbfCb = co.hasNonZero(1, cx, cy, log2C);
        boolean cbfCr = co.hasNonZero(2, cx, cy, log2C);
        boolean cbfLuma = co.hasNonZero(0, lx, ly, log2Size);
        w.encodeBin(Contexts.CBF_CHROMA + depth, cbfCb ? 1 : 0);
        w.encodeBin(Contexts.CBF_CHROMA + depth, cbfCr ? 1 : 0);
        if (inferLuma && !cbfCb && !cbfCr) {
            assert cbfLuma : "cbf_luma is inferred 1 here";
        } else {
            w.encodeBin(Contexts.CBF_LUMA + depth, cbfLuma ? 1 : 0);
        }
        if (cbfLuma || cbfCb || cbfCr) {
            cuQpDelta(w, qs);
        }
        if (cbfLuma) {
            ResidualCoding.write(w, co.levels(0), CtuCoefficients.offset(0, lx, ly), CtuCoefficients.LUMA_STRIDE, log2Size, true);
        }
        chromaResidual(w, co, cx, cy, log2C, cbfCb, cbfCr);
    }

    private static void chromaResidual(SymbolWriter w, CtuCoefficients co, int cx, int cy, int log2C, boolean cbfCb, boolean cbfCr) {
        if (cbfCb) {
            ResidualCoding.write(w, co.levels(1), CtuCoefficients.offset(1, cx, cy), CtuCoefficients.CHROMA_STRIDE, log2C, false);
        }
        if (cbfCr) {
            ResidualCoding.write(w, co.levels(2), CtuCoefficients.offset(2, cx, cy), CtuCoefficients.CHROMA_STRIDE, log2C, false);
        }
    }

    /** cu_qp_delta_abs and cu_qp_delta_sign_flag, once per quantisation group. */
    void cuQpDelta(SymbolWriter w, QpState qs) {
        if (!qs.deltaEnabled || qs.deltaCoded) {
            return;
        }
        int v = qs.deltaVal;
        int abs = Math.abs(v);
        int prefix = Math.min(abs, 5);
        for (int i = 0; i < prefix; i++) {
            w.encodeBin(Contexts.CU_QP_DELTA_ABS + (i == 0 ? 0 : 1), 1);
        }
        if (prefix < 5) {
            w.encodeBin(Contexts.CU_QP_DELTA_ABS + (prefix == 0 ? 0 : 1), 0);
        } else {
            expGolomb(w, abs - 5, 0);
        }
        if (abs > 0) {
            w.encodeBypass(v < 0 ? 1 : 0, 1);
        }
        qs.deltaCoded = true;
        qs.qpY = qs.predQp + v;
    }

    /** k-th order exp-Golomb bypass bins (H.265 §9.3.3.3, EGk). */
    private static void expGolomb(SymbolWriter w, int v, int k) {
        while (v >= (1 << k)) {
            w.encodeBypass(1, 1);
            v -= 1 << k;
            k++;
        }
        w.encodeBypass(0, 1);
        w.encodeBypass(v, k);
    }
}
