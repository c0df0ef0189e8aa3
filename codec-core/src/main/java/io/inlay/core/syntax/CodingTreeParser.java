package io.inlay.core.syntax;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.SymbolReader;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.recon.FrameMaps;

/**
 * Parses {@code coding_quadtree()}, {@code coding_unit()} and {@code transform_unit()}
 * (docs/bitstream/coding-tree.md) into {@link FrameMaps} and {@link CtuCoefficients}. Symbols
 * only: no sample is touched here. Mirror of {@link CodingTreeWriter}.
 */
public final class CodingTreeParser {
    private final int[] mpm = new int[3];

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

    /** Parses one intra coding unit. */
    void codingUnit(SymbolReader r, FrameMaps m, DeblockingMap db, CtuCoefficients co, QpState qs,
                    int ctuX, int ctuY, int x, int y, int log2Size) throws BitstreamException {
        boolean nxn = log2Size == FrameMaps.MIN_CU_LOG2 && r.decodeBin(Contexts.PART_MODE) == 0;
        m.setCu(x, y, log2Size, nxn);
        int parts = nxn ? 4 : 1;
        int pb = nxn ? 1 << (log2Size - 1) : 1 << log2Size;
        int flags = 0;
        for (int i = 0; i < parts; i++) {
            flags |= r.decodeBin(Contexts.PREV_INTRA_LUMA_PRED_FLAG) << i;
        }
        for (int i = 0; i < parts; i++) {
            int px = x + (i & 1) * pb;
            int py = y + (i >> 1) * pb;
            CodingTree.mostProbableModes(m, px, py, mpm);
            int mode;
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
        m.setChromaMode(x, y, 1 << log2Size, CodingTree.chromaMode(chromaIdx, m.lumaMode(x, y)));
        transformTree(r, co, qs, x - ctuX, y - ctuY, log2Size, nxn);
        CodingTree.finishCu(m, db, x, y, log2Size, nxn, qs.qpY);
    }

    private void transformTree(SymbolReader r, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size, boolean nxn)
            throws BitstreamException {
        if (log2Size == 6) {
            for (int q = 0; q < 4; q++) {
                transformUnit(r, co, qs, lx + (q & 1) * 32, ly + (q >> 1) * 32, 5, 1);
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
                if ((cbfLuma >> i & 1) != 0) {
                    ResidualCoding.read(r, co.levels(0), CtuCoefficients.offset(0, bx, by), CtuCoefficients.LUMA_STRIDE, 2, true);
                } else {
                    co.clear(0, bx, by, 2);
                }
            }
            chromaResidual(r, co, cx, cy, 2, cbfCb, cbfCr);
        } else {
            transformUnit(r, co, qs, lx, ly, log2Size, 0);
        }
    }

    private void transformUnit(SymbolReader r, CtuCoefficients co, QpState qs, int lx, int ly, int log2Size, int depth)
            throws BitstreamException {
        int cx = lx >> 1;
        int cy = ly >> 1;
        int log2C = log2Size - 1;
        boolean cbfCb = r.decodeBin(Contexts.CBF_CHROMA + depth) != 0;
        boolean cbfCr = r.decodeBin(Contexts.CBF_CHROMA + depth) != 0;
        boolean cbfLuma = r.decodeBin(Contexts.CBF_LUMA + depth) != 0;
        if (cbfLuma || cbfCb || cbfCr) {
            cuQpDelta(r, qs);
        }
        if (cbfLuma) {
            ResidualCoding.read(r, co.levels(0), CtuCoefficients.offset(0, lx, ly), CtuCoefficients.LUMA_STRIDE, log2Size, true);
        } else {
            co.clear(0, lx, ly, log2Size);
        }
        chromaResidual(r, co, cx, cy, log2C, cbfCb, cbfCr);
    }

    private static void chromaResidual(SymbolReader r, CtuCoefficients co, int cx, int cy, int log2C,
                                       boolean cbfCb, boolean cbfCr) throws BitstreamException {
        if (cbfCb) {
            ResidualCoding.read(r, co.levels(1), CtuCoefficients.offset(1, cx, cy), CtuCoefficients.CHROMA_STRIDE, log2C, false);
        } else {
            co.clear(1, cx, cy, log2C);
        }
        if (cbfCr) {
            ResidualCoding.read(r, co.levels(2), CtuCoefficients.offset(2, cx, cy), CtuCoefficients.CHROMA_STRIDE, log2C, false);
        } else {
            co.clear(2, cx, cy, log2C);
        }
    }

    private static void cuQpDelta(SymbolReader r, QpState qs) throws BitstreamException {
        if (!qs.deltaEnabled || qs.deltaCoded) {
            return;
        }
        int prefix = 0;
        while (prefix < 5 && r.decodeBin(Contexts.CU_QP_DELTA_ABS + (prefix == 0 ? 0 : 1)) != 0) {
            prefix++;
        }
        int abs = prefix;
        if (prefix == 5) {
            int m = 0;
            int base = 0;
            while (r.decodeBypass(1) != 0) {
                base += 1 << m;
                m++;
                if (m > 6) {
                    throw new BitstreamException(r.byteOffset(), "cu_qp_delta_abs binarisation is too long");
                }
            }
            abs = 5 + base + r.decodeBypass(m);
        }
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
