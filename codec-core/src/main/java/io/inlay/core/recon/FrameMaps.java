package io.inlay.core.recon;

import io.inlay.core.intra.IntraModes;
import io.inlay.core.intra.LearnedIntraModel;
import java.util.Arrays;

/**
 * Per-frame coding information at 4x4 luma granularity, filled identically by the parser and by
 * the encoder's syntax writer: CU size, prediction mode (intra, inter, skip), intra partitioning,
 * luma and chroma intra modes, QP, coded luma blocks, the motion field, and the frame's reference
 * lists. Also answers the z-scan availability question of H.265 §6.4.1 for intra reference samples.
 *
 * <p>Coordinates are luma samples of the coded area (the picture rounded up to whole minimum CUs).
 */
public final class FrameMaps {
    /** Log2 of the CTU size. */
    public static final int CTU_LOG2 = 6;
    /** Log2 of the smallest luma CU. */
    public static final int MIN_CU_LOG2 = 3;

    private static final int UNITS_PER_CTU = 1 << (CTU_LOG2 - 2);
    /** Z-scan index of a 4x4 unit inside a CTU, by (uy * 16 + ux). */
    private static final short[] Z_ORDER = new short[UNITS_PER_CTU * UNITS_PER_CTU];

    static {
        for (int uy = 0; uy < UNITS_PER_CTU; uy++) {
            for (int ux = 0; ux < UNITS_PER_CTU; ux++) {
                int z = 0;
                for (int b = 0; b < CTU_LOG2 - 2; b++) {
                    z |= ((ux >> b) & 1) << (2 * b) | ((uy >> b) & 1) << (2 * b + 1);
                }
                Z_ORDER[uy * UNITS_PER_CTU + ux] = (short) z;
            }
        }
    }

    private final int width;
    private final int height;
    private final int unitsX;
    private final int unitsY;
    private final int ctusX;
    private final byte[] cuLog2;
    private final byte[] lumaMode;
    private final byte[] chromaMode;
    private final byte[] qp;
    private final byte[] partNxN;
    private final byte[] cuFlags;
    private final byte[] puSyntax;
    private final MotionField motion;
    private ReferenceLists refs;
    /** The sequence's learned intra model (derived modes of learned blocks), or null. */
    private LearnedIntraModel learnedIntra;

    private static final int FLAG_INTER = 1;
    private static final int FLAG_SKIP = 2;
    private static final int FLAG_CODED_LUMA = 4;

    /** Maps for a coded area of {@code width x height} luma samples (multiples of 8). */
    public FrameMaps(int width, int height) {
        this.width = width;
        this.height = height;
        this.unitsX = (width + 3) >> 2;
        this.unitsY = (height + 3) >> 2;
        this.ctusX = (width + (1 << CTU_LOG2) - 1) >> CTU_LOG2;
        int n = unitsX * unitsY;
        this.cuLog2 = new byte[n];
        this.lumaMode = new byte[n];
        this.chromaMode = new byte[n];
        this.qp = new byte[n];
        this.partNxN = new byte[n];
        this.cuFlags = new byte[n];
        this.puSyntax = new byte[n];
        this.motion = new MotionField(width, height);
        this.refs = ReferenceLists.intra(0);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Forgets everything (start of a frame). */
    public void clear() {
        Arrays.fill(cuLog2, (byte) 0);
        Arrays.fill(lumaMode, (byte) 0);
        Arrays.fill(chromaMode, (byte) 0);
        Arrays.fill(qp, (byte) 0);
        Arrays.fill(partNxN, (byte) 0);
        Arrays.fill(cuFlags, (byte) 0);
        Arrays.fill(puSyntax, (byte) 0);
        motion.clear();
    }

    /** Starts a frame with reference lists {@code refs}: forgets everything else. */
    public void startFrame(ReferenceLists refs) {
        clear();
        this.refs = refs;
    }

    /** The reference lists of the frame being coded. */
    public ReferenceLists refs() {
        return refs;
    }

    /** The frame's motion field. */
    public MotionField motion() {
        return motion;
    }

    /** Whether the CU covering (x, y) is inter predicted (skipped or not). */
    public boolean isInter(int x, int y) {
        return (cuFlags[unit(x, y)] & FLAG_INTER) != 0;
    }

    /** Whether the CU covering (x, y) is skipped ({@code cu_skip_flag}). */
    public boolean isSkip(int x, int y) {
        return (cuFlags[unit(x, y)] & FLAG_SKIP) != 0;
    }

    /** Whether the luma transform block covering (x, y) has coded coefficients. */
    public boolean codedLuma(int x, int y) {
        return (cuFlags[unit(x, y)] & FLAG_CODED_LUMA) != 0;
    }

    /** Sets the prediction mode of the CU at (x, y) of size {@code 1 << log2Size}; clears its coded-luma flags. */
    public void setPredMode(int x, int y, int log2Size, boolean inter, boolean skip) {
        int size = 1 << log2Size;
        fill(cuFlags, x, y, size, size, (inter ? FLAG_INTER : 0) | (skip ? FLAG_SKIP : 0));
    }

    /**
     * Records how the motion of the inter CU at (x, y) is coded: merged with candidate
     * {@code mergeIdx}, or (when {@code merge} is false) predicted from the motion vector
     * predictors {@code mvp0} and {@code mvp1} of the two lists.
     */
    public void setInterSyntax(int x, int y, int log2Size, boolean merge, int mergeIdx, int mvp0, int mvp1) {
        int size = 1 << log2Size;
        fill(puSyntax, x, y, size, size, (merge ? 8 : 0) | mergeIdx | mvp0 << 4 | mvp1 << 5);
    }

    /**
     * LifIdx of the inter CU at (x, y) (in the motion field, {@link MotionField#lif}): 0 for H.265's
     * luma interpolation filters, s for learned set s - 1; coded by {@code lif_idx} or inherited from
     * a merge candidate.
     */
    public int lifIdx(int x, int y) {
        return motion.lif(x, y);
    }

    /**
     * BcwIdx of the inter CU at (x, y) (in the motion field, {@link MotionField#bcw}): 0 for the average,
     * else the weight index of {@code BiWeights}; coded by {@code bcw_idx} or inherited from a merge candidate.
     */
    public int bcwIdx(int x, int y) {
        return motion.bcw(x, y);
    }

    /** Whether the inter CU at (x, y) is merged. */
    public boolean merge(int x, int y) {
        return (puSyntax[unit(x, y)] & 8) != 0;
    }

    /** merge_idx of the inter CU at (x, y). */
    public int mergeIdx(int x, int y) {
        return puSyntax[unit(x, y)] & 7;
    }

    /** mvp_lX_flag of list {@code l} of the inter CU at (x, y). */
    public int mvpIdx(int x, int y, int l) {
        return (puSyntax[unit(x, y)] >> (4 + l)) & 1;
    }

    /** Records that the luma transform block at (x, y) of size {@code n} has coded coefficients. */
    public void setCodedLuma(int x, int y, int n) {
        int x1 = Math.min(x + n, width) >> 2;
        int y1 = Math.min(y + n, height) >> 2;
        for (int uy = y >> 2; uy < y1; uy++) {
            for (int ux = x >> 2; ux < x1; ux++) {
                cuFlags[uy * unitsX + ux] |= FLAG_CODED_LUMA;
            }
        }
    }

    private int unit(int x, int y) {
        return (y >> 2) * unitsX + (x >> 2);
    }

    /** Log2 size of the CU covering luma sample (x, y). */
    public int cuLog2(int x, int y) {
        return cuLog2[unit(x, y)];
    }

    /** Luma intra mode at (x, y). */
    public int lumaMode(int x, int y) {
        return lumaMode[unit(x, y)];
    }

    /**
     * The luma mode at (x, y) as the most probable modes of later blocks and the chroma DM see it
     * (docs/bitstream/coding-tree.md §5.3): the mode itself for 0..34; for a learned mode the model's
     * derived mode of the block's class (4x4 for an NxN CU, else the CU's transform block size).
     */
    public int derivedLumaMode(int x, int y) {
        int u = unit(x, y);
        int mode = lumaMode[u];
        if (!IntraModes.isLearned(mode)) {
            return mode;
        }
        int c = partNxN[u] != 0 ? 0 : Math.min(cuLog2[u], 5) - 2;
        return learnedIntra.derivedMode(c, mode - IntraModes.LEARNED_FIRST);
    }

    /** Sets the sequence's learned intra model, whose derived modes {@link #derivedLumaMode} reads. */
    public void setLearnedIntraModel(LearnedIntraModel model) {
        this.learnedIntra = model;
    }

    /** Derived chroma intra mode of the CU covering (x, y). */
    public int chromaMode(int x, int y) {
        return chromaMode[unit(x, y)];
    }

    /** QpY of the CU covering (x, y). */
    public int qp(int x, int y) {
        return qp[unit(x, y)];
    }

    /** Whether the CU covering (x, y) is split into four intra prediction blocks (NxN). */
    public boolean partNxN(int x, int y) {
        return partNxN[unit(x, y)] != 0;
    }

    /** Sets the CU size and partitioning over the square at (x, y) of size {@code 1 << log2Size}. */
    public void setCu(int x, int y, int log2Size, boolean nxn) {
        fill(cuLog2, x, y, 1 << log2Size, 1 << log2Size, log2Size);
        fill(partNxN, x, y, 1 << log2Size, 1 << log2Size, nxn ? 1 : 0);
    }

    /** Sets the luma mode over a block. */
    public void setLumaMode(int x, int y, int size, int mode) {
        fill(lumaMode, x, y, size, size, mode);
    }

    /** Sets the derived chroma mode over a CU. */
    public void setChromaMode(int x, int y, int size, int mode) {
        fill(chromaMode, x, y, size, size, mode);
    }

    /** Sets QpY over a CU. */
    public void setQp(int x, int y, int size, int qpY) {
        fill(qp, x, y, size, size, qpY);
    }

    private void fill(byte[] a, int x, int y, int w, int h, int v) {
        int x1 = Math.min(x + w, width) >> 2;
        int y1 = Math.min(y + h, height) >> 2;
        for (int uy = y >> 2; uy < y1; uy++) {
            Arrays.fill(a, uy * unitsX + (x >> 2), uy * unitsX + x1, (byte) v);
        }
    }

    /**
     * Whether luma sample (xN, yN) precedes the block at (xCur, yCur) in decoding order, i.e. is
     * inside the coded area and either in an earlier CTU (raster order) or earlier in the z-scan
     * of the same CTU (H.265 §6.4.1).
     */
    public boolean available(int xCur, int yCur, int xN, int yN) {
        if (xN < 0 || yN < 0 || xN >= width || yN >= height) {
            return false;
        }
        int ctuCur = (yCur >> CTU_LOG2) * ctusX + (xCur >> CTU_LOG2);
        int ctuN = (yN >> CTU_LOG2) * ctusX + (xN >> CTU_LOG2);
        if (ctuN != ctuCur) {
            return ctuN < ctuCur;
        }
        int m = UNITS_PER_CTU - 1;
        int zCur = Z_ORDER[((yCur >> 2) & m) * UNITS_PER_CTU + ((xCur >> 2) & m)];
        int zN = Z_ORDER[((yN >> 2) & m) * UNITS_PER_CTU + ((xN >> 2) & m)];
        return zN < zCur;
    }
}
