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
    private final BiFlowRefinement biFlow;
    /** Whether the sequence sets {@code TOOL_BI_FLOW} (decoding-process.md §13.1). */
    private boolean biFlowEnabled;

    /** A predictor on the process-wide kernels ({@link Kernels#get()}). */
    public InterPredictor() {
        this(Kernels.get());
    }

    /** A predictor on the interpolation and averaging kernels of {@code kernels}. */
    public InterPredictor(Kernels kernels) {
        this.filter = new SubpelFilter(kernels.subpelInterpolation(), kernels.biAveraging());
        this.biFlow = new BiFlowRefinement(kernels.biFlowRefinement());
    }

    /**
     * Switches the bi-prediction optical-flow refinement of decoding-process.md §13.1 on or off (the
     * sequence's {@code TOOL_BI_FLOW}); off by default.
     */
    public void setBiFlow(boolean on) {
        biFlowEnabled = on;
    }

    /** Whether a bi-predicted CU with motion {@code m} in the picture of {@code refs} gets the refinement of §13.1. */
    public boolean biFlowApplies(ReferenceLists refs, Motion m) {
        return biFlowEnabled && m.isBi() && m.bcw == 0 && BiFlowRefinement.applies(refs.poc(), refs.refPoc(0, m.ref0), refs.refPoc(1, m.ref1));
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
            if (m.bcw != 0) {
                // §13.2: a weighted CU takes neither the average nor the refinement
                filter.weighted(tmp0, 0, bw, tmp1, 0, bw, bw, bh, bitDepth, BiWeights.weight(m.bcw), dst, dstOff,
                        dstStride);
                return;
            }
            if (comp == 0 && bw == bh && biFlowApplies(refs, m)) {
                biFlow.refine(tmp0, 0, bw, tmp1, 0, bw, bw, bitDepth, dst, dstOff, dstStride);
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
     * {@link #predict(ReferenceLists, Motion, int, int, int, int, int, short[], int, int, int[][])} does,
     * including the refinement of §13.1 when it applies ({@code refs}: the current picture's lists).
     */
    public void lumaFromBatch(ReferenceLists refs, Motion m, LearnedInterBatch batch, int entry, int w, int h,
                              int bitDepth, short[] dst, int dstOff, int dstStride) {
        if (m.isBi() && m.bcw != 0) {
            filter.weighted(batch.output(entry), batch.outputOffset(entry), w, batch.output(entry + 1),
                    batch.outputOffset(entry + 1), w, w, h, bitDepth, BiWeights.weight(m.bcw), dst, dstOff, dstStride);
        } else if (m.isBi() && w == h && biFlowApplies(refs, m)) {
            biFlow.refine(batch.output(entry), batch.outputOffset(entry), w, batch.output(entry + 1),
                    batch.outputOffset(entry + 1), w, w, bitDepth, dst, dstOff, dstStride);
        } else if (m.isBi()) {
            filter.average(batch.output(entry), batch.outputOffset(entry), w, batch.output(entry + 1),
                    batch.outputOffset(entry + 1), w, w, h, bitDepth, dst, dstOff, dstStride);
        } else {
            filter.single(batch.output(entry), batch.outputOffset(entry), w, w, h, bitDepth, dst, dstOff, dstStride);
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
