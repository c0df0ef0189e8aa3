package io.inlay.core.decoder;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.inter.InterPredictor;
import io.inlay.core.inter.LearnedInterBatch;
import io.inlay.core.inter.Motion;
import io.inlay.core.quant.QpMapping;
import io.inlay.core.recon.BlockReconstructor;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.syntax.CtuCoefficients;

/**
 * Reconstructs a parsed CTU: walks its CUs in z-scan order and each CU's transform blocks in
 * coding order (luma blocks, then Cb, then Cr per transform unit), predicting and adding the
 * residual with the shared {@link BlockReconstructor}; inter CUs are motion compensated as a whole,
 * straight into the picture, and their coded transform blocks add the residual there. Which blocks
 * are coded, and the bounding box of their levels, come from the parser's records in
 * {@link CtuCoefficients} (the levels of other blocks are stale and never read).
 */
final class CtuReconstruction {
    private final FrameMaps maps;
    private final CtuCoefficients co;
    private final BlockReconstructor rec;
    private final Picture picture;
    private final int[] pred = new int[32 * 32];
    private final InterPredictor inter = new InterPredictor();
    private final Motion motion = new Motion();
    private final int chromaQpOffset;
    private int ctuX;
    private int ctuY;

    CtuReconstruction(FrameMaps maps, CtuCoefficients co, BlockReconstructor rec, int chromaQpOffset) {
        this.chromaQpOffset = chromaQpOffset;
        this.maps = maps;
        this.co = co;
        this.rec = rec;
        this.picture = rec.picture();
    }

    /**
     * The learned-filter luma blocks of the CTU (docs/bitstream/decoding-process.md §10.1), predicted
     * in one executor call per block size before the CTU is reconstructed; null when the sequence
     * does not use learned inter interpolation.
     */
    private LearnedInterBatch lifBatch;
    /** The next learned-filter CU's first batch entry, in z-scan order. */
    private int lifNext;

    /** Switches the bi-prediction refinement of decoding-process.md §13.1 (the sequence's TOOL_BI_FLOW). */
    void setBiFlow(boolean on) {
        inter.setBiFlow(on);
    }

    void setLearnedInter(LearnedInterBatch batch) {
        lifBatch = batch;
    }

    void reconstructCtu(int x, int y) {
        ctuX = x;
        ctuY = y;
        if (lifBatch != null && maps.refs().isInter()) {
            lifBatch.clear();
            walk(x, y, FrameMaps.CTU_LOG2, true);
            lifBatch.run();
            lifNext = 0;
        }
        walk(x, y, FrameMaps.CTU_LOG2, false);
    }

    /**
     * Visits the CUs of the quadtree at (x, y) in z-scan order: reconstructs each, or with
     * {@code gather} adds the luma of those with {@code lif_idx} > 0 to the batch.
     */
    private void walk(int x, int y, int log2Size, boolean gather) {
        if (x >= maps.width() || y >= maps.height()) {
            return;
        }
        if (maps.cuLog2(x, y) < log2Size) {
            int half = 1 << (log2Size - 1);
            for (int q = 0; q < 4; q++) {
                walk(x + (q & 1) * half, y + (q >> 1) * half, log2Size - 1, gather);
            }
        } else if (!gather) {
            codingUnit(x, y, log2Size);
        } else if (maps.isInter(x, y) && maps.lifIdx(x, y) > 0) {
            maps.motion().get(x, y, motion);
            lifBatch.addCu(maps.refs(), motion, x, y, 1 << log2Size, maps.lifIdx(x, y) - 1);
        }
    }

    private void codingUnit(int x, int y, int log2Size) {
        int qpY = maps.qp(x, y);
        int qpC = QpMapping.chromaQp(qpY, chromaQpOffset);
        if (maps.isInter(x, y)) {
            interCodingUnit(x, y, log2Size, qpY, qpC);
            return;
        }
        int chromaMode = maps.chromaMode(x, y);
        if (log2Size == 6) {
            for (int q = 0; q < 4; q++) {
                int tx = x + (q & 1) * 32;
                int ty = y + (q >> 1) * 32;
                block(0, tx, ty, 5, maps.lumaMode(x, y), qpY);
                block(1, tx >> 1, ty >> 1, 4, chromaMode, qpC);
                block(2, tx >> 1, ty >> 1, 4, chromaMode, qpC);
            }
        } else if (maps.partNxN(x, y)) {
            int half = 1 << (log2Size - 1);
            for (int i = 0; i < 4; i++) {
                int px = x + (i & 1) * half;
                int py = y + (i >> 1) * half;
                block(0, px, py, log2Size - 1, maps.lumaMode(px, py), qpY);
            }
            block(1, x >> 1, y >> 1, log2Size - 1, chromaMode, qpC);
            block(2, x >> 1, y >> 1, log2Size - 1, chromaMode, qpC);
        } else {
            block(0, x, y, log2Size, maps.lumaMode(x, y), qpY);
            block(1, x >> 1, y >> 1, log2Size - 1, chromaMode, qpC);
            block(2, x >> 1, y >> 1, log2Size - 1, chromaMode, qpC);
        }
    }

    private void block(int comp, int x, int y, int log2Size, int mode, int qp) {
        int shift = comp == 0 ? 0 : 1;
        int lx = x - (ctuX >> shift);
        int ly = y - (ctuY >> shift);
        rec.prepareIntra(comp, x, y, log2Size);
        rec.predict(comp, log2Size, mode, pred);
        rec.reconstruct(comp, x, y, log2Size, pred, co.levels(comp), CtuCoefficients.offset(comp, lx, ly),
                CtuCoefficients.stride(comp), co.box(comp, lx, ly), qp);
    }

    /**
     * Motion compensates the whole CU straight into the picture, then adds the residual of each
     * coded transform block in place.
     */
    private void interCodingUnit(int x, int y, int log2Size, int qpY, int qpC) {
        int size = 1 << log2Size;
        maps.motion().get(x, y, motion);
        int lif = maps.lifIdx(x, y);
        for (int c = 0; c < 3; c++) {
            Plane p = picture.plane(c);
            int shift = c == 0 ? 0 : 1;
            if (c == 0 && lif > 0) {
                inter.lumaFromBatch(maps.refs(), motion, lifBatch, lifNext, size, size, picture.bitDepth(), p.samples(),
                        p.index(x, y), p.stride());
                lifNext += motion.isBi() ? 2 : 1;
            } else {
                inter.predict(maps.refs(), motion, c, x, y, size, size, p.samples(), p.index(x >> shift, y >> shift),
                        p.stride());
            }
        }
        int tbLog2 = Math.min(log2Size, 5);
        int tb = 1 << tbLog2;
        for (int ty = 0; ty < size; ty += tb) {
            for (int tx = 0; tx < size; tx += tb) {
                interBlock(0, x + tx, y + ty, tbLog2, qpY);
                interBlock(1, (x + tx) >> 1, (y + ty) >> 1, tbLog2 - 1, qpC);
                interBlock(2, (x + tx) >> 1, (y + ty) >> 1, tbLog2 - 1, qpC);
            }
        }
    }

    /** Adds the residual of one transform block, if coded, to the prediction in the picture. */
    private void interBlock(int comp, int x, int y, int log2Size, int qp) {
        int shift = comp == 0 ? 0 : 1;
        int lx = x - (ctuX >> shift);
        int ly = y - (ctuY >> shift);
        int box = co.box(comp, lx, ly);
        if (box != CtuCoefficients.NOT_CODED) {
            rec.addResidual(comp, x, y, log2Size, co.levels(comp), CtuCoefficients.offset(comp, lx, ly),
                    CtuCoefficients.stride(comp), box, qp);
        }
    }
}
