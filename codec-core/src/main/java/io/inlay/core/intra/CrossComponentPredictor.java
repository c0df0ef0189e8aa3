package io.inlay.core.intra;

import io.inlay.core.Plane;

/**
 * Cross-component linear model (CCLM) chroma prediction for 4:2:0, in the spirit of H.266
 * §8.4.5.2.14 but with a least-squares fit (docs/bitstream/decoding-process.md, "Cross-component
 * prediction"): the reconstructed luma is down-sampled to the chroma grid by a 2x2 mean,
 * {@code pred = Clip1(((alpha * L') >> 12) + beta)}, and (alpha, beta) fit the reconstructed
 * neighbour pairs (the row above and the column left of the block, where available).
 * All integer; shared by encoder and decoder. One instance per thread.
 */
public final class CrossComponentPredictor {
    /** Fractional bits of alpha. */
    public static final int SHIFT = 12;
    private static final long ALPHA_LIMIT = 8L << SHIFT;

    /**
     * Predicts the n x n block at chroma position (cx, cy) of {@code chroma} (n = 1 << log2Size)
     * into {@code pred} (row-major). {@code luma} must hold the reconstructed luma of the block's
     * area and, where the neighbours are available, of the two luma rows above and two columns
     * to the left.
     */
    public void predict(Plane luma, Plane chroma, int cx, int cy, int log2Size, boolean topAvailable,
                        boolean leftAvailable, int bitDepth, int[] pred) {
        int n = 1 << log2Size;
        long sumL = 0;
        long sumC = 0;
        long sumLL = 0;
        long sumLC = 0;
        int count = 0;
        if (topAvailable) {
            for (int i = 0; i < n; i++) {
                int l = downsampled(luma, cx + i, cy - 1);
                int c = chroma.get(cx + i, cy - 1);
                sumL += l;
                sumC += c;
                sumLL += (long) l * l;
                sumLC += (long) l * c;
            }
            count += n;
        }
        if (leftAvailable) {
            for (int j = 0; j < n; j++) {
                int l = downsampled(luma, cx - 1, cy + j);
                int c = chroma.get(cx - 1, cy + j);
                sumL += l;
                sumC += c;
                sumLL += (long) l * l;
                sumLC += (long) l * c;
            }
            count += n;
        }
        if (count == 0) {
            java.util.Arrays.fill(pred, 0, n * n, 1 << (bitDepth - 1));
            return;
        }
        long num = count * sumLC - sumL * sumC;
        long den = count * sumLL - sumL * sumL;
        long alpha = den <= 0 ? 0 : Math.floorDiv(2 * (num << SHIFT) + den, 2 * den);
        alpha = Math.max(-ALPHA_LIMIT, Math.min(ALPHA_LIMIT, alpha));
        long beta = Math.floorDiv(sumC - ((alpha * sumL) >> SHIFT), count);
        int max = (1 << bitDepth) - 1;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                long v = ((alpha * downsampled(luma, cx + i, cy + j)) >> SHIFT) + beta;
                pred[j * n + i] = (int) Math.max(0, Math.min(max, v));
            }
        }
    }

    /** Mean of the 2x2 luma samples co-located with chroma sample (x, y), rounded. */
    private static int downsampled(Plane luma, int x, int y) {
        short[] s = luma.samples();
        int i = luma.index(2 * x, 2 * y);
        int st = luma.stride();
        return ((s[i] & 0xFFFF) + (s[i + 1] & 0xFFFF) + (s[i + st] & 0xFFFF) + (s[i + st + 1] & 0xFFFF) + 2) >> 2;
    }
}
