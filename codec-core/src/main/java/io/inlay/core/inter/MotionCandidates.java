package io.inlay.core.inter;

import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.MotionField;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.recon.ReferencePicture;

/**
 * Motion vector prediction shared by the parser, the syntax writer and the encoder's search
 * (docs/bitstream/decoding-process.md, "Motion vector prediction"): the merge candidate list of
 * H.265 §8.5.3.2.2 to §8.5.3.2.5 (spatial A1, B1, B0, A0, B2 with pruning, temporal, combined
 * bi-predictive, zero), each candidate with its LifIdx (the learned interpolation filters, since
 * format 0.7: spatial and temporal candidates inherit the neighbour's or collocated block's, a
 * combined one its two candidates' when they agree, else 0, a zero candidate 0), and the two
 * motion vector predictors of §8.5.3.2.6 to §8.5.3.2.9 (spatial A and B with POC-distance
 * scaling, temporal), for prediction units that are whole CUs (2Nx2N).
 *
 * <p>One instance per thread: the returned arrays are reused by the next call.
 */
public final class MotionCandidates {
    /** MaxNumMergeCand. */
    public static final int MAX_MERGE = 5;
    /** Number of motion vector predictor candidates. */
    public static final int NUM_MVP = 2;

    private static final int[] L0_COMB = {0, 1, 0, 2, 1, 2, 0, 3, 1, 3, 2, 3};
    private static final int[] L1_COMB = {1, 0, 2, 0, 2, 1, 3, 0, 3, 1, 3, 2};

    private final Motion[] merge = new Motion[MAX_MERGE];
    private final int[] mvp = new int[NUM_MVP];
    private final Motion a1 = new Motion();
    private final Motion b1 = new Motion();
    private final Motion b0 = new Motion();
    private final Motion a0 = new Motion();
    private final Motion b2 = new Motion();
    private final Motion nb = new Motion();
    private final int[] colMv = new int[1];
    /** LifIdx of the collocated block of the last successful {@link #temporal} call. */
    private int colLif;

    public MotionCandidates() {
        for (int i = 0; i < MAX_MERGE; i++) {
            merge[i] = new Motion();
        }
    }

    // ---- merge ----

    /**
     * The merge candidate list of the prediction unit at (x, y) of w x h luma samples; always
     * {@link #MAX_MERGE} entries. The array is reused by the next call.
     */
    public Motion[] mergeList(FrameMaps m, int x, int y, int w, int h) {
        int n = 0;
        boolean hasA1 = neighbour(m, x, y, x - 1, y + h - 1, a1);
        if (hasA1) {
            merge[n++].copyFrom(a1);
        }
        boolean hasB1 = neighbour(m, x, y, x + w - 1, y - 1, b1) && !(hasA1 && a1.sameAs(b1));
        if (hasB1) {
            merge[n++].copyFrom(b1);
        }
        boolean hasB0 = neighbour(m, x, y, x + w, y - 1, b0)
                && !(neighbourInter(m, x, y, x + w - 1, y - 1) && sameAt(m, x + w - 1, y - 1, b0));
        if (hasB0) {
            merge[n++].copyFrom(b0);
        }
        boolean hasA0 = neighbour(m, x, y, x - 1, y + h, a0)
                && !(neighbourInter(m, x, y, x - 1, y + h - 1) && sameAt(m, x - 1, y + h - 1, a0));
        if (hasA0) {
            merge[n++].copyFrom(a0);
        }
        if (n < 4 && neighbour(m, x, y, x - 1, y - 1, b2)
                && !(neighbourInter(m, x, y, x - 1, y + h - 1) && sameAt(m, x - 1, y + h - 1, b2))
                && !(neighbourInter(m, x, y, x + w - 1, y - 1) && sameAt(m, x + w - 1, y - 1, b2))) {
            merge[n++].copyFrom(b2);
        }
        ReferenceLists refs = m.refs();
        if (n < MAX_MERGE) {
            Motion t = merge[n];
            int r0 = temporal(m, x, y, w, h, 0, 0) ? 0 : -1;
            int v0 = colMv[0];
            int lifCol = colLif;
            int r1 = refs.isB() && temporal(m, x, y, w, h, 1, 0) ? 0 : -1;
            int v1 = colMv[0];
            if (r0 >= 0 || r1 >= 0) {
                t.set(r0, v0, r1, v1);
                // LifIdx of the collocated block (the same block for both lists, list 0's when available)
                t.lif = r0 >= 0 ? lifCol : colLif;
                n++;
            }
        }
        if (refs.isB() && n > 1 && n < MAX_MERGE) {
            int orig = n;
            for (int c = 0; c < orig * (orig - 1) && n < MAX_MERGE; c++) {
                Motion l0 = merge[L0_COMB[c]];
                Motion l1 = merge[L1_COMB[c]];
                if (l0.uses(0) && l1.uses(1)
                        && (refs.refPoc(0, l0.ref0) != refs.refPoc(1, l1.ref1) || l0.mv0 != l1.mv1)) {
                    // LifIdx: the candidates' when they agree, else H.265's filters (as hpelIfIdx in H.266 §8.5.2.4)
                    merge[n++].set(l0.ref0, l0.mv0, l1.ref1, l1.mv1).lif = l0.lif == l1.lif ? l0.lif : 0;
                }
            }
        }
        int numRefIdx = refs.isB() ? Math.min(refs.size(0), refs.size(1)) : refs.size(0);
        for (int zeroIdx = 0; n < MAX_MERGE; zeroIdx++) {
            int r = zeroIdx < numRefIdx ? zeroIdx : 0;
            merge[n++].set(r, Mv.ZERO, refs.isB() ? r : -1, Mv.ZERO);
        }
        return merge;
    }

    /** Whether (xN, yN) is available for the block at (x, y) and inter; if so its motion goes to {@code out}. */
    private static boolean neighbour(FrameMaps m, int x, int y, int xN, int yN, Motion out) {
        if (!neighbourInter(m, x, y, xN, yN)) {
            return false;
        }
        m.motion().get(xN, yN, out);
        return true;
    }

    private static boolean neighbourInter(FrameMaps m, int x, int y, int xN, int yN) {
        return m.available(x, y, xN, yN) && m.isInter(xN, yN);
    }

    private boolean sameAt(FrameMaps m, int xN, int yN, Motion cand) {
        return m.motion().get(xN, yN, nb).sameAs(cand);
    }

    // ---- temporal ----

    /**
     * Temporal motion vector prediction (H.265 §8.5.3.2.8) for list {@code l} and reference
     * index {@code refIdx}: the bottom-right collocated block (when inside the picture and the
     * CTU row) or else the centre one, on the 16x16 grid of the collocated picture's motion.
     * Leaves the vector in {@code colMv[0]} and returns whether it is available.
     */
    private boolean temporal(FrameMaps m, int x, int y, int w, int h, int l, int refIdx) {
        ReferencePicture col = m.refs().collocated();
        if (col == null) {
            return false;
        }
        int xBr = x + w;
        int yBr = y + h;
        if ((y >> FrameMaps.CTU_LOG2) == (yBr >> FrameMaps.CTU_LOG2) && yBr < m.height() && xBr < m.width()
                && collocatedMv(m, col, (xBr >> 4) << 4, (yBr >> 4) << 4, l, refIdx)) {
            return true;
        }
        return collocatedMv(m, col, ((x + (w >> 1)) >> 4) << 4, ((y + (h >> 1)) >> 4) << 4, l, refIdx);
    }

    /** H.265 §8.5.3.2.9: the scaled vector of the collocated block at (xCol, yCol). */
    private boolean collocatedMv(FrameMaps m, ReferencePicture col, int xCol, int yCol, int l, int refIdx) {
        MotionField f = col.motion();
        if (!f.isInter(xCol, yCol)) {
            return false;
        }
        ReferenceLists refs = m.refs();
        int listCol;
        if (f.ref(0, xCol, yCol) < 0) {
            listCol = 1;
        } else if (f.ref(1, xCol, yCol) < 0) {
            listCol = 0;
        } else {
            listCol = refs.noBackwardPred() ? l : (refs.collocatedFromL0() ? 1 : 0);
        }
        int mv = f.mv(listCol, xCol, yCol);
        int colPocDiff = col.poc() - col.refPocs()[listCol][f.ref(listCol, xCol, yCol)];
        int currPocDiff = refs.poc() - refs.refPoc(l, refIdx);
        colMv[0] = colPocDiff == currPocDiff ? mv : Mv.scale(mv, currPocDiff, colPocDiff);
        colLif = f.lif(xCol, yCol);
        return true;
    }

    // ---- AMVP ----

    /**
     * The two motion vector predictors for list {@code l}, reference index {@code refIdx}, of
     * the prediction unit at (x, y) of w x h luma samples. The array is reused by the next call.
     */
    public int[] mvpList(FrameMaps m, int x, int y, int w, int h, int l, int refIdx) {
        ReferenceLists refs = m.refs();
        int cur = refs.poc();
        int target = refs.refPoc(l, refIdx);
        int xA0 = x - 1;
        int yA0 = y + h;
        int yA1 = y + h - 1;
        boolean isScaled = neighbourInter(m, x, y, xA0, yA0) || neighbourInter(m, x, y, xA0, yA1);
        long a = unscaled(m, x, y, xA0, yA0, l, target);
        if (a == NONE) {
            a = unscaled(m, x, y, xA0, yA1, l, target);
        }
        if (a == NONE) {
            a = scaled(m, x, y, xA0, yA0, l, cur, target);
            if (a == NONE) {
                a = scaled(m, x, y, xA0, yA1, l, cur, target);
            }
        }
        long b = unscaled(m, x, y, x + w, y - 1, l, target);
        if (b == NONE) {
            b = unscaled(m, x, y, x + w - 1, y - 1, l, target);
        }
        if (b == NONE) {
            b = unscaled(m, x, y, x - 1, y - 1, l, target);
        }
        if (!isScaled) {
            if (b != NONE) {
                a = b;
            }
            b = scaled(m, x, y, x + w, y - 1, l, cur, target);
            if (b == NONE) {
                b = scaled(m, x, y, x + w - 1, y - 1, l, cur, target);
            }
            if (b == NONE) {
                b = scaled(m, x, y, x - 1, y - 1, l, cur, target);
            }
        }
        int n = 0;
        if (a != NONE) {
            mvp[n++] = (int) a;
        }
        if (b != NONE && !(a != NONE && a == b)) {
            mvp[n++] = (int) b;
        }
        if (n < NUM_MVP && temporal(m, x, y, w, h, l, refIdx)) {
            mvp[n++] = colMv[0];
        }
        while (n < NUM_MVP) {
            mvp[n++] = Mv.ZERO;
        }
        return mvp;
    }

    private static final long NONE = Long.MIN_VALUE;

    /** The neighbour's vector (list l first, then the other) when it points at the target picture itself. */
    private long unscaled(FrameMaps m, int x, int y, int xN, int yN, int l, int targetPoc) {
        if (!neighbourInter(m, x, y, xN, yN)) {
            return NONE;
        }
        MotionField f = m.motion();
        ReferenceLists refs = m.refs();
        for (int k = 0; k < 2; k++) {
            int list = k == 0 ? l : 1 - l;
            int r = f.ref(list, xN, yN);
            if (r >= 0 && refs.refPoc(list, r) == targetPoc) {
                return f.mv(list, xN, yN);
            }
        }
        return NONE;
    }

    /** The neighbour's vector (list l first, then the other) scaled by the ratio of POC distances. */
    private long scaled(FrameMaps m, int x, int y, int xN, int yN, int l, int cur, int targetPoc) {
        if (!neighbourInter(m, x, y, xN, yN)) {
            return NONE;
        }
        MotionField f = m.motion();
        int list = f.ref(l, xN, yN) >= 0 ? l : 1 - l;
        int r = f.ref(list, xN, yN);
        int refPoc = m.refs().refPoc(list, r);
        int mv = f.mv(list, xN, yN);
        return refPoc == targetPoc ? mv : Mv.scale(mv, cur - targetPoc, cur - refPoc);
    }
}
