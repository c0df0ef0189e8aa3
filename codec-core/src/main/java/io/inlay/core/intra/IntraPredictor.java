package io.inlay.core.intra;

import io.inlay.core.kernels.IntraAngular;
import io.inlay.core.kernels.Kernels;
import java.util.Arrays;

/**
 * Intra sample prediction of H.265 §8.4.4.2.4 (planar), §8.4.4.2.5 (DC) and §8.4.4.2.6
 * (angular 2..34), shared by encoder and decoder.
 *
 * <p>{@link #predict} first calls {@link IntraReference#filter} for the mode (so the
 * §8.4.4.2.3 filtering rule lives in one place) and predicts from the filtered samples when it
 * returns true, else from the unfiltered ones. Luma blocks smaller than 32x32 get the DC
 * boundary filter and the edge filters of modes 10 and 26 (disableIntraBoundaryFilter = 0);
 * chroma never does. Predicted samples are in [0, 2^bitDepth - 1].
 *
 * <p>An instance owns scratch memory for the extended angular reference: one per thread. No
 * allocation per call.
 */
public final class IntraPredictor {
    /** intraPredAngle for modes 0..34 (H.265 Table 8-4); 0 for planar/DC. */
    private static final int[] INTRA_PRED_ANGLE = {
        0, 0,
        32, 26, 21, 17, 13, 9, 5, 2, 0, -2, -5, -9, -13, -17, -21, -26,
        -32, -26, -21, -17, -13, -9, -5, -2, 0, 2, 5, 9, 13, 17, 21, 26, 32,
    };

    /** invAngle for modes 11..25 (H.265 Table 8-5), indexed by mode - 11. */
    private static final int[] INV_ANGLE = {
        -4096, -1638, -910, -630, -482, -390, -315, -256, -315, -390, -482, -630, -910, -1638, -4096,
    };

    /** Offset of ref[0] in {@link #refBuf}: room for ref[-32..-1]. */
    private static final int REF_ORIGIN = 32;

    private final boolean strongIntraSmoothing;
    private final IntraAngular angular;
    /** ref[-n..2n] of §8.4.4.2.6 at refBuf[REF_ORIGIN + i]. */
    private final int[] refBuf = new int[REF_ORIGIN + IntraReference.CAPACITY + 1];

    /**
     * A predictor with strong intra smoothing enabled (strong_intra_smoothing_enabled_flag = 1)
     * on the process-wide kernels ({@link Kernels#get()}).
     */
    public IntraPredictor() {
        this(true, Kernels.get().intraAngular());
    }

    /**
     * @param strongIntraSmoothing the sequence's strong_intra_smoothing_enabled_flag
     * @param angular              the kernel of the angular interpolation
     */
    public IntraPredictor(boolean strongIntraSmoothing, IntraAngular angular) {
        this.strongIntraSmoothing = strongIntraSmoothing;
        this.angular = angular;
    }

    /**
     * Predicts an n x n block (n = 1 << log2Size) into {@code pred}, row-major
     * ({@code pred[y * n + x]}).
     *
     * @param ref      references built for this block with the same log2Size; filtered here
     *                 as the mode requires (its unfiltered arrays are not modified)
     * @param mode     0..34 ({@link IntraModes})
     * @param log2Size 2..5
     * @param isLuma   true for the luma component (cIdx == 0)
     * @param bitDepth 8..12
     */
    public void predict(IntraReference ref, int mode, int log2Size, boolean isLuma, int bitDepth, int[] pred) {
        assert mode >= 0 && mode < IntraModes.NUM_MODES : "mode " + mode;
        boolean filtered = ref.filter(mode, log2Size, isLuma, bitDepth, strongIntraSmoothing);
        int[] top = filtered ? ref.filteredTop() : ref.top();
        int[] left = filtered ? ref.filteredLeft() : ref.left();
        boolean edgeFilters = isLuma && log2Size < 5;
        if (mode == IntraModes.PLANAR) {
            predictPlanar(top, left, log2Size, pred);
        } else if (mode == IntraModes.DC) {
            predictDc(top, left, log2Size, edgeFilters, pred);
        } else {
            predictAngular(top, left, mode, log2Size, edgeFilters, (1 << bitDepth) - 1, pred);
        }
    }

    /** §8.4.4.2.4: average of a horizontal and a vertical linear interpolation. */
    static void predictPlanar(int[] top, int[] left, int log2Size, int[] pred) {
        int n = 1 << log2Size;
        int topRight = top[1 + n];
        int bottomLeft = left[1 + n];
        int shift = log2Size + 1;
        for (int y = 0; y < n; y++) {
            int l = left[1 + y];
            int row = y * n;
            for (int x = 0; x < n; x++) {
                pred[row + x] = ((n - 1 - x) * l + (x + 1) * topRight
                        + (n - 1 - y) * top[1 + x] + (y + 1) * bottomLeft + n) >> shift;
            }
        }
    }

    /** §8.4.4.2.5: mean of the n top and n left samples, boundary-filtered for small luma blocks. */
    static void predictDc(int[] top, int[] left, int log2Size, boolean boundaryFilter, int[] pred) {
        int n = 1 << log2Size;
        int sum = n;
        for (int i = 1; i <= n; i++) {
            sum += top[i] + left[i];
        }
        int dc = sum >> (log2Size + 1);
        Arrays.fill(pred, 0, n * n, dc);
        if (boundaryFilter) {
            pred[0] = (left[1] + 2 * dc + top[1] + 2) >> 2;
            int dc3 = 3 * dc + 2;
            for (int x = 1; x < n; x++) {
                pred[x] = (top[1 + x] + dc3) >> 2;
            }
            for (int y = 1; y < n; y++) {
                pred[y * n] = (left[1 + y] + dc3) >> 2;
            }
        }
    }

    /**
     * §8.4.4.2.6. Modes 18..34 project onto the top row (main reference ref[x] = p[x-1][-1]),
     * modes 2..17 onto the left column (ref[x] = p[-1][x-1]); a negative angle extends ref to
     * negative indices by projecting the other side through invAngle. The interpolation itself is
     * the {@link IntraAngular} kernel.
     */
    private void predictAngular(int[] top, int[] left, int mode, int log2Size, boolean edgeFilters,
                                int maxValue, int[] pred) {
        int n = 1 << log2Size;
        int angle = INTRA_PRED_ANGLE[mode];
        boolean vertical = mode >= IntraModes.DIAGONAL;
        int[] main = vertical ? top : left;
        int[] side = vertical ? left : top;

        // ref[i] lives at refArr[refBase + i].
        int[] refArr;
        int refBase;
        if (angle >= 0) {
            refArr = main;                         // ref[x] = main[x] for x = 0..2n
            refBase = 0;
        } else {
            refArr = refBuf;
            refBase = REF_ORIGIN;
            System.arraycopy(main, 0, refBuf, REF_ORIGIN, n + 1);
            int lowest = (n * angle) >> 5;
            if (lowest < -1) {
                int invAngle = INV_ANGLE[mode - 11];
                for (int x = lowest; x <= -1; x++) {
                    refBuf[REF_ORIGIN + x] = side[(x * invAngle + 128) >> 8];
                }
            }
        }

        angular.predict(refArr, refBase, angle, vertical, n, pred, 0);

        if (edgeFilters) {
            int corner = top[0];
            if (mode == IntraModes.VERTICAL) {
                int t0 = top[1];
                for (int y = 0; y < n; y++) {
                    pred[y * n] = clip(t0 + ((left[1 + y] - corner) >> 1), maxValue);
                }
            } else if (mode == IntraModes.HORIZONTAL) {
                int l0 = left[1];
                for (int x = 0; x < n; x++) {
                    pred[x] = clip(l0 + ((top[1 + x] - corner) >> 1), maxValue);
                }
            }
        }
    }

    private static int clip(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
