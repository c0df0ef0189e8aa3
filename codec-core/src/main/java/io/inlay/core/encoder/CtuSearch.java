package io.inlay.core.encoder;

import io.inlay.bitstream.BitCounter;
import io.inlay.bitstream.ContextSet;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.inter.LearnedInterBatch;
import io.inlay.core.intra.IntraModes;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.ForwardTransform;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.neural.LearnedExecutors;
import io.inlay.core.neural.LearnedIntraExecutor;
import io.inlay.core.neural.NeuralOptions;
import io.inlay.core.quant.QpMapping;
import io.inlay.core.quant.Quantiser;
import io.inlay.core.recon.BlockReconstructor;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.syntax.CodingTree;
import io.inlay.core.syntax.CodingTreeWriter;
import io.inlay.core.syntax.Contexts;
import io.inlay.core.syntax.CtuCoefficients;
import io.inlay.core.syntax.QpState;
import io.inlay.core.syntax.ResidualCoding;
import java.util.Arrays;

/**
 * Rate-distortion search of a CTU (docs/rdo.md): the coding quadtree (split or not at every size
 * from 64x64 to 8x8, and 2Nx2N or NxN at 8x8), in inter frames skip, merge and AMVP inter
 * prediction ({@link InterSearch}) against intra prediction per CU, and for intra: the luma mode of every prediction
 * block (SATD pre-selection over all 35 modes plus the most probable modes, then full
 * transform-quantise-reconstruct-count evaluation of the survivors), the chroma mode, and the
 * levels (RDOQ). Costs are {@code J = D + lambda * R}, with R counted by the syntax writer on a
 * {@link BitCounter} and D the sum of squared errors (chroma weighted for its QP).
 *
 * <p>Leaves the chosen decisions in the frame maps, the levels in the CTU coefficients and the
 * reconstruction in the picture, so the caller only has to write the CTU.
 */
final class CtuSearch {
    /** Luma modes kept after SATD pre-selection, by log2 of the block size (2..6). */
    private static final int[] RMD_CANDIDATES = {0, 0, 8, 8, 4, 3, 2};
    static final double COST_UNIT = 1.0 / (1 << ContextSet.COST_SHIFT);

    final Picture orig;
    Picture recon;
    final FrameMaps maps;
    final CtuCoefficients co;
    BlockReconstructor rec;
    final Kernels kernels;
    final BlockDistortion dist;
    final int bitDepth;
    final boolean rdoq;
    /** Search-effort settings (EncoderConfig, docs/presets.md). */
    private final int maxCuLog2;
    private final int minCuLog2;
    private final int intraRdModes;
    private final boolean intraMpmRd;
    private final boolean intraFastScan;
    private final int chromaRdModes;
    private final boolean intraNxN;
    private final boolean intraInInter;
    private final boolean earlySkip;
    private final boolean earlyCbfTermination;
    private final double splitSkipRatio;
    /** Sum and count of the costs of the CUs left unsplit in this frame, by log2 size (recursion skip). */
    private final double[] unsplitCost = new double[FrameMaps.CTU_LOG2 + 1];
    private final int[] unsplitCount = new int[FrameMaps.CTU_LOG2 + 1];
    final ContextSet ctx = new ContextSet(Contexts.COUNT);
    final BitCounter counter = new BitCounter(ctx);
    private final ContextSet tbCtx = new ContextSet(Contexts.COUNT);
    private final BitCounter tbCounter = new BitCounter(tbCtx);
    final CodingTreeWriter writer = new CodingTreeWriter();
    private final Quantiser quantiser = new Quantiser();
    private final ForwardTransform forward;
    private final int[] transformScratch = new int[ForwardTransform.SCRATCH_INTS];

    private final ContextSet[] cuStart = new ContextSet[5];
    private final CuState[] saved = new CuState[5];
    private final CuState alt = new CuState();
    private final InterSearch interSearch;
    private boolean interFrame;
    private double lambdaFactor = 0.57;
    private int chromaQpOffset;

    private final int[] pred = new int[32 * 32];
    /** The eight learned modes' predictions of a block (docs/learned-intra.md, "Execution"). */
    private final int[] learnedPred = new int[IntraModes.LEARNED_COUNT * 32 * 32];
    /** Executors of the learned predictors, or null when the tool is off; closed by {@link #close}. */
    private final LearnedIntraExecutor learnedIntraExecutor;
    final LearnedInterBatch lifBatch;
    private final short[] predShort = new short[32 * 32];
    private final int[] residual = new int[32 * 32];
    private final int[] coeff = new int[32 * 32];
    private final int[] levels = new int[32 * 32];
    private final int[] mpm = new int[3];
    /** Scratch of the {@link LumaDecisionLog} (development hook). */
    private final int[] logRefs = new int[64];
    private final int[] logOrig = new int[32 * 32];
    private final int[] candidates = new int[IntraModes.NUM_MODES + 4];
    private final double[] candidateCost = new double[IntraModes.NUM_MODES + 4];
    /** The learned intra model, or null when the sequence does not use learned intra prediction. */
    private LearnedIntraModel learnedIntra;
    private final short[][] bestSamples = {new short[64 * 64], new short[32 * 32], new short[32 * 32]};
    private final int[][] bestLevels = {new int[64 * 64], new int[32 * 32], new int[32 * 32]};

    QpState qpState;
    int ctuX;
    int ctuY;
    int qp;
    int qpC;
    double lambda;
    double sqrtLambda;
    /**
     * Weight of chroma squared error in every decision that adds it to luma's (CU cost, chroma
     * mode, chroma RDOQ through {@code lambda / chromaWeight}, inter CU cost): the QP
     * compensation times {@link EncoderConfig#chromaWeight()}.
     */
    double chromaWeight;
    private final double chromaWeightFactor;
    /** Luma, Cb and Cr squared error of the CTUs of the frame decided so far (the adaptive chroma weight's statistics). */
    private final long[] frameSse = new long[3];

    CtuSearch(Picture orig, FrameMaps maps, CtuCoefficients co, Kernels kernels, EncoderConfig config) {
        this.learnedIntra = config.learnedIntraModel();
        writer.setLearnedIntra(learnedIntra != null);
        writer.setLearnedInterSets(config.learnedInter() ? config.learnedInterModel().sets() : 0);
        writer.setBiWeights(config.biWeights());
        this.orig = orig;
        this.maps = maps;
        this.co = co;
        this.kernels = kernels;
        this.dist = kernels.blockDistortion();
        this.forward = kernels.forwardTransform();
        this.bitDepth = orig.bitDepth();
        this.rdoq = config.rdoq();
        this.maxCuLog2 = Integer.numberOfTrailingZeros(config.maxCuSize());
        this.minCuLog2 = Integer.numberOfTrailingZeros(config.minCuSize());
        this.intraRdModes = config.intraRdModes();
        this.intraMpmRd = config.intraMpmRd();
        this.intraFastScan = config.intraFastScan();
        this.chromaRdModes = config.chromaRdModes();
        this.intraNxN = config.intraNxN();
        this.intraInInter = config.intraInInter();
        this.earlySkip = config.earlySkip();
        this.earlyCbfTermination = config.earlyCbfTermination();
        this.splitSkipRatio = config.splitSkipRatio();
        this.chromaWeightFactor = config.chromaWeight();
        for (int i = 0; i < cuStart.length; i++) {
            cuStart[i] = new ContextSet(Contexts.COUNT);
            saved[i] = new CuState();
        }
        NeuralOptions nn = config.neuralOptions();
        this.learnedIntraExecutor = learnedIntra != null ? LearnedExecutors.openIntra(learnedIntra, bitDepth, nn) : null;
        this.lifBatch = config.learnedInter()
                ? new LearnedInterBatch(LearnedExecutors.openInter(config.learnedInterModel(), bitDepth, nn)) : null;
        this.interSearch = new InterSearch(this, config);
    }

    /** Releases the learned predictors' executors. */
    void close() {
        if (learnedIntraExecutor != null) {
            learnedIntraExecutor.close();
        }
        if (lifBatch != null) {
            lifBatch.executor().close();
        }
    }

    /**
     * Starts a frame reconstructed into {@code recon} (the coded area), whose reference lists are
     * already set in the frame maps, with lambda {@code factor * 2^((QP - 12) / 3)}.
     */
    void startFrame(Picture recon, double lambdaFactor, int chromaQpOffset) {
        this.chromaQpOffset = chromaQpOffset;
        this.recon = recon;
        this.rec = new BlockReconstructor(maps, recon, kernels);
        rec.setLearnedIntraModel(learnedIntra, learnedIntraExecutor);
        this.lambdaFactor = lambdaFactor;
        this.interFrame = maps.refs().isInter();
        Arrays.fill(unsplitCost, 0);
        Arrays.fill(unsplitCount, 0);
        Arrays.fill(frameSse, 0);
    }

    /**
     * Decides the CTU at (ctuX, ctuY), coded at QP {@code qp}, starting from context state
     * {@code start} (the state of the real encoder).
     */
    void searchCtu(int ctuX, int ctuY, int qp, ContextSet start) {
        this.ctuX = ctuX;
        this.ctuY = ctuY;
        setQp(qp);
        ctx.copyFrom(start);
        decideCu(ctuX, ctuY, FrameMaps.CTU_LOG2, 0);
        if (chromaWeightFactor == EncoderConfig.CHROMA_WEIGHT_AUTO) {
            int w = Math.min(1 << FrameMaps.CTU_LOG2, maps.width() - ctuX);
            int h = Math.min(1 << FrameMaps.CTU_LOG2, maps.height() - ctuY);
            for (int c = 0; c < 3; c++) {
                int sh = c == 0 ? 0 : 1;
                Plane o = orig.plane(c);
                Plane r = recon.plane(c);
                frameSse[c] += dist.sse(o.samples(), o.index(ctuX >> sh, ctuY >> sh), o.stride(),
                        r.samples(), r.index(ctuX >> sh, ctuY >> sh), r.stride(), w >> sh, h >> sh);
            }
        }
    }

    /**
     * The chroma weight of the decisions at luma QP {@code qpY} and chroma QP {@code qpC}: the QP
     * compensation {@code 2^((qpY - qpC) / 3)} times {@link EncoderConfig#chromaWeight()}, or with the
     * adaptive weight ({@link EncoderConfig#CHROMA_WEIGHT_AUTO}) the weight under which the decisions
     * minimise rate at a given PSNR-YUV 6:1:1, from the squared errors {@code D} of the CTUs of this
     * frame decided so far: {@code 8 PSNR-YUV = 6 PSNR-Y + PSNR-Cb + PSNR-Cr} changes by
     * {@code -10/ln 10 (6 dD_Y / D_Y + dD_Cb / D_Cb + dD_Cr / D_Cr)}, so a unit of Cb error is worth
     * {@code D_Y / (6 D_Cb)} units of luma error; the weight is the mean of the Cb and Cr values,
     * clamped to 0.5..32. Before the frame's first CTU (no statistics) it is
     * {@link EncoderConfig#CHROMA_WEIGHT_AUTO_START} times the QP compensation.
     */
    double chromaWeight(int qpY, int qpC) {
        double base = RdCost.chromaWeight(qpY, qpC);
        if (chromaWeightFactor != EncoderConfig.CHROMA_WEIGHT_AUTO) {
            return base * chromaWeightFactor;
        }
        if (frameSse[1] == 0 || frameSse[2] == 0) {
            return base * EncoderConfig.CHROMA_WEIGHT_AUTO_START;
        }
        double w = frameSse[0] / 6.0 * (1.0 / frameSse[1] + 1.0 / frameSse[2]) / 2;
        return Math.clamp(w, 0.5, 32);
    }

    private void setQp(int qp) {
        this.qp = qp;
        this.qpC = QpMapping.chromaQp(qp, chromaQpOffset);
        this.lambda = RdCost.lambda(qp, bitDepth, lambdaFactor);
        this.sqrtLambda = Math.sqrt(lambda);
        this.chromaWeight = chromaWeight(qp, qpC);
        this.qpState = new QpState(false, qp);
    }

    // ---- quadtree ----

    private double decideCu(int x, int y, int log2Size, int depth) {
        int size = 1 << log2Size;
        if (x + size > maps.width() || y + size > maps.height()) {
            double j = 0;
            int half = size >> 1;
            for (int q = 0; q < 4; q++) {
                int x1 = x + (q & 1) * half;
                int y1 = y + (q >> 1) * half;
                if (x1 < maps.width() && y1 < maps.height()) {
                    j += decideCu(x1, y1, log2Size - 1, depth + 1);
                }
            }
            return j;
        }
        ContextSet start = cuStart[depth];
        start.copyFrom(ctx);
        if (log2Size > maxCuLog2) {
            // larger than the preset evaluates: always split (split_cu_flag 1 is still coded)
            counter.reset();
            writer.splitCuFlag(counter, maps, x, y, depth, true);
            double j = lambda * counter.cost() * COST_UNIT;
            int half = size >> 1;
            for (int q = 0; q < 4; q++) {
                j += decideCu(x + (q & 1) * half, y + (q >> 1) * half, log2Size - 1, depth + 1);
            }
            return j;
        }
        double jNoSplit;
        if (interFrame) {
            jNoSplit = interSearch.evaluate(x, y, log2Size, start);
            if (earlySkip && maps.isSkip(x, y)) {
                // Early skip detection: neither intra nor a split beats a skipped CU often enough to pay.
                return jNoSplit;
            }
            if (intraInInter) {
                alt.save(recon, co, maps, ctx, ctuX, ctuY, x, y, log2Size);
                ctx.copyFrom(start);
                double jIntra = evaluateCu(x, y, log2Size, false, start);
                if (jIntra < jNoSplit) {
                    jNoSplit = jIntra;
                } else {
                    alt.restore(recon, co, maps, ctx, ctuX, ctuY, x, y, log2Size);
                }
            }
        } else {
            jNoSplit = evaluateCu(x, y, log2Size, false, start);
        }
        if (earlyCbfTermination && !hasResidual(x, y, log2Size)) {
            // Early termination: prediction alone already reaches the quality this QP asks for.
            return jNoSplit;
        }
        if (log2Size == FrameMaps.MIN_CU_LOG2) {
            if (!intraNxN || interFrame && !intraInInter) {
                return jNoSplit;
            }
            alt.save(recon, co, maps, ctx, ctuX, ctuY, x, y, log2Size);
            ctx.copyFrom(start);
            double jNxN = evaluateCu(x, y, log2Size, true, start);
            if (jNxN < jNoSplit) {
                return jNxN;
            }
            alt.restore(recon, co, maps, ctx, ctuX, ctuY, x, y, log2Size);
            return jNoSplit;
        }
        if (log2Size <= minCuLog2) {
            return jNoSplit;
        }
        if (skipRecursion(log2Size, jNoSplit)) {
            return keepUnsplit(log2Size, jNoSplit);
        }
        CuState keep = saved[depth];
        keep.save(recon, co, maps, ctx, ctuX, ctuY, x, y, log2Size);
        ctx.copyFrom(start);
        counter.reset();
        writer.splitCuFlag(counter, maps, x, y, depth, true);
        double jSplit = lambda * counter.cost() * COST_UNIT;
        int half = size >> 1;
        for (int q = 0; q < 4 && jSplit < jNoSplit; q++) {
            jSplit += decideCu(x + (q & 1) * half, y + (q >> 1) * half, log2Size - 1, depth + 1);
        }
        if (jSplit < jNoSplit) {
            return jSplit;
        }
        keep.restore(recon, co, maps, ctx, ctuX, ctuY, x, y, log2Size);
        return keepUnsplit(log2Size, jNoSplit);
    }

    /**
     * Recursion skip ({@code EncoderConfig.splitSkipRatio()}): in an inter frame, a CU whose
     * unsplit cost is below the ratio times the mean cost of the CUs of its size left unsplit so
     * far in the frame is not tested split, once eight such CUs are known. A cheap CU is usually a
     * well-predicted one that a split would not improve; the neighbourhood's cost as the yardstick
     * follows the early CU-size decisions of Shen et al., "An effective CU size decision method
     * for HEVC encoders", IEEE Trans. Multimedia 15(2), 2013. The means are per frame and the
     * CTUs of a frame are searched in order on one thread, so the output does not depend on the
     * thread count.
     */
    private boolean skipRecursion(int log2Size, double jNoSplit) {
        int n = unsplitCount[log2Size];
        return splitSkipRatio > 0 && interFrame && n >= 8 && jNoSplit * n < splitSkipRatio * unsplitCost[log2Size];
    }

    private double keepUnsplit(int log2Size, double jNoSplit) {
        unsplitCost[log2Size] += jNoSplit;
        unsplitCount[log2Size]++;
        return jNoSplit;
    }

    /** Full evaluation of one CU; leaves its decisions in place and ctx at the state after it. */
    private double evaluateCu(int x, int y, int log2Size, boolean nxn, ContextSet start) {
        int size = 1 << log2Size;
        maps.setCu(x, y, log2Size, nxn);
        maps.setPredMode(x, y, log2Size, false, false);
        maps.motion().setIntra(x, y, size, size);
        if (nxn) {
            int half = size >> 1;
            for (int i = 0; i < 4; i++) {
                decideLuma(x + (i & 1) * half, y + (i >> 1) * half, log2Size - 1, 1, 1, start);
            }
        } else {
            decideLuma(x, y, log2Size, log2Size == 6 ? 4 : 1, log2Size == 6 ? 1 : 0, start);
        }
        decideChroma(x, y, log2Size, start);

        ctx.copyFrom(start);
        counter.reset();
        if (log2Size > FrameMaps.MIN_CU_LOG2) {
            writer.splitCuFlag(counter, maps, x, y, FrameMaps.CTU_LOG2 - log2Size, false);
        }
        writer.codingUnit(counter, maps, null, co, qpState, ctuX, ctuY, x, y, log2Size);
        return cuDistortion(x, y, size) + lambda * counter.cost() * COST_UNIT;
    }

    /** Squared error of the CU at (x, y), chroma weighted. */
    double cuDistortion(int x, int y, int size) {
        return sse(0, x, y, size) + chromaWeight * (sse(1, x >> 1, y >> 1, size >> 1) + sse(2, x >> 1, y >> 1, size >> 1));
    }

    private boolean hasResidual(int x, int y, int log2Size) {
        int lx = x - ctuX;
        int ly = y - ctuY;
        return co.hasNonZero(0, lx, ly, log2Size) || co.hasNonZero(1, lx >> 1, ly >> 1, log2Size - 1)
                || co.hasNonZero(2, lx >> 1, ly >> 1, log2Size - 1);
    }

    // ---- luma ----

    /**
     * Chooses the luma mode of the prediction block at (x, y) of size {@code 1 << log2Size},
     * coded as {@code tbs} transform blocks (1, or 4 for a 64x64 CU).
     */
    private void decideLuma(int x, int y, int log2Size, int tbs, int depth, ContextSet start) {
        int tbLog2 = Math.min(log2Size, 5);
        int n = 1 << tbLog2;
        int count = preselectLuma(x, y, log2Size, tbLog2, start);
        LumaDecisionLog log = tbs == 1 && learnedIntra != null ? LumaDecisionLog.Installed.log : null;
        if (log != null) {
            rec.learnedReferences(tbLog2, logRefs);
        }
        double bestRegularJ = Double.POSITIVE_INFINITY;
        double bestLearnedJ = Double.POSITIVE_INFINITY;
        int bestLearnedMode = -1;
        double best = Double.MAX_VALUE;
        int bestMode = candidates[0];
        int size = 1 << log2Size;
        for (int c = 0; c < count; c++) {
            int mode = candidates[c];
            maps.setLumaMode(x, y, size, mode);
            ctx.copyFrom(start);
            counter.reset();
            writer.intraLumaMode(counter, maps, x, y, mode);
            double d = 0;
            for (int t = 0; t < tbs; t++) {
                int tx = x + (t & 1) * n;
                int ty = y + (t >> 1) * n;
                d += codeTb(0, tx, ty, tbLog2, depth, mode, qp, lambda);
                boolean cbf = co.hasNonZero(0, tx - ctuX, ty - ctuY, tbLog2);
                counter.encodeBin(Contexts.CBF_LUMA + depth, cbf ? 1 : 0);
                if (cbf) {
                    ResidualCoding.write(counter, co.levels(0), CtuCoefficients.offset(0, tx - ctuX, ty - ctuY),
                            CtuCoefficients.LUMA_STRIDE, tbLog2, true);
                }
            }
            double j = d + lambda * counter.cost() * COST_UNIT;
            if (IntraModes.isLearned(mode)) {
                if (j < bestLearnedJ) {
                    bestLearnedJ = j;
                    bestLearnedMode = mode;
                }
            } else {
                bestRegularJ = Math.min(bestRegularJ, j);
            }
            if (j < best) {
                best = j;
                bestMode = mode;
                if (c + 1 < count) {
                    keepBest(0, x - ctuX, y - ctuY, log2Size, true);
                }
            } else if (c + 1 == count) {
                keepBest(0, x - ctuX, y - ctuY, log2Size, false);
            }
        }
        maps.setLumaMode(x, y, size, bestMode);
        ctx.copyFrom(start);
        if (log != null) {
            Plane o = orig.plane(0);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    logOrig[j * n + i] = o.get(x + i, y + j);
                }
            }
            log.record(qp, tbLog2, logRefs, logOrig, bestMode, bestRegularJ, bestLearnedMode, bestLearnedJ, lambda);
        }
    }

    /**
     * SATD pre-selection: fills {@link #candidates}, returns how many. With the fast scan only
     * planar, DC and the even angular modes are predicted, then the two neighbours of the best
     * angular one. With learned intra prediction on, its {@link IntraModes#LEARNED_COUNT} modes
     * compete in the same SATD list (rate of lip_flag plus the four bits of lip_mode), and the best of them is
     * added for the full RD check when it did not make the list.
     */
    private int preselectLuma(int x, int y, int log2Size, int tbLog2, ContextSet start) {
        rec.prepareIntra(0, x, y, tbLog2);
        CodingTree.mostProbableModes(maps, x, y, mpm);
        rmdKeep = Math.min(RMD_CANDIDATES[log2Size], intraRdModes);
        rmdKept = 0;
        rmdN = 1 << tbLog2;
        rmdX = x;
        rmdY = y;
        rmdPrevCost0 = start.cost(Contexts.PREV_INTRA_LUMA_PRED_FLAG, 0);
        rmdPrevCost1 = start.cost(Contexts.PREV_INTRA_LUMA_PRED_FLAG, 1);
        int cuMask = -(1 << FrameMaps.MIN_CU_LOG2);
        int lipCtx = CodingTree.lipFlagCtx(maps, x & cuMask, y & cuMask);
        rmdLipCost0 = learnedIntra != null ? start.cost(lipCtx, 0) : 0;
        rmdLipCost1 = learnedIntra != null ? start.cost(lipCtx, 1) + (4L << ContextSet.COST_SHIFT) : 0;
        if (intraFastScan) {
            rmdCost(IntraModes.PLANAR, tbLog2);
            rmdCost(IntraModes.DC, tbLog2);
            int bestAngular = 2;
            double bestAngularCost = Double.MAX_VALUE;
            for (int mode = 2; mode < IntraModes.NUM_MODES; mode += 2) {
                double c = rmdCost(mode, tbLog2);
                if (c < bestAngularCost) {
                    bestAngularCost = c;
                    bestAngular = mode;
                }
            }
            if (bestAngular > 2) {
                rmdCost(bestAngular - 1, tbLog2);
            }
            if (bestAngular + 1 < IntraModes.NUM_MODES) {
                rmdCost(bestAngular + 1, tbLog2);
            }
        } else {
            for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                rmdCost(mode, tbLog2);
            }
        }
        int bestLearned = -1;
        if (learnedIntra != null) {
            double bestLearnedCost = Double.MAX_VALUE;
            rec.predictLearnedModes(tbLog2, learnedPred);     // one executor call for the learned modes
            for (int k = 0; k < IntraModes.LEARNED_COUNT; k++) {
                double c = rmdCost(IntraModes.LEARNED_FIRST + k, learnedPred, k << (2 * tbLog2));
                if (c < bestLearnedCost) {
                    bestLearnedCost = c;
                    bestLearned = IntraModes.LEARNED_FIRST + k;
                }
            }
        }
        int kept = rmdKept;
        if (intraMpmRd) {
            for (int m : mpm) {
                kept = addCandidate(kept, m);
            }
        }
        if (bestLearned >= 0) {
            kept = addCandidate(kept, bestLearned);
        }
        return kept;
    }

    // Appends mode to the first `kept` candidates unless it is among them; the new count.
    private int addCandidate(int kept, int mode) {
        for (int k = 0; k < kept; k++) {
            if (candidates[k] == mode) {
                return kept;
            }
        }
        candidates[kept] = mode;
        return kept + 1;
    }

    private int rmdKeep;
    private int rmdKept;
    private int rmdN;
    private int rmdX;
    private int rmdY;
    private int rmdPrevCost0;
    private int rmdPrevCost1;
    private int rmdLipCost0;
    private long rmdLipCost1;

    /**
     * SATD of mode {@code mode}'s prediction plus {@code sqrt(lambda)} times its estimated bits;
     * inserts the mode into the sorted list of the best {@link #rmdKeep}. Returns the cost.
     */
    private double rmdCost(int mode, int tbLog2) {
        rec.predict(0, tbLog2, mode, pred);
        return rmdCost(mode, pred, 0);
    }

    /** As {@link #rmdCost(int, int)} with the prediction already at {@code p[off ...]}. */
    private double rmdCost(int mode, int[] p, int off) {
        int n = rmdN;
        Plane o = orig.plane(0);
        for (int i = 0; i < n * n; i++) {
            predShort[i] = (short) p[off + i];
        }
        int satd = dist.satd(o.samples(), o.index(rmdX, rmdY), o.stride(), predShort, 0, n, n, n);
        long bits;
        if (IntraModes.isLearned(mode)) {
            bits = rmdLipCost1;
        } else {
            int idx = CodingTree.mpmIndex(mpm, mode);
            bits = rmdLipCost0 + (idx < 0 ? rmdPrevCost0 + (5L << ContextSet.COST_SHIFT)
                    : rmdPrevCost1 + ((long) (idx == 0 ? 1 : 2) << ContextSet.COST_SHIFT));
        }
        double cost = satd + sqrtLambda * bits * COST_UNIT;
        // insertion into the sorted list of the best `keep`
        int keep = rmdKeep;
        int kept = rmdKept;
        int pos = kept;
        while (pos > 0 && candidateCost[pos - 1] > cost) {
            pos--;
        }
        if (pos < keep) {
            int end = Math.min(kept, keep - 1);
            for (int k = end; k > pos; k--) {
                candidates[k] = candidates[k - 1];
                candidateCost[k] = candidateCost[k - 1];
            }
            candidates[pos] = mode;
            candidateCost[pos] = cost;
            rmdKept = Math.min(kept + 1, keep);
        }
        return cost;
    }

    // ---- chroma ----

    private void decideChroma(int x, int y, int log2Size, ContextSet start) {
        int lumaMode = maps.derivedLumaMode(x, y);
        int cx = x >> 1;
        int cy = y >> 1;
        int log2C = log2Size == 6 ? 4 : log2Size - 1;
        int tbs = log2Size == 6 ? 4 : 1;
        int depth = log2Size == 6 ? 1 : 0;
        int n = 1 << log2C;
        double lambdaC = lambda / chromaWeight;
        double best = Double.MAX_VALUE;
        int bestMode = lumaMode;
        int cuSize = 1 << log2Size;
        int last = chromaRdModes == 6 ? 0 : CodingTree.CHROMA_MODE_DM;
        for (int idx = chromaRdModes == 1 ? CodingTree.CHROMA_MODE_DM : CodingTree.CHROMA_MODE_CCLM; idx >= last; idx--) {
            int mode = CodingTree.chromaMode(idx, lumaMode);
            ctx.copyFrom(start);
            counter.reset();
            writer.intraChromaPredMode(counter, mode, lumaMode);
            double d = 0;
            for (int t = 0; t < tbs; t++) {
                int tx = cx + (t & 1) * n;
                int ty = cy + (t >> 1) * n;
                for (int c = 1; c <= 2; c++) {
                    d += codeTb(c, tx, ty, log2C, depth, mode, qpC, lambdaC);
                }
                for (int c = 1; c <= 2; c++) {
                    boolean cbf = co.hasNonZero(c, tx - (ctuX >> 1), ty - (ctuY >> 1), log2C);
                    counter.encodeBin(Contexts.CBF_CHROMA + depth, cbf ? 1 : 0);
                }
                for (int c = 1; c <= 2; c++) {
                    int lx = tx - (ctuX >> 1);
                    int ly = ty - (ctuY >> 1);
                    if (co.hasNonZero(c, lx, ly, log2C)) {
                        ResidualCoding.write(counter, co.levels(c), CtuCoefficients.offset(c, lx, ly),
                                CtuCoefficients.CHROMA_STRIDE, log2C, false);
                    }
                }
            }
            double j = chromaWeight * d + lambda * counter.cost() * COST_UNIT;
            if (j < best) {
                best = j;
                bestMode = mode;
                if (idx > last) {
                    keepBest(1, (x - ctuX) >> 1, (y - ctuY) >> 1, log2Size - 1, true);
                    keepBest(2, (x - ctuX) >> 1, (y - ctuY) >> 1, log2Size - 1, true);
                }
            } else if (idx == last) {
                keepBest(1, (x - ctuX) >> 1, (y - ctuY) >> 1, log2Size - 1, false);
                keepBest(2, (x - ctuX) >> 1, (y - ctuY) >> 1, log2Size - 1, false);
            }
        }
        maps.setChromaMode(x, y, cuSize, bestMode);
        ctx.copyFrom(start);
    }

    // ---- transform blocks ----

    /**
     * Predicts, transforms, quantises and reconstructs one transform block of component
     * {@code comp} at (x, y) in that component's samples; stores the levels in the CTU
     * coefficients and returns the block's squared error. {@code depth} selects the coded block
     * flag's context. When RDOQ is on, a block whose levels
     * do not pay for themselves is coded as all zero.
     */
    private double codeTb(int comp, int x, int y, int log2Size, int depth, int mode, int qpB, double lambdaB) {
        rec.prepareIntra(comp, x, y, log2Size);
        rec.predict(comp, log2Size, mode, pred);
        return codeResidual(comp, x, y, log2Size, depth, pred, qpB, lambdaB);
    }

    /**
     * Transforms, quantises and reconstructs the residual of one transform block against the
     * prediction {@code prd} (n*n, row-major); stores the levels in the CTU coefficients and
     * returns the block's squared error. {@code depth} selects the coded block flag's context.
     * When RDOQ is on, a block whose levels do not pay for themselves is coded as all zero.
     */
    double codeResidual(int comp, int x, int y, int log2Size, int depth, int[] prd, int qpB, double lambdaB) {
        int n = 1 << log2Size;
        Plane o = orig.plane(comp);
        short[] os = o.samples();
        long d0 = 0;
        for (int j = 0; j < n; j++) {
            int oi = o.index(x, y + j);
            // a row's sum fits an int (at most 32 squares below 2^24): the inner loop stays in int arithmetic
            int row = 0;
            for (int i = 0; i < n; i++) {
                int r = (os[oi + i] & 0xFFFF) - prd[j * n + i];
                residual[j * n + i] = r;
                row += r * r;
            }
            d0 += row;
        }
        forward.forward(residual, coeff, transformScratch, log2Size, BlockReconstructor.transformType(comp, log2Size),
                bitDepth);
        boolean luma = comp == 0;
        boolean any = rdoq ? quantiser.rdoq(coeff, levels, log2Size, qpB, bitDepth, luma, ctx, lambdaB)
                : quantiser.quantise(coeff, levels, log2Size, qpB, bitDepth);
        int shift = luma ? 0 : 1;
        int stride = CtuCoefficients.stride(comp);
        int off = CtuCoefficients.offset(comp, x - (ctuX >> shift), y - (ctuY >> shift));
        int[] lv = co.levels(comp);
        for (int j = 0; j < n; j++) {
            System.arraycopy(levels, j * n, lv, off + j * stride, n);
        }
        rec.reconstruct(comp, x, y, log2Size, prd, any, lv, off, stride, qpB);
        // without levels the reconstruction is the prediction, whose squared error is d0
        double d = any ? sse(comp, x, y, n) : d0;
        if (any && rdoq) {
            tbCtx.copyFrom(ctx);
            tbCounter.reset();
            ResidualCoding.write(tbCounter, lv, off, stride, log2Size, luma);
            int cbfCtx = (luma ? Contexts.CBF_LUMA : Contexts.CBF_CHROMA) + depth;
            double jCoded = d + lambdaB * (tbCounter.cost() + ctx.cost(cbfCtx, 1)) * COST_UNIT;
            double jZero = d0 + lambdaB * ctx.cost(cbfCtx, 0) * COST_UNIT;
            if (jZero <= jCoded) {
                co.clear(comp, x - (ctuX >> shift), y - (ctuY >> shift), log2Size);
                rec.reconstruct(comp, x, y, log2Size, prd, false, lv, off, stride, qpB);
                d = d0;
            }
        }
        return d;
    }

    double sse(int comp, int x, int y, int n) {
        Plane o = orig.plane(comp);
        Plane r = recon.plane(comp);
        return dist.sse(o.samples(), o.index(x, y), o.stride(), r.samples(), r.index(x, y), r.stride(), n, n);
    }

    /**
     * Saves ({@code save}) or restores the reconstruction and levels of the block at CTU-relative
     * position (lx, ly) of component {@code comp}, size {@code 1 << log2Size}.
     */
    private void keepBest(int comp, int lx, int ly, int log2Size, boolean save) {
        int n = 1 << log2Size;
        int shift = comp == 0 ? 0 : 1;
        Plane p = recon.plane(comp);
        int px = (ctuX >> shift) + lx;
        int py = (ctuY >> shift) + ly;
        int[] lv = co.levels(comp);
        for (int j = 0; j < n; j++) {
            int pi = p.index(px, py + j);
            int li = CtuCoefficients.offset(comp, lx, ly + j);
            if (save) {
                System.arraycopy(p.samples(), pi, bestSamples[comp], j * n, n);
                System.arraycopy(lv, li, bestLevels[comp], j * n, n);
            } else {
                System.arraycopy(bestSamples[comp], j * n, p.samples(), pi, n);
                System.arraycopy(bestLevels[comp], j * n, lv, li, n);
            }
        }
    }
}
