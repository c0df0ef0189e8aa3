package io.inlay.core.intra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Plane;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntraReferenceTest {
    /** A plane whose sample (x, y) is 3x + 5y + 1 (distinct along every neighbour run). */
    private static Plane rampPlane(int w, int h) {
        Plane p = new Plane(w, h, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p.set(x, y, 3 * x + 5 * y + 1);
            }
        }
        return p;
    }

    private static NeighbourAvailability inside(Plane p) {
        return (x, y) -> x >= 0 && y >= 0 && x < p.width() && y < p.height();
    }

    @Test
    void gathersAllNeighboursWhenAvailable() {
        Plane p = rampPlane(64, 64);
        IntraReference ref = new IntraReference();
        ref.build(p, 16, 8, 3, 4, 8, inside(p));
        assertEquals(p.get(15, 7), ref.top()[0]);
        assertEquals(p.get(15, 7), ref.left()[0]);
        for (int i = 0; i < 16; i++) {
            assertEquals(p.get(16 + i, 7), ref.top()[1 + i], "top " + i);
            assertEquals(p.get(15, 8 + i), ref.left()[1 + i], "left " + i);
        }
        assertEquals(3, ref.log2Size());
    }

    @Test
    void nothingAvailableGivesMidGrey() {
        Plane p = rampPlane(16, 16);
        IntraReference ref = new IntraReference();
        for (int bitDepth : new int[] {8, 10, 12}) {
            ref.build(p, 0, 0, 2, 4, bitDepth, (x, y) -> false);
            int[] expected = new int[9];
            Arrays.fill(expected, 1 << (bitDepth - 1));
            assertArrayEquals(expected, Arrays.copyOf(ref.top(), 9));
            assertArrayEquals(expected, Arrays.copyOf(ref.left(), 9));
        }
    }

    @Test
    void onlyTopAvailableFillsLeftAndCornerWithFirstTopSample() {
        // Block at the left picture border, row 8: the top row (and top-right) is available.
        Plane p = rampPlane(32, 32);
        IntraReference ref = new IntraReference();
        ref.build(p, 0, 8, 2, 4, 8, inside(p));
        int first = p.get(0, 7);
        for (int i = 0; i <= 8; i++) {
            assertEquals(first, ref.left()[i], "left " + i);
        }
        assertEquals(first, ref.top()[0]);
        for (int i = 0; i < 8; i++) {
            assertEquals(p.get(i, 7), ref.top()[1 + i]);
        }
    }

    @Test
    void missingBottomLeftAndTopRightRepeatTheLastAvailableSample() {
        Plane p = rampPlane(64, 64);
        // Available: left column down to y0 + n - 1, the corner, the top row up to x0 + n - 1.
        int x0 = 8;
        int y0 = 8;
        NeighbourAvailability avail = (x, y) -> x < x0 + 8 && y < y0 + 8;
        IntraReference ref = new IntraReference();
        ref.build(p, x0, y0, 3, 4, 8, avail);
        for (int i = 0; i < 8; i++) {
            assertEquals(p.get(x0 - 1, y0 + i), ref.left()[1 + i]);
            assertEquals(p.get(x0 + i, y0 - 1), ref.top()[1 + i]);
            // Bottom-left: the scan starts there and takes the first available sample, p[-1][n-1].
            assertEquals(p.get(x0 - 1, y0 + 7), ref.left()[9 + i], "bottom-left " + i);
            // Top-right: copied from its left neighbour, p[n-1][-1].
            assertEquals(p.get(x0 + 7, y0 - 1), ref.top()[9 + i], "top-right " + i);
        }
    }

    @Test
    void missingCornerAndMiddleRunTakeTheirScanPredecessor() {
        Plane p = rampPlane(64, 64);
        int x0 = 16;
        int y0 = 16;
        // Corner unavailable; top group x0+4..x0+7 unavailable; everything else available.
        NeighbourAvailability avail = (x, y) -> !(x == x0 - 1 && y == y0 - 1) && !(y == y0 - 1 && x == x0 + 4);
        IntraReference ref = new IntraReference();
        ref.build(p, x0, y0, 3, 4, 8, avail);
        assertEquals(p.get(x0 - 1, y0), ref.top()[0], "corner from p[-1][0]");
        assertEquals(ref.top()[0], ref.left()[0]);
        for (int i = 4; i < 8; i++) {
            assertEquals(p.get(x0 + 3, y0 - 1), ref.top()[1 + i], "top " + i);
        }
        assertEquals(p.get(x0 + 8, y0 - 1), ref.top()[9]);
    }

    @Test
    void asksOncePerUnitWithTheGroupsFirstSample() {
        Plane p = rampPlane(64, 64);
        List<String> calls = new ArrayList<>();
        IntraReference ref = new IntraReference();
        ref.build(p, 8, 12, 2, 2, 8, (x, y) -> {
            calls.add(x + "," + y);
            return true;
        });
        assertEquals(List.of("7,12", "7,14", "7,16", "7,18", "7,11", "8,11", "10,11", "12,11", "14,11"), calls);
    }

    @Test
    void readsAreClampedToThePlaneEvenIfTheCallerClaimsAvailability() {
        Plane p = rampPlane(10, 10);
        IntraReference ref = new IntraReference();
        ref.build(p, 4, 4, 2, 4, 8, (x, y) -> true);  // wrongly claims x, y >= 10 available
        assertEquals(p.get(9, 3), ref.top()[8]);
        assertEquals(p.get(3, 9), ref.left()[8]);
    }

    @Test
    void filterFlagRule() {
        // 4x4, DC and chroma: never.
        for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
            assertFalse(IntraReference.filterFlag(mode, 2, true), "4x4 mode " + mode);
            assertFalse(IntraReference.filterFlag(mode, 5, false), "chroma mode " + mode);
        }
        for (int log2 = 3; log2 <= 5; log2++) {
            assertFalse(IntraReference.filterFlag(IntraModes.DC, log2, true));
            assertTrue(IntraReference.filterFlag(IntraModes.PLANAR, log2, true));
            assertFalse(IntraReference.filterFlag(IntraModes.HORIZONTAL, log2, true));
            assertFalse(IntraReference.filterFlag(IntraModes.VERTICAL, log2, true));
        }
        // 8x8: only the three diagonals (distance 8 > 7).
        for (int mode = 2; mode <= 34; mode++) {
            boolean diagonal = mode == 2 || mode == 18 || mode == 34;
            assertEquals(diagonal, IntraReference.filterFlag(mode, 3, true), "8x8 mode " + mode);
        }
        // 16x16: distance > 1.
        assertFalse(IntraReference.filterFlag(9, 4, true));
        assertTrue(IntraReference.filterFlag(8, 4, true));
        assertFalse(IntraReference.filterFlag(27, 4, true));
        assertTrue(IntraReference.filterFlag(28, 4, true));
        // 32x32: every angular mode but exact horizontal/vertical.
        assertTrue(IntraReference.filterFlag(11, 5, true));
        assertTrue(IntraReference.filterFlag(25, 5, true));
    }

    @Test
    void normalFilterIsOneTwoOneWithEndsKept() {
        Plane p = new Plane(64, 64, 0);
        // Noisy neighbours so that filtering visibly changes them.
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                p.set(x, y, ((x * 37 + y * 91) % 61) + 50);
            }
        }
        IntraReference ref = new IntraReference();
        ref.build(p, 16, 16, 3, 4, 8, (x, y) -> true);
        int[] t = ref.top().clone();
        int[] l = ref.left().clone();
        assertFalse(ref.filter(IntraModes.DC, 3, true, 8, true));
        assertTrue(ref.filter(IntraModes.PLANAR, 3, true, 8, true));
        int[] ft = ref.filteredTop();
        int[] fl = ref.filteredLeft();
        assertEquals((l[1] + 2 * t[0] + t[1] + 2) >> 2, ft[0]);
        assertEquals(ft[0], fl[0]);
        for (int i = 1; i < 16; i++) {
            assertEquals((t[i - 1] + 2 * t[i] + t[i + 1] + 2) >> 2, ft[i], "top " + i);
            assertEquals((l[i - 1] + 2 * l[i] + l[i + 1] + 2) >> 2, fl[i], "left " + i);
        }
        assertEquals(t[16], ft[16]);
        assertEquals(l[16], fl[16]);
        // The unfiltered references are intact.
        assertArrayEquals(t, ref.top());
        assertArrayEquals(l, ref.left());
    }

    /** 32x32 references: linear ramps (flat), with a bump at top[6] that does not enter the test. */
    private static IntraReference rampReference(int bitDepth, int midBend) {
        Plane p = new Plane(96, 96, 0);
        int base = 100 << (bitDepth - 8);
        for (int i = 0; i < 64; i++) {
            p.set(31 + 1 + i, 31, base + 1 + i);   // top row p[x][-1] = base + 1 + x
            p.set(31, 31 + 1 + i, base + 1 + i);   // left column
        }
        p.set(31, 31, base);
        p.set(32 + 5, 31, base + 6 + 20);          // bump: top[6] = p[5][-1]
        p.set(32 + 31, 31, base + 32 + midBend);   // p[n-1][-1], used by the flatness test
        IntraReference ref = new IntraReference();
        ref.build(p, 32, 32, 5, 4, bitDepth, (x, y) -> true);
        return ref;
    }

    @Test
    void strongSmoothingReplacesFlatReferencesByTheBilinearRamp() {
        IntraReference ref = rampReference(8, 0);
        assertTrue(ref.filter(IntraModes.PLANAR, 5, true, 8, true));
        for (int i = 0; i < 63; i++) {
            // ((63 - i) * 100 + (i + 1) * 164 + 32) >> 6 = 101 + i: the bump is gone.
            assertEquals(101 + i, ref.filteredTop()[1 + i], "top " + i);
            assertEquals(101 + i, ref.filteredLeft()[1 + i], "left " + i);
        }
        assertEquals(164, ref.filteredTop()[64]);
        assertEquals(100, ref.filteredTop()[0]);
    }

    @Test
    void strongSmoothingNeedsTheFlagAnd32x32LumaAndFlatness() {
        // Disabled: the [1 2 1] filter spreads the bump.
        IntraReference ref = rampReference(8, 0);
        assertTrue(ref.filter(IntraModes.PLANAR, 5, true, 8, false));
        assertEquals((105 + 2 * 126 + 107 + 2) >> 2, ref.filteredTop()[6]);
        // Enabled again on the same build: the cached result is recomputed.
        assertTrue(ref.filter(IntraModes.PLANAR, 5, true, 8, true));
        assertEquals(106, ref.filteredTop()[6]);
        // Threshold 1 << (8 - 5) = 8: a bend of 3 (|2 * 3| = 6 < 8) is flat, 4 (8) is not.
        ref = rampReference(8, 3);
        ref.filter(IntraModes.PLANAR, 5, true, 8, true);
        assertEquals(106, ref.filteredTop()[6]);
        ref = rampReference(8, 4);
        ref.filter(IntraModes.PLANAR, 5, true, 8, true);
        assertEquals((105 + 2 * 126 + 107 + 2) >> 2, ref.filteredTop()[6]);
        // At 10 bits the threshold is 32: a bend of 15 still counts as flat.
        ref = rampReference(10, 15);
        ref.filter(IntraModes.PLANAR, 5, true, 10, true);
        assertEquals(400 + 6, ref.filteredTop()[6]);
    }
}
