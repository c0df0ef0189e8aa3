package io.inlay.core.syntax;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.SymbolReader;
import io.inlay.bitstream.SymbolWriter;

/**
 * {@code residual_coding()} (docs/bitstream/residual-coding.md): the writer, the parser and the
 * context selection they share. Levels are {@code int}s in a block addressed by offset and stride.
 *
 * <p>Per coefficient, in reverse scan order: {@code sig_coeff_flag}, {@code abs_level_gt1_flag},
 * {@code abs_level_gt2_flag}, {@code abs_level_remaining} (Rice/exp-Golomb, bypass) and
 * {@code coeff_sign_flag} (bypass). Contexts depend on a template of five already coded
 * neighbours (right, two right, below, two below, below-right) and the diagonal position, in the
 * spirit of H.266 §9.3.4.2.8-9.
 */
public final class ResidualCoding {
    private ResidualCoding() {
    }

    /** Largest magnitude of a coefficient level. */
    public static final int MAX_LEVEL = 32767;

    /** Number of prefix ones after which {@code abs_level_remaining} switches to exp-Golomb. */
    static final int REMAINING_PREFIX_LIMIT = 4;

    private static final int[] GROUP_IDX = {
        0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7,
        8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9,
    };
    private static final int[] MIN_IN_GROUP = {0, 1, 2, 3, 4, 6, 8, 12, 16, 24};

    // ---- context selection shared by writer, parser and rate estimation ----

    /**
     * Template statistics at (x, y): bits 0-7 the sum of min(|level|, 4), bits 8-11 the number of
     * non-zero levels, bits 12+ the sum of |level| (at most 255), over the five template positions.
     */
    public static int template(int[] lv, int off, int stride, int size, int x, int y) {
        int s = 0;
        int nz = 0;
        int full = 0;
        int i = off + y * stride + x;
        if (x + 1 < size) {
            int a = Math.abs(lv[i + 1]);
            s += Math.min(a, 4);
            nz += a != 0 ? 1 : 0;
            full += a;
            if (x + 2 < size) {
                a = Math.abs(lv[i + 2]);
                s += Math.min(a, 4);
                nz += a != 0 ? 1 : 0;
                full += a;
            }
            if (y + 1 < size) {
                a = Math.abs(lv[i + stride + 1]);
                s += Math.min(a, 4);
                nz += a != 0 ? 1 : 0;
                full += a;
            }
        }
        if (y + 1 < size) {
            int a = Math.abs(lv[i + stride]);
            s += Math.min(a, 4);
            nz += a != 0 ? 1 : 0;
            full += a;
            if (y + 2 < size) {
                a = Math.abs(lv[i + 2 * stride]);
                s += Math.min(a, 4);
                nz += a != 0 ? 1 : 0;
                full += a;
            }
        }
        return s | nz << 8 | Math.min(full, 255) << 12;
    }

    /** Context of {@code sig_coeff_flag} at diagonal {@code d} with template {@code t}. */
    public static int sigCtx(boolean luma, int log2Size, int d, int t) {
        int s = t & 0xFF;
        int c = Math.min((s + 1) >> 1, 3);
        if (luma) {
            c += d < 2 ? 8 : d < 5 ? 4 : 0;
            return Contexts.SIG_COEFF_FLAG + (log2Size == 2 ? 0 : 12) + c;
        }
        return Contexts.SIG_COEFF_FLAG + 24 + c + (d < 2 ? 4 : 0);
    }

    /** Offset, within the gt1 or gt2 context range, for diagonal {@code d} with template {@code t}. */
    public static int gtCtxOffset(boolean luma, int d, int t) {
        int c = Math.min((t & 0xFF) - ((t >> 8) & 0xF), 4);
        if (luma) {
            return c + (d == 0 ? 15 : d < 3 ? 10 : d < 10 ? 5 : 0);
        }
        return 20 + c + (d == 0 ? 5 : 0);
    }

    /** Rice parameter of {@code abs_level_remaining} from template {@code t}. */
    public static int riceParam(int t) {
        int full = t >>> 12;
        return full < 12 ? 0 : full < 24 ? 1 : full < 48 ? 2 : full < 96 ? 3 : 4;
    }

    /** Context of {@code coded_sub_block_flag}. */
    public static int csbfCtx(boolean luma, boolean rightOrBelowCoded) {
        return Contexts.CODED_SUB_BLOCK_FLAG + (luma ? 0 : 2) + (rightOrBelowCoded ? 1 : 0);
    }

    /**
     * Whether the sub-block right of or below sub-block (sx, sy) is coded; {@code codedSb} has bit
     * {@code sy * 8 + sx} set for every coded sub-block, {@code sbs} sub-blocks per row.
     */
    public static boolean rightOrBelowCoded(long codedSb, int sx, int sy, int sbs) {
        return (sx + 1 < sbs && (codedSb >>> (sy * 8 + sx + 1) & 1) != 0)
                || (sy + 1 < sbs && (codedSb >>> ((sy + 1) * 8 + sx) & 1) != 0);
    }

    /** Context of bin {@code bin} of a last-position prefix (add to LAST_X_PREFIX or LAST_Y_PREFIX). */
    public static int lastPrefixCtx(boolean luma, int log2Size, int bin) {
        if (luma) {
            return 3 * (log2Size - 2) + ((log2Size - 1) >> 2) + (bin >> ((log2Size + 1) >> 2));
        }
        return 15 + (bin >> (log2Size - 2));
    }

    /** The prefix group of a last-position coordinate. */
    public static int lastGroup(int pos) {
        return GROUP_IDX[pos];
    }

    /** Number of suffix bits of a last-position group. */
    public static int lastSuffixLength(int group) {
        return group > 3 ? (group >> 1) - 1 : 0;
    }

    // ---- writer ----

    /**
     * Writes {@code residual_coding()} for a block with at least one non-zero level.
     *
     * @param lv     levels, row-major with {@code stride}, block at {@code off}
     * @param log2Size 2..5
     */
    public static void write(SymbolWriter w, int[] lv, int off, int stride, int log2Size, boolean luma) {
        int size = 1 << log2Size;
        int count = size * size;
        int last = -1;
        for (int i = count - 1; i >= 0; i--) {
            if (lv[off + ScanOrder.y(log2Size, i) * stride + ScanOrder.x(log2Size, i)] != 0) {
                last = i;
                break;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("residual_coding() needs a non-zero level");
        }
        int lastX = ScanOrder.x(log2Size, last);
        int lastY = ScanOrder.y(log2Size, last);
        writeLastPrefix(w, Contexts.LAST_X_PREFIX, luma, log2Size, lastGroup(lastX));
        writeLastPrefix(w, Contexts.LAST_Y_PREFIX, luma, log2Size, lastGroup(lastY));
        writeLastSuffix(w, lastX);
        writeLastSuffix(w, lastY);

        int sbs = size >> 2;
        long codedSb = 0; // bit (sy * 8 + sx)
        int lastSb = last >> 4;
        for (int sb = lastSb; sb >= 0; sb--) {
            int first = sb << 4;
            int sx = ScanOrder.x(log2Size, first) >> 2;
            int sy = ScanOrder.y(log2Size, first) >> 2;
            boolean coded;
            if (sb == lastSb || sb == 0) {
                coded = true;
            } else {
                coded = false;
                for (int k = 15; k >= 0 && !coded; k--) {
                    int p = first + k;
                    coded = lv[off + ScanOrder.y(log2Size, p) * stride + ScanOrder.x(log2Size, p)] != 0;
                }
                w.encodeBin(csbfCtx(luma, rightOrBelowCoded(codedSb, sx, sy, sbs)), coded ? 1 : 0);
            }
            if (!coded) {
                continue;
            }
            codedSb |= 1L << (sy * 8 + sx);
            int start = sb == lastSb ? last : first + 15;
            boolean inferDc = sb != lastSb && sb != 0;
            for (int p = start; p >= first; p--) {
                int x = ScanOrder.x(log2Size, p);
                int y = ScanOrder.y(log2Size, p);
                int level = lv[off + y * stride + x];
                int t = template(lv, off, stride, size, x, y);
                int d = x + y;
                if (p != last && !(inferDc && p == first)) {
                    w.encodeBin(sigCtx(luma, log2Size, d, t), level != 0 ? 1 : 0);
                }
                if (level == 0) {
                    continue;
                }
                inferDc = false;
                writeLevel(w, Math.abs(level), luma, d, t);
                w.encodeBypass(level < 0 ? 1 : 0, 1);
            }
        }
    }

    private static void writeLevel(SymbolWriter w, int abs, boolean luma, int d, int t) {
        int g = gtCtxOffset(luma, d, t);
        w.encodeBin(Contexts.ABS_GT1_FLAG + g, abs > 1 ? 1 : 0);
        if (abs > 1) {
            w.encodeBin(Contexts.ABS_GT2_FLAG + g, abs > 2 ? 1 : 0);
            if (abs > 2) {
                writeRemaining(w, abs - 3, riceParam(t));
            }
        }
    }

    /** abs_level_remaining: Rice prefix up to {@link #REMAINING_PREFIX_LIMIT}, then exp-Golomb order k+1. */
    static void writeRemaining(SymbolWriter w, int v, int k) {
        int prefix = v >> k;
        if (prefix < REMAINING_PREFIX_LIMIT) {
            w.encodeBypass((1 << (prefix + 1)) - 2, prefix + 1);
            w.encodeBypass(v & ((1 << k) - 1), k);
            return;
        }
        w.encodeBypass((1 << REMAINING_PREFIX_LIMIT) - 1, REMAINING_PREFIX_LIMIT);
        int rest = v - (REMAINING_PREFIX_LIMIT << k);
        int m = k + 1;
        while (rest >= (1 << m)) {
            w.encodeBypass(1, 1);
            rest -= 1 << m;
            m++;
        }
        w.encodeBypass(0, 1);
        w.encodeBypass(rest, m);
    }

    /** Cost in bins of abs_level_remaining {@code v} with Rice parameter {@code k}. */
    public static int remainingBins(int v, int k) {
        int prefix = v >> k;
        if (prefix < REMAINING_PREFIX_LIMIT) {
            return prefix + 1 + k;
        }
        int rest = v - (REMAINING_PREFIX_LIMIT << k);
        int m = k + 1;
        int n = REMAINING_PREFIX_LIMIT;
        while (rest >= (1 << m)) {
            rest -= 1 << m;
            m++;
            n++;
        }
        return n + 1 + m;
    }

    private static void writeLastPrefix(SymbolWriter w, int base, boolean luma, int log2Size, int group) {
        int cMax = (log2Size << 1) - 1;
        for (int b = 0; b < group; b++) {
            w.encodeBin(base + lastPrefixCtx(luma, log2Size, b), 1);
        }
        if (group < cMax) {
            w.encodeBin(base + lastPrefixCtx(luma, log2Size, group), 0);
        }
    }

    private static void writeLastSuffix(SymbolWriter w, int pos) {
        int g = GROUP_IDX[pos];
        int len = lastSuffixLength(g);
        if (len > 0) {
            w.encodeBypass(pos - MIN_IN_GROUP[g], len);
        }
    }

    // ---- parser ----

    /**
     * Parses {@code residual_coding()} into {@code lv} (the block is cleared first) and returns the
     * bounding box of its nonzero levels, packed as {@code (maxY << 8) | maxX} like
     * {@link io.inlay.core.kernels.InverseTransformKernel#nonzeroBox} (a block always has at least
     * one nonzero level, the last one).
     *
     * @throws BitstreamException if a level exceeds {@link #MAX_LEVEL} or a binarisation is too long
     */
    public static int read(SymbolReader r, int[] lv, int off, int stride, int log2Size, boolean luma)
            throws BitstreamException {
        int size = 1 << log2Size;
        for (int y = 0; y < size; y++) {
            java.util.Arrays.fill(lv, off + y * stride, off + y * stride + size, 0);
        }
        int gx = readLastPrefix(r, Contexts.LAST_X_PREFIX, luma, log2Size);
        int gy = readLastPrefix(r, Contexts.LAST_Y_PREFIX, luma, log2Size);
        int lastX = MIN_IN_GROUP[gx] + r.decodeBypass(lastSuffixLength(gx));
        int lastY = MIN_IN_GROUP[gy] + r.decodeBypass(lastSuffixLength(gy));
        int last = scanIndexOf(log2Size, lastX, lastY);

        int maxX = 0;
        int maxY = 0;
        int sbs = size >> 2;
        long codedSb = 0;
        int lastSb = last >> 4;
        for (int sb = lastSb; sb >= 0; sb--) {
            int first = sb << 4;
            int sx = ScanOrder.x(log2Size, first) >> 2;
            int sy = ScanOrder.y(log2Size, first) >> 2;
            if (sb != lastSb && sb != 0) {
                if (r.decodeBin(csbfCtx(luma, rightOrBelowCoded(codedSb, sx, sy, sbs))) == 0) {
                    continue;
                }
            }
            codedSb |= 1L << (sy * 8 + sx);
            int start = sb == lastSb ? last : first + 15;
            boolean inferDc = sb != lastSb && sb != 0;
            for (int p = start; p >= first; p--) {
                int x = ScanOrder.x(log2Size, p);
                int y = ScanOrder.y(log2Size, p);
                int t = template(lv, off, stride, size, x, y);
                int d = x + y;
                boolean sig = p == last || (inferDc && p == first)
                        || r.decodeBin(sigCtx(luma, log2Size, d, t)) != 0;
                if (!sig) {
                    continue;
                }
                inferDc = false;
                int abs = readLevel(r, luma, d, t);
                lv[off + y * stride + x] = r.decodeBypass(1) != 0 ? -abs : abs;
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        return maxY << 8 | maxX;
    }

    private static int readLevel(SymbolReader r, boolean luma, int d, int t) throws BitstreamException {
        int g = gtCtxOffset(luma, d, t);
        if (r.decodeBin(Contexts.ABS_GT1_FLAG + g) == 0) {
            return 1;
        }
        if (r.decodeBin(Contexts.ABS_GT2_FLAG + g) == 0) {
            return 2;
        }
        int k = riceParam(t);
        int prefix = 0;
        while (prefix < REMAINING_PREFIX_LIMIT && r.decodeBypass(1) != 0) {
            prefix++;
        }
        long v;
        if (prefix < REMAINING_PREFIX_LIMIT) {
            v = ((long) prefix << k) + r.decodeBypass(k);
        } else {
            int m = k + 1;
            long base = (long) REMAINING_PREFIX_LIMIT << k;
            while (r.decodeBypass(1) != 0) {
                base += 1L << m;
                m++;
                if (m > 16) {
                    throw new BitstreamException(r.byteOffset(), "abs_level_remaining exceeds the level range");
                }
            }
            v = base + r.decodeBypass(m);
        }
        long abs = v + 3;
        if (abs > MAX_LEVEL) {
            throw new BitstreamException(r.byteOffset(),
                    "coefficient level " + abs + " exceeds " + MAX_LEVEL);
        }
        return (int) abs;
    }

    private static int readLastPrefix(SymbolReader r, int base, boolean luma, int log2Size) throws BitstreamException {
        int cMax = (log2Size << 1) - 1;
        int g = 0;
        while (g < cMax && r.decodeBin(base + lastPrefixCtx(luma, log2Size, g)) != 0) {
            g++;
        }
        return g;
    }

    private static final short[][] SCAN_INDEX = new short[6][];

    static {
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            SCAN_INDEX[log2] = new short[n * n];
            for (int i = 0; i < n * n; i++) {
                SCAN_INDEX[log2][ScanOrder.y(log2, i) * n + ScanOrder.x(log2, i)] = (short) i;
            }
        }
    }

    /** Scan position of (x, y) in a block of size {@code 1 << log2Size}. */
    public static int scanIndexOf(int log2Size, int x, int y) {
        return SCAN_INDEX[log2Size][(y << log2Size) + x];
    }
}
