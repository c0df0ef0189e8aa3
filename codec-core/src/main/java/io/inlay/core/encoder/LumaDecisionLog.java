package io.inlay.core.encoder;

/**
 * Development hook of the learned intra trainer's encoder-in-the-loop mode
 * (docs/learned-intra.md, "Encoder-in-the-loop training"): when installed, the intra search reports
 * each luma mode decision of a prediction block below 64x64 in an intra CU, whether or not the CU
 * is kept in the end. Not part of the public API; {@code null} (the default) costs one volatile
 * read per decision. Output does not depend on whether a log is installed.
 */
public interface LumaDecisionLog {
    /**
     * One decision.
     *
     * @param qp           the block's QP
     * @param log2Size     2..5
     * @param refs         the block's n unfiltered top then n left reference samples (§4.8 input)
     * @param orig         the original luma samples of the block, row-major n x n
     * @param chosen       the chosen mode (0..34, or {@code IntraModes.LEARNED_FIRST + k})
     * @param bestRegularJ the smallest RD cost of a regular mode in the full check
     * @param learned      the learned mode that had the smallest RD cost in the full check, or -1
     * @param bestLearnedJ its RD cost (or +infinity)
     * @param lambda       the lambda of the costs
     */
    void record(int qp, int log2Size, int[] refs, int[] orig, int chosen, double bestRegularJ, int learned,
                double bestLearnedJ, double lambda);

    /** Installs {@code log} for every encoder in this JVM (null removes it). */
    static void install(LumaDecisionLog log) {
        Installed.log = log;
    }

    /** Holder of the installed log. */
    final class Installed {
        static volatile LumaDecisionLog log;

        private Installed() {
        }
    }
}
