package io.inlay.core.syntax;

import io.inlay.bitstream.ContextTable;
import java.util.Arrays;

/**
 * Context-model layout of the frame data (docs/bitstream/parsing.md, "Context variables"): the
 * first index of each syntax element's contexts and their count. One {@link #TABLE} initialises
 * all of them at the frame QP.
 */
public final class Contexts {
    private Contexts() {
    }

    public static final int SPLIT_CU_FLAG = 0;                           // 3: neighbour depth
    public static final int PART_MODE = SPLIT_CU_FLAG + 3;               // 1
    public static final int PREV_INTRA_LUMA_PRED_FLAG = PART_MODE + 1;   // 1
    public static final int INTRA_CHROMA_PRED_MODE = PREV_INTRA_LUMA_PRED_FLAG + 1; // 1
    public static final int CBF_LUMA = INTRA_CHROMA_PRED_MODE + 1;       // 2: transform depth 0 / 1
    public static final int CBF_CHROMA = CBF_LUMA + 2;                   // 2: transform depth 0 / 1
    public static final int CU_QP_DELTA_ABS = CBF_CHROMA + 2;            // 2: first bin / others
    public static final int LAST_X_PREFIX = CU_QP_DELTA_ABS + 2;         // 18: luma 15, chroma 3
    public static final int LAST_Y_PREFIX = LAST_X_PREFIX + 18;          // 18
    public static final int CODED_SUB_BLOCK_FLAG = LAST_Y_PREFIX + 18;   // 4: luma 2, chroma 2
    public static final int SIG_COEFF_FLAG = CODED_SUB_BLOCK_FLAG + 4;   // 32: luma 4x4 12, luma 12, chroma 8
    public static final int ABS_GT1_FLAG = SIG_COEFF_FLAG + 32;          // 30: luma 20, chroma 10
    public static final int ABS_GT2_FLAG = ABS_GT1_FLAG + 30;            // 30: luma 20, chroma 10
    public static final int COUNT = ABS_GT2_FLAG + 30;

    /** Initialisation of every context (H.266-style initValue/shiftIdx pairs). */
    public static final ContextTable TABLE = buildTable();

    private static ContextTable buildTable() {
        int[] init = new int[COUNT];
        int[] shift = new int[COUNT];
        // Neutral start (initValue 35: slope 0, probability of 1 = 55/128) adapting quickly;
        // per-element values are refined where statistics justify it.
        Arrays.fill(init, 35);
        Arrays.fill(shift, 5);
        return new ContextTable(init, shift);
    }
}
