package io.inlay.core.intra;

import io.inlay.core.Plane;

import java.util.Arrays;

/**
 * Reference samples of one intra transform block, H.265 §8.4.4.2.2 (gathering and
 * substitution) and §8.4.4.2.3 (filtering). Allocation-free and reusable: arrays are sized for
 * 32x32 blocks (65 entries) and overwritten by each {@link #build}.
 *
 * <p>Layout (n = block size): index 0 of both arrays is the corner p[-1][-1];
 * {@code top[1 + x] = p[x][-1]} and {@code left[1 + y] = p[-1][y]} for x, y in 0..2n-1.
 * {@link #top()}/{@link #left()} are the unfiltered samples, {@link #filteredTop()}/
 * {@link #filteredLeft()} the result of the last {@link #filter} that returned true. Prediction
 * ({@link IntraPredictor#predict}) calls {@code filter} itself, so callers only build and
 * predict; the unfiltered arrays always stay intact.
 */
public final class IntraReference {
    /** Entries per array: 2 * 32 + 1. */
    public static final int CAPACITY = 2 * 32 + 1;

    private static final int NOT_FILTERED = 0;
    private static final int FILTERED_NORMAL = 1;
    private static final int FILTERED_STRONG = 2;

    private final int[] top = new int[CAPACITY];
    private final int[] left = new int[CAPACITY];
    private final int[] filteredTop = new int[CAPACITY];
    private final int[] filteredLeft = new int[CAPACITY];
    /**
     * Scan of §8.4.4.2.2: p[-1][2n-1] .. p[-1][-1], then p[0][-1] .. p[2n-1][-1]; with its
     * per-sample availability.
     */
    private final int[] scan = new int[2 * CAPACITY];
    private final boolean[] scanAvailable = new boolean[2 * CAPACITY];

    private int builtLog2Size = -1;
    /** Which filtered arrays are valid for the current build. */
    private int filterState = NOT_FILTERED;

    public IntraReference() {
    }

    /** Unfiltered top row with corner at index 0 (read-only view of the internal array). */
    public int[] top() {
        return top;
    }

    /** Unfiltered left column with corner at index 0 (read-only view). */
    public int[] left() {
        return left;
    }

    /** Filtered top row, valid after {@link #filter} returned true. */
    public int[] filteredTop() {
        return filteredTop;
    }

    /** Filtered left column, valid after {@link #filter} returned true. */
    public int[] filteredLeft() {
        return filteredLeft;
    }

    /** log2 size of the block of the last {@link #build}, or -1. */
    public int log2Size() {
        return builtLog2Size;
    }

    /**
     * Gathers the 4n + 1 neighbours of the block at (x0, y0) of size n = 1 << log2Size from
     * {@code recon} and substitutes the unavailable ones (H.265 §8.4.4.2.2): with none available
     * every sample is {@code 1 << (bitDepth - 1)}; otherwise the scan from p[-1][2n-1] up to the
     * corner and along the top to p[2n-1][-1] seeds its start with the first available sample
     * and copies each unavailable sample from its predecessor.
     *
     * <p>Availability is asked once per group of {@code unitSize} samples (see
     * {@link NeighbourAvailability}). Samples of an available group are read with coordinates
     * clamped to the plane's visible area, so a caller's mistake can never read out of bounds.
     *
     * @param unitSize granularity of availability: 4 for luma, 2 for 4:2:0 chroma; must divide n
     */
    public void build(Plane recon, int x0, int y0, int log2Size, int unitSize, int bitDepth,
                      NeighbourAvailability avail) {
        assert log2Size >= 2 && log2Size <= 5 : "log2Size " + log2Size;
        int n = 1 << log2Size;
        assert unitSize >= 1 && n % unitSize == 0 : "unitSize " + unitSize;
        int len = 4 * n + 1;
        int corner = 2 * n;                         // scan index of p[-1][-1]
        short[] s = recon.samples();
        int maxX = recon.width() - 1;
        int maxY = recon.height() - 1;
        boolean any = false;

        // Left column, bottom group first: scan[2n - 1 - y] = p[-1][y].
        int xl = clamp(x0 - 1, maxX);
        for (int y = 0; y < 2 * n; y += unitSize) {
            boolean a = avail.isAvailable(x0 - 1, y0 + y);
            any |= a;
            for (int j = y; j < y + unitSize; j++) {
                int i = 2 * n - 1 - j;
                scanAvailable[i] = a;
                if (a) {
                    scan[i] = s[recon.index(xl, clamp(y0 + j, maxY))] & 0xFFFF;
                }
            }
        }
        boolean ac = avail.isAvailable(x0 - 1, y0 - 1);
        any |= ac;
        scanAvailable[corner] = ac;
        if (ac) {
            scan[corner] = s[recon.index(xl, clamp(y0 - 1, maxY))] & 0xFFFF;
        }
        int yt = clamp(y0 - 1, maxY);
        for (int x = 0; x < 2 * n; x += unitSize) {
            boolean a = avail.isAvailable(x0 + x, y0 - 1);
            any |= a;
            for (int j = x; j < x + unitSize; j++) {
                int i = corner + 1 + j;
                scanAvailable[i] = a;
                if (a) {
                    scan[i] = s[recon.index(clamp(x0 + j, maxX), yt)] & 0xFFFF;
                }
            }
        }

        if (!any) {
            Arrays.fill(scan, 0, len, 1 << (bitDepth - 1));
        } else {
            if (!scanAvailable[0]) {
                int first = 1;
                while (!scanAvailable[first]) {
                    first++;
                }
                scan[0] = scan[first];
            }
            for (int i = 1; i < len; i++) {
                if (!scanAvailable[i]) {
                    scan[i] = scan[i - 1];
                }
            }
        }

        top[0] = scan[corner];
        left[0] = scan[corner];
        for (int j = 0; j < 2 * n; j++) {
            left[1 + j] = scan[2 * n - 1 - j];
            top[1 + j] = scan[corner + 1 + j];
        }
        builtLog2Size = log2Size;
        filterState = NOT_FILTERED;
    }

    /**
     * Decides and applies the reference filter of H.265 §8.4.4.2.3 for a prediction mode.
     * filterFlag is set only for luma, modes other than DC, blocks larger than 4x4, and
     * {@code min(|mode - 26|, |mode - 10|) > intraHorVerDistThres[n]} (7 for 8x8, 1 for 16x16,
     * 0 for 32x32). A 32x32 luma block uses the bi-linear strong smoothing when
     * {@code strongSmoothingEnabled} and both the top and the left runs are flat
     * ({@code |p[-1][-1] + p[2n-1] - 2 p[n-1]| < 1 << (bitDepth - 5)} for each); otherwise the
     * [1 2 1] filter with both ends kept.
     *
     * @return true when filtering applies to this mode (then {@link #filteredTop()} and
     *         {@link #filteredLeft()} hold the filtered samples); false when prediction must use
     *         the unfiltered ones
     */
    public boolean filter(int mode, int log2Size, boolean isLuma, int bitDepth, boolean strongSmoothingEnabled) {
        assert log2Size == builtLog2Size : "filter size " + log2Size + " differs from build size " + builtLog2Size;
        if (!filterFlag(mode, log2Size, isLuma)) {
            return false;
        }
        int n = 1 << log2Size;
        int wanted = FILTERED_NORMAL;
        if (strongSmoothingEnabled && log2Size == 5) {
            int threshold = 1 << (bitDepth - 5);
            int c = top[0];
            if (Math.abs(c + top[2 * n] - 2 * top[n]) < threshold
                    && Math.abs(c + left[2 * n] - 2 * left[n]) < threshold) {
                wanted = FILTERED_STRONG;
            }
        }
        if (filterState != wanted) {
            if (wanted == FILTERED_STRONG) {
                smoothStrong(n);
            } else {
                smoothNormal(n);
            }
            filterState = wanted;
        }
        return true;
    }

    /** filterFlag of H.265 §8.4.4.2.3. */
    static boolean filterFlag(int mode, int log2Size, boolean isLuma) {
        if (!isLuma || mode == IntraModes.DC || log2Size == 2) {
            return false;
        }
        int minDistVerHor = Math.min(Math.abs(mode - IntraModes.VERTICAL), Math.abs(mode - IntraModes.HORIZONTAL));
        int threshold = switch (log2Size) {
            case 3 -> 7;
            case 4 -> 1;
            default -> 0;
        };
        return minDistVerHor > threshold;
    }

    /** Bi-linear interpolation between the corner and the far ends (biIntFlag == 1). */
    private void smoothStrong(int n) {
        int last = 2 * n;                   // array index of p[2n-1][-1] / p[-1][2n-1]
        int c = top[0];
        int t = top[last];
        int l = left[last];
        filteredTop[0] = c;
        filteredLeft[0] = c;
        for (int i = 0; i < last - 1; i++) {
            filteredTop[1 + i] = ((63 - i) * c + (i + 1) * t + 32) >> 6;
            filteredLeft[1 + i] = ((63 - i) * c + (i + 1) * l + 32) >> 6;
        }
        filteredTop[last] = t;
        filteredLeft[last] = l;
    }

    /** [1 2 1] smoothing along left column, corner and top row; the two far ends unchanged. */
    private void smoothNormal(int n) {
        int last = 2 * n;
        int c = top[0];
        int fc = (left[1] + 2 * c + top[1] + 2) >> 2;
        filteredTop[0] = fc;
        filteredLeft[0] = fc;
        for (int i = 1; i < last; i++) {
            filteredTop[i] = (top[i - 1] + 2 * top[i] + top[i + 1] + 2) >> 2;
            filteredLeft[i] = (left[i - 1] + 2 * left[i] + left[i + 1] + 2) >> 2;
        }
        filteredTop[last] = top[last];
        filteredLeft[last] = left[last];
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
