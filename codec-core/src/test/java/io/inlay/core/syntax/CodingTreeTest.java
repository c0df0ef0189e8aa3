package io.inlay.core.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.inlay.core.intra.IntraModes;
import io.inlay.core.intra.LearnedIntraModel;
import org.junit.jupiter.api.Test;

/** Mode coding derivations: every mode is representable and maps back exactly. */
class CodingTreeTest {
    @Test
    void remainingModeIsTheInverseOfItsDerivation() {
        int[] mpm = new int[3];
        for (int a = 0; a < IntraModes.NUM_MODES; a++) {
            for (int b = 0; b < IntraModes.NUM_MODES; b++) {
                // MPM lists as §8.4.2 builds them from neighbour modes a and b
                buildMpm(a, b, mpm);
                assertNotEquals(mpm[0], mpm[1]);
                assertNotEquals(mpm[1], mpm[2]);
                assertNotEquals(mpm[0], mpm[2]);
                int rem = 0;
                for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
                    if (CodingTree.mpmIndex(mpm, mode) >= 0) {
                        continue;
                    }
                    int r = CodingTree.remainingMode(mpm, mode);
                    assertEquals(rem++, r, "remaining modes are dense 0..31");
                    assertEquals(mode, CodingTree.modeFromRemaining(mpm, r));
                }
                assertEquals(32, rem);
            }
        }
    }

    @Test
    void everyChromaModeIndexMapsBack() {
        for (int luma = 0; luma < IntraModes.NUM_MODES; luma++) {
            for (int idx = 0; idx <= CodingTree.CHROMA_MODE_CCLM; idx++) {
                int mode = CodingTree.chromaMode(idx, luma);
                assertEquals(mode, CodingTree.chromaMode(CodingTree.chromaModeIndex(mode, luma), luma));
            }
        }
    }

    @Test
    void lipFlagContextCountsLearnedIntraNeighbours() {
        io.inlay.core.recon.FrameMaps m = new io.inlay.core.recon.FrameMaps(64, 64);
        int learned = IntraModes.LEARNED_FIRST + 3;
        // CU at (16, 16): left (15, 16) and above (16, 15)
        assertEquals(Contexts.LIP_FLAG, CodingTree.lipFlagCtx(m, 16, 16));
        m.setLumaMode(8, 16, 8, learned);
        assertEquals(Contexts.LIP_FLAG + 1, CodingTree.lipFlagCtx(m, 16, 16));
        m.setLumaMode(16, 8, 8, learned);
        assertEquals(Contexts.LIP_FLAG + 2, CodingTree.lipFlagCtx(m, 16, 16));
        m.setLumaMode(16, 8, 8, IntraModes.PLANAR);
        assertEquals(Contexts.LIP_FLAG + 1, CodingTree.lipFlagCtx(m, 16, 16));
        // an inter neighbour never counts, whatever its stale luma mode
        m.setPredMode(8, 16, 3, true, false);
        assertEquals(Contexts.LIP_FLAG, CodingTree.lipFlagCtx(m, 16, 16));
        // neighbours outside the picture are unavailable
        m.setLumaMode(0, 0, 8, learned);
        assertEquals(Contexts.LIP_FLAG, CodingTree.lipFlagCtx(m, 0, 0));
        // the above neighbour may lie in the CTU row above
        io.inlay.core.recon.FrameMaps tall = new io.inlay.core.recon.FrameMaps(64, 128);
        tall.setLumaMode(0, 56, 8, learned);
        assertEquals(Contexts.LIP_FLAG + 1, CodingTree.lipFlagCtx(tall, 0, 64));
    }

    /**
     * A learned neighbour enters the MPM list and the chroma DM as its model's derived mode for the
     * neighbour's class (coding-tree.md §5.3, §5.4): 4x4 in an NxN CU, else the CU's transform block
     * size (32x32 for a 64x64 CU).
     */
    @Test
    void learnedModesDeriveTheModelsModeOfTheirClass() {
        // derived modes: class 0: 2..9, 1: 6..13, 2: 10..17, 3: 14..21
        java.util.function.IntBinaryOperator dm = (c, k) -> 2 + 4 * c + k;
        LearnedIntraModel model = LearnedIntraModel.parse(io.inlay.core.intra.ZeroLearnedIntraModel.serialised(dm));
        io.inlay.core.recon.FrameMaps m = new io.inlay.core.recon.FrameMaps(128, 128);
        m.setLearnedIntraModel(model);
        int k = 5;
        int learned = IntraModes.LEARNED_FIRST + k;
        int[] mpm = new int[3];
        // 8x8 NxN CU at (0, 64): its first 4x4 block is learned (class 0)
        m.setCu(0, 64, 3, true);
        m.setLumaMode(0, 64, 4, learned);
        assertEquals(dm.applyAsInt(0, k), m.derivedLumaMode(0, 64));
        CodingTree.mostProbableModes(m, 4, 64, mpm);        // left: the learned 4x4 block, above: none
        assertEquals(dm.applyAsInt(0, k), mpm[0]);
        assertEquals(dm.applyAsInt(0, k), CodingTree.chromaMode(CodingTree.CHROMA_MODE_DM, m.derivedLumaMode(0, 64)));
        // 8x8 (class 1), 16x16 (class 2) and 64x64 CUs (class 3, 32x32 transform blocks)
        m.setCu(8, 64, 3, false);
        m.setLumaMode(8, 64, 8, learned);
        assertEquals(dm.applyAsInt(1, k), m.derivedLumaMode(8, 64));
        m.setCu(16, 64, 4, false);
        m.setLumaMode(16, 64, 16, learned);
        assertEquals(dm.applyAsInt(2, k), m.derivedLumaMode(20, 76));
        m.setCu(0, 0, 6, false);
        m.setLumaMode(0, 0, 64, learned);
        assertEquals(dm.applyAsInt(3, k), m.derivedLumaMode(63, 63));
        CodingTree.mostProbableModes(m, 64, 0, mpm);        // left: the 64x64 CU, above: none
        assertEquals(dm.applyAsInt(3, k), mpm[0]);
        assertEquals(IntraModes.DC, mpm[1]);
        // regular modes pass through
        m.setLumaMode(8, 64, 8, IntraModes.VERTICAL);
        assertEquals(IntraModes.VERTICAL, m.derivedLumaMode(8, 64));
    }

    private static void buildMpm(int a, int b, int[] out) {
        io.inlay.core.recon.FrameMaps m = new io.inlay.core.recon.FrameMaps(16, 16);
        m.setCu(0, 0, 3, true);
        m.setLumaMode(0, 4, 4, a);   // left neighbour of (4, 4)
        m.setLumaMode(4, 0, 4, b);   // above neighbour of (4, 4)
        CodingTree.mostProbableModes(m, 4, 4, out);
    }
}
