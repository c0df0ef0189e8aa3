package io.inlay.core.intra;

/**
 * Learned intra prediction, docs/bitstream/decoding-process.md §4.8: an affine-linear map of the
 * reduced boundary in the manner of VVC's matrix-based intra prediction (H.266 §8.4.5.2.2 ff.;
 * Pfaff et al., "Intra prediction and mode coding in VVC", IEEE TCSVT 31(10), 2021), with matrices
 * from a {@link LearnedIntraModel}. Scalar reference; shared by encoder and decoder.
 *
 * <p>Steps for an n x n luma block (class c = log2 n - 2): (1) boundary reduction: the n
 * unfiltered top and left reference samples are averaged in groups of f = n / s to s samples per
 * side (s = 4 for 4x4, 8 otherwise); (2) the 2s inputs minus their rounded mean {@code avg};
 * (3) {@code red[j] = Clip1(avg + ((sum_i A[j][i] * d[i] + (b[j] << (bitDepth - 8)) + (1 << (shift
 * - 1))) >> shift))}; (4) for n greater than the reduced side r (16 and 32), linear interpolation
 * first along rows, then along columns, with the reference samples as the anchors at -1.
 *
 * <p>One instance per thread (scratch arrays); no allocation per call.
 */
public final class LearnedIntraPredictor {
    private final int[] input = new int[16];
    private final int[] reduced = new int[64];
    /** Rows of the block at reduced row positions, after horizontal upsampling: [r * n + x]. */
    private final int[] rows = new int[8 * 32];

    /**
     * Predicts the n x n block (n = 1 << log2Size) into {@code pred} (row-major).
     *
     * @param top  unfiltered top references, corner at 0 ({@link IntraReference#top()})
     * @param left unfiltered left references, corner at 0
     * @param mode 0..{@link LearnedIntraModel#MODES} - 1
     */
    public void predict(LearnedIntraModel model, int[] top, int[] left, int mode, int log2Size, int bitDepth,
                        int[] pred) {
        assert log2Size >= 2 && log2Size <= 5 : "log2Size " + log2Size;
        assert mode >= 0 && mode < LearnedIntraModel.MODES : "mode " + mode;
        int c = log2Size - 2;
        int n = 1 << log2Size;
        int s = LearnedIntraModel.boundaryPerSide(c);
        int log2F = log2Size - Integer.numberOfTrailingZeros(s);
        int half = log2F > 0 ? 1 << (log2F - 1) : 0;
        int sum = 0;
        for (int i = 0; i < s; i++) {
            int t = 0;
            int l = 0;
            for (int j = 0; j < 1 << log2F; j++) {
                t += top[1 + (i << log2F) + j];
                l += left[1 + (i << log2F) + j];
            }
            input[i] = (t + half) >> log2F;
            input[s + i] = (l + half) >> log2F;
            sum += input[i] + input[s + i];
        }
        int inputs = 2 * s;
        int log2In = Integer.numberOfTrailingZeros(inputs);
        int avg = (sum + (inputs >> 1)) >> log2In;
        for (int i = 0; i < inputs; i++) {
            input[i] -= avg;
        }
        byte[] w = model.weights(c, mode);
        int[] b = model.offsets(c, mode);
        int shift = model.shift(c, mode);
        int round = 1 << (shift - 1);
        int scale = bitDepth - 8;
        int max = (1 << bitDepth) - 1;
        int r = LearnedIntraModel.reducedSide(c);
        int outputs = r * r;
        int[] out = r == n ? pred : reduced;
        for (int j = 0; j < outputs; j++) {
            int acc = (b[j] << scale) + round;
            int row = j * inputs;
            for (int i = 0; i < inputs; i++) {
                acc += w[row + i] * input[i];
            }
            int v = avg + (acc >> shift);
            out[j] = v < 0 ? 0 : Math.min(v, max);
        }
        if (r < n) {
            upsample(top, left, log2Size, Integer.numberOfTrailingZeros(n / r), r, pred);
        }
    }

    /**
     * §4.8 step 4: reduced sample (i, j) sits at ((i + 1) f - 1, (j + 1) f - 1); rows first, anchored
     * on the left references, then columns, anchored on the top references.
     */
    private void upsample(int[] top, int[] left, int log2Size, int log2F, int r, int[] pred) {
        int n = 1 << log2Size;
        int f = 1 << log2F;
        int half = f >> 1;
        for (int i = 0; i < r; i++) {
            int y = ((i + 1) << log2F) - 1;
            int a = left[1 + y];
            for (int j = 0; j < r; j++) {
                int bv = reduced[i * r + j];
                int x0 = j << log2F;
                for (int k = 1; k <= f; k++) {
                    rows[i * n + x0 + k - 1] = ((f - k) * a + k * bv + half) >> log2F;
                }
                a = bv;
            }
        }
        for (int x = 0; x < n; x++) {
            int a = top[1 + x];
            for (int i = 0; i < r; i++) {
                int bv = rows[i * n + x];
                int y0 = i << log2F;
                for (int k = 1; k <= f; k++) {
                    pred[(y0 + k - 1) * n + x] = ((f - k) * a + k * bv + half) >> log2F;
                }
                a = bv;
            }
        }
    }
}
