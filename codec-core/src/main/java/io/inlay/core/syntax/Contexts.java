package io.inlay.core.syntax;

import io.inlay.bitstream.ContextTable;
import java.util.Arrays;

/**
 * Context-model layout of the frame data (docs/bitstream/coding-tree.md, "Context variables"): the
 * first index of each syntax element's contexts and their count. One {@link #TABLE} initialises
 * all of them at the frame QP.
 */
public final class Contexts {
    private Contexts() {
    }

    public static final int SPLIT_CU_FLAG = 0;                           // 3: neighbour depth
    public static final int PART_MODE = SPLIT_CU_FLAG + 3;               // 1
    public static final int PREV_INTRA_LUMA_PRED_FLAG = PART_MODE + 1;   // 1
    public static final int INTRA_CHROMA_PRED_MODE = PREV_INTRA_LUMA_PRED_FLAG + 1; // 2: bin 0 / bin 1
    public static final int CBF_LUMA = INTRA_CHROMA_PRED_MODE + 2;       // 2: transform depth 0 / 1
    public static final int CBF_CHROMA = CBF_LUMA + 2;                   // 2: transform depth 0 / 1
    public static final int CU_QP_DELTA_ABS = CBF_CHROMA + 2;            // 2: first bin / others
    public static final int LAST_X_PREFIX = CU_QP_DELTA_ABS + 2;         // 18: luma 15, chroma 3
    public static final int LAST_Y_PREFIX = LAST_X_PREFIX + 18;          // 18
    public static final int CODED_SUB_BLOCK_FLAG = LAST_Y_PREFIX + 18;   // 4: luma 2, chroma 2
    public static final int SIG_COEFF_FLAG = CODED_SUB_BLOCK_FLAG + 4;   // 32: luma 4x4 12, luma 12, chroma 8
    public static final int ABS_GT1_FLAG = SIG_COEFF_FLAG + 32;          // 30: luma 20, chroma 10
    public static final int ABS_GT2_FLAG = ABS_GT1_FLAG + 30;            // 30: luma 20, chroma 10
    public static final int CU_SKIP_FLAG = ABS_GT2_FLAG + 30;            // 3: skipped neighbours
    public static final int PRED_MODE_FLAG = CU_SKIP_FLAG + 3;           // 1
    public static final int MERGE_FLAG = PRED_MODE_FLAG + 1;             // 1
    public static final int MERGE_IDX = MERGE_FLAG + 1;                  // 1: first bin
    public static final int INTER_PRED_IDC = MERGE_IDX + 1;              // 5: bin 0 by CU depth, bin 1
    public static final int REF_IDX = INTER_PRED_IDC + 5;                // 2: bins 0 and 1
    public static final int MVP_FLAG = REF_IDX + 2;                      // 1
    public static final int RQT_ROOT_CBF = MVP_FLAG + 1;                 // 1
    public static final int ABS_MVD_GREATER0_FLAG = RQT_ROOT_CBF + 1;    // 1
    public static final int ABS_MVD_GREATER1_FLAG = ABS_MVD_GREATER0_FLAG + 1; // 1
    public static final int NLF_CTU_FLAG = ABS_MVD_GREATER1_FLAG + 1;      // 6: luma 0..2, chroma 3..5 (neighbours on)
    public static final int LIP_FLAG = NLF_CTU_FLAG + 6;                  // 3: learned neighbours
    public static final int LIF_IDX = LIP_FLAG + 3;                      // 2: bin 0 / bins 1..2
    public static final int BCW_IDX = LIF_IDX + 2;                       // 2: bin 0 / bin 1
    public static final int COUNT = BCW_IDX + 2;

    /** Initialisation of every context in intra frames (H.266-style initValue/shiftIdx pairs). */
    public static final ContextTable TABLE = buildTable();

    /** Initialisation of every context in P and B frames. */
    public static final ContextTable INTER_TABLE = buildInterTable();

    /** The initialisation table of a frame: {@link #INTER_TABLE} for P and B frames, else {@link #TABLE}. */
    public static ContextTable table(boolean interFrame) {
        return interFrame ? INTER_TABLE : TABLE;
    }

    private static ContextTable buildInterTable() {
        // initValue per context, fitted by ContextInitTrainer (inter 9 20 ...) to the first bins of
        // the P/B frames of random-access encodes of frames 20..28 of the corpus clips foreman,
        // cars, tennis, carphone, mobile and park_joy (QPs 22..42); the rate-distortion
        // measurements use frames 0..9.
        int[] init = {
            11, 13, 22, 58, 44, 11, 12, 14, 5, 33, 48, 35, 35, 21, 5, 3,
            29, 22, 3, 21, 30, 22, 4, 12, 22, 45, 6, 19, 11, 19, 2, 13,
            12, 11, 6, 22, 11, 21, 30, 22, 4, 13, 38, 15, 30, 5, 11, 11,
            33, 3, 30, 41, 30, 11, 13, 35, 35, 11, 29, 22, 38, 42, 37, 30,
            46, 33, 43, 36, 45, 33, 51, 44, 53, 26, 59, 52, 53, 41, 28, 36,
            38, 42, 60, 53, 46, 17, 34, 27, 20, 60, 25, 50, 43, 44, 37, 33,
            43, 36, 29, 22, 26, 59, 60, 45, 38, 25, 52, 45, 61, 7, 33, 52,
            53, 38, 15, 33, 10, 19, 19, 5, 25, 34, 35, 28, 29, 18, 27, 59,
            21, 45, 34, 28, 44, 45, 38, 18, 4, 52, 14, 7, 26, 35, 14, 44,
            38, 57, 51, 60, 41, 11, 35, 5, 4, 3, 2, 18, 27, 35, 42, 4,
            44, 51,
            // nlf_ctu_flag (luma, chroma; ctxInc = neighbours with the flag on): not fitted yet,
            // P(1) 0.43, 0.57, 0.71 at any QP (slope 0)
            35, 36, 37, 35, 36, 37,
            // lip_flag (ctxInc = left and above neighbours with a learned mode): the intra table's
            // values (fitted on I frames; not fitted on P/B frames)
            33, 41, 42,
            // lif_idx (learned interpolation filter set; bin 0: learned or H.265, bins 1..: which
            // set): not fitted, P(1) 0.29 and 0.43 at any QP
            34, 35,
            // bcw_idx (bin 0: a weight other than the average; bin 1: which): not fitted, P(1) 0.29
            // and 0.43 at any QP
            34, 35,
        };
        if (init.length != COUNT) {
            throw new AssertionError("inter context table has " + init.length + " entries, expected " + COUNT);
        }
        int[] shift = new int[COUNT];
        Arrays.fill(shift, 5);
        return new ContextTable(init, shift);
    }

    private static ContextTable buildTable() {
        // initValue per context, fitted by ContextInitTrainer (codec-core tests) to the first
        // bins of each frame of the corpus stills kristen_and_sara, akiyo, hall_monitor, blue_sky
        // and dark_scene (2 frames, QPs 22..42); none of them is in the rate-distortion test set.
        // Context 6 (intra_chroma_pred_mode bin 1, the CCLM choice) came later and starts neutral.
        int[] init = {
            34, 22, 38, 59, 45, 18, 35, 20, 13, 11, 41, 35, 35, 37, 6, 3,
            44, 22, 3, 29, 45, 22, 3, 5, 45, 45, 29, 11, 4, 4, 3, 13,
            4, 3, 28, 21, 18, 29, 37, 6, 4, 12, 37, 59, 52, 4, 11, 11,
            10, 11, 31, 5, 15, 28, 5, 36, 35, 19, 6, 14, 22, 42, 52, 22,
            38, 33, 20, 21, 22, 41, 36, 29, 38, 12, 37, 22, 38, 26, 20, 13,
            6, 27, 44, 37, 38, 25, 19, 20, 21, 29, 18, 20, 36, 29, 22, 11,
            21, 29, 37, 22, 27, 44, 37, 22, 38, 33, 12, 5, 44, 29, 26, 21,
            37, 45, 7, 26, 19, 12, 5, 13, 33, 12, 5, 21, 14, 26, 28, 21,
            14, 30, 27, 36, 44, 37, 38, 18, 19, 12, 51, 52, 26, 28, 21, 52,
            38,
            // inter syntax (cu_skip_flag .. abs_mvd_greater1_flag): does not occur in intra frames
            43, 44, 52, 35, 43, 35, 27, 27, 27, 27, 35, 35, 35, 35, 27, 29, 27,
            // nlf_ctu_flag (luma, chroma; ctxInc = neighbours with the flag on): not fitted yet,
            // P(1) 0.43, 0.57, 0.71 at any QP (slope 0)
            35, 36, 37, 35, 36, 37,
            // lip_flag (ctxInc = left and above neighbours with a learned mode): fitted by
            // ContextInitTrainer -Dinlay.lipModel=lip2.ilip on the same stills; ctxInc 0 refitted
            // with lip4 on its training clips (format 0.9)
            33, 41, 42,
            // lif_idx: does not occur in intra frames
            34, 35,
            // bcw_idx: does not occur in intra frames
            34, 35,
        };
        if (init.length != COUNT) {
            throw new AssertionError("context table has " + init.length + " entries, expected " + COUNT);
        }
        int[] shift = new int[COUNT];
        Arrays.fill(shift, 5);
        return new ContextTable(init, shift);
    }
}
