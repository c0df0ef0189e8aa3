package io.inlay.core.encoder;

import io.inlay.bitstream.ContextSet;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.inter.Motion;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.syntax.Contexts;
import io.inlay.core.syntax.CtuCoefficients;

/**
 * A saved encoder state of one CU region: reconstructed samples, coefficient levels, the
 * decisions recorded in the frame maps, and the context state at the end of its coding. Lets the
 * search try an alternative (a split, another partitioning) and return to the first one.
 */
final class CuState {
    private final short[][] samples = {new short[64 * 64], new short[32 * 32], new short[32 * 32]};
    private final int[][] levels = {new int[64 * 64], new int[32 * 32], new int[32 * 32]};
    private final byte[] lumaModes = new byte[16 * 16];
    final ContextSet contexts = new ContextSet(Contexts.COUNT);
    private int chromaMode;
    private int cuLog2;
    private boolean nxn;
    private boolean inter;
    private boolean skip;
    private boolean merge;
    private int mergeIdx;
    private int mvp0;
    private int mvp1;
    private final Motion motion = new Motion();

    /** Saves the CU at luma (x, y) of size {@code 1 << log2Size} inside the CTU at (ctuX, ctuY). */
    void save(Picture recon, CtuCoefficients co, FrameMaps maps, ContextSet ctx,
              int ctuX, int ctuY, int x, int y, int log2Size) {
        copyRegion(recon, co, ctuX, ctuY, x, y, log2Size, true);
        int units = 1 << (log2Size - 2);
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < units; i++) {
                lumaModes[j * 16 + i] = (byte) maps.lumaMode(x + 4 * i, y + 4 * j);
            }
        }
        chromaMode = maps.chromaMode(x, y);
        cuLog2 = maps.cuLog2(x, y);
        nxn = maps.partNxN(x, y);
        inter = maps.isInter(x, y);
        skip = maps.isSkip(x, y);
        merge = maps.merge(x, y);
        mergeIdx = maps.mergeIdx(x, y);
        mvp0 = maps.mvpIdx(x, y, 0);
        mvp1 = maps.mvpIdx(x, y, 1);
        maps.motion().get(x, y, motion);
        contexts.copyFrom(ctx);
    }

    /** Restores what {@link #save} saved; the decisions inside the region must be a single CU. */
    void restore(Picture recon, CtuCoefficients co, FrameMaps maps, ContextSet ctx,
                 int ctuX, int ctuY, int x, int y, int log2Size) {
        copyRegion(recon, co, ctuX, ctuY, x, y, log2Size, false);
        maps.setCu(x, y, log2Size, nxn);
        assert cuLog2 == log2Size : "saved state is not a single CU";
        int units = 1 << (log2Size - 2);
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < units; i++) {
                maps.setLumaMode(x + 4 * i, y + 4 * j, 4, lumaModes[j * 16 + i]);
            }
        }
        maps.setChromaMode(x, y, 1 << log2Size, chromaMode);
        int size = 1 << log2Size;
        maps.setPredMode(x, y, log2Size, inter, skip);
        maps.setInterSyntax(x, y, log2Size, merge, mergeIdx, mvp0, mvp1);
        maps.motion().set(x, y, size, size, motion);
        if (inter) {
            int tb = Math.min(size, 32);
            for (int ty = y; ty < y + size; ty += tb) {
                for (int tx = x; tx < x + size; tx += tb) {
                    if (co.hasNonZero(0, tx - ctuX, ty - ctuY, Integer.numberOfTrailingZeros(tb))) {
                        maps.setCodedLuma(tx, ty, tb);
                    }
                }
            }
        }
        ctx.copyFrom(contexts);
    }

    private void copyRegion(Picture recon, CtuCoefficients co, int ctuX, int ctuY, int x, int y, int log2Size,
                            boolean save) {
        for (int c = 0; c < 3; c++) {
            int s = c == 0 ? 0 : 1;
            int n = 1 << (log2Size - s);
            int px = x >> s;
            int py = y >> s;
            Plane p = recon.plane(c);
            short[] buf = samples[c];
            int[] lv = co.levels(c);
            int[] lvBuf = levels[c];
            int lStride = CtuCoefficients.stride(c);
            int lOff = CtuCoefficients.offset(c, (x - ctuX) >> s, (y - ctuY) >> s);
            for (int j = 0; j < n; j++) {
                int pi = p.index(px, py + j);
                if (save) {
                    System.arraycopy(p.samples(), pi, buf, j * n, n);
                    System.arraycopy(lv, lOff + j * lStride, lvBuf, j * n, n);
                } else {
                    System.arraycopy(buf, j * n, p.samples(), pi, n);
                    System.arraycopy(lvBuf, j * n, lv, lOff + j * lStride, n);
                }
            }
        }
    }
}
