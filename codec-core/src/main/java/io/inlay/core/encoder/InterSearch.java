package io.inlay.core.encoder;

import io.inlay.bitstream.ContextSet;
import io.inlay.bitstream.FrameHeader;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Plane;
import io.inlay.core.inter.BiWeights;
import io.inlay.core.inter.InterPredictor;
import io.inlay.core.inter.LearnedInterBatch;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.inter.Motion;
import io.inlay.core.inter.MotionCandidates;
import io.inlay.core.inter.Mv;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.syntax.CtuCoefficients;

/**
 * Inter mode decision of one CU (docs/rdo.md, "Inter decisions"): the merge candidates ranked
 * by SATD and the best ones tried as skip and as merge with residual; motion estimation
 * ({@link MotionSearch}) of every reference picture for AMVP (a picture in both lists is
 * searched once), uni-prediction from either list or bi-prediction from the best of each list,
 * list 1's vector refined once against the list 0 prediction; the best of them coded with
 * residual. Every full
 * evaluation is {@code J = D + lambda * R} with R counted by the syntax writer; the best one is
 * left in the frame maps, coefficients and reconstruction.
 */
final class InterSearch {
    /** Merge candidates given a full rate-distortion evaluation after SATD ranking. */
    private final int mergeFullRd;
    /** Bi-prediction search: 0 none, 1 combined uni-prediction vectors, 2 with list 1 refined. */
    private final int biSearch;
    /** Merge against AMVP decided on SATD costs, only the winner coded (the fastest presets). */
    private final boolean satdDecision;
    /** With {@link #satdDecision}: the best merge candidate coded first, a skip ends the decision. */
    private final boolean earlySkip;

    private final CtuSearch s;
    private final MotionCandidates candidates = new MotionCandidates();
    private final InterPredictor predictor;
    private final MotionSearch motionSearch;
    private final CuState best = new CuState();
    private final Motion[] merge = new Motion[MotionCandidates.MAX_MERGE];
    private final double[] mergeCost = new double[MotionCandidates.MAX_MERGE];
    private final Motion motion = new Motion();
    private final short[][] pred = {new short[64 * 64], new short[32 * 32], new short[32 * 32]};
    private short[] lumaPred = new short[64 * 64];
    /** The luma prediction of the best merge candidate of {@link #rankMerge} (ties: the first). */
    private short[] bestMergeLuma = new short[64 * 64];
    /**
     * Squared errors of the prediction in {@link #pred} (luma, and both chroma components summed),
     * valid when {@link #predErrorKnown}: the prediction's error is known without measuring it
     * once an evaluation with residual left every block without levels.
     */
    private double predLuma;
    private double predChroma;
    private boolean predErrorKnown;
    private final int[] tuPred = new int[32 * 32];
    private final short[] biTarget = new short[64 * 64];
    /** Vector and SATD of each list 0 reference searched for the current CU. */
    private final int[] searchedMv = new int[FrameHeader.MAX_ACTIVE_REFS];
    private final int[] searchedSatd = new int[FrameHeader.MAX_ACTIVE_REFS];
    /** Best uni-prediction per list: reference index, vector, predictor index. */
    private final int[] uniRef = new int[2];
    private final int[] uniMv = new int[2];
    private final int[] uniMvp = new int[2];
    private final double[] uniCost = new double[2];
    /** Predictor indices of the motion {@link #searchAmvp} left in {@link #motion}. */
    private int amvpMvp0;
    private int amvpMvp1;
    /** The learned interpolation model (docs/learned-inter.md), or null when the tool is off. */
    private final LearnedInterModel learnedInter;
    /** {@code EncoderConfig.learnedInterRefine()}. */
    private final boolean lifRefine;
    /** Motion being tried by {@link #refineLif}, {@link #preselectBcw} and {@link #searchList1}. */
    private final Motion probe = new Motion();
    /** The vectors and predictor indices of {@link #preselectBcw}'s choice. */
    private int bcwMv0;
    private int bcwMvp0;
    private int bcwMv1;
    private int bcwMvp1;

    InterSearch(CtuSearch s, EncoderConfig config) {
        this.s = s;
        this.predictor = new InterPredictor(s.kernels);
        predictor.setBiFlow(config.biFlow());
        this.mergeFullRd = config.mergeRdCandidates();
        this.biSearch = config.biSearch();
        this.satdDecision = config.interSatdDecision();
        this.earlySkip = config.earlySkip();
        this.motionSearch = new MotionSearch(s.kernels, config.searchRange(), config.motionSearch(),
                config.subpelRefine());
        this.learnedInter = config.learnedInterModel();
        this.lifRefine = config.learnedInterRefine();
        for (int i = 0; i < merge.length; i++) {
            merge[i] = new Motion();
        }
    }

    /**
     * Decides the inter coding of the CU at (x, y) of size {@code 1 << log2Size}, starting from
     * context state {@code start}; returns its cost and leaves its decisions, levels and
     * reconstruction in place and the contexts at the state after it.
     */
    double evaluate(int x, int y, int log2Size, ContextSet start) {
        int size = 1 << log2Size;
        FrameMaps maps = s.maps;
        double bestJ = Double.MAX_VALUE;
        if (satdDecision) {
            return evaluateBySatd(x, y, log2Size, start);
        }
        int n = rankMerge(x, y, size);
        for (int r = 0; r < mergeFullRd; r++) {
            int idx = -1;
            for (int i = 0; i < n; i++) {
                if (mergeCost[i] < Double.MAX_VALUE && (idx < 0 || mergeCost[i] < mergeCost[idx])) {
                    idx = i;
                }
            }
            if (idx < 0) {
                break;
            }
            mergeCost[idx] = Double.MAX_VALUE;
            for (int residual = 0; residual < 2; residual++) {
                // the second evaluation has the same motion: its prediction is still in `pred`
                double j = code(x, y, log2Size, merge[idx], true, idx, 0, 0, residual != 0, residual == 0, start);
                if (j < bestJ) {
                    bestJ = j;
                    best.save(s.recon, s.co, maps, s.ctx, s.ctuX, s.ctuY, x, y, log2Size);
                }
            }
        }

        if (searchAmvp(x, y, size) < Double.MAX_VALUE) {
            double j = code(x, y, log2Size, motion, false, 0, amvpMvp0, amvpMvp1, true, true, start);
            if (j < bestJ) {
                bestJ = j;
                best.save(s.recon, s.co, maps, s.ctx, s.ctuX, s.ctuY, x, y, log2Size);
            }
            // weighted bi-prediction: the weight with the best SATD gets a full evaluation when it beats the average
            int bcw = preselectBcw(x, y, size);
            if (bcw > 0) {
                int mv0 = motion.mv0;
                int mv1 = motion.mv1;
                motion.bcw = bcw;
                motion.mv0 = bcwMv0;
                motion.mv1 = bcwMv1;
                j = code(x, y, log2Size, motion, false, 0, bcwMvp0, bcwMvp1, true, true, start);
                motion.bcw = 0;
                motion.mv0 = mv0;
                motion.mv1 = mv1;
                if (j < bestJ) {
                    bestJ = j;
                    best.save(s.recon, s.co, maps, s.ctx, s.ctuX, s.ctuY, x, y, log2Size);
                }
            }
            // learned interpolation: the set with the best SATD gets a full evaluation when it beats H.265's filters
            int lif = preselectLif(x, y, size, false);
            if (lif > 0) {
                j = code(x, y, log2Size, motion, false, 0, amvpMvp0, amvpMvp1, true, true, false, lif, start);
                if (j < bestJ) {
                    bestJ = j;
                    best.save(s.recon, s.co, maps, s.ctx, s.ctuX, s.ctuY, x, y, log2Size);
                }
            }
        }
        best.restore(s.recon, s.co, maps, s.ctx, s.ctuX, s.ctuY, x, y, log2Size);
        return bestJ;
    }

    /**
     * The fast decision ({@code EncoderConfig.interSatdDecision()}): the best merge candidate and
     * the AMVP motion are compared on their SATD costs (SATD of the luma prediction plus
     * {@code sqrt(lambda)} times the estimated bits), and only the winner is coded, with residual;
     * a merged CU whose levels all vanish is coded as skipped. With early skip
     * ({@code EncoderConfig.earlySkip()}) the best merge candidate is coded before the motion
     * search, and when it comes out skipped the CU is decided without a motion search (as x265's
     * {@code --early-skip} does); otherwise it competes on SATD as above, and its coded state is
     * kept when it wins (the motion search reads only the CU's neighbours, never the CU itself).
     */
    private double evaluateBySatd(int x, int y, int log2Size, ContextSet start) {
        int size = 1 << log2Size;
        int n = rankMerge(x, y, size);
        int idx = -1;
        for (int i = 0; i < n; i++) {
            if (mergeCost[i] < Double.MAX_VALUE && (idx < 0 || mergeCost[i] < mergeCost[idx])) {
                idx = i;
            }
        }
        double mergeSatd = idx >= 0 ? mergeCost[idx] : Double.MAX_VALUE;
        double mergeJ = Double.NaN;
        if (idx >= 0 && earlySkip) {
            mergeJ = codeMerge(x, y, log2Size, idx, start);
            if (s.maps.isSkip(x, y)) {
                return mergeJ;
            }
        }
        double amvpSatd = searchAmvp(x, y, size);
        if (idx < 0 || amvpSatd < mergeSatd) {
            int lif = preselectLif(x, y, size, true);
            int bcw = preselectBcw(x, y, size);
            if (bcw > 0) {
                motion.bcw = bcw;
                motion.mv0 = bcwMv0;
                motion.mv1 = bcwMv1;
                amvpMvp0 = bcwMvp0;
                amvpMvp1 = bcwMvp1;
            }
            return code(x, y, log2Size, motion, false, 0, amvpMvp0, amvpMvp1, true, true, false, Math.max(lif, 0),
                    start);
        }
        return Double.isNaN(mergeJ) ? codeMerge(x, y, log2Size, idx, start) : mergeJ;
    }

    /** Codes merge candidate {@code idx} (ranked best by {@link #rankMerge}) with residual, or skipped when its levels vanish. */
    private double codeMerge(int x, int y, int log2Size, int idx, ContextSet start) {
        short[] t = lumaPred;
        lumaPred = bestMergeLuma;
        bestMergeLuma = t;
        double j = code(x, y, log2Size, merge[idx], true, idx, 0, 0, true, true, true, start);
        if (j == Double.MAX_VALUE) {
            j = code(x, y, log2Size, merge[idx], true, idx, 0, 0, false, false, start);
        }
        return j;
    }

    /**
     * Pre-selection of the learned interpolation filter set for the AMVP motion in {@link #motion}
     * (docs/learned-inter.md, "Encoder"): the SATD of the luma prediction with each learned set and
     * with H.265's filters, plus {@code sqrt(lambda)} times the bins of {@code lif_idx}. Returns the
     * best learned set's {@code lif_idx} when it is cheaper than H.265's filters, 0 when H.265's
     * win and {@code satdOnly}, and -1 (nothing to try) when they win otherwise or {@code lif_idx}
     * is not coded for this motion.
     */
    private int preselectLif(int x, int y, int size, boolean satdOnly) {
        if (learnedInter != null && lifRefine && !motion.isBi()) {
            return refineLif(x, y, size, satdOnly);
        }
        if (learnedInter == null || !s.writer.lifIdxCoded(motion)) {
            return -1;
        }
        ReferenceLists refs = s.maps.refs();
        int sets = learnedInter.sets();
        predictor.predict(refs, motion, 0, x, y, size, size, lumaPred, 0, size, null);
        double regular = lumaSatd(x, y, size, lumaPred) + s.sqrtLambda;
        int bestIdx = 0;
        double bestCost = regular;
        // the learned sets in one executor call (docs/learned-inter.md, "Execution")
        LearnedInterBatch batch = s.lifBatch;
        batch.clear();
        for (int k = 1; k <= sets; k++) {
            batch.addCu(refs, motion, x, y, size, k - 1);
        }
        batch.run();
        int perSet = motion.isBi() ? 2 : 1;
        for (int k = 1; k <= sets; k++) {
            predictor.lumaFromBatch(refs, motion, batch, (k - 1) * perSet, size, size, s.bitDepth, lumaPred, 0, size);
            double c = lumaSatd(x, y, size, lumaPred) + s.sqrtLambda * Math.min(k + 1, sets);
            if (c < bestCost) {
                bestCost = c;
                bestIdx = k;
            }
        }
        return bestIdx > 0 ? bestIdx : satdOnly ? 0 : -1;
    }

    /**
     * {@link #preselectLif} with the quarter-sample refinement of the learned sets
     * ({@code EncoderConfig.learnedInterRefine()}), for uni-predicted AMVP motion: H.265's filters at
     * the searched vector v compete with every learned set at each fractional vector of the 3x3
     * quarter-sample neighbourhood of v (v included), on SATD plus {@code sqrt(lambda)} times the
     * vector's bits and the bins of {@code lif_idx}. When a learned set wins at another vector,
     * {@link #motion} and its predictor index take that vector. Returns as {@link #preselectLif}.
     */
    private int refineLif(int x, int y, int size, boolean satdOnly) {
        FrameMaps maps = s.maps;
        ReferenceLists refs = maps.refs();
        int sets = learnedInter.sets();
        int l = motion.uses(0) ? 0 : 1;
        int ref = motion.ref(l);
        int v = motion.mv(l);
        int[] mvps = candidates.mvpList(maps, x, y, size, size, l, ref);
        int p0 = mvps[0];
        int p1 = mvps[1];
        predictor.predict(refs, motion, 0, x, y, size, size, lumaPred, 0, size, null);
        double bestCost = lumaSatd(x, y, size, lumaPred) + s.sqrtLambda
                * (Math.min(MotionSearch.bits(v, p0), MotionSearch.bits(v, p1)) + (s.writer.lifIdxCoded(motion) ? 1 : 0));
        int bestIdx = 0;
        int bestMv = v;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int m = Mv.pack(Mv.x(v) + dx, Mv.y(v) + dy);
                if (((Mv.x(m) | Mv.y(m)) & 3) == 0) {
                    continue;   // an integer vector: lif_idx is not coded, H.265's search saw it
                }
                if (l == 0) {
                    probe.set(ref, m, -1, 0);
                } else {
                    probe.set(-1, 0, ref, m);
                }
                double bits = Math.min(MotionSearch.bits(m, p0), MotionSearch.bits(m, p1));
                for (int k = 1; k <= sets; k++) {
                    predictor.predict(refs, probe, 0, x, y, size, size, lumaPred, 0, size, learnedInter.taps(k - 1));
                    double c = lumaSatd(x, y, size, lumaPred) + s.sqrtLambda * (bits + Math.min(k + 1, sets));
                    if (c < bestCost) {
                        bestCost = c;
                        bestIdx = k;
                        bestMv = m;
                    }
                }
            }
        }
        if (bestIdx > 0 && bestMv != v) {
            int idx = MotionSearch.bits(bestMv, p1) < MotionSearch.bits(bestMv, p0) ? 1 : 0;
            if (l == 0) {
                motion.set(ref, bestMv, -1, 0);
                amvpMvp0 = idx;
            } else {
                motion.set(-1, 0, ref, bestMv);
                amvpMvp1 = idx;
            }
        }
        return bestIdx > 0 ? bestIdx : satdOnly ? 0 : -1;
    }

    /**
     * Pre-selection of the weight of a bi-predicted AMVP motion in {@link #motion} (docs/learned-inter.md,
     * "Weighted bi-prediction"): the SATD of the luma prediction with each {@code BcwIdx}, plus
     * {@code sqrt(lambda)} times the bins of {@code bcw_idx}, first with the motion as searched, then for
     * each weight with list 1's vector searched again for that weight ({@link #searchList1}; plus the
     * change of the vector's bits). Returns the best {@code BcwIdx} > 0 when it is cheaper than the average
     * (with the refinement where it applies), else -1 (also when the tool is off or the motion is not
     * bi-predicted); the list-1 vector and predictor index to code it with are in {@link #bcwMv1} and
     * {@link #bcwMvp1}. Leaves {@link #motion} unchanged.
     */
    private int preselectBcw(int x, int y, int size) {
        if (!s.writer.biWeights() || !motion.isBi()) {
            return -1;
        }
        ReferenceLists refs = s.maps.refs();
        int[][] taps = taps(motion);
        int bestIdx = -1;
        double bestCost = Double.MAX_VALUE;
        bcwMv0 = motion.mv0;
        bcwMvp0 = amvpMvp0;
        bcwMv1 = motion.mv1;
        bcwMvp1 = amvpMvp1;
        for (int idx = 0; idx <= BiWeights.MAX_IDX; idx++) {
            motion.bcw = idx;
            predictor.predict(refs, motion, 0, x, y, size, size, lumaPred, 0, size, taps);
            double c = lumaSatd(x, y, size, lumaPred) + s.sqrtLambda * Math.min(idx + 1, BiWeights.MAX_IDX);
            if (c < bestCost) {
                bestCost = c;
                bestIdx = idx;
            }
        }
        motion.bcw = 0;
        // list 1's vector searched again for each weight, then (biSearch 3) list 0's against it
        // (copies: searchBiList derives the same lists again in the candidates' buffer)
        int[] p0 = candidates.mvpList(s.maps, x, y, size, size, 0, motion.ref0).clone();
        int[] p1 = candidates.mvpList(s.maps, x, y, size, size, 1, motion.ref1).clone();
        int baseBits = MotionSearch.bits(motion.mv0, p0[amvpMvp0]) + MotionSearch.bits(motion.mv1, p1[amvpMvp1]);
        for (int idx = 1; idx <= BiWeights.MAX_IDX; idx++) {
            int w1 = BiWeights.weight(idx);
            int mv1 = searchList1(x, y, size, motion.ref0, motion.mv0, motion.ref1, motion.mv1, w1);
            int mvp1 = motionSearch.mvpIdx;
            int mv0 = motion.mv0;
            int mvp0 = amvpMvp0;
            if (biSearch >= 3) {
                mv0 = searchBiList(x, y, size, 0, motion.ref1, mv1, motion.ref0, motion.mv0, 8 - w1);
                mvp0 = motionSearch.mvpIdx;
            }
            if (mv1 == motion.mv1 && mv0 == motion.mv0) {
                continue;
            }
            probe.set(motion.ref0, mv0, motion.ref1, mv1).bcw = idx;
            predictor.predict(refs, probe, 0, x, y, size, size, lumaPred, 0, size, taps);
            double c = lumaSatd(x, y, size, lumaPred) + s.sqrtLambda * (Math.min(idx + 1, BiWeights.MAX_IDX)
                    + MotionSearch.bits(mv0, p0[mvp0]) + MotionSearch.bits(mv1, p1[mvp1]) - baseBits);
            if (c < bestCost) {
                bestCost = c;
                bestIdx = idx;
                bcwMv0 = mv0;
                bcwMvp0 = mvp0;
                bcwMv1 = mv1;
                bcwMvp1 = mvp1;
            }
        }
        return bestIdx > 0 ? bestIdx : -1;
    }

    /** Ranks the merge list of the CU: fills {@link #merge} and {@link #mergeCost}; returns the list's length. */
    private int rankMerge(int x, int y, int size) {
        FrameMaps maps = s.maps;
        ReferenceLists refs = maps.refs();
        Motion[] list = candidates.mergeList(maps, x, y, size, size);
        int n = list.length;
        double bestCost = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            merge[i].copyFrom(list[i]);
            boolean duplicate = false;
            for (int k = 0; k < i; k++) {
                duplicate |= merge[k].sameAs(merge[i]) && merge[k].lif == merge[i].lif && merge[k].bcw == merge[i].bcw;
            }
            if (duplicate) {
                mergeCost[i] = Double.MAX_VALUE;
                continue;
            }
            predictor.predict(refs, merge[i], 0, x, y, size, size, lumaPred, 0, size, taps(merge[i]));
            mergeCost[i] = lumaSatd(x, y, size, lumaPred) + s.sqrtLambda * (i + 1);
            if (mergeCost[i] < bestCost) {
                bestCost = mergeCost[i];
                short[] t = bestMergeLuma;
                bestMergeLuma = lumaPred;
                lumaPred = t;
            }
        }
        return n;
    }

    /**
     * Motion search per list and reference and the choice between uni- and bi-prediction; leaves
     * the motion in {@link #motion} and its predictor indices in {@link #amvpMvp0}/{@link #amvpMvp1}
     * and returns its SATD cost, or {@code Double.MAX_VALUE} when there is no reference.
     */
    private double searchAmvp(int x, int y, int size) {
        FrameMaps maps = s.maps;
        ReferenceLists refs = maps.refs();
        Plane org = s.orig.plane(0);
        int lists = refs.isB() ? 2 : 1;
        uniCost[0] = Double.MAX_VALUE;
        uniCost[1] = Double.MAX_VALUE;
        for (int l = 0; l < lists; l++) {
            for (int r = 0; r < refs.size(l); r++) {
                int[] mvp = candidates.mvpList(maps, x, y, size, size, l, r);
                int k = l == 1 ? indexInList0(refs, r) : -1;
                int mv;
                int satd;
                if (k >= 0) {
                    // the picture was searched as list 0 entry k: same vector, priced against list 1's predictors
                    mv = searchedMv[k];
                    satd = searchedSatd[k];
                } else {
                    mv = motionSearch.search(org, refs.get(l, r).picture().plane(0), x, y, size, size, s.bitDepth,
                            mvp.clone(), s.sqrtLambda);
                    satd = motionSearch.satd;
                    if (l == 0) {
                        searchedMv[r] = mv;
                        searchedSatd[r] = satd;
                    }
                }
                int mvpIdx = MotionSearch.bits(mv, mvp[1]) < MotionSearch.bits(mv, mvp[0]) ? 1 : 0;
                double c = satd + s.sqrtLambda * (MotionSearch.bits(mv, mvp[mvpIdx]) + refIdxBits(r, refs.size(l)));
                if (c < uniCost[l]) {
                    uniCost[l] = c;
                    uniRef[l] = r;
                    uniMv[l] = mv;
                    uniMvp[l] = mvpIdx;
                }
            }
        }
        int dir = uniCost[1] < uniCost[0] ? 1 : 0;
        double bestAmvp = uniCost[dir];
        if (lists == 2 && biSearch > 0 && uniCost[1] < Double.MAX_VALUE) {
            int biMv1 = uniMv[1];
            int biMvp1 = uniMvp[1];
            double bi = biCost(x, y, size, biMv1, biMvp1);
            if (biSearch > 1) {
                int refined = searchList1(x, y, size, uniRef[0], uniMv[0], uniRef[1], uniMv[1], 4);
                int refinedMvp = motionSearch.mvpIdx;
                double biRefined = biCost(x, y, size, refined, refinedMvp);
                if (biRefined < bi) {
                    bi = biRefined;
                    biMv1 = refined;
                    biMvp1 = refinedMvp;
                }
            }
            if (bi < bestAmvp) {
                dir = 2;
                bestAmvp = bi;
                uniMv[1] = biMv1;
                uniMvp[1] = biMvp1;
            }
        }
        if (dir == 2) {
            motion.set(uniRef[0], uniMv[0], uniRef[1], uniMv[1]);
        } else if (dir == 0) {
            motion.set(uniRef[0], uniMv[0], -1, 0);
        } else {
            motion.set(-1, 0, uniRef[1], uniMv[1]);
        }
        amvpMvp0 = dir != 1 ? uniMvp[0] : 0;
        amvpMvp1 = dir != 0 ? uniMvp[1] : 0;
        return uniCost[0] < Double.MAX_VALUE ? bestAmvp : Double.MAX_VALUE;
    }

    /** The list 0 entry holding the picture of list 1 entry {@code r} (searched once, in list 0), or -1. */
    private static int indexInList0(ReferenceLists refs, int r) {
        for (int k = 0; k < refs.size(0); k++) {
            if (refs.get(0, k) == refs.get(1, r)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * SATD-based cost of bi-prediction from the best list 0 vector and list 1 vector {@code mv1}
     * coded with predictor {@code mvp1}, with the rate of both vectors, reference indices and the
     * direction.
     */
    private double biCost(int x, int y, int size, int mv1, int mvp1) {
        FrameMaps maps = s.maps;
        ReferenceLists refs = maps.refs();
        motion.set(uniRef[0], uniMv[0], uniRef[1], mv1);
        predictor.predict(refs, motion, 0, x, y, size, size, lumaPred);
        int[] p0 = candidates.mvpList(maps, x, y, size, size, 0, uniRef[0]);
        int b0 = MotionSearch.bits(uniMv[0], p0[uniMvp[0]]);
        int[] p1 = candidates.mvpList(maps, x, y, size, size, 1, uniRef[1]);
        int b1 = MotionSearch.bits(mv1, p1[mvp1]);
        return lumaSatd(x, y, size, lumaPred) + s.sqrtLambda * (b0 + b1 + 2
                + refIdxBits(uniRef[0], refs.size(0)) + refIdxBits(uniRef[1], refs.size(1)));
    }

    /**
     * One iteration of the iterative bi-prediction search (as in the HM encoder), for the list weights
     * {@code (8 - w1) / 8} and {@code w1 / 8} ({@code w1} = 4: the average): with list 0's prediction
     * {@code p0} (reference {@code ref0}, vector {@code mv0}) fixed, searches list 1's reference {@code ref1},
     * from {@code mv1}, for the block closest to {@code (8 org - (8 - w1) p0) / w1}, since
     * {@code org - ((8 - w1) p0 + w1 p1) / 8 = w1 / 8 ((8 org - (8 - w1) p0) / w1 - p1)}. The target's error
     * is {@code 8 / w1} times the real one, so the vector rate is weighted by as much. For the average the
     * target {@code 2 org - p0} is exact and lies in {@code [-(2^bitDepth - 1), 2 (2^bitDepth - 1)]} (not
     * clipped, as in HM with {@code DISABLING_CLIP_FOR_BIPREDME}); for the other weights it is rounded and
     * clipped into that range, the signed range that {@code BlockDistortion.sad} and {@code satd} accept.
     * Leaves the predictor index in {@code motionSearch.mvpIdx}; uses {@link #probe} and {@link #lumaPred}.
     */
    private int searchList1(int x, int y, int size, int ref0, int mv0, int ref1, int mv1, int w1) {
        return searchBiList(x, y, size, 1, ref0, mv0, ref1, mv1, w1);
    }

    /**
     * {@link #searchList1} for either list: with the other list's prediction ({@code fixedRef}, {@code fixedMv})
     * fixed, searches list {@code list}'s reference {@code ref} from {@code mv} for weight {@code w} / 8 of the
     * searched list.
     */
    private int searchBiList(int x, int y, int size, int list, int fixedRef, int fixedMv, int ref, int mv, int w1) {
        FrameMaps maps = s.maps;
        ReferenceLists refs = maps.refs();
        if (list == 1) {
            probe.set(fixedRef, fixedMv, -1, 0);
        } else {
            probe.set(-1, 0, fixedRef, fixedMv);
        }
        predictor.predict(refs, probe, 0, x, y, size, size, lumaPred);
        Plane o = s.orig.plane(0);
        short[] os = o.samples();
        int max = (1 << s.bitDepth) - 1;
        for (int j = 0; j < size; j++) {
            int oi = o.index(x, y + j);
            for (int i = 0; i < size; i++) {
                int t = Math.round((8f * os[oi + i] - (8 - w1) * lumaPred[j * size + i]) / w1);
                biTarget[j * size + i] = (short) Math.clamp(t, -max, 2 * max);
            }
        }
        int[] mvp = candidates.mvpList(maps, x, y, size, size, list, ref).clone();
        return motionSearch.search(biTarget, 0, size, refs.get(list, ref).picture().plane(0), x, y, size, size,
                s.bitDepth, mvp, mv, 8.0 / w1 * s.sqrtLambda);
    }

    /** The luma taps of motion {@code m}'s LifIdx: null for H.265's filters. */
    private int[][] taps(Motion m) {
        return m.lif > 0 ? learnedInter.taps(m.lif - 1) : null;
    }

    private static int refIdxBits(int r, int active) {
        return active <= 1 ? 0 : Math.min(r + 1, active - 1);
    }

    private int lumaSatd(int x, int y, int size, short[] p) {
        Plane o = s.orig.plane(0);
        return s.dist.satd(o.samples(), o.index(x, y), o.stride(), p, 0, size, size, size);
    }

    /**
     * Codes the CU with motion {@code m}: merged with candidate {@code mergeIdx} or with AMVP
     * predictors {@code mvp0}/{@code mvp1}; with {@code residual} the residual is transformed and
     * quantised (a merged CU whose levels all vanish becomes skipped, an AMVP one gets
     * {@code rqt_root_cbf} 0), otherwise the prediction is the reconstruction (skip for a merged
     * CU). With {@code predict} false, {@link #pred} already holds the prediction of {@code m}
     * (from the previous call). Returns {@code J}; the contexts end at the state after the CU.
     */
    private double code(int x, int y, int log2Size, Motion m, boolean isMerge, int mergeIdx, int mvp0, int mvp1,
                        boolean residual, boolean predict, ContextSet start) {
        return code(x, y, log2Size, m, isMerge, mergeIdx, mvp0, mvp1, residual, predict, false, 0, start);
    }

    private double code(int x, int y, int log2Size, Motion m, boolean isMerge, int mergeIdx, int mvp0, int mvp1,
                        boolean residual, boolean predict, boolean lumaReady, ContextSet start) {
        return code(x, y, log2Size, m, isMerge, mergeIdx, mvp0, mvp1, residual, predict, lumaReady, 0, start);
    }

    /**
     * {@link #code} where {@code lumaReady} says that {@link #lumaPred} holds the luma prediction of
     * {@code m} (it is taken over instead of predicted again), and {@code lif} is the AMVP CU's
     * {@code lif_idx} (0: H.265's luma filters; with {@code lif > 0} the CU is predicted again).
     */
    private double code(int x, int y, int log2Size, Motion m, boolean isMerge, int mergeIdx, int mvp0, int mvp1,
                        boolean residual, boolean predict, boolean lumaReady, int lif, ContextSet start) {
        int size = 1 << log2Size;
        FrameMaps maps = s.maps;
        CtuCoefficients co = s.co;
        maps.setCu(x, y, log2Size, false);
        maps.setInterSyntax(x, y, log2Size, isMerge, mergeIdx, mvp0, mvp1);
        if (!isMerge) {
            m.lif = lif;   // a merge candidate carries its own (inherited) LifIdx
        }
        maps.motion().set(x, y, size, size, m);
        if (predict) {
            predErrorKnown = false;
            if (lumaReady) {
                // the luma prediction of m is already in lumaPred (rankMerge)
                short[] t = pred[0];
                pred[0] = lumaPred;
                lumaPred = t;
                predictor.predict(maps.refs(), m, 1, x, y, size, size, pred[1]);
                predictor.predict(maps.refs(), m, 2, x, y, size, size, pred[2]);
            } else {
                predictor.predict(maps.refs(), m, x, y, size, size, pred, taps(m));
            }
        }
        int lx = x - s.ctuX;
        int ly = y - s.ctuY;
        boolean coded = false;
        double dLuma = 0;
        double dChroma = 0;
        if (residual) {
            s.ctx.copyFrom(start);
            int tbLog2 = Math.min(log2Size, 5);
            int tb = 1 << tbLog2;
            int depth = log2Size == 6 ? 1 : 0;
            double lambdaC = s.lambda / s.chromaWeight;
            for (int ty = 0; ty < size; ty += tb) {
                for (int tx = 0; tx < size; tx += tb) {
                    extract(pred[0], size, tx, ty, tb);
                    dLuma += s.codeResidual(0, x + tx, y + ty, tbLog2, depth, tuPred, s.qp, s.lambda);
                    for (int c = 1; c <= 2; c++) {
                        extract(pred[c], size >> 1, tx >> 1, ty >> 1, tb >> 1);
                        dChroma += s.codeResidual(c, (x + tx) >> 1, (y + ty) >> 1, tbLog2 - 1, depth, tuPred, s.qpC,
                                lambdaC);
                    }
                }
            }
            coded = co.hasNonZero(0, lx, ly, log2Size) || co.hasNonZero(1, lx >> 1, ly >> 1, log2Size - 1)
                    || co.hasNonZero(2, lx >> 1, ly >> 1, log2Size - 1);
            if (!coded) {
                // every block was reconstructed as its prediction: the sums are the prediction's error
                predLuma = dLuma;
                predChroma = dChroma;
                predErrorKnown = true;
            }
            if (!coded && isMerge) {
                return Double.MAX_VALUE;   // identical to the skip evaluation
            }
        }
        if (!coded) {
            co.clear(0, lx, ly, log2Size);
            co.clear(1, lx >> 1, ly >> 1, log2Size - 1);
            co.clear(2, lx >> 1, ly >> 1, log2Size - 1);
            writePrediction(x, y, size);
            if (!residual) {
                if (predErrorKnown) {
                    dLuma = predLuma;
                    dChroma = predChroma;
                } else {
                    dLuma = s.sse(0, x, y, size);
                    dChroma = s.sse(1, x >> 1, y >> 1, size >> 1) + s.sse(2, x >> 1, y >> 1, size >> 1);
                    predLuma = dLuma;
                    predChroma = dChroma;
                    predErrorKnown = true;
                }
            }
        }
        maps.setPredMode(x, y, log2Size, true, isMerge && !coded);
        s.ctx.copyFrom(start);
        s.counter.reset();
        if (log2Size > FrameMaps.MIN_CU_LOG2) {
            s.writer.splitCuFlag(s.counter, maps, x, y, FrameMaps.CTU_LOG2 - log2Size, false);
        }
        s.writer.codingUnit(s.counter, maps, null, co, s.qpState, s.ctuX, s.ctuY, x, y, log2Size);
        // the squared errors of the transform blocks (exact integers) sum to the CU's, as in CtuSearch.cuDistortion
        return dLuma + s.chromaWeight * dChroma + s.lambda * s.counter.cost() * CtuSearch.COST_UNIT;
    }

    private void extract(short[] cuPred, int stride, int px, int py, int n) {
        for (int j = 0; j < n; j++) {
            int o = (py + j) * stride + px;
            for (int i = 0; i < n; i++) {
                tuPred[j * n + i] = cuPred[o + i];
            }
        }
    }

    private void writePrediction(int x, int y, int size) {
        for (int c = 0; c < 3; c++) {
            int sh = c == 0 ? 0 : 1;
            int n = size >> sh;
            Plane p = s.recon.plane(c);
            for (int j = 0; j < n; j++) {
                System.arraycopy(pred[c], j * n, p.samples(), p.index(x >> sh, (y >> sh) + j), n);
            }
        }
    }
}
