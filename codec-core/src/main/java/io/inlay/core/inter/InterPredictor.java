package io.inlay.core.inter;

import io.inlay.core.Picture;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.recon.ReferenceLists;

/**
 * Motion-compensated prediction of one prediction unit in all three components
 * (docs/bitstream/decoding-process.md, "Inter prediction"): quarter-sample luma and
 * eighth-sample chroma interpolation from each used reference (§8.5.3.3.3), then uni-prediction
 * rounding or the bi-prediction average (§8.5.3.3.4.2). Shared by encoder and decoder.
 *
 * <p>Output blocks are row-major with the block width as stride: luma {@code w x h} into
 * {@code pred[0]}, chroma {@code w/2 x h/2} into {@code pred[1]} and {@code pred[2]}. One
 * instance per thread.
 */
public final class InterPredictor {
    /** Largest prediction unit side in luma samples. */
    public static final int MAX_PU = 64;

    private final SubpelFilter filter;
    private final short[] tmp0 = new short[MAX_PU * MAX_PU];
    private final short[] tmp1 = new short[MAX_PU * MAX_PU];

    /** A predictor on the process-wide kernels ({@link Kernels#get()}). */
    public InterPredictor() {
        this(Kernels.get());
    }

    /** A predictor on the interpolation and averaging kernels of {@code kernels}. */
    public InterPredictor(Kernels kernels) {
        this.filter = new SubpelFilter(kernels.subpelInterpolation(), kernels.biAveraging());
    }

    /**
     * Predicts the PU at luma (x, y) of w x h with motion {@code m} from {@code refs} into
     * {@code pred} (three arrays of at least w*h, (w/2)*(h/2), (w/2)*(h/2) samples).
     */
    public void predict(ReferenceLists refs, Motion m, int x, int y, int w, int h, short[][] pred) {
        predict(refs, m, x, y, w, h, pred, null);
    }

    /**
     * As {@link #predict(ReferenceLists, Motion, int, int, int, int, short[][])}, luma with the
     * taps {@code lumaTaps} (a learned set, docs/bitstream/decoding-process.md §10.1; null: H.265's).
     */
    public void predict(ReferenceLists refs, Motion m, int x, int y, int w, int h, short[][] pred, int[][] lumaTaps) {
        for (int c = 0; c < 3; c++) {
            int shift = c == 0 ? 0 : 1;
            predict(refs, m, c, x, y, w, h, pred[c], 0, w >> shift, c == 0 ? lumaTaps : null);
        }
    }

    /** One component of {@link #predict(ReferenceLists, Motion, int, int, int, int, short[][])}. */
    public void predict(ReferenceLists refs, Motion m, int comp, int x, int y, int w, int h, short[] dst) {
        int shift = comp == 0 ? 0 : 1;
        predict(refs, m, comp, x, y, w, h, dst, 0, w >> shift);
    }

    /**
     * As {@link #predict(ReferenceLists, Motion, int, int, int, int, int, short[])}, writing the
     * component's block at {@code dstOff} with stride {@code dstStride} (e.g. straight into a
     * picture plane) and nothing else.
     */
    public void predict(ReferenceLists refs, Motion m, int comp, int x, int y, int w, int h, short[] dst, int dstOff,
                        int dstStride) {
        predict(refs, m, comp, x, y, w, h, dst, dstOff, dstStride, null);
    }

    /**
     * As {@link #predict(ReferenceLists, Motion, int, int, int, int, int, short[], int, int)}; luma
     * ({@code comp} 0) is interpolated with {@code lumaTaps} ({@code [frac][k]}, a learned set of
     * {@link LearnedInterModel}; null: H.265's taps), chroma always with H.265's.
     */
    public void predict(ReferenceLists refs, Motion m, int comp, int x, int y, int w, int h, short[] dst, int dstOff,
                        int dstStride, int[][] lumaTaps) {
        int shift = comp == 0 ? 0 : 1;
        int bw = w >> shift;
        int bh = h >> shift;
        int bx = x >> shift;
        int by = y >> shift;
        if (m.isBi()) {
            int bitDepth = refs.get(0, m.ref0).picture().bitDepth();
            interpolate(refs, 0, m.ref0, m.mv0, comp, bx, by, bw, bh, bitDepth, tmp0, lumaTaps);
            interpolate(refs, 1, m.ref1, m.mv1, comp, bx, by, bw, bh, bitDepth, tmp1, lumaTaps);
            if (EXPERIMENT_BI_FLOW && comp == 0 && bw == bh && refs.poc() - refs.refPoc(0, m.ref0) == refs.refPoc(1, m.ref1) - refs.poc()
                    && refs.poc() > refs.refPoc(0, m.ref0)) {
                experimentBiFlow(tmp0, tmp1, bw, bitDepth, dst, dstOff, dstStride);
                return;
            }
            filter.average(tmp0, 0, bw, tmp1, 0, bw, bw, bh, bitDepth, dst, dstOff, dstStride);
            return;
        }
        int l = m.uses(0) ? 0 : 1;
        int mv = m.mv(l);
        Picture ref = refs.get(l, m.ref(l)).picture();
        int fracBits = comp == 0 ? 2 : 3;
        int fracMask = (1 << fracBits) - 1;
        int mvx = Mv.x(mv);
        int mvy = Mv.y(mv);
        if ((mvx & fracMask) == 0 && (mvy & fracMask) == 0) {
            filter.copyInteger(ref.plane(comp), bx + (mvx >> fracBits), by + (mvy >> fracBits), bw, bh, dst, dstOff,
                    dstStride);
            return;
        }
        interpolate(refs, l, m.ref(l), mv, comp, bx, by, bw, bh, ref.bitDepth(), tmp0, lumaTaps);
        filter.single(tmp0, 0, bw, bw, bh, ref.bitDepth(), dst, dstOff, dstStride);
    }

    /**
     * Luma of a w x h CU with motion {@code m} whose learned-filter intermediates {@code batch} has
     * computed ({@link LearnedInterBatch#addCu} returned {@code entry}; a bi-predicted CU's list 1 is
     * {@code entry + 1}): the uni-prediction rounding or the bi-prediction average of §8.5.3.3.4.2, as
     * {@link #predict(ReferenceLists, Motion, int, int, int, int, int, short[], int, int, int[][])} does.
     */
    public void lumaFromBatch(Motion m, LearnedInterBatch batch, int entry, int w, int h, int bitDepth, short[] dst,
                              int dstOff, int dstStride) {
        if (m.isBi()) {
            filter.average(batch.output(entry), batch.outputOffset(entry), w, batch.output(entry + 1),
                    batch.outputOffset(entry + 1), w, w, h, bitDepth, dst, dstOff, dstStride);
        } else {
            filter.single(batch.output(entry), batch.outputOffset(entry), w, w, h, bitDepth, dst, dstOff, dstStride);
        }
    }

    /**
     * EXPERIMENT (not normative, not in the bitstream; docs/learned-inter.md, "Bi-prediction refinement"):
     * {@code -Dinlay.experiment.biFlow=true} refines the luma average of bi-predicted CUs whose references lie
     * at equal distances on both sides, in floating point, as the best closed form of
     * {@code BiRefinementStudy}: per 4x4 the sign-weighted flow of H.266's BDOF over an 8x8 window, |u| <= 1,
     * offset (u . (grad P0 - grad P1)) / 4. Only for measuring an encoder with the refinement in its
     * decisions (the probe's payload and reconstruction); a decoder without the property does not match.
     */
    static final boolean EXPERIMENT_BI_FLOW = Boolean.getBoolean("inlay.experiment.biFlow");

    private static void experimentBiFlow(short[] p0, short[] p1, int n, int bitDepth, short[] dst, int dstOff,
                                         int dstStride) {
        double unit = 1 << (14 - bitDepth);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (p0[i] + SubpelFilter.PRED_OFFSET) / unit;
            b[i] = (p1[i] + SubpelFilter.PRED_OFFSET) / unit;
        }
        double[] gxa = new double[n * n];
        double[] gya = new double[n * n];
        double[] gxb = new double[n * n];
        double[] gyb = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int l = y * n + Math.max(0, x - 1);
                int r = y * n + Math.min(n - 1, x + 1);
                int u = Math.max(0, y - 1) * n + x;
                int d = Math.min(n - 1, y + 1) * n + x;
                gxa[y * n + x] = (a[r] - a[l]) / 2;
                gxb[y * n + x] = (b[r] - b[l]) / 2;
                gya[y * n + x] = (a[d] - a[u]) / 2;
                gyb[y * n + x] = (b[d] - b[u]) / 2;
            }
        }
        int max = (1 << bitDepth) - 1;
        for (int sy = 0; sy < n; sy += 4) {
            for (int sx = 0; sx < n; sx += 4) {
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                double sxd = 0;
                double syd = 0;
                for (int y = sy - 2; y < sy + 6; y++) {
                    for (int x = sx - 2; x < sx + 6; x++) {
                        int i = Math.clamp(y, 0, n - 1) * n + Math.clamp(x, 0, n - 1);
                        double gx = gxa[i] + gxb[i];
                        double gy = gya[i] + gyb[i];
                        double dd = a[i] - b[i];
                        sxx += Math.abs(gx);
                        syy += Math.abs(gy);
                        sxy += Math.signum(gy) * gx;
                        sxd += Math.signum(gx) * dd;
                        syd += Math.signum(gy) * dd;
                    }
                }
                double vx = sxx > 0 ? Math.clamp(-sxd / sxx, -1, 1) : 0;
                double vy = syy > 0 ? Math.clamp((-syd - vx * sxy) / syy, -1, 1) : 0;
                for (int y = sy; y < sy + 4; y++) {
                    for (int x = sx; x < sx + 4; x++) {
                        int i = y * n + x;
                        double v = (a[i] + b[i]) / 2 + 0.25 * (vx * (gxa[i] - gxb[i]) + vy * (gya[i] - gyb[i]));
                        dst[dstOff + y * dstStride + x] = (short) Math.clamp(Math.round(v), 0, max);
                    }
                }
            }
        }
    }

    private void interpolate(ReferenceLists refs, int l, int refIdx, int mv, int comp, int bx, int by, int bw,
                             int bh, int bitDepth, short[] out, int[][] lumaTaps) {
        Picture ref = refs.get(l, refIdx).picture();
        if (comp == 0) {
            filter.predictLuma(ref.plane(0), bx, by, Mv.x(mv), Mv.y(mv), bw, bh, bitDepth, out, 0, bw, lumaTaps);
        } else {
            filter.predictChroma(ref.plane(comp), bx, by, Mv.x(mv), Mv.y(mv), bw, bh, bitDepth, out, 0, bw);
        }
    }
}
