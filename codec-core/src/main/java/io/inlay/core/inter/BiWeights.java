package io.inlay.core.inter;

/**
 * Weighted bi-prediction (docs/bitstream/decoding-process.md §13.2, since format 0.9; docs/learned-inter.md,
 * "Weighted bi-prediction"): a bi-predicted CU with {@code BcwIdx} > 0 is predicted, in every component, as
 * {@code ((8 - w) predSamplesL0 + w predSamplesL1) / 8} with {@code w = BCW_W1[BcwIdx]}, in the manner of
 * H.266's bi-prediction with CU-level weights (§8.5.6.6.2; the set of its random-access configuration,
 * which the weight fit on Inlay's training clips reproduces). {@code BcwIdx} 0 is the average of §10 (with
 * the refinement of §13.1 where that applies); the refinement is not applied to weighted CUs.
 *
 * <p>This class holds the weight table; the weighted sum itself is a kernel of the bi-averaging family,
 * {@link io.inlay.core.kernels.BiAveraging#weighted} (scalar reference and Vector API version, checked
 * against each other by the kernel harness), which {@link InterPredictor} calls with {@link #weight}.
 */
public final class BiWeights {
    private BiWeights() {
    }

    /** {@code w} (the list-1 weight in 1/8) by {@code BcwIdx}: 4 (the average), 3, 5. */
    private static final int[] BCW_W1 = {4, 3, 5};

    /** {@code w}, the list-1 weight in 1/8, of {@code BcwIdx} {@code idx} (0..{@link #MAX_IDX}). */
    public static int weight(int idx) {
        if (idx < 0 || idx > MAX_IDX) {
            throw new IllegalArgumentException("BcwIdx " + idx);
        }
        return BCW_W1[idx];
    }

    /** Largest {@code BcwIdx}: the cMax of {@code bcw_idx}. */
    public static final int MAX_IDX = BCW_W1.length - 1;
}
