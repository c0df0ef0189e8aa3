package io.inlay.core.loopfilter;

import io.inlay.core.ChromaFormat;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.kernels.DeblockingFilter;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.quant.QpMapping;
import io.inlay.core.threads.Workers;

/**
 * Deblocking filter of H.265 §8.7.2 for 4:2:0 pictures, shared by encoder and decoder.
 *
 * <p>Order: every vertical edge of the picture (luma, Cb, Cr) is filtered first, with the
 * reconstructed picture as input; then every horizontal edge, with the output of the vertical
 * pass as input. Luma edges lie on the 8x8 luma grid, chroma edges on the 8x8 chroma grid
 * (every 16 luma samples), so within one pass no filtered edge reads a sample another edge of
 * that pass writes (luma reads 4 and writes at most 3 samples per side, chroma reads 2 and
 * writes 1): the result does not depend on the order of edges within a pass.
 *
 * <p>Segments: an edge is processed in segments of 4 luma lines (one {@link DeblockingMap}
 * unit), each with its own bS and QPs; the corresponding chroma segment is 2 chroma lines and
 * is filtered only when bS == 2. Edges on the picture border are never filtered. For pictures
 * whose size is not a multiple of 8 (or 16), a segment is filtered only when every sample its
 * filter reads lies inside the visible picture: for luma the 4 lines and the 4 samples on the
 * q side, for chroma the 2 lines and the 2 samples on the q side; other segments stay as they
 * are.
 *
 * <p>The decisions and the filtering of a segment are the {@link DeblockingFilter} kernel; this
 * class walks the edges and derives bS, QPs, β and tC, and hands the kernel whole runs of
 * segments (a vertical edge down one band, a horizontal edge across the picture) with β and tC
 * per segment. Allocation: four small per-segment arrays per band and pass; instances hold no
 * state and may be shared.
 */
public final class Deblocker {
    /** β' for Q = 0..51 (H.265 Table 8-12). */
    private static final int[] BETA_TABLE = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24,
        26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64,
    };

    /** tC' for Q = 0..53 (H.265 Table 8-12). */
    private static final int[] TC_TABLE = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3,
        3, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 13, 14, 16, 18, 20, 22, 24,
    };

    /** Range of slice_beta_offset_div2 and slice_tc_offset_div2. */
    private static final int MAX_OFFSET_DIV2 = 6;

    private final DeblockingFilter filter;

    /** A deblocker on the process-wide kernels ({@link Kernels#get()}). */
    public Deblocker() {
        this(Kernels.get().deblockingFilter());
    }

    /** A deblocker on the given segment filter kernel. */
    public Deblocker(DeblockingFilter filter) {
        this.filter = filter;
    }

    /** Deblocks {@code pic} in place with chroma QP offsets of 0. */
    public void filter(Picture pic, DeblockingMap map, int betaOffsetDiv2, int tcOffsetDiv2) {
        filter(pic, map, betaOffsetDiv2, tcOffsetDiv2, 0, 0);
    }

    /**
     * Deblocks {@code pic} in place.
     *
     * @param map            boundary strengths and luma QPs, sized for the picture
     * @param betaOffsetDiv2 slice_beta_offset_div2, -6..6
     * @param tcOffsetDiv2   slice_tc_offset_div2, -6..6
     * @param cbQpOffset     cQpPicOffset for Cb (the chroma QP offset of the picture), -12..12
     * @param crQpOffset     cQpPicOffset for Cr, -12..12
     */
    public void filter(Picture pic, DeblockingMap map, int betaOffsetDiv2, int tcOffsetDiv2,
                       int cbQpOffset, int crQpOffset) {
        filter(pic, map, betaOffsetDiv2, tcOffsetDiv2, cbQpOffset, crQpOffset, Workers.SERIAL);
    }

    /**
     * Deblocks {@code pic} in place, each pass split over bands of CTU rows run on {@code workers}
     * (docs/threading.md). The result equals the serial one: a vertical edge segment reads and
     * writes only its own 4 lines, and a horizontal edge at luma row y reads rows y-4..y+3 and
     * writes y-3..y+2 (chroma: y-2..y+1 and y-1..y), so bands whose edges start at multiples of 16
     * luma rows touch disjoint rows; the horizontal pass starts when the vertical one has finished
     * everywhere (H.265 §8.7.2: all vertical edges of the picture first).
     */
    public void filter(Picture pic, DeblockingMap map, int betaOffsetDiv2, int tcOffsetDiv2,
                       int cbQpOffset, int crQpOffset, Workers workers) {
        if (map.lumaWidth() != pic.width() || map.lumaHeight() != pic.height()) {
            throw new IllegalArgumentException("deblocking map " + map.lumaWidth() + "x" + map.lumaHeight()
                    + " does not match picture " + pic.width() + "x" + pic.height());
        }
        if (pic.chromaFormat() != ChromaFormat.YUV420) {
            throw new IllegalArgumentException("deblocking supports 4:2:0 only: " + pic.chromaFormat());
        }
        if (Math.abs(betaOffsetDiv2) > MAX_OFFSET_DIV2 || Math.abs(tcOffsetDiv2) > MAX_OFFSET_DIV2) {
            throw new IllegalArgumentException("deblocking offsets out of -6..6: " + betaOffsetDiv2 + ", " + tcOffsetDiv2);
        }
        if (Math.abs(cbQpOffset) > 12 || Math.abs(crQpOffset) > 12) {
            throw new IllegalArgumentException("chroma QP offsets out of -12..12: " + cbQpOffset + ", " + crQpOffset);
        }
        int unitsY = map.heightInUnits();
        // bands of whole 16-row groups (4 units), as even as possible
        int groups = (unitsY + BAND_UNITS - 1) / BAND_UNITS;
        int parts = Math.max(1, Math.min(workers.parallelism(), groups));
        for (boolean vertical : new boolean[] {true, false}) {
            workers.run(parts, i -> filterEdges(pic, map, vertical, betaOffsetDiv2, tcOffsetDiv2,
                    cbQpOffset, crQpOffset, (int) ((long) groups * i / parts) * BAND_UNITS,
                    Math.min(unitsY, (int) ((long) groups * (i + 1) / parts) * BAND_UNITS)));
        }
    }

    /** Rows of 4x4 units in the smallest band: 16 luma rows, a multiple of the chroma edge spacing. */
    private static final int BAND_UNITS = 4;

    /**
     * One pass over the vertical ({@code vertical == true}) or horizontal edges whose segments
     * start in the 4x4-unit rows {@code y4From..y4To-1}. Each edge is handed to the kernel as runs
     * of consecutive segments (a vertical edge: the band's segments down one column; a horizontal
     * edge: the segments across the picture) with β and tC per segment, 0 where a segment is not
     * filtered (bS 0, or β or tC 0).
     */
    private void filterEdges(Picture pic, DeblockingMap map, boolean vertical, int betaOffsetDiv2,
                             int tcOffsetDiv2, int cbQpOffset, int crQpOffset, int y4From, int y4To) {
        Plane luma = pic.plane(0);
        Plane cb = pic.plane(1);
        Plane cr = pic.plane(2);
        int w = luma.width();
        int h = luma.height();
        int cw = cb.width();
        int ch = cb.height();
        int unitsX = map.widthInUnits();
        int bitDepth = pic.bitDepth();
        int maxValue = (1 << bitDepth) - 1;
        int lumaStride = luma.stride();
        int chromaStride = cb.stride();
        EdgeRun run = new EdgeRun(Math.max(unitsX, y4To - y4From));

        if (vertical) {
            // Segments must have their 4 lines (2 chroma lines) inside the picture.
            int lumaEnd = Math.min(y4To, h >> 2);
            int chromaEnd = Math.min(y4To, ch >> 1);
            for (int x4 = 2; x4 < unitsX; x4 += 2) {
                int x = x4 << 2;
                // q side extent across the edge must be inside: 4 luma samples, 2 chroma samples.
                if (x + 4 <= w && lumaEnd > y4From) {
                    boolean any = false;
                    for (int y4 = y4From; y4 < lumaEnd; y4++) {
                        any |= run.luma(y4 - y4From, map.verticalEdgeBs(x4, y4), map.qp(x4 - 1, y4),
                                map.qp(x4, y4), betaOffsetDiv2, tcOffsetDiv2, bitDepth);
                    }
                    if (any) {
                        filter.lumaEdge(luma.samples(), luma.index(x, y4From << 2), 1, lumaStride,
                                lumaEnd - y4From, run.beta, run.tc, maxValue);
                    }
                }
                int cx = x >> 1;
                if ((x4 & 3) == 0 && cx + 2 <= cw && chromaEnd > y4From) {
                    boolean any = false;
                    for (int y4 = y4From; y4 < chromaEnd; y4++) {
                        any |= run.chroma(y4 - y4From, map.verticalEdgeBs(x4, y4), map.qp(x4 - 1, y4),
                                map.qp(x4, y4), cbQpOffset, crQpOffset, tcOffsetDiv2, bitDepth);
                    }
                    if (any) {
                        int cy = y4From << 1;
                        filter.chromaEdge(cb.samples(), cb.index(cx, cy), 1, chromaStride, chromaEnd - y4From,
                                run.tcCb, maxValue);
                        filter.chromaEdge(cr.samples(), cr.index(cx, cy), 1, chromaStride, chromaEnd - y4From,
                                run.tcCr, maxValue);
                    }
                }
            }
            return;
        }
        int lumaSegments = Math.min(unitsX, w >> 2);
        int chromaSegments = Math.min(unitsX, cw >> 1);
        // horizontal edges lie on the 8x8 grid and never at the picture's top
        for (int y4 = Math.max(2, (y4From + 1) & ~1); y4 < y4To; y4 += 2) {
            int y = y4 << 2;
            if (y + 4 <= h && lumaSegments > 0) {
                boolean any = false;
                for (int x4 = 0; x4 < lumaSegments; x4++) {
                    any |= run.luma(x4, map.horizontalEdgeBs(x4, y4), map.qp(x4, y4 - 1), map.qp(x4, y4),
                            betaOffsetDiv2, tcOffsetDiv2, bitDepth);
                }
                if (any) {
                    filter.lumaEdge(luma.samples(), luma.index(0, y), lumaStride, 1, lumaSegments, run.beta,
                            run.tc, maxValue);
                }
            }
            int cy = y >> 1;
            if ((y4 & 3) == 0 && cy + 2 <= ch && chromaSegments > 0) {
                boolean any = false;
                for (int x4 = 0; x4 < chromaSegments; x4++) {
                    any |= run.chroma(x4, map.horizontalEdgeBs(x4, y4), map.qp(x4, y4 - 1), map.qp(x4, y4),
                            cbQpOffset, crQpOffset, tcOffsetDiv2, bitDepth);
                }
                if (any) {
                    filter.chromaEdge(cb.samples(), cb.index(0, cy), chromaStride, 1, chromaSegments, run.tcCb,
                            maxValue);
                    filter.chromaEdge(cr.samples(), cr.index(0, cy), chromaStride, 1, chromaSegments, run.tcCr,
                            maxValue);
                }
            }
        }
    }

    /** β and tC per segment of one edge run (one per band and pass, reused for every run). */
    private static final class EdgeRun {
        final int[] beta;
        final int[] tc;
        final int[] tcCb;
        final int[] tcCr;

        EdgeRun(int segments) {
            beta = new int[segments];
            tc = new int[segments];
            tcCb = new int[segments];
            tcCr = new int[segments];
        }

        /**
         * Luma segment {@code j}: β and tC of §8.7.2.5.3 (Table 8-12, scaled by
         * {@code 1 << (bitDepth - 8)}), both 0 when bS is 0 or either is 0; true when it is filtered.
         */
        boolean luma(int j, int bs, int qpP, int qpQ, int betaOffsetDiv2, int tcOffsetDiv2, int bitDepth) {
            int b = 0;
            int t = 0;
            if (bs != 0) {
                int qPL = (qpQ + qpP + 1) >> 1;
                int scale = bitDepth - 8;
                b = BETA_TABLE[clip3(0, 51, qPL + (betaOffsetDiv2 << 1))] << scale;
                t = TC_TABLE[clip3(0, 53, qPL + 2 * (bs - 1) + (tcOffsetDiv2 << 1))] << scale;
                if (b == 0 || t == 0) {
                    b = 0;
                    t = 0;
                }
            }
            beta[j] = b;
            tc[j] = t;
            return t != 0;
        }

        /**
         * Chroma segment {@code j} (filtered only when bS == 2), H.265 §8.7.2.5.5: tC from
         * Q = Clip3(0, 53, QpC + 2 + (slice_tc_offset_div2 << 1)) for Cb and Cr; true when either
         * is nonzero.
         */
        boolean chroma(int j, int bs, int qpP, int qpQ, int cbQpOffset, int crQpOffset, int tcOffsetDiv2,
                       int bitDepth) {
            int cbTc = 0;
            int crTc = 0;
            if (bs == 2) {
                int qpAvg = (qpQ + qpP + 1) >> 1;
                cbTc = chromaTc(QpMapping.chromaQp(qpAvg, cbQpOffset), tcOffsetDiv2, bitDepth);
                crTc = chromaTc(QpMapping.chromaQp(qpAvg, crQpOffset), tcOffsetDiv2, bitDepth);
            }
            tcCb[j] = cbTc;
            tcCr[j] = crTc;
            return cbTc != 0 || crTc != 0;
        }

        private static int chromaTc(int qpC, int tcOffsetDiv2, int bitDepth) {
            return TC_TABLE[clip3(0, 53, qpC + 2 + (tcOffsetDiv2 << 1))] << (bitDepth - 8);
        }
    }

    private static int clip3(int lo, int hi, int v) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
