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
 * class walks the edges and derives bS, QPs, β and tC. No allocation per call; instances hold no
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
     * start in the 4x4-unit rows {@code y4From..y4To-1}.
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
        // Across the edge / along the edge steps in the sample arrays.
        int lumaAcross = vertical ? 1 : lumaStride;
        int lumaAlong = vertical ? lumaStride : 1;
        int chromaAcross = vertical ? 1 : chromaStride;
        int chromaAlong = vertical ? chromaStride : 1;

        // horizontal edges lie on the 8x8 grid and never at the picture's top
        int first = vertical ? y4From : Math.max(2, (y4From + 1) & ~1);
        for (int y4 = first; y4 < y4To; y4 += vertical ? 1 : 2) {
            for (int x4 = vertical ? 2 : 0; x4 < unitsX; x4 += vertical ? 2 : 1) {
                int bs = vertical ? map.verticalEdgeBs(x4, y4) : map.horizontalEdgeBs(x4, y4);
                if (bs == 0) {
                    continue;
                }
                int qpQ = map.qp(x4, y4);
                int qpP = vertical ? map.qp(x4 - 1, y4) : map.qp(x4, y4 - 1);
                int x = x4 << 2;
                int y = y4 << 2;
                // q side extent across the edge and the segment's extent along it must be inside.
                if (x + 4 <= w && y + 4 <= h) {
                    filterLumaSegment(luma.samples(), luma.index(x, y), lumaAcross, lumaAlong,
                            bs, qpP, qpQ, betaOffsetDiv2, tcOffsetDiv2, bitDepth, maxValue);
                }
                int edgeCoord = vertical ? x4 : y4;
                if (bs == 2 && (edgeCoord & 3) == 0) {
                    int cx = x >> 1;
                    int cy = y >> 1;
                    // 2 lines along the edge and q0, q1 across it (the same test both ways).
                    if (cx + 2 <= cw && cy + 2 <= ch) {
                        int qpAvg = (qpQ + qpP + 1) >> 1;
                        filterChromaSegment(cb.samples(), cb.index(cx, cy), chromaAcross, chromaAlong,
                                QpMapping.chromaQp(qpAvg, cbQpOffset), tcOffsetDiv2, bitDepth, maxValue);
                        filterChromaSegment(cr.samples(), cr.index(cx, cy), chromaAcross, chromaAlong,
                                QpMapping.chromaQp(qpAvg, crQpOffset), tcOffsetDiv2, bitDepth, maxValue);
                    }
                }
            }
        }
    }

    /**
     * Luma edge segment of 4 lines: β and tC of §8.7.2.5.3 (Table 8-12), then the kernel's
     * decisions and filtering. {@code q0} is the index of sample q0 of line 0; p_i of line k is at
     * {@code q0 + k * along - (i + 1) * across}, q_i at {@code q0 + k * along + i * across}.
     */
    void filterLumaSegment(short[] s, int q0, int across, int along, int bs, int qpP, int qpQ,
                           int betaOffsetDiv2, int tcOffsetDiv2, int bitDepth, int maxValue) {
        int qPL = (qpQ + qpP + 1) >> 1;
        int scale = bitDepth - 8;
        int beta = BETA_TABLE[clip3(0, 51, qPL + (betaOffsetDiv2 << 1))] << scale;
        int tc = TC_TABLE[clip3(0, 53, qPL + 2 * (bs - 1) + (tcOffsetDiv2 << 1))] << scale;
        if (beta == 0 || tc == 0) {
            return;                       // no decision can lead to a change
        }
        filter.lumaSegment(s, q0, across, along, beta, tc, maxValue);
    }

    /**
     * Chroma edge segment of 2 lines (bS == 2), H.265 §8.7.2.5.5: tC from
     * Q = Clip3(0, 53, QpC + 2 + (slice_tc_offset_div2 << 1)), one sample each side.
     */
    void filterChromaSegment(short[] s, int q0, int across, int along, int qpC, int tcOffsetDiv2,
                             int bitDepth, int maxValue) {
        int tc = TC_TABLE[clip3(0, 53, qpC + 2 + (tcOffsetDiv2 << 1))] << (bitDepth - 8);
        if (tc == 0) {
            return;
        }
        filter.chromaSegment(s, q0, across, along, tc, maxValue);
    }

    private static int clip3(int lo, int hi, int v) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
