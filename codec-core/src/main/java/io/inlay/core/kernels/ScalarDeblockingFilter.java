package io.inlay.core.kernels;

/** Reference {@link DeblockingFilter}: the decisions and filters of H.265 §8.7.2.5 line by line. */
final class ScalarDeblockingFilter implements DeblockingFilter {
    static final ScalarDeblockingFilter INSTANCE = new ScalarDeblockingFilter();

    private ScalarDeblockingFilter() {
    }

    /** §8.7.2.5.3 (decisions), §8.7.2.5.6 (dSam) and §8.7.2.5.7 (filtering). */
    @Override
    public void lumaSegment(short[] s, int q0, int across, int along, int beta, int tc, int maxValue) {
        if (beta == 0 || tc == 0) {
            return;                       // no decision can lead to a change
        }
        int l3 = q0 + 3 * along;
        int dp0 = secondDiff(s, q0 - across, -across);
        int dp3 = secondDiff(s, l3 - across, -across);
        int dq0 = secondDiff(s, q0, across);
        int dq3 = secondDiff(s, l3, across);
        int dpq0 = dp0 + dq0;
        int dpq3 = dp3 + dq3;
        int d = dpq0 + dpq3;
        if (d >= beta) {
            return;                       // dE == 0
        }
        boolean strong = strongDecision(s, q0, across, 2 * dpq0, beta, tc)
                && strongDecision(s, l3, across, 2 * dpq3, beta, tc);
        int sideThreshold = (beta + (beta >> 1)) >> 3;
        boolean dEp = dp0 + dp3 < sideThreshold;
        boolean dEq = dq0 + dq3 < sideThreshold;
        for (int k = 0; k < 4; k++) {
            int pos = q0 + k * along;
            if (strong) {
                strongFilterLine(s, pos, across, tc);
            } else {
                weakFilterLine(s, pos, across, tc, dEp, dEq, maxValue);
            }
        }
    }


    /** §8.7.2.5.5: one sample each side of each of the 2 lines. */
    @Override
    public void chromaSegment(short[] s, int q0, int across, int along, int tc, int maxValue) {
        if (tc == 0) {
            return;
        }
        for (int k = 0; k < 2; k++) {
            int pos = q0 + k * along;
            int p0 = s[pos - across] & 0xFFFF;
            int p1 = s[pos - 2 * across] & 0xFFFF;
            int q = s[pos] & 0xFFFF;
            int q1 = s[pos + across] & 0xFFFF;
            int delta = clip3(-tc, tc, ((((q - p0) << 2) + p1 - q1 + 4) >> 3));
            s[pos - across] = (short) clip3(0, maxValue, p0 + delta);
            s[pos] = (short) clip3(0, maxValue, q - delta);
        }
    }


    @Override
    public void lumaEdge(short[] s, int q0, int across, int along, int segments, int[] beta, int[] tc,
            int maxValue) {
        for (int j = 0; j < segments; j++) {
            lumaSegment(s, q0 + 4 * j * along, across, along, beta[j], tc[j], maxValue);
        }
    }

    @Override
    public void chromaEdge(short[] s, int q0, int across, int along, int segments, int[] tc, int maxValue) {
        for (int j = 0; j < segments; j++) {
            chromaSegment(s, q0 + 2 * j * along, across, along, tc[j], maxValue);
        }
    }

    /** |x2 - 2 x1 + x0| with x_i at {@code start + i * step}. */
    private static int secondDiff(short[] s, int start, int step) {
        int x0 = s[start] & 0xFFFF;
        int x1 = s[start + step] & 0xFFFF;
        int x2 = s[start + 2 * step] & 0xFFFF;
        return Math.abs(x2 - 2 * x1 + x0);
    }

    /** dSam of §8.7.2.5.6 for the line whose q0 is at {@code pos}. */
    private static boolean strongDecision(short[] s, int pos, int across, int dpq, int beta, int tc) {
        int p0 = s[pos - across] & 0xFFFF;
        int p3 = s[pos - 4 * across] & 0xFFFF;
        int q0 = s[pos] & 0xFFFF;
        int q3 = s[pos + 3 * across] & 0xFFFF;
        return dpq < (beta >> 2)
                && Math.abs(p3 - p0) + Math.abs(q0 - q3) < (beta >> 3)
                && Math.abs(p0 - q0) < ((5 * tc + 1) >> 1);
    }

    /** Strong luma filter of one line (dE == 2), §8.7.2.5.7: three samples each side, +-2 tC. */
    private static void strongFilterLine(short[] s, int pos, int a, int tc) {
        int p0 = s[pos - a] & 0xFFFF;
        int p1 = s[pos - 2 * a] & 0xFFFF;
        int p2 = s[pos - 3 * a] & 0xFFFF;
        int p3 = s[pos - 4 * a] & 0xFFFF;
        int q0 = s[pos] & 0xFFFF;
        int q1 = s[pos + a] & 0xFFFF;
        int q2 = s[pos + 2 * a] & 0xFFFF;
        int q3 = s[pos + 3 * a] & 0xFFFF;
        int tc2 = 2 * tc;
        s[pos - a] = (short) clip3(p0 - tc2, p0 + tc2, (p2 + 2 * p1 + 2 * p0 + 2 * q0 + q1 + 4) >> 3);
        s[pos - 2 * a] = (short) clip3(p1 - tc2, p1 + tc2, (p2 + p1 + p0 + q0 + 2) >> 2);
        s[pos - 3 * a] = (short) clip3(p2 - tc2, p2 + tc2, (2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
        s[pos] = (short) clip3(q0 - tc2, q0 + tc2, (p1 + 2 * p0 + 2 * q0 + 2 * q1 + q2 + 4) >> 3);
        s[pos + a] = (short) clip3(q1 - tc2, q1 + tc2, (p0 + q0 + q1 + q2 + 2) >> 2);
        s[pos + 2 * a] = (short) clip3(q2 - tc2, q2 + tc2, (p0 + q0 + q1 + 3 * q2 + 2 * q3 + 4) >> 3);
    }

    /** Normal luma filter of one line (dE == 1), §8.7.2.5.7: p0/q0, and p1/q1 when dEp/dEq. */
    private static void weakFilterLine(short[] s, int pos, int a, int tc, boolean dEp, boolean dEq, int maxValue) {
        int p0 = s[pos - a] & 0xFFFF;
        int p1 = s[pos - 2 * a] & 0xFFFF;
        int q0 = s[pos] & 0xFFFF;
        int q1 = s[pos + a] & 0xFFFF;
        int delta = (9 * (q0 - p0) - 3 * (q1 - p1) + 8) >> 4;
        if (Math.abs(delta) >= tc * 10) {
            return;                       // a real edge: nDp = nDq = 0
        }
        delta = clip3(-tc, tc, delta);
        s[pos - a] = (short) clip3(0, maxValue, p0 + delta);
        s[pos] = (short) clip3(0, maxValue, q0 - delta);
        int tcHalf = tc >> 1;
        if (dEp) {
            int p2 = s[pos - 3 * a] & 0xFFFF;
            int deltaP = clip3(-tcHalf, tcHalf, (((p2 + p0 + 1) >> 1) - p1 + delta) >> 1);
            s[pos - 2 * a] = (short) clip3(0, maxValue, p1 + deltaP);
        }
        if (dEq) {
            int q2 = s[pos + 2 * a] & 0xFFFF;
            int deltaQ = clip3(-tcHalf, tcHalf, (((q2 + q0 + 1) >> 1) - q1 - delta) >> 1);
            s[pos + a] = (short) clip3(0, maxValue, q1 + deltaQ);
        }
    }

    private static int clip3(int lo, int hi, int v) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
