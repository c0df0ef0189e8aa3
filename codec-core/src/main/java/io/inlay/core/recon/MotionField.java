package io.inlay.core.recon;

import io.inlay.core.inter.Motion;
import java.util.Arrays;

/**
 * The motion of a frame at 4x4 luma granularity: per list a reference index (-1 = list unused; both
 * -1 = intra or not yet coded) and a packed vector ({@link io.inlay.core.inter.Mv}). Filled
 * identically by the parser and the encoder's syntax writer; a reference picture keeps its
 * motion field for temporal motion vector prediction.
 */
public final class MotionField {
    private final int unitsX;
    private final int unitsY;
    private final byte[] ref0;
    private final byte[] ref1;
    private final int[] mv0;
    private final int[] mv1;
    /** LifIdx per unit (0 for intra units). */
    private final byte[] lif;
    /** BcwIdx per unit (0 for intra and uni-predicted units). */
    private final byte[] bcw;

    /** A field for a coded area of {@code width x height} luma samples, all intra. */
    public MotionField(int width, int height) {
        this.unitsX = (width + 3) >> 2;
        this.unitsY = (height + 3) >> 2;
        int n = unitsX * unitsY;
        ref0 = new byte[n];
        ref1 = new byte[n];
        mv0 = new int[n];
        mv1 = new int[n];
        lif = new byte[n];
        bcw = new byte[n];
        clear();
    }

    /** Marks everything intra. */
    public void clear() {
        Arrays.fill(ref0, (byte) -1);
        Arrays.fill(ref1, (byte) -1);
        Arrays.fill(mv0, 0);
        Arrays.fill(mv1, 0);
        Arrays.fill(lif, (byte) 0);
        Arrays.fill(bcw, (byte) 0);
    }

    /** Copies {@code o}, which must have the same size. */
    public void copyFrom(MotionField o) {
        System.arraycopy(o.ref0, 0, ref0, 0, ref0.length);
        System.arraycopy(o.ref1, 0, ref1, 0, ref1.length);
        System.arraycopy(o.mv0, 0, mv0, 0, mv0.length);
        System.arraycopy(o.mv1, 0, mv1, 0, mv1.length);
        System.arraycopy(o.lif, 0, lif, 0, lif.length);
        System.arraycopy(o.bcw, 0, bcw, 0, bcw.length);
    }

    private int unit(int x, int y) {
        return (y >> 2) * unitsX + (x >> 2);
    }

    /** Whether the block covering luma (x, y) is inter predicted. */
    public boolean isInter(int x, int y) {
        int u = unit(x, y);
        return ref0[u] >= 0 || ref1[u] >= 0;
    }

    /** Reference index of list {@code l} at (x, y), or -1. */
    public int ref(int l, int x, int y) {
        return (l == 0 ? ref0 : ref1)[unit(x, y)];
    }

    /** Vector of list {@code l} at (x, y). */
    public int mv(int l, int x, int y) {
        return (l == 0 ? mv0 : mv1)[unit(x, y)];
    }

    /** LifIdx at (x, y): 0 for H.265's luma interpolation filters (and intra), s for learned set s - 1. */
    public int lif(int x, int y) {
        return lif[unit(x, y)];
    }

    /** BcwIdx at (x, y): 0 for the average (and intra, uni-prediction), else the weight of {@code BiWeights}. */
    public int bcw(int x, int y) {
        return bcw[unit(x, y)];
    }

    /** Reads the motion at (x, y), with its LifIdx and BcwIdx, into {@code out}. */
    public Motion get(int x, int y, Motion out) {
        int u = unit(x, y);
        out.ref0 = ref0[u];
        out.ref1 = ref1[u];
        out.mv0 = mv0[u];
        out.mv1 = mv1[u];
        out.lif = lif[u];
        out.bcw = bcw[u];
        return out;
    }

    /** Sets motion {@code m}, with its LifIdx, over the block at (x, y) of w x h luma samples, clipped to the field. */
    public void set(int x, int y, int w, int h, Motion m) {
        fill(x, y, w, h, m.ref0, m.ref1, m.mv0, m.mv1, m.lif, m.bcw);
    }

    /** Marks the block at (x, y) of w x h luma samples intra. */
    public void setIntra(int x, int y, int w, int h) {
        fill(x, y, w, h, -1, -1, 0, 0, 0, 0);
    }

    private void fill(int x, int y, int w, int h, int r0, int r1, int v0, int v1, int lf, int bw) {
        int x0 = x >> 2;
        int x1 = Math.min((x + w) >> 2, unitsX);
        int y1 = Math.min((y + h) >> 2, unitsY);
        for (int uy = y >> 2; uy < y1; uy++) {
            int a = uy * unitsX + x0;
            int b = uy * unitsX + x1;
            Arrays.fill(ref0, a, b, (byte) r0);
            Arrays.fill(ref1, a, b, (byte) r1);
            Arrays.fill(mv0, a, b, v0);
            Arrays.fill(mv1, a, b, v1);
            Arrays.fill(lif, a, b, (byte) lf);
            Arrays.fill(bcw, a, b, (byte) bw);
        }
    }
}
