package io.inlay.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * checkasm-style harness: every kernel family of every non-scalar {@link Kernels} level is run
 * against the scalar reference on seeded random and worst-case inputs, all block sizes, inputs
 * embedded in larger arrays with canaries around them (checked unchanged afterwards), first cold
 * and then hot (enough calls for C2 to compile the kernels). Override the seed with
 * {@code -Dinlay.checkasm.seed=N}; every failure message names it. Seed, canary and the
 * every-family rule are {@link Checkasm}'s, shared with codec-neural's harness of the network
 * layer kernels. The checks of the transform
 * and interpolation families are in {@link ForwardTransformCheck}, {@link InverseTransformCheck},
 * {@link SubpelInterpolationCheck}, {@link BiAveragingCheck},
 * {@link IntraAngularCheck}, {@link DeblockingFilterCheck} and {@link BiFlowRefinementCheck}.
 */
class KernelHarnessTest {
    static final long SEED = Checkasm.SEED;
    static final int HOT_CALLS = Checkasm.HOT_CALLS;
    static final short CANARY = Checkasm.CANARY;
    static final int[] BIT_DEPTHS = {8, 10, 12};

    /** One checker per family; a family of {@link Kernels#families()} without one fails the build. */
    private static final Map<Class<?>, FamilyCheck> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put(BlockDistortion.class, KernelHarnessTest::checkBlockDistortion);
        CHECKS.put(ForwardTransform.class, ForwardTransformCheck::check);
        CHECKS.put(InverseTransformKernel.class, InverseTransformCheck::check);
        CHECKS.put(SubpelInterpolation.class, SubpelInterpolationCheck::check);
        CHECKS.put(BiAveraging.class, BiAveragingCheck::check);
        CHECKS.put(IntraAngular.class, IntraAngularCheck::check);
        CHECKS.put(DeblockingFilter.class, DeblockingFilterCheck::check);
        CHECKS.put(BiFlowRefinementKernel.class, BiFlowRefinementCheck::check);
    }

    @FunctionalInterface
    interface FamilyCheck {
        /** Compares {@code impl} with {@code ref}; cold = full matrix, hot = many random calls. */
        void check(Kernels ref, Kernels impl, Random rnd, boolean hot);
    }

    @Test
    void everyFamilyHasACheck() {
        Checkasm.assertEveryFamilyChecked(Kernels.families(), CHECKS.keySet(), "Kernels.families()");
        Set<Class<?>> exposed = new HashSet<>();
        for (Method m : Kernels.class.getMethods()) {
            Class<?> r = m.getReturnType();
            if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && r.isInterface()
                    && r.getPackage() == Kernels.class.getPackage()) {
                exposed.add(r);
            }
        }
        assertEquals(Set.copyOf(Kernels.families()), exposed,
                "Kernels exposes a family accessor missing from Kernels.families() (or vice versa)");
    }

    @Test
    void vectorLevelIsAvailableWhenTheModuleIs() {
        if (Kernels.vectorModulePresent()) {
            assertEquals(Kernels.Level.VECTOR, Kernels.vector().level());
            assertEquals(Kernels.Level.VECTOR, Kernels.choose("auto", new StringBuilder()).level());
        }
        assertEquals(Kernels.Level.SCALAR, Kernels.choose("scalar", new StringBuilder()).level());
        assertEquals(Kernels.Level.SCALAR, Kernels.scalar().level());
    }

    @Test
    void unknownLevelIsRejected() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Kernels.choose("avx9000", new StringBuilder()));
        assertTrue(e.getMessage().contains("avx9000"), e.getMessage());
    }

    @Test
    void nonScalarKernelsMatchScalarColdThenHot() {
        // The CPU's own level, then every other vector width (forced; emulated when wider than
        // the hardware, so those get the cold matrix only).
        List<Kernels> impls = new ArrayList<>();
        int preferred = Kernels.preferredVectorBits();
        if (preferred > 0) {
            impls.add(Kernels.vector());
            for (int bits : new int[] {128, 256, 512}) {
                if (bits != preferred) {
                    impls.add(Kernels.vectorWithBits(bits));
                }
            }
        }
        System.out.println("checkasm seed " + SEED + " (-Dinlay.checkasm.seed=" + SEED + "), levels " + impls);
        for (Kernels impl : impls) {
            boolean runsNatively = !impl.description().contains("forced") || impl.description().contains("128")
                    || (impl.description().contains("256") && preferred >= 256);
            for (Map.Entry<Class<?>, FamilyCheck> e : CHECKS.entrySet()) {
                long t0 = System.nanoTime();
                e.getValue().check(Kernels.scalar(), impl, new Random(SEED), false);
                long t1 = System.nanoTime();
                if (runsNatively) {
                    e.getValue().check(Kernels.scalar(), impl, new Random(SEED + 1), true);
                }
                System.out.printf("%s %s: cold %d ms, hot %d ms%n", impl.description(),
                        e.getKey().getSimpleName(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            }
        }
    }

    // ---- BlockDistortion ----

    /**
     * Input patterns. The last two put in {@code a} what the bi-prediction motion search compares
     * (the target {@code 2 * org - pred0}, in {@code [-max, 2 * max]}) and in {@code b} a
     * prediction: outside the picture sample range, within the signed contract of SAD and SATD
     * (not of SSE, which they skip).
     */
    private enum Pattern {
        RANDOM, ZERO, MAX_VS_ZERO, ALTERNATING, NEAR, BI_TARGET, BI_TARGET_EXTREME;

        boolean outOfSampleRange() {
            return this == BI_TARGET || this == BI_TARGET_EXTREME;
        }
    }

    private static void checkBlockDistortion(Kernels refK, Kernels implK, Random rnd, boolean hot) {
        BlockDistortion ref = refK.blockDistortion();
        BlockDistortion impl = implK.blockDistortion();
        String level = implK.description();
        if (hot) {
            hotBlockDistortion(ref, impl, level, rnd);
            return;
        }
        // Every block size 4..64 x 4..64 on random data, bit depths in turn.
        int n = 0;
        for (int w = 4; w <= 64; w += 4) {
            for (int h = 4; h <= 64; h += 4) {
                compareBlock(ref, impl, level, rnd, w, h, BIT_DEPTHS[n++ % 3], Pattern.RANDOM, true);
            }
        }
        // Worst cases at every bit depth on sizes that reach every strip width and tile size.
        int[][] worst = {{4, 4}, {8, 8}, {12, 20}, {16, 16}, {24, 8}, {28, 12}, {60, 36}, {64, 64}};
        for (int[] s : worst) {
            for (int depth : BIT_DEPTHS) {
                for (Pattern p : Pattern.values()) {
                    compareBlock(ref, impl, level, rnd, s[0], s[1], depth, p, true);
                }
            }
        }
        // SSE/SAD accept any size: odd widths, tails, and tall or wide strips long enough to make
        // the vector accumulators flush (12-bit maxima make any overflow visible).
        int[][] extra = {{1, 1}, {3, 5}, {5, 3}, {7, 9}, {13, 2}, {17, 17}, {31, 4}, {33, 7}, {63, 65},
            {4, 300}, {12, 300}, {28, 300}, {427, 40}, {1923, 3}, {2048, 2}};
        for (int[] s : extra) {
            compareBlock(ref, impl, level, rnd, s[0], s[1], 12, Pattern.MAX_VS_ZERO, false);
            compareBlock(ref, impl, level, rnd, s[0], s[1], BIT_DEPTHS[n++ % 3], Pattern.RANDOM, false);
            compareBlock(ref, impl, level, rnd, s[0], s[1], 12, Pattern.BI_TARGET_EXTREME, false);
        }
    }

    /**
     * {@link #HOT_CALLS} calls on random sizes and positions inside one random buffer per bit
     * depth (filled once, so the time goes to the kernels and C2 compiles them).
     */
    private static void hotBlockDistortion(BlockDistortion ref, BlockDistortion impl, String level, Random rnd) {
        int stride = 80;
        int rows = 72;
        short[][] as = new short[3][];
        short[][] bs = new short[3][];
        for (int d = 0; d < 3; d++) {
            int max = (1 << BIT_DEPTHS[d]) - 1;
            as[d] = new short[stride * rows];
            bs[d] = new short[stride * rows];
            for (int i = 0; i < as[d].length; i++) {
                as[d][i] = (short) rnd.nextInt(max + 1);
                bs[d][i] = (short) (i % 7 == 0 ? rnd.nextInt(max + 1) : Math.clamp(as[d][i] + rnd.nextInt(9) - 4, 0, max));
            }
        }
        // Bi-prediction targets 2 * org - pred0 against the same predictions (SAD and SATD only).
        short[][] ts = new short[3][];
        for (int d = 0; d < 3; d++) {
            int max = (1 << BIT_DEPTHS[d]) - 1;
            ts[d] = new short[stride * rows];
            for (int i = 0; i < ts[d].length; i++) {
                ts[d][i] = (short) (2 * as[d][i] - (i % 5 == 0 ? rnd.nextInt(max + 1) : bs[d][i]));
            }
        }
        short[][] as0 = {as[0].clone(), as[1].clone(), as[2].clone()};
        short[][] bs0 = {bs[0].clone(), bs[1].clone(), bs[2].clone()};
        short[][] ts0 = {ts[0].clone(), ts[1].clone(), ts[2].clone()};
        for (int i = 0; i < HOT_CALLS; i++) {
            int d = rnd.nextInt(3);
            int w = 4 * (1 + rnd.nextInt(16));
            int h = 4 * (1 + rnd.nextInt(16));
            int aOff = rnd.nextInt(rows - h + 1) * stride + rnd.nextInt(stride - w + 1);
            int bOff = rnd.nextInt(rows - h + 1) * stride + rnd.nextInt(stride - w + 1);
            short[] a = as[d];
            short[] b = bs[d];
            long eSse = ref.sse(a, aOff, stride, b, bOff, stride, w, h);
            long gSse = impl.sse(a, aOff, stride, b, bOff, stride, w, h);
            int eSad = ref.sad(a, aOff, stride, b, bOff, stride, w, h);
            int gSad = impl.sad(a, aOff, stride, b, bOff, stride, w, h);
            int eSatd = ref.satd(a, aOff, stride, b, bOff, stride, w, h);
            int gSatd = impl.satd(a, aOff, stride, b, bOff, stride, w, h);
            if (eSse != gSse || eSad != gSad || eSatd != gSatd) {
                fail("BlockDistortion " + level + " hot call " + i + ": " + w + "x" + h + ", " + BIT_DEPTHS[d]
                        + "-bit, offsets " + aOff + "/" + bOff + ", stride " + stride + ", seed " + SEED
                        + ": expected sse/sad/satd " + eSse + "/" + eSad + "/" + eSatd + ", got " + gSse + "/"
                        + gSad + "/" + gSatd);
            }
            short[] t = ts[d];
            eSad = ref.sad(t, aOff, stride, b, bOff, stride, w, h);
            gSad = impl.sad(t, aOff, stride, b, bOff, stride, w, h);
            eSatd = ref.satd(t, aOff, stride, b, bOff, stride, w, h);
            gSatd = impl.satd(t, aOff, stride, b, bOff, stride, w, h);
            if (eSad != gSad || eSatd != gSatd) {
                fail("BlockDistortion " + level + " hot call " + i + ", bi-prediction target: " + w + "x" + h + ", "
                        + BIT_DEPTHS[d] + "-bit, offsets " + aOff + "/" + bOff + ", stride " + stride + ", seed "
                        + SEED + ": expected sad/satd " + eSad + "/" + eSatd + ", got " + gSad + "/" + gSatd);
            }
        }
        for (int d = 0; d < 3; d++) {
            assertUnchanged(as0[d], as[d], "BlockDistortion " + level + " hot input a");
            assertUnchanged(bs0[d], bs[d], "BlockDistortion " + level + " hot input b");
            assertUnchanged(ts0[d], ts[d], "BlockDistortion " + level + " hot input target");
        }
    }

    private static void compareBlock(BlockDistortion ref, BlockDistortion impl, String level, Random rnd,
            int w, int h, int depth, Pattern pattern, boolean satd) {
        int max = (1 << depth) - 1;
        int aStride = w + rnd.nextInt(17);
        int bStride = w + rnd.nextInt(17);
        int aOff = 1 + rnd.nextInt(40);
        int bOff = 1 + rnd.nextInt(40);
        short[] a = canaryArray(aOff + (h - 1) * aStride + w + 40);
        short[] b = canaryArray(bOff + (h - 1) * bStride + w + 40);
        int near = rnd.nextInt(max + 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int va;
                int vb;
                switch (pattern) {
                    case ZERO -> {
                        va = 0;
                        vb = 0;
                    }
                    case MAX_VS_ZERO -> {
                        va = max;
                        vb = 0;
                    }
                    case ALTERNATING -> {
                        va = ((x + y) & 1) == 0 ? max : 0;
                        vb = max - va;
                    }
                    case NEAR -> {
                        va = Math.clamp(near + rnd.nextInt(5) - 2, 0, max);
                        vb = Math.clamp(near + rnd.nextInt(5) - 2, 0, max);
                    }
                    case BI_TARGET -> {
                        va = 2 * rnd.nextInt(max + 1) - rnd.nextInt(max + 1);
                        vb = rnd.nextInt(max + 1);
                    }
                    case BI_TARGET_EXTREME -> {
                        boolean low = ((x + y) & 1) == 0;
                        va = low ? -max : 2 * max;
                        vb = low ? max : 0;
                    }
                    default -> {
                        va = rnd.nextInt(max + 1);
                        vb = rnd.nextInt(max + 1);
                    }
                }
                a[aOff + y * aStride + x] = (short) va;
                b[bOff + y * bStride + x] = (short) vb;
            }
        }
        short[] a0 = a.clone();
        short[] b0 = b.clone();
        String where = "BlockDistortion %s " + level + ": " + w + "x" + h + ", " + depth + "-bit, " + pattern
                + ", strides " + aStride + "/" + bStride + ", offsets " + aOff + "/" + bOff + ", seed " + SEED;
        if (!pattern.outOfSampleRange()) {
            long eSse = ref.sse(a, aOff, aStride, b, bOff, bStride, w, h);
            long gSse = impl.sse(a, aOff, aStride, b, bOff, bStride, w, h);
            if (eSse != gSse) {
                fail(String.format(where, "sse") + ": expected " + eSse + ", got " + gSse);
            }
        }
        int eSad = ref.sad(a, aOff, aStride, b, bOff, bStride, w, h);
        int gSad = impl.sad(a, aOff, aStride, b, bOff, bStride, w, h);
        if (eSad != gSad) {
            fail(String.format(where, "sad") + ": expected " + eSad + ", got " + gSad);
        }
        if (satd) {
            int eSatd = ref.satd(a, aOff, aStride, b, bOff, bStride, w, h);
            int gSatd = impl.satd(a, aOff, aStride, b, bOff, bStride, w, h);
            if (eSatd != gSatd) {
                fail(String.format(where, "satd") + ": expected " + eSatd + ", got " + gSatd);
            }
        }
        assertUnchanged(a0, a, String.format(where, "input a"));
        assertUnchanged(b0, b, String.format(where, "input b"));
    }

    static short[] canaryArray(int n) {
        return Checkasm.canaryArray(n);
    }

    static void assertUnchanged(short[] before, short[] after, String what) {
        Checkasm.assertUnchanged(before, after, what);
    }
}
