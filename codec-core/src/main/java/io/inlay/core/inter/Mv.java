package io.inlay.core.inter;

/**
 * A motion vector in quarter luma samples, both components in -2^15..2^15-1, packed into one
 * {@code int}: x in the low 16 bits, y in the high 16 bits. Packing makes vectors comparable with
 * {@code ==} and storable in one array slot.
 */
public final class Mv {
    private Mv() {
    }

    /** The zero vector. */
    public static final int ZERO = 0;

    /** Packs (x, y); both must be in -2^15..2^15-1. */
    public static int pack(int x, int y) {
        assert x >= -32768 && x <= 32767 && y >= -32768 && y <= 32767 : "mv out of range: " + x + ", " + y;
        return (y << 16) | (x & 0xFFFF);
    }

    /** Horizontal component. */
    public static int x(int mv) {
        return (short) mv;
    }

    /** Vertical component. */
    public static int y(int mv) {
        return mv >> 16;
    }

    /** Packs (x, y) after clipping both to -2^15..2^15-1. */
    public static int clipped(int x, int y) {
        return pack(clip16(x), clip16(y));
    }

    /** Clip3(-2^15, 2^15 - 1, v). */
    public static int clip16(int v) {
        return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
    }

    /**
     * Scales {@code mv} by the ratio of POC distances {@code tb / td} (H.265 eq. 8-179 to 8-183):
     * {@code tx = (16384 + |td| / 2) / td}, {@code distScaleFactor = Clip3(-4096, 4095,
     * (tb * tx + 32) >> 6)}, each component {@code Clip3(-32768, 32767, Sign(f * c) * ((|f * c| +
     * 127) >> 8))}. {@code td} and {@code tb} are POC differences, clipped here to -128..127.
     */
    public static int scale(int mv, int tb, int td) {
        td = Math.max(-128, Math.min(127, td));
        tb = Math.max(-128, Math.min(127, tb));
        int tx = (16384 + (Math.abs(td) >> 1)) / td;
        int f = Math.max(-4096, Math.min(4095, (tb * tx + 32) >> 6));
        return pack(scaleComponent(f, x(mv)), scaleComponent(f, y(mv)));
    }

    private static int scaleComponent(int f, int c) {
        int p = f * c;
        int m = (Math.abs(p) + 127) >> 8;
        return clip16(p < 0 ? -m : m);
    }

    /** mvp + mvd modulo 2^16 per component (H.265 eq. 8-194 to 8-197). */
    public static int addWrapped(int mvp, int dx, int dy) {
        return pack((short) (x(mvp) + dx), (short) (y(mvp) + dy));
    }

    /** Text form "(x,y)" for messages. */
    public static String toString(int mv) {
        return "(" + x(mv) + "," + y(mv) + ")";
    }
}
