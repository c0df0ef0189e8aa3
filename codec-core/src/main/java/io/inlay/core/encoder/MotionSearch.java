package io.inlay.core.encoder;

import io.inlay.core.MotionSearchMethod;
import io.inlay.core.Plane;
import io.inlay.core.inter.Mv;
import io.inlay.core.inter.SubpelFilter;
import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.Kernels;

/**
 * Motion estimation of one block against one reference picture (docs/rdo.md, "Motion
 * search"): a predictor-seeded integer search (the best of the motion vector predictors and
 * zero, then an expanding diamond up to the search range, a raster scan when the best point is
 * far from the start, and a small-diamond refinement), all on SAD plus
 * {@code sqrt(lambda) * bits(mvd)}; then half- and quarter-sample refinement on SATD of the
 * interpolated block.
 *
 * <p>The cost of a vector is that of its cheaper predictor. One instance per thread.
 */
final class MotionSearch {
    /** Samples between the searched block and the edge of the padded reference, for the 8-tap filter. */
    private static final int FILTER_MARGIN = 8;
    private static final int RASTER_TRIGGER = 16;
    private static final int RASTER_STEP = 4;

    private final BlockDistortion dist;
    private final int range;
    private final MotionSearchMethod method;
    /** Fractional refinement: 0 none, 1 half samples, 2 half then quarter samples. */
    private final int subpel;
    private final SubpelFilter filter;
    /** Row stride of the half-sample blocks: one more than the largest block. */
    private static final int HALF_STRIDE = 64 + 1;

    private final short[] tmp = new short[HALF_STRIDE * HALF_STRIDE];
    private final short[] block = new short[64 * 64];
    private final short[] halfH = new short[HALF_STRIDE * HALF_STRIDE];
    private final short[] halfV = new short[HALF_STRIDE * HALF_STRIDE];
    private final short[] halfHv = new short[HALF_STRIDE * HALF_STRIDE];

    // the current search
    private short[] org;
    private int orgOff;
    private int orgStride;
    private Plane ref;
    private int x;
    private int y;
    private int w;
    private int h;
    private int bitDepth;
    private int[] mvp;
    private double sqrtLambda;
    private int minX;
    private int maxX;
    private int minY;
    private int maxY;
    private int bestX;
    private int bestY;
    private double bestCost;
    private int lastSatd;

    /** Distortion plus rate cost of the result of the last {@link #search}. */
    double cost;
    /** SATD of the result of the last {@link #search}. */
    int satd;
    /** Index of the predictor with the cheaper difference to the result of the last {@link #search}. */
    int mvpIdx;
    /** The integer-sample vector (quarter-sample units, packed) the fractional refinement of the last {@link #search} started from. */
    int integerMv;

    MotionSearch(Kernels kernels, int range, MotionSearchMethod method, int subpel) {
        this.dist = kernels.blockDistortion();
        this.filter = new SubpelFilter(kernels.subpelInterpolation(), kernels.biAveraging());
        this.range = range;
        this.method = method;
        this.subpel = subpel;
    }

    /**
     * Searches the luma block at (x, y) of w x h in {@code org} against {@code ref} (padded, with
     * extended borders), with predictors {@code mvp} (two packed vectors).
     *
     * @return the best vector in quarter samples (packed)
     */
    int search(Plane org, Plane ref, int x, int y, int w, int h, int bitDepth, int[] mvp, double sqrtLambda) {
        return search(org.samples(), org.index(x, y), org.stride(), ref, x, y, w, h, bitDepth, mvp, mvp[0],
                sqrtLambda);
    }

    /**
     * Searches for the block of {@code ref} near (x, y) that best matches the w x h target at
     * {@code target[targetOff]} (row stride {@code targetStride}; any values whose differences to
     * reference samples fit 16 bits, e.g. the bi-prediction target {@code 2 * org - pred0}),
     * starting from the predictors {@code mvp}, zero and {@code start}.
     *
     * @return the best vector in quarter samples (packed)
     */
    int search(short[] target, int targetOff, int targetStride, Plane ref, int x, int y, int w, int h,
               int bitDepth, int[] mvp, int start, double sqrtLambda) {
        this.org = target;
        this.orgOff = targetOff;
        this.orgStride = targetStride;
        this.ref = ref;
        this.x = x;
        this.y = y;
        this.w = w;
        this.h = h;
        this.bitDepth = bitDepth;
        this.mvp = mvp;
        this.sqrtLambda = sqrtLambda;
        int pad = ref.padding() - FILTER_MARGIN;
        minX = -x - pad;
        maxX = ref.width() - x - w + pad;
        minY = -y - pad;
        maxY = ref.height() - y - h + pad;
        bestCost = Double.MAX_VALUE;
        int sx = (Mv.x(start) + 2) >> 2;
        int sy = (Mv.y(start) + 2) >> 2;
        boolean startChecked = false;
        for (int i = 0; i < mvp.length; i++) {
            int px = (Mv.x(mvp[i]) + 2) >> 2;
            int py = (Mv.y(mvp[i]) + 2) >> 2;
            checkInteger(px, py);
            startChecked |= px == sx && py == sy;
        }
        if (!startChecked) {
            checkInteger(sx, sy);
        }
        checkInteger(0, 0);
        integerSearch();
        return fractionalRefinement();
    }

    private void integerSearch() {
        switch (method) {
            case DIAMOND -> { }
            case HEXAGON -> hexagonSearch();
            case STAR -> starSearch();
            case FULL -> fullSearch();
        }
        smallDiamond();
    }

    /** Large hexagon (radius 2) moved to its best point until the centre stays best, within the range. */
    private void hexagonSearch() {
        int sx = bestX;
        int sy = bestY;
        for (int iter = 0; iter < range; iter++) {
            int ox = bestX;
            int oy = bestY;
            for (int k = 0; k < 6; k++) {
                int mx = ox + HEX_X[k];
                int my = oy + HEX_Y[k];
                if (Math.abs(mx - sx) <= range && Math.abs(my - sy) <= range) {
                    checkInteger(mx, my);
                }
            }
            if (bestX == ox && bestY == oy) {
                break;
            }
        }
    }

    private static final int[] HEX_X = {-2, 2, -1, 1, -1, 1};
    private static final int[] HEX_Y = {0, 0, -2, -2, 2, 2};

    /** Every integer position within the range around the start. */
    private void fullSearch() {
        int cx = bestX;
        int cy = bestY;
        for (int j = -range; j <= range; j++) {
            for (int i = -range; i <= range; i++) {
                checkInteger(cx + i, cy + j);
            }
        }
    }

    private void starSearch() {
        int cx = bestX;
        int cy = bestY;
        int bestDist = 0;
        for (int d = 1; d <= range; d <<= 1) {
            double before = bestCost;
            checkInteger(cx - d, cy);
            checkInteger(cx + d, cy);
            checkInteger(cx, cy - d);
            checkInteger(cx, cy + d);
            int e = Math.max(1, d >> 1);
            checkInteger(cx - e, cy - e);
            checkInteger(cx + e, cy - e);
            checkInteger(cx - e, cy + e);
            checkInteger(cx + e, cy + e);
            if (bestCost < before) {
                bestDist = d;
            }
        }
        if (bestDist >= RASTER_TRIGGER) {
            for (int j = -range; j <= range; j += RASTER_STEP) {
                for (int i = -range; i <= range; i += RASTER_STEP) {
                    checkInteger(cx + i, cy + j);
                }
            }
        }
    }

    /** Small-diamond refinement until it stops improving. */
    private void smallDiamond() {
        for (int iter = 0; iter < 64; iter++) {
            int ox = bestX;
            int oy = bestY;
            checkInteger(ox - 1, oy);
            checkInteger(ox + 1, oy);
            checkInteger(ox, oy - 1);
            checkInteger(ox, oy + 1);
            if (bestX == ox && bestY == oy) {
                break;
            }
        }
    }

    private void checkInteger(int mx, int my) {
        mx = Math.max(minX, Math.min(maxX, mx));
        my = Math.max(minY, Math.min(maxY, my));
        int sad = dist.sad(org, orgOff, orgStride, ref.samples(), ref.index(x + mx, y + my), ref.stride(), w, h);
        double c = sad + sqrtLambda * mvBits(Mv.pack(mx << 2, my << 2));
        if (c < bestCost) {
            bestCost = c;
            bestX = mx;
            bestY = my;
        }
    }

    /**
     * Half-sample then quarter-sample refinement around the integer result, on SATD. The eight
     * half-sample candidates around the integer vector are read from three half-sample planes of
     * the neighbourhood ({@link #halfSamplePlanes}), computed once per search instead of once per
     * candidate; the quarter-sample candidates are interpolated one by one. Every candidate's
     * samples equal {@link SubpelFilter#predictLuma} followed by {@link SubpelFilter#single} at its
     * vector (the same filter at the same position), so the result is the same as interpolating
     * each candidate.
     */
    private int fractionalRefinement() {
        int best = Mv.pack(bestX << 2, bestY << 2);
        integerMv = best;
        // the integer position: uni-prediction rounding of a copied sample is the sample itself
        lastSatd = dist.satd(org, orgOff, orgStride, ref.samples(), ref.index(x + bestX, y + bestY), ref.stride(),
                w, h);
        double bc = lastSatd + sqrtLambda * mvBits(best);
        int bestSatd = lastSatd;
        if (subpel >= 1) {
            halfSamplePlanes(bestX, bestY);
            int cx = Mv.x(best);
            int cy = Mv.y(best);
            for (int dy = -2; dy <= 2; dy += 2) {
                for (int dx = -2; dx <= 2; dx += 2) {
                    if (dx == 0 && dy == 0) {
                        continue;
                    }
                    int m = Mv.pack(cx + dx, cy + dy);
                    double c = halfSatdCost(m, dx, dy);
                    if (c < bc) {
                        bc = c;
                        best = m;
                        bestSatd = lastSatd;
                    }
                }
            }
        }
        if (subpel >= 2) {
            int cx = Mv.x(best);
            int cy = Mv.y(best);
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (dx == 0 && dy == 0) {
                        continue;
                    }
                    int m = Mv.pack(cx + dx, cy + dy);
                    double c = satdCost(m);
                    if (c < bc) {
                        bc = c;
                        best = m;
                        bestSatd = lastSatd;
                    }
                }
            }
        }
        cost = bc;
        satd = bestSatd;
        mvpIdx = bits(best, mvp[1]) < bits(best, mvp[0]) ? 1 : 0;
        return best;
    }

    /**
     * The half-sample samples around the integer vector (ix, iy) (in samples), uni-prediction
     * rounded: {@link #halfH} holds the (w + 1) x h block of horizontal half samples whose first
     * column lies half a sample left of the block, {@link #halfV} the w x (h + 1) block of
     * vertical ones starting half a sample above it, and {@link #halfHv} the (w + 1) x (h + 1)
     * block of 2-D half samples starting half a sample left of and above it; each with stride
     * {@link #HALF_STRIDE}.
     */
    private void halfSamplePlanes(int ix, int iy) {
        int bx = x + ix;
        int by = y + iy;
        // vectors (4 ix - 2, 4 iy), (4 ix, 4 iy - 2), (4 ix - 2, 4 iy - 2) on a block one larger
        filter.predictLuma(ref, bx - 1, by, 2, 0, w + 1, h, bitDepth, tmp, 0, HALF_STRIDE);
        filter.single(tmp, 0, HALF_STRIDE, w + 1, h, bitDepth, halfH, 0, HALF_STRIDE);
        filter.predictLuma(ref, bx, by - 1, 0, 2, w, h + 1, bitDepth, tmp, 0, HALF_STRIDE);
        filter.single(tmp, 0, HALF_STRIDE, w, h + 1, bitDepth, halfV, 0, HALF_STRIDE);
        filter.predictLuma(ref, bx - 1, by - 1, 2, 2, w + 1, h + 1, bitDepth, tmp, 0, HALF_STRIDE);
        filter.single(tmp, 0, HALF_STRIDE, w + 1, h + 1, bitDepth, halfHv, 0, HALF_STRIDE);
    }

    /** {@link #satdCost} of the half-sample candidate (dx, dy) (each -2, 0 or 2) around the integer vector. */
    private double halfSatdCost(int mv, int dx, int dy) {
        short[] plane = dy == 0 ? halfH : dx == 0 ? halfV : halfHv;
        int off = (dy > 0 ? HALF_STRIDE : 0) + (dx > 0 ? 1 : 0);
        lastSatd = dist.satd(org, orgOff, orgStride, plane, off, HALF_STRIDE, w, h);
        return lastSatd + sqrtLambda * mvBits(mv);
    }

    private double satdCost(int mv) {
        filter.predictLuma(ref, x, y, Mv.x(mv), Mv.y(mv), w, h, bitDepth, tmp, 0, w);
        filter.single(tmp, 0, w, w, h, bitDepth, block, 0, w);
        lastSatd = dist.satd(org, orgOff, orgStride, block, 0, w, w, h);
        return lastSatd + sqrtLambda * mvBits(mv);
    }

    /** Bits of {@code mv} coded against its cheaper predictor. */
    private int mvBits(int mv) {
        return Math.min(bits(mv, mvp[0]), bits(mv, mvp[1]));
    }

    /** Approximate bits of mvd_coding() for mv - pred. */
    static int bits(int mv, int pred) {
        return componentBits(Mv.x(mv) - Mv.x(pred)) + componentBits(Mv.y(mv) - Mv.y(pred));
    }

    /** abs_mvd_greater0/1 flags, the EG1 suffix of abs_mvd_minus2 and the sign, one bit each. */
    static int componentBits(int d) {
        int a = Math.abs(d);
        if (a == 0) {
            return 1;
        }
        if (a == 1) {
            return 3;
        }
        int p = 31 - Integer.numberOfLeadingZeros(((a - 2) >> 1) + 1);
        return 3 + 2 * p + 2;
    }
}
