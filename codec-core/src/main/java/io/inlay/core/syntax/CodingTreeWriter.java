package io.inlay.core.syntax;

import io.inlay.bitstream.SymbolWriter;
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

    /** Writes {@code split_cu_flag} for a CU that may split. */
    public void splitCuFlag(SymbolWriter w, FrameMaps m, int x, int y, int depth, boolean split) {
        w.encodeBin(CodingTree.splitCtx(m, x, y, depth), split ? 1 : 0);
    }

    /** Writes one intra coding unit. */
    public void codingUnit(SymbolWriter w, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                           int ctuX, int ctuY, int x, int y, int log2Size) {
        boolean nxn = m.partNxN(x, y);
        if (log2Size == FrameMaps.MIN_CU_LOG2) {
            w.encodeBin(Contexts.PART_MODE, nxn ? 0 : 1);
        }
        intraLumaModes(w, m, x, y, log2Size, nxn);
        intraChromaPredMode(w, m.chromaMode(x, y), m.lumaMode(x, y));
        transformTree(w, co, qs, x - ctuX, y - ctuY, log2Size, nxn);
        CodingTree.finishCu(m, db, x, y, log2Size, nxn, qs.qpY);
    }

    /** prev_intra_luma_pred_flag for every prediction block, then mpm_idx / rem_intra_luma_pred_mode. */
    public void intraLumaModes(SymbolWriter w, FrameMaps m, int x, int y, int log2Size, boolean nxn) {
        int parts = nxn ? 4 : 1;
        int pb = nxn ? 1 << (log2Size - 1) : 1 << log2Size;
        int flags = 0;
        for (int i = 0; i < parts; i++) {
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
            CodingTree.mostProbableModes(m, px, py, mpm);
            int mode = m.lumaMode(px, py);
            if ((flags >> i & 1) != 0) {
                mpmIdx(w, CodingTree.mpmIndex(mpm, mode));
            } else {
                w.encodeBypass(CodingTree.remainingMode(mpm, mode), 5);
            }
        }
    }

    /** Rate of luma mode {@code mode} for the prediction block at (x, y): flag plus index. */
    public void intraLumaMode(SymbolWriter w, FrameMaps m, int x, int y, int mode) {
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
                transformUnit(w, co, qs, lx + (q & 1) * 32, ly + (q >> 1) * 32, 5, 1);
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
            transformUnit(w, co, qs, lx, ly, log2Size, 0);
        }
    }

    /** One transform unit: luma block of {@code 1 << log2Size} and its two chroma blocks. */
    void transformUnit(SymbolWriter w, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size, int depth) {
        int cx = lx >> 1;
        int cy = ly >> 1;
        int log2C = log2Size - 1;
        boolean cbfCb = co.hasNonZero(1, cx, cy, log2C);
        boolean cbfCr = co.hasNonZero(2, cx, cy, log2C);
        boolean cbfLuma = co.hasNonZero(0, lx, ly, log2Size);
        w.encodeBin(Contexts.CBF_CHROMA + depth, cbfCb ? 1 : 0);
        w.encodeBin(Contexts.CBF_CHROMA + depth, cbfCr ? 1 : 0);
        w.encodeBin(Contexts.CBF_LUMA + depth, cbfLuma ? 1 : 0);
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
            expGolomb0(w, abs - 5);
        }
        if (abs > 0) {
            w.encodeBypass(v < 0 ? 1 : 0, 1);
        }
        qs.deltaCoded = true;
        qs.qpY = qs.predQp + v;
    }

    private static void expGolomb0(SymbolWriter w, int v) {
        int m = 0;
        while (v >= (1 << m)) {
            w.encodeBypass(1, 1);
            v -= 1 << m;
            m++;
        }
        w.encodeBypass(0, 1);
        w.encodeBypass(v, m);
    }
}
