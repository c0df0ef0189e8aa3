package io.inlay.core.intra;

/**
 * Intra prediction mode numbers, H.265 §8.4.2 numbering: 0 planar, 1 DC, 2..34 angular
 * (2 = down-left diagonal, 10 = horizontal, 18 = down-right diagonal, 26 = vertical,
 * 34 = up-right diagonal).
 */
public final class IntraModes {
    public static final int PLANAR = 0;
    public static final int DC = 1;
    /** First angular mode (bottom-left diagonal, angle +32 from the left column). */
    public static final int ANGULAR_FIRST = 2;
    public static final int HORIZONTAL = 10;
    /** Down-right diagonal (angle -32). */
    public static final int DIAGONAL = 18;
    public static final int VERTICAL = 26;
    /** Last angular mode (top-right diagonal, angle +32 from the top row). */
    public static final int ANGULAR_LAST = 34;
    public static final int NUM_MODES = 35;
    /** Chroma only: the cross-component linear model ({@link CrossComponentPredictor}). */
    public static final int CCLM = 35;
    /**
     * Luma only: learned intra mode k (docs/bitstream/decoding-process.md §4.8) is stored as
     * {@code LEARNED_FIRST + k}, k = 0..{@link #LEARNED_COUNT} - 1. For the MPM list of later blocks and
     * for the chroma DM it counts as the model's derived mode of its class and mode
     * ({@code FrameMaps.derivedLumaMode}, {@link LearnedIntraModel#derivedMode}).
     */
    public static final int LEARNED_FIRST = 36;
    public static final int LEARNED_COUNT = LearnedIntraModel.MODES;

    private IntraModes() {
    }

    /** True for a learned intra mode. */
    public static boolean isLearned(int mode) {
        return mode >= LEARNED_FIRST && mode < LEARNED_FIRST + LEARNED_COUNT;
    }

    /** True for 2..34. */
    public static boolean isAngular(int mode) {
        return mode >= ANGULAR_FIRST && mode <= ANGULAR_LAST;
    }
}
