package io.inlay.core.syntax;

import io.inlay.core.inter.Motion;
import io.inlay.core.inter.Mv;
import io.inlay.core.intra.IntraModes;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.recon.FrameMaps;

/**
 * Derivations shared by the coding-tree writer and parser (docs/bitstream/coding-tree.md):
 * most probable modes, chroma mode derivation, split-flag context, and what a completed CU
 * records for later CUs and the deblocking filter.
 */
public final class CodingTree {
    private CodingTree() {
    }

    /** {@code intra_chroma_pred_mode} of the derived mode (DM): chroma uses the luma mode. */
    public static final int CHROMA_MODE_DM = 4;
    /** {@code intra_chroma_pred_mode} of the cross-component linear model. */
    public static final int CHROMA_MODE_CCLM = 5;
    /** The chroma prediction mode number of the cross-component linear model (after 0..34). */
    public static final int CCLM = IntraModes.CCLM;
    private static final int[] CHROMA_CANDIDATES = {IntraModes.PLANAR, IntraModes.VERTICAL, IntraModes.HORIZONTAL, IntraModes.DC};

    /** Context of {@code split_cu_flag} at (x, y) for quadtree depth {@code depth} (H.265 §9.3.4.2.2). */
    public static int splitCtx(FrameMaps m, int x, int y, int depth) {
        int ctuLog2 = FrameMaps.CTU_LOG2;
        int c = 0;
        if (m.available(x, y, x - 1, y) && ctuLog2 - m.cuLog2(x - 1, y) > depth) {
            c++;
        }
        if (m.available(x, y, x, y - 1) && ctuLog2 - m.cuLog2(x, y - 1) > depth) {
            c++;
        }
        return Contexts.SPLIT_CU_FLAG + c;
    }

    /**
     * Context of {@code nlf_ctu_luma_flag} ({@code chroma} false) or {@code nlf_ctu_chroma_flag} of
     * CTU {@code ctbAddr} (docs/bitstream/neural-filter.md §4.3): the left and above CTUs' flags of
     * the same kind, 0 where there is no such CTU.
     */
    public static int nlfCtuFlagCtx(byte[] flags, int ctbAddr, int ctbCols, boolean chroma) {
        int c = 0;
        if (ctbAddr % ctbCols > 0) {
            c += flags[ctbAddr - 1];
        }
        if (ctbAddr >= ctbCols) {
            c += flags[ctbAddr - ctbCols];
        }
        return Contexts.NLF_CTU_FLAG + (chroma ? 3 : 0) + c;
    }

    /**
     * Context of the {@code lip_flag}s of the intra CU at (x, y) (docs/bitstream/coding-tree.md
     * §5.7): the left and above neighbours of the CU that are intra CUs with a learned luma mode, as
     * H.266 conditions {@code intra_mip_flag} (§9.3.4.2.2). All prediction blocks of an NxN CU use
     * the CU's context.
     */
    public static int lipFlagCtx(FrameMaps m, int x, int y) {
        int c = 0;
        if (m.available(x, y, x - 1, y) && !m.isInter(x - 1, y) && IntraModes.isLearned(m.lumaMode(x - 1, y))) {
            c++;
        }
        if (m.available(x, y, x, y - 1) && !m.isInter(x, y - 1) && IntraModes.isLearned(m.lumaMode(x, y - 1))) {
            c++;
        }
        return Contexts.LIP_FLAG + c;
    }

    /** Context of {@code cu_skip_flag} at (x, y): skipped left and above neighbours (H.265 §9.3.4.2.2). */
    public static int skipCtx(FrameMaps m, int x, int y) {
        int c = 0;
        if (m.available(x, y, x - 1, y) && m.isSkip(x - 1, y)) {
            c++;
        }
        if (m.available(x, y, x, y - 1) && m.isSkip(x, y - 1)) {
            c++;
        }
        return Contexts.CU_SKIP_FLAG + c;
    }

    /**
     * The three most probable luma modes of the prediction block at (x, y) (H.265 §8.4.2): from
     * the left and above neighbours (the above one only inside the same CTU row), DC when
     * unavailable or inter predicted, the model's derived mode for a learned intra neighbour
     * (coding-tree.md §5.3).
     */
    public static void mostProbableModes(FrameMaps m, int x, int y, int[] out) {
        int a = m.available(x, y, x - 1, y) && !m.isInter(x - 1, y) ? m.derivedLumaMode(x - 1, y) : IntraModes.DC;
        boolean aboveInCtu = ((y - 1) >> FrameMaps.CTU_LOG2) == (y >> FrameMaps.CTU_LOG2);
        int b = aboveInCtu && m.available(x, y, x, y - 1) && !m.isInter(x, y - 1) ? m.derivedLumaMode(x, y - 1) : IntraModes.DC;
        if (a == b) {
            if (a < 2) {
                out[0] = IntraModes.PLANAR;
                out[1] = IntraModes.DC;
                out[2] = IntraModes.VERTICAL;
            } else {
                out[0] = a;
                out[1] = 2 + ((a + 29) % 32);
                out[2] = 2 + ((a - 2 + 1) % 32);
            }
        } else {
            out[0] = a;
            out[1] = b;
            if (a != IntraModes.PLANAR && b != IntraModes.PLANAR) {
                out[2] = IntraModes.PLANAR;
            } else if (a != IntraModes.DC && b != IntraModes.DC) {
                out[2] = IntraModes.DC;
            } else {
                out[2] = IntraModes.VERTICAL;
            }
        }
    }

    /** Index into the MPM list of {@code mode}, or -1. */
    public static int mpmIndex(int[] mpm, int mode) {
        for (int i = 0; i < 3; i++) {
            if (mpm[i] == mode) {
                return i;
            }
        }
        return -1;
    }

    /** {@code rem_intra_luma_pred_mode} of a mode that is not in the MPM list. */
    public static int remainingMode(int[] mpm, int mode) {
        int rem = mode;
        for (int i = 0; i < 3; i++) {
            if (mpm[i] < mode) {
                rem--;
            }
        }
        return rem;
    }

    /** The luma mode of {@code rem_intra_luma_pred_mode} (H.265 eq. 8-25 onwards). */
    public static int modeFromRemaining(int[] mpm, int rem) {
        int s0 = mpm[0];
        int s1 = mpm[1];
        int s2 = mpm[2];
        // sort ascending
        if (s0 > s1) { int t = s0; s0 = s1; s1 = t; }
        if (s0 > s2) { int t = s0; s0 = s2; s2 = t; }
        if (s1 > s2) { int t = s1; s1 = s2; s2 = t; }
        int mode = rem;
        if (mode >= s0) {
            mode++;
        }
        if (mode >= s1) {
            mode++;
        }
        if (mode >= s2) {
            mode++;
        }
        return mode;
    }

    /**
     * Chroma mode for {@code intra_chroma_pred_mode} given the CU's first luma mode as
     * {@link FrameMaps#derivedLumaMode} gives it, 0..34 (H.265 Table 8-2; coding-tree.md §5.4).
     */
    public static int chromaMode(int codedIdx, int lumaMode) {
        assert lumaMode >= 0 && lumaMode < IntraModes.NUM_MODES : "not a derived luma mode: " + lumaMode;
        if (codedIdx == CHROMA_MODE_DM) {
            return lumaMode;
        }
        if (codedIdx == CHROMA_MODE_CCLM) {
            return CCLM;
        }
        int m = CHROMA_CANDIDATES[codedIdx];
        return m == lumaMode ? IntraModes.ANGULAR_LAST : m;
    }

    /**
     * The {@code intra_chroma_pred_mode} that yields chroma mode {@code mode}, preferring DM;
     * {@code lumaMode} as for {@link #chromaMode}.
     */
    public static int chromaModeIndex(int mode, int lumaMode) {
        if (mode == lumaMode) {
            return CHROMA_MODE_DM;
        }
        if (mode == CCLM) {
            return CHROMA_MODE_CCLM;
        }
        for (int i = 0; i < 4; i++) {
            if (chromaMode(i, lumaMode) == mode) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Records a completed intra CU: its QP and, for the deblocking filter, boundary strength 2 on
     * the CU's left and top edges and on the edges between its transform blocks.
     */
    public static void finishCu(FrameMaps m, DeblockingMap db, int x, int y, int log2Size, boolean nxn, int qpY) {
        int size = 1 << log2Size;
        m.setQp(x, y, size, qpY);
        if (db == null) {
            return;
        }
        int tb = log2Size == 6 ? 32 : nxn ? 4 : size;
        int xEnd = Math.min(x + size, m.width());
        int yEnd = Math.min(y + size, m.height());
        for (int uy = y; uy < yEnd; uy += 4) {
            for (int ux = x; ux < xEnd; ux += 4) {
                db.setQp(ux >> 2, uy >> 2, qpY);
            }
        }
        for (int ty = y; ty < yEnd; ty += tb) {
            for (int tx = x; tx < xEnd; tx += tb) {
                int w = Math.min(tb, xEnd - tx);
                int h = Math.min(tb, yEnd - ty);
                if (tx > 0) {
                    for (int j = 0; j < h; j += 4) {
                        db.setVerticalEdgeBs(tx >> 2, (ty + j) >> 2, 2);
                    }
                }
                if (ty > 0) {
                    for (int i = 0; i < w; i += 4) {
                        db.setHorizontalEdgeBs((tx + i) >> 2, ty >> 2, 2);
                    }
                }
            }
        }
    }

    /**
     * Which luma transform blocks of the inter CU at (x, y) have nonzero levels in {@code co}, as
     * {@link #finishInterCu} takes them: bit {@code (ty / tb) * 2 + tx / tb} per block of side
     * {@code tb = min(size, 32)}.
     */
    public static int codedLumaMask(CtuCoefficients co, int ctuX, int ctuY, int x, int y, int log2Size) {
        int size = 1 << log2Size;
        int tb = Math.min(size, 32);
        int tbLog2 = Integer.numberOfTrailingZeros(tb);
        int mask = 0;
        for (int ty = 0; ty < size; ty += tb) {
            for (int tx = 0; tx < size; tx += tb) {
                if (co.hasNonZero(0, x + tx - ctuX, y + ty - ctuY, tbLog2)) {
                    mask |= 1 << ((ty / tb) * 2 + tx / tb);
                }
            }
        }
        return mask;
    }

    /**
     * Records a completed inter CU: its QP, which luma transform blocks have coefficients
     * ({@code codedLuma}, see {@link #codedLumaMask}), and the boundary strengths of its left and
     * top edges and of the edges between its transform blocks (H.265 §8.7.2.4): 2 next to an intra
     * CU, 1 where a transform block on either side has luma coefficients or the motion differs,
     * else 0. Strengths are set for every 4-sample unit of those edges.
     */
    public static void finishInterCu(FrameMaps m, DeblockingMap db, int codedLuma, int x, int y, int log2Size,
                                     int qpY) {
        int size = 1 << log2Size;
        m.setQp(x, y, size, qpY);
        int tb = Math.min(size, 32);
        for (int ty = 0; ty < size; ty += tb) {
            for (int tx = 0; tx < size; tx += tb) {
                if ((codedLuma >> ((ty / tb) * 2 + tx / tb) & 1) != 0) {
                    m.setCodedLuma(x + tx, y + ty, tb);
                }
            }
        }
        if (db == null) {
            return;
        }
        int xEnd = Math.min(x + size, m.width());
        int yEnd = Math.min(y + size, m.height());
        db.setBlockQp(x, y, xEnd - x, yEnd - y, qpY);
        Motion p = new Motion();   // small and short-lived: escape analysis keeps these off the heap
        Motion q = m.motion().get(x, y, new Motion());   // the whole CU has one motion
        // Left edge, then the edge between the transform block columns (both sides in this CU:
        // same motion, so bS is 1 exactly when either block has luma coefficients).
        if (x > 0) {
            for (int j = y; j < yEnd; j += 4) {
                db.setVerticalEdgeBs(x >> 2, j >> 2, boundaryStrength(m, x - 1, j, x, j, p, q));
            }
        }
        if (x + tb < xEnd) {
            for (int j = y; j < yEnd; j += 4) {
                db.setVerticalEdgeBs((x + tb) >> 2, j >> 2, m.codedLuma(x + tb - 1, j) || m.codedLuma(x + tb, j) ? 1 : 0);
            }
        }
        if (y > 0) {
            for (int i = x; i < xEnd; i += 4) {
                db.setHorizontalEdgeBs(i >> 2, y >> 2, boundaryStrength(m, i, y - 1, i, y, p, q));
            }
        }
        if (y + tb < yEnd) {
            for (int i = x; i < xEnd; i += 4) {
                db.setHorizontalEdgeBs(i >> 2, (y + tb) >> 2, m.codedLuma(i, y + tb - 1) || m.codedLuma(i, y + tb) ? 1 : 0);
            }
        }
    }

    /**
     * bS of the edge between the 4x4 units at (xp, yp) and (xq, yq), the q side being inter with
     * motion {@code q}; {@code p} is scratch.
     */
    private static int boundaryStrength(FrameMaps m, int xp, int yp, int xq, int yq, Motion p, Motion q) {
        if (!m.isInter(xp, yp)) {
            return 2;
        }
        if (m.codedLuma(xp, yp) || m.codedLuma(xq, yq)) {
            return 1;
        }
        m.motion().get(xp, yp, p);
        return motionDiffers(m, p, q) ? 1 : 0;
    }

    /**
     * H.265 §8.7.2.4: whether two prediction blocks use different reference pictures, a different
     * number of vectors, or vectors to the same picture at least 4 quarter samples apart.
     */
    static boolean motionDiffers(FrameMaps m, Motion p, Motion q) {
        int pA = refPoc(m, p, 0);
        int pB = refPoc(m, p, 1);
        int qA = refPoc(m, q, 0);
        int qB = refPoc(m, q, 1);
        int pn = (p.uses(0) ? 1 : 0) + (p.uses(1) ? 1 : 0);
        int qn = (q.uses(0) ? 1 : 0) + (q.uses(1) ? 1 : 0);
        if (pn != qn) {
            return true;
        }
        if (pn == 1) {
            int pPoc = p.uses(0) ? pA : pB;
            int qPoc = q.uses(0) ? qA : qB;
            return pPoc != qPoc || far(p.uses(0) ? p.mv0 : p.mv1, q.uses(0) ? q.mv0 : q.mv1);
        }
        boolean samePair = (pA == qA && pB == qB) || (pA == qB && pB == qA);
        if (!samePair) {
            return true;
        }
        if (pA != pB) {
            return pA == qA ? far(p.mv0, q.mv0) || far(p.mv1, q.mv1) : far(p.mv0, q.mv1) || far(p.mv1, q.mv0);
        }
        return (far(p.mv0, q.mv0) || far(p.mv1, q.mv1)) && (far(p.mv0, q.mv1) || far(p.mv1, q.mv0));
    }

    private static int refPoc(FrameMaps m, Motion mo, int l) {
        return mo.uses(l) ? m.refs().refPoc(l, mo.ref(l)) : Integer.MIN_VALUE;
    }

    private static boolean far(int a, int b) {
        return Math.abs(Mv.x(a) - Mv.x(b)) >= 4 || Math.abs(Mv.y(a) - Mv.y(b)) >= 4;
    }

    /**
     * Whether an AMVP coding unit with motion {@code mo} carries {@code lif_idx} when the sequence
     * sets TOOL_LEARNED_INTER (coding-tree.md §2.2): some used list's vector has a non-zero
     * quarter-sample luma fraction.
     */
    public static boolean lifIdxPresent(Motion mo) {
        boolean frac = false;
        for (int l = 0; l < 2; l++) {
            if (mo.uses(l)) {
                int mv = mo.mv(l);
                frac |= ((Mv.x(mv) | Mv.y(mv)) & 3) != 0;
            }
        }
        return frac;
    }
}
