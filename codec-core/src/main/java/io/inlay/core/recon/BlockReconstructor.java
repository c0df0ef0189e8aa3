package io.inlay.core.recon;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.intra.CrossComponentPredictor;
import io.inlay.core.intra.IntraModes;
import io.inlay.core.intra.IntraPredictor;
import io.inlay.core.intra.IntraReference;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.intra.NeighbourAvailability;
import io.inlay.core.kernels.InverseTransformKernel;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.neural.LearnedIntraExecutor;
import io.inlay.core.quant.Dequantiser;
import io.inlay.core.transform.InverseTransform;
import io.inlay.core.transform.TransformType;

/**
 * Reconstruction of one transform block, the single implementation used by the encoder's
 * search and by the decoder (docs/bitstream/decoding-process.md): intra prediction from the
 * reconstructed neighbours, scaling of the levels, inverse transform, and
 * {@code recSamples = Clip1(predSamples + resSamples)}.
 *
 * <p>Block coordinates are in samples of the component's plane. One instance per thread.
 */
public final class BlockReconstructor implements NeighbourAvailability {
    private final FrameMaps maps;
    private final Picture recon;
    private final int bitDepth;
    private final IntraReference reference = new IntraReference();
    private final IntraPredictor predictor;
    private final CrossComponentPredictor crossComponent = new CrossComponentPredictor();
    /** The sequence's learned intra model, or null when TOOL_LEARNED_INTRA is off. */
    private LearnedIntraModel learnedModel;
    /** Its executor (docs/learned-intra.md, "Execution"). */
    private LearnedIntraExecutor learnedExecutor;
    /** Executor input: the block's n top then n left reference samples, repeated per mode. */
    private final int[] learnedRefs = new int[IntraModes.LEARNED_COUNT * 2 * 32];
    private final int[] learnedModes = new int[IntraModes.LEARNED_COUNT];
    private final InverseTransform inverse;
    /** Scaled coefficients; all zero between calls (only a block's box is written, then cleared). */
    private final int[] coeff = new int[32 * 32];
    private final int[] residual = new int[32 * 32];
    /** The residual of the last DC-only block (see {@link #residual}). */
    private int dcResidual;

    // Block whose neighbours are being asked for, in luma samples, and the component's shift.
    private int curX;
    private int curY;
    private int shift;

    /** A reconstructor writing into {@code recon}, whose geometry is the coded area of {@code maps}. */
    public BlockReconstructor(FrameMaps maps, Picture recon) {
        this(maps, recon, Kernels.get());
    }

    /** A reconstructor as above on the given kernels. */
    public BlockReconstructor(FrameMaps maps, Picture recon, Kernels kernels) {
        this.maps = maps;
        this.recon = recon;
        this.bitDepth = recon.bitDepth();
        this.inverse = new InverseTransform(kernels.inverseTransform());
        this.predictor = new IntraPredictor(true, kernels.intraAngular());
    }

    /**
     * Sets the learned intra model (null: the sequence does not use learned intra prediction) and
     * the executor that runs it (docs/learned-intra.md, "Execution"; the caller owns and closes it).
     */
    public void setLearnedIntraModel(LearnedIntraModel model, LearnedIntraExecutor executor) {
        assert (model == null) == (executor == null);
        learnedModel = model;
        learnedExecutor = executor;
    }

    /**
     * Predicts the luma block prepared by {@link #prepareIntra} with all {@link IntraModes#LEARNED_COUNT}
     * learned modes in one executor call: mode k's n*n samples go to {@code pred[k * n * n ...]}.
     */
    public void predictLearnedModes(int log2Size, int[] pred) {
        assert learnedModel != null : "no learned intra model";
        int count = IntraModes.LEARNED_COUNT;
        int n = 1 << log2Size;
        for (int k = 0; k < count; k++) {
            learnedRefs(n, k * 2 * n);
            learnedModes[k] = k;
        }
        learnedExecutor.predict(log2Size, count, learnedRefs, learnedModes, pred);
    }

    /** Copies the prepared block's §4.8 input (n top, then n left unfiltered references) to {@code out}. */
    public void learnedReferences(int log2Size, int[] out) {
        int n = 1 << log2Size;
        System.arraycopy(reference.top(), 1, out, 0, n);
        System.arraycopy(reference.left(), 1, out, n, n);
    }

    // §4.8: the executor's input, p[0..n-1][-1] then p[-1][0..n-1], unfiltered
    private void learnedRefs(int n, int at) {
        System.arraycopy(reference.top(), 1, learnedRefs, at, n);
        System.arraycopy(reference.left(), 1, learnedRefs, at + n, n);
    }

    /** The picture being reconstructed. */
    public Picture picture() {
        return recon;
    }

    /**
     * Gathers and substitutes the reference samples of the block at (x, y) of component
     * {@code comp}; afterwards {@link #predict} may be called for any number of modes.
     */
    public void prepareIntra(int comp, int x, int y, int log2Size) {
        shift = comp == 0 ? 0 : 1;
        curX = x << shift;
        curY = y << shift;
        reference.build(recon.plane(comp), x, y, log2Size, comp == 0 ? 4 : 2, bitDepth, this);
    }

    /**
     * Predicts the block prepared by {@link #prepareIntra} with {@code mode} into {@code pred}
     * (n*n, row-major). Chroma mode {@link IntraModes#CCLM} predicts from the reconstructed luma,
     * which must already hold the co-located block.
     */
    public void predict(int comp, int log2Size, int mode, int[] pred) {
        if (mode == IntraModes.CCLM) {
            assert comp != 0 : "CCLM is a chroma mode";
            int cx = curX >> shift;
            int cy = curY >> shift;
            crossComponent.predict(recon.plane(0), recon.plane(comp), cx, cy, log2Size,
                    isAvailable(cx, cy - 1), isAvailable(cx - 1, cy), bitDepth, pred);
            return;
        }
        if (IntraModes.isLearned(mode)) {
            assert comp == 0 && learnedModel != null : "learned intra mode without a model, or for chroma";
            learnedRefs(1 << log2Size, 0);
            learnedModes[0] = mode - IntraModes.LEARNED_FIRST;
            learnedExecutor.predict(log2Size, 1, learnedRefs, learnedModes, pred);
            return;
        }
        predictor.predict(reference, mode, log2Size, comp == 0, bitDepth, pred);
    }

    @Override
    public boolean isAvailable(int x, int y) {
        return maps.available(curX, curY, x << shift, y << shift);
    }

    /** Luma 4x4 intra blocks use DST-VII; everything else DCT-II. */
    public static TransformType transformType(int comp, int log2Size) {
        return comp == 0 && log2Size == 2 ? TransformType.DST7 : TransformType.DCT2;
    }

    /**
     * Writes {@code Clip1(pred + residual)} for the block at (x, y): the residual comes from
     * scaling and inverse-transforming the levels (row-major with {@code lvStride} at
     * {@code lvOff}); when {@code coded} is false the residual is zero.
     *
     * @param qp QP of the block (QpY for luma, QpC for chroma), 0..51
     */
    public void reconstruct(int comp, int x, int y, int log2Size, int[] pred, boolean coded,
                            int[] lv, int lvOff, int lvStride, int qp) {
        int box = coded ? levelBox(lv, lvOff, lvStride, 1 << log2Size) : -1;
        reconstruct(comp, x, y, log2Size, pred, lv, lvOff, lvStride, box, qp);
    }

    /**
     * As {@link #reconstruct(int, int, int, int, int[], boolean, int[], int, int, int)} with the
     * bounding box of the nonzero levels given instead of {@code coded}: packed as
     * {@code (maxY << 8) | maxX}, every nonzero level inside it, or -1 when there is none (the
     * levels are then not read). The parser records such boxes ({@code CtuCoefficients.box}).
     */
    public void reconstruct(int comp, int x, int y, int log2Size, int[] pred, int[] lv, int lvOff, int lvStride,
                            int box, int qp) {
        int n = 1 << log2Size;
        Plane p = recon.plane(comp);
        short[] s = p.samples();
        int stride = p.stride();
        int base = p.index(x, y);
        if (box < 0) {
            for (int j = 0; j < n; j++) {
                int o = base + j * stride;
                for (int i = 0; i < n; i++) {
                    s[o + i] = (short) pred[j * n + i];
                }
            }
            return;
        }
        int max = (1 << bitDepth) - 1;
        if (residual(comp, log2Size, lv, lvOff, lvStride, box, qp)) {
            for (int j = 0; j < n; j++) {
                int o = base + j * stride;
                for (int i = 0; i < n; i++) {
                    int v = pred[j * n + i] + residual[j * n + i];
                    s[o + i] = (short) (v < 0 ? 0 : v > max ? max : v);
                }
            }
        } else {
            int dc = dcResidual;
            for (int j = 0; j < n; j++) {
                int o = base + j * stride;
                for (int i = 0; i < n; i++) {
                    int v = pred[j * n + i] + dc;
                    s[o + i] = (short) (v < 0 ? 0 : v > max ? max : v);
                }
            }
        }
    }

    /**
     * Adds the residual of the levels (box as in {@link #reconstruct(int, int, int, int, int[], int[],
     * int, int, int, int)}, not -1) to the prediction already in the picture at (x, y), clipping to
     * the sample range: the reconstruction of an inter transform block whose CU was motion
     * compensated straight into the picture.
     */
    public void addResidual(int comp, int x, int y, int log2Size, int[] lv, int lvOff, int lvStride, int box, int qp) {
        assert box >= 0 : "no residual to add";
        int n = 1 << log2Size;
        Plane p = recon.plane(comp);
        short[] s = p.samples();
        int stride = p.stride();
        int base = p.index(x, y);
        int max = (1 << bitDepth) - 1;
        if (residual(comp, log2Size, lv, lvOff, lvStride, box, qp)) {
            for (int j = 0; j < n; j++) {
                int o = base + j * stride;
                for (int i = 0; i < n; i++) {
                    int v = s[o + i] + residual[j * n + i];
                    s[o + i] = (short) (v < 0 ? 0 : v > max ? max : v);
                }
            }
        } else {
            int dc = dcResidual;
            if (dc == 0) {
                return;
            }
            for (int j = 0; j < n; j++) {
                int o = base + j * stride;
                for (int i = 0; i < n; i++) {
                    int v = s[o + i] + dc;
                    s[o + i] = (short) (v < 0 ? 0 : v > max ? max : v);
                }
            }
        }
    }

    /**
     * Scales the levels inside {@code box} and inverse-transforms them. Returns true with the
     * n x n residual in {@link #residual}, or false for a DC-only DCT block, whose residual is the
     * single value {@link #dcResidual} (the closed form of {@link InverseTransformKernel#dcResidual}).
     * {@link #coeff} is all zero before and after (only the box is written, then cleared).
     */
    private boolean residual(int comp, int log2Size, int[] lv, int lvOff, int lvStride, int box, int qp) {
        int n = 1 << log2Size;
        int rows = (box >> 8) + 1;
        int cols = (box & 0xFF) + 1;
        assert rows <= n && cols <= n : "box " + Integer.toHexString(box) + " outside " + n + "x" + n;
        Dequantiser.dequantise(lv, lvOff, lvStride, coeff, n, rows, cols, qp, log2Size, bitDepth);
        TransformType type = transformType(comp, log2Size);
        if (box == 0 && type == TransformType.DCT2) {
            dcResidual = InverseTransformKernel.dcResidual(coeff[0], bitDepth);
            coeff[0] = 0;
            return false;
        }
        inverse.inverse(coeff, residual, log2Size, type, bitDepth, box);
        for (int j = 0; j < rows; j++) {
            java.util.Arrays.fill(coeff, j * n, j * n + cols, 0);
        }
        return true;
    }

    /** The bounding box of the nonzero levels of an n x n block, as {@link InverseTransformKernel#nonzeroBox}. */
    private static int levelBox(int[] lv, int lvOff, int lvStride, int n) {
        int maxRow = -1;
        int maxCol = -1;
        for (int j = 0; j < n; j++) {
            int o = lvOff + j * lvStride;
            for (int i = n - 1; i > maxCol; i--) {
                if (lv[o + i] != 0) {
                    maxRow = j;
                    maxCol = i;
                    break;
                }
            }
            if (maxRow < j) {
                for (int i = maxCol; i >= 0; i--) {
                    if (lv[o + i] != 0) {
                        maxRow = j;
                        break;
                    }
                }
            }
        }
        return maxRow < 0 ? -1 : maxRow << 8 | maxCol;
    }
}
