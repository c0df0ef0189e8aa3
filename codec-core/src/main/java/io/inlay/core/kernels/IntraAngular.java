package io.inlay.core.kernels;

/**
 * The interpolation step of angular intra prediction (H.265 §8.4.4.2.6, equations 8-52 to 8-55
 * for modes 18..34 and 8-60 to 8-63 for modes 2..17): every sample of an n x n block is a
 * two-tap, 1/32-sample interpolation of the main reference array {@code ref}.
 *
 * <p>For {@code j = 0..n-1} let {@code pos = (j + 1) * angle}, {@code idx = (pos >> 5) + 1},
 * {@code fact = pos & 31} and, for {@code i = 0..n-1},
 * {@code v(j, i) = ((32 - fact) * ref[idx + i] + fact * ref[idx + i + 1] + 16) >> 5}, or
 * {@code ref[idx + i]} when {@code fact == 0}. A vertical mode writes {@code v(j, i)} to row j,
 * column i; a horizontal mode to row i, column j. {@code ref[k]} lives at
 * {@code ref[refBase + k]}; the caller has filled {@code ref[-n..2n]} (negative indices only
 * for negative angles, as the standard's extension through invAngle gives them).
 *
 * <p>Contract: {@code n} in {4, 8, 16, 32}; {@code angle} in [-32, 32] (H.265 Table 8-4);
 * reference samples in [0, 2^12); {@code pred[predOff + r * n + c]} for {@code r, c < n} is
 * written and nothing else. Reads only {@code ref[min(0, (n * angle) >> 5) .. 2n]}
 * (indices relative to {@code refBase}). The edge filters of modes 10 and 26 and the reference
 * preparation stay with the caller ({@code io.inlay.core.intra.IntraPredictor}). Stateless and
 * thread-safe. Shared by encoder and decoder.
 */
public interface IntraAngular {
    /** Predicts the n x n block; see the interface comment. */
    void predict(int[] ref, int refBase, int angle, boolean vertical, int n, int[] pred, int predOff);
}
