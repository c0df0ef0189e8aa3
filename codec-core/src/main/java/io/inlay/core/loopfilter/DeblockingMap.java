package io.inlay.core.loopfilter;

import java.util.Arrays;

/**
 * Per-4x4-luma-unit deblocking side information of one picture: the boundary strength of each
 * unit's left edge and top edge, and the luma QP of the unit. Encoder and decoder fill it the
 * same way while reconstructing; {@link Deblocker} reads it. Only edges on the 8x8 luma grid
 * are ever filtered (units with even x4 for vertical edges, even y4 for horizontal edges), and
 * never those on the picture border; strengths stored elsewhere are ignored.
 *
 * <p>Boundary strength: 0 = no filtering, 1 = inter edge, 2 = intra edge (the only strength at
 * which chroma is filtered).
 */
public final class DeblockingMap {
    private final int lumaWidth;
    private final int lumaHeight;
    private final int unitsX;
    private final int unitsY;
    private final byte[] verticalBs;
    private final byte[] horizontalBs;
    private final byte[] qp;

    /** A map for a picture of the given luma size: ceil(w/4) x ceil(h/4) units, all zero. */
    public DeblockingMap(int lumaWidth, int lumaHeight) {
        if (lumaWidth <= 0 || lumaHeight <= 0) {
            throw new IllegalArgumentException("bad picture size " + lumaWidth + "x" + lumaHeight);
        }
        this.lumaWidth = lumaWidth;
        this.lumaHeight = lumaHeight;
        this.unitsX = (lumaWidth + 3) >> 2;
        this.unitsY = (lumaHeight + 3) >> 2;
        int count = unitsX * unitsY;
        this.verticalBs = new byte[count];
        this.horizontalBs = new byte[count];
        this.qp = new byte[count];
    }

    public int lumaWidth() {
        return lumaWidth;
    }

    public int lumaHeight() {
        return lumaHeight;
    }

    /** Units per row, ceil(lumaWidth / 4). */
    public int widthInUnits() {
        return unitsX;
    }

    /** Unit rows, ceil(lumaHeight / 4). */
    public int heightInUnits() {
        return unitsY;
    }

    /** Sets the strength (0..2) of the left edge of unit (x4, y4). */
    public void setVerticalEdgeBs(int x4, int y4, int bs) {
        assert bs >= 0 && bs <= 2 : "bs " + bs;
        verticalBs[unit(x4, y4)] = (byte) bs;
    }

    /** Sets the strength (0..2) of the top edge of unit (x4, y4). */
    public void setHorizontalEdgeBs(int x4, int y4, int bs) {
        assert bs >= 0 && bs <= 2 : "bs " + bs;
        horizontalBs[unit(x4, y4)] = (byte) bs;
    }

    /** Sets the luma QP (0..51) of unit (x4, y4). */
    public void setQp(int x4, int y4, int qpY) {
        assert qpY >= 0 && qpY <= 51 : "qp " + qpY;
        qp[unit(x4, y4)] = (byte) qpY;
    }

    /** Strength of the left edge of unit (x4, y4). */
    public int verticalEdgeBs(int x4, int y4) {
        return verticalBs[unit(x4, y4)];
    }

    /** Strength of the top edge of unit (x4, y4). */
    public int horizontalEdgeBs(int x4, int y4) {
        return horizontalBs[unit(x4, y4)];
    }

    /** Luma QP of unit (x4, y4). */
    public int qp(int x4, int y4) {
        return qp[unit(x4, y4)];
    }

    /**
     * Convenience for a block at luma (x, y) of size w x h (multiples of 4, x and y too): sets
     * the strength of its left edge and its top edge (the right and bottom edges belong to the
     * neighbours). Parts outside the picture are ignored.
     */
    public void setBlockEdges(int x, int y, int w, int h, int bs) {
        assert ((x | y | w | h) & 3) == 0 : "block not on the 4x4 grid";
        int x4 = x >> 2;
        int y4 = y >> 2;
        int x4End = Math.min(unitsX, (x + w) >> 2);
        int y4End = Math.min(unitsY, (y + h) >> 2);
        if (x4 < unitsX) {
            for (int j = y4; j < y4End; j++) {
                setVerticalEdgeBs(x4, j, bs);
            }
        }
        if (y4 < unitsY) {
            for (int i = x4; i < x4End; i++) {
                setHorizontalEdgeBs(i, y4, bs);
            }
        }
    }

    /** Convenience: sets the QP of every unit of a block at luma (x, y), size w x h, clipped to the picture. */
    public void setBlockQp(int x, int y, int w, int h, int qpY) {
        assert ((x | y | w | h) & 3) == 0 : "block not on the 4x4 grid";
        int x4End = Math.min(unitsX, (x + w) >> 2);
        int y4End = Math.min(unitsY, (y + h) >> 2);
        assert qpY >= 0 && qpY <= 51 : "qp " + qpY;
        int x4 = x >> 2;
        if (x4 >= x4End) {
            return;
        }
        for (int j = y >> 2; j < y4End; j++) {
            Arrays.fill(qp, unit(x4, j), unit(x4End - 1, j) + 1, (byte) qpY);
        }
    }

    /** Resets every strength and QP to 0. */
    public void clear() {
        Arrays.fill(verticalBs, (byte) 0);
        Arrays.fill(horizontalBs, (byte) 0);
        Arrays.fill(qp, (byte) 0);
    }

    private int unit(int x4, int y4) {
        if (x4 < 0 || x4 >= unitsX || y4 < 0 || y4 >= unitsY) {
            throw new IndexOutOfBoundsException("unit (" + x4 + ", " + y4 + ") outside " + unitsX + "x" + unitsY);
        }
        return y4 * unitsX + x4;
    }
}
