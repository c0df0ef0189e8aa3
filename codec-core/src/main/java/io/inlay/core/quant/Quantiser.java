package io.inlay.core.quant;

import io.inlay.bitstream.ContextSet;
import io.inlay.core.syntax.Contexts;
import io.inlay.core.syntax.ResidualCoding;
import io.inlay.core.syntax.ScanOrder;

/**
 * Forward quantisation for the encoder: a dead-zone quantiser and rate-distortion optimised
 * quantisation (RDOQ). Both produce levels that {@link Dequantiser} scales back; the step sizes
 * match it exactly (quantScale[k] * levelScale[k] ~ 2^20, H.265 §8.6.3).
 *
 * <p>RDOQ (docs/rdo.md) chooses each level in reverse scan order among the rounded level, one
 * less, and zero, minimising {@code D + lambda * R} where D is the squared error of the
 * dequantised coefficient, converted to the sample domain, and R comes from the current context
 * state with the same context selection as {@link ResidualCoding}. Then it zeroes whole 4x4
 * sub-blocks and moves the last position where that lowers the cost.
 *
 * <p>One instance per thread; no allocation per call.
 */
public final class Quantiser {
    private static final int[] QUANT_SCALE = {26214, 23302, 20560, 18396, 16384, 14564};
    private static final double COST_UNIT = 1.0 / (1 << ContextSet.COST_SHIFT);

    private final int[] maxLevel = new int[1024];
    private final double[] costZero = new double[1024];    // D(0) + lambda * R(sig = 0)
    private final double[] costChosen = new double[1024];  // D(L) + lambda * R(L) incl. sig flag
    private final double[] sigOneCost = new double[1024];  // lambda * R(sig = 1) at the chosen level
    private final double[] dist0 = new double[1024];
    private final double[] lastXCost = new double[32];
    private final double[] lastYCost = new double[32];

    /**
     * Dead-zone quantisation of n x n coefficients (row-major) into levels (row-major, stride n):
     * {@code level = (|c| * quantScale + offset) >> qbits}, offset 1/3 of a step for intra.
     *
     * @return true when a level is non-zero
     */
    public boolean quantise(int[] coeff, int[] levels, int log2Size, int qp, int bitDepth) {
        int qP = QpMapping.scalingQp(qp, bitDepth);
        int qbits = 14 + qP / 6 + (15 - bitDepth - log2Size);
        long scale = QUANT_SCALE[qP % 6];
        long offset = 171L << (qbits - 9);
        int n = 1 << (2 * log2Size);
        boolean any = false;
        for (int i = 0; i < n; i++) {
            int c = coeff[i];
            int l = (int) Math.min(ResidualCoding.MAX_LEVEL, (Math.abs((long) c) * scale + offset) >> qbits);
            levels[i] = c < 0 ? -l : l;
            any |= l != 0;
        }
        return any;
    }

    /**
     * Rate-distortion optimised quantisation.
     *
     * @param ctx    context state whose costs price the levels (not modified)
     * @param lambda Lagrange multiplier in squared-sample units per bit
     * @return true when a level is non-zero
     */
    public boolean rdoq(int[] coeff, int[] levels, int log2Size, int qp, int bitDepth, boolean luma,
                        ContextSet ctx, double lambda) {
        int size = 1 << log2Size;
        int count = size * size;
        int qP = QpMapping.scalingQp(qp, bitDepth);
        int tShift = 15 - bitDepth - log2Size;
        int qbits = 14 + qP / 6 + tShift;
        long qScale = QUANT_SCALE[qP % 6];
        long dqScale = (long) (16 * Dequantiser.LEVEL_SCALE[qP % 6]) << (qP / 6);
        int bdShift = bitDepth + log2Size - 5;
        long dqRound = 1L << (bdShift - 1);
        double errScale = Math.pow(2.0, -2.0 * tShift);

        java.util.Arrays.fill(levels, 0, count, 0);
        int last = -1;
        for (int i = 0; i < count; i++) {
            int pos = ScanOrder.y(log2Size, i) * size + ScanOrder.x(log2Size, i);
            long a = Math.abs((long) coeff[pos]);
            int l = (int) Math.min(ResidualCoding.MAX_LEVEL, (a * qScale + (1L << (qbits - 1))) >> qbits);
            maxLevel[i] = l;
            double d0 = (double) a * a * errScale;
            dist0[i] = d0;
            if (l > 0) {
                last = i;
            }
        }
        if (last < 0) {
            return false;
        }

        // Pass 1: levels in reverse scan order, with the template of the levels chosen so far.
        for (int i = last; i >= 0; i--) {
            int x = ScanOrder.x(log2Size, i);
            int y = ScanOrder.y(log2Size, i);
            int pos = y * size + x;
            int t = ResidualCoding.template(levels, 0, size, size, x, y);
            int d = x + y;
            int sigCtx = ResidualCoding.sigCtx(luma, log2Size, d, t);
            boolean isLast = i == last;
            double sig0 = isLast ? Double.MAX_VALUE / 4 : dist0[i] + lambda * ctx.cost(sigCtx, 0) * COST_UNIT;
            double sig1 = isLast ? 0 : lambda * ctx.cost(sigCtx, 1) * COST_UNIT;
            costZero[i] = isLast ? dist0[i] : sig0;
            int lmax = maxLevel[i];
            int best = 0;
            double bestCost = sig0;
            if (lmax > 0) {
                long a = Math.abs((long) coeff[pos]);
                int g = ResidualCoding.gtCtxOffset(luma, d, t);
                int k = ResidualCoding.riceParam(t);
                int lmin = lmax > 2 ? lmax - 1 : 1;
                for (int l = lmax; l >= lmin; l--) {
                    long rec = Math.min(32767, (l * dqScale + dqRound) >> bdShift);
                    double err = (double) (a - rec);
                    double cost = err * err * errScale + sig1 + lambda * levelBits(ctx, l, g, k);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = l;
                    }
                }
            }
            levels[pos] = coeff[pos] < 0 ? -best : best;
            costChosen[i] = bestCost;
            sigOneCost[i] = sig1;
        }

        // Pass 2: whole sub-blocks to zero (not the DC one, not the one holding the last position).
        int sbs = size >> 2;
        long codedSb = 0;
        int lastSb = last >> 4;
        for (int sb = lastSb; sb >= 0; sb--) {
            int first = sb << 4;
            int sx = ScanOrder.x(log2Size, first) >> 2;
            int sy = ScanOrder.y(log2Size, first) >> 2;
            boolean any = false;
            double coded = 0;
            double zero = 0;
            for (int k = 0; k < 16; k++) {
                int i = first + k;
                if (i > last) {
                    break;
                }
                int pos = ScanOrder.y(log2Size, i) * size + ScanOrder.x(log2Size, i);
                any |= levels[pos] != 0;
                coded += levels[pos] != 0 ? costChosen[i] : costZero[i];
                zero += dist0[i];
            }
            if (sb != lastSb && sb != 0) {
                int c = ResidualCoding.csbfCtx(luma, ResidualCoding.rightOrBelowCoded(codedSb, sx, sy, sbs));
                coded += lambda * ctx.cost(c, 1) * COST_UNIT;
                zero += lambda * ctx.cost(c, 0) * COST_UNIT;
                if (!any || zero <= coded) {
                    for (int k = 0; k < 16; k++) {
                        int i = first + k;
                        levels[ScanOrder.y(log2Size, i) * size + ScanOrder.x(log2Size, i)] = 0;
                        costZero[i] = dist0[i];
                    }
                    continue;
                }
            }
            codedSb |= 1L << (sy * 8 + sx);
        }

        // Pass 3: the last position. Candidate p costs everything before it as chosen, p itself
        // without its significance flag, the distortion of all zeroed positions after it, and the
        // bits of last_sig_coeff_x/y.
        lastPositionCosts(ctx, luma, log2Size, lambda);
        double prefix = 0;
        double totalZeroAfter = 0;
        for (int i = 0; i <= last; i++) {
            totalZeroAfter += dist0[i];
        }
        int bestLast = -1;
        double bestCost = Double.MAX_VALUE;
        double zeroBefore = 0;
        for (int i = 0; i <= last; i++) {
            int x = ScanOrder.x(log2Size, i);
            int y = ScanOrder.y(log2Size, i);
            int pos = y * size + x;
            zeroBefore += dist0[i];
            if (levels[pos] != 0) {
                double c = prefix + (costChosen[i] - sigOneCost[i]) + (totalZeroAfter - zeroBefore)
                        + lastXCost[x] + lastYCost[y];
                if (c < bestCost) {
                    bestCost = c;
                    bestLast = i;
                }
                prefix += costChosen[i];
            } else {
                prefix += costZero[i];
            }
        }
        if (bestLast < 0) {
            return false;
        }
        for (int i = bestLast + 1; i <= last; i++) {
            levels[ScanOrder.y(log2Size, i) * size + ScanOrder.x(log2Size, i)] = 0;
        }
        return true;
    }

    /** lambda-weighted bits of last_sig_coeff_{x,y}_prefix/suffix for every coordinate. */
    private void lastPositionCosts(ContextSet ctx, boolean luma, int log2Size, double lambda) {
        int size = 1 << log2Size;
        int cMax = (log2Size << 1) - 1;
        for (int axis = 0; axis < 2; axis++) {
            int base = axis == 0 ? Contexts.LAST_X_PREFIX : Contexts.LAST_Y_PREFIX;
            double[] out = axis == 0 ? lastXCost : lastYCost;
            for (int p = 0; p < size; p++) {
                int g = ResidualCoding.lastGroup(p);
                long bits = 0;
                for (int b = 0; b < g; b++) {
                    bits += ctx.cost(base + ResidualCoding.lastPrefixCtx(luma, log2Size, b), 1);
                }
                if (g < cMax) {
                    bits += ctx.cost(base + ResidualCoding.lastPrefixCtx(luma, log2Size, g), 0);
                }
                bits += (long) ResidualCoding.lastSuffixLength(g) << ContextSet.COST_SHIFT;
                out[p] = lambda * bits * COST_UNIT;
            }
        }
    }

    /** Bits (not lambda-weighted) of a non-zero level's gt1/gt2/remaining bins and its sign. */
    private static double levelBits(ContextSet ctx, int level, int g, int k) {
        long bits = ContextSet.BYPASS_COST; // sign
        bits += ctx.cost(Contexts.ABS_GT1_FLAG + g, level > 1 ? 1 : 0);
        if (level > 1) {
            bits += ctx.cost(Contexts.ABS_GT2_FLAG + g, level > 2 ? 1 : 0);
            if (level > 2) {
                bits += (long) ResidualCoding.remainingBins(level - 3, k) << ContextSet.COST_SHIFT;
            }
        }
        return bits * COST_UNIT;
    }
}
