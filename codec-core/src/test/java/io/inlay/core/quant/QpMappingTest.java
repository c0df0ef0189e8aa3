package io.inlay.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QpMappingTest {
    @Test
    void chromaQpFollowsTable8_10() {
        int[] expected = new int[58];
        for (int q = 0; q < 30; q++) {
            expected[q] = q;
        }
        int[] mid = {29, 30, 31, 32, 33, 33, 34, 34, 35, 35, 36, 36, 37, 37};
        System.arraycopy(mid, 0, expected, 30, mid.length);
        for (int q = 44; q <= 57; q++) {
            expected[q] = q - 6;
        }
        for (int q = 0; q <= 51; q++) {
            assertEquals(expected[q], QpMapping.chromaQp(q, 0), "qp " + q);
        }
        for (int q = 0; q <= 57; q++) {
            assertEquals(expected[q], QpMapping.chromaQp(q - 6, 6), "qPi " + q);
        }
    }

    @Test
    void offsetsAreClipped() {
        assertEquals(51, QpMapping.chromaQp(51, 12));
        assertEquals(51, QpMapping.chromaQp(51, Integer.MAX_VALUE));
        assertEquals(0, QpMapping.chromaQp(3, -12));
        assertEquals(0, QpMapping.chromaQp(0, Integer.MIN_VALUE));
        assertEquals(37, QpMapping.chromaQp(40, 3));   // qPi 43
        assertEquals(38, QpMapping.chromaQp(40, 4));   // qPi 44
    }

    @Test
    void scalingQpAddsQpBdOffset() {
        assertEquals(30, QpMapping.scalingQp(30, 8));
        assertEquals(42, QpMapping.scalingQp(30, 10));
        assertEquals(24, QpMapping.qpBdOffset(12));
    }
}
