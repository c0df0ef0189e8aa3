package io.inlay.neural.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.kernels.Checkasm;
import io.inlay.core.kernels.Kernels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * checkasm-style harness of codec-neural's kernel families ({@link LayerKernels#families()}), on
 * the rules of codec-core's {@code KernelHarnessTest} through the shared {@link Checkasm}: every
 * vector kernel against the scalar reference on seeded random and extreme inputs, cold (a full
 * matrix) and then hot ({@link Checkasm#HOT_CALLS} calls, so that C2 compiles the vector code),
 * with canary guard bands around the outputs and the inputs checked unchanged; failures print the
 * seed ({@code -Dinlay.checkasm.seed=N}) and the first differing position. A family without a
 * check fails the build. The checks are in {@link LayerKernelCheck}.
 */
class LayerKernelHarnessTest {
    /** One checker per family; a family of {@link LayerKernels#families()} without one fails the build. */
    private static final Map<Class<?>, FamilyCheck> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put(LayerKernel.class, LayerKernelCheck::check);
    }

    @FunctionalInterface
    interface FamilyCheck {
        /** Compares {@code impl} with {@code ref}; cold = full matrix, hot = many random calls. */
        void check(LayerKernel ref, LayerKernel impl, Random rnd, boolean hot);
    }

    @Test
    void everyFamilyHasACheck() {
        Checkasm.assertEveryFamilyChecked(LayerKernels.families(), CHECKS.keySet(), "LayerKernels.families()");
    }

    @Test
    void vectorLayerKernelsMatchScalarColdThenHot() {
        // The CPU's own width, then every other one; none in a JVM without the incubator module
        // (only when a -Dtest filter puts this class into that Surefire execution).
        List<LayerKernel> impls = new ArrayList<>();
        int preferredBits = 0;
        if (Kernels.vectorModulePresent()) {
            LayerKernel preferred = LayerKernels.vector();
            preferredBits = 32 * preferred.lanes();
            impls.add(preferred);
            for (int bits : new int[] {128, 256, 512}) {
                if (bits != preferredBits) {
                    impls.add(LayerKernels.vectorWithBits(bits));
                }
            }
        }
        System.out.println("checkasm seed " + Checkasm.SEED + " (-Dinlay.checkasm.seed=" + Checkasm.SEED
                + "), layer kernels " + impls.stream().map(LayerKernel::description).toList());
        for (LayerKernel impl : impls) {
            // Wider than the hardware is emulated (slow): cold matrix only.
            boolean runsNatively = 32 * impl.lanes() <= preferredBits;
            for (Map.Entry<Class<?>, FamilyCheck> e : CHECKS.entrySet()) {
                long t0 = System.nanoTime();
                e.getValue().check(LayerKernels.scalar(), impl, new Random(Checkasm.SEED), false);
                long t1 = System.nanoTime();
                if (runsNatively) {
                    e.getValue().check(LayerKernels.scalar(), impl, new Random(Checkasm.SEED + 1), true);
                }
                System.out.printf("%s %s: cold %d ms, hot %d ms%n", impl.description(), e.getKey().getSimpleName(),
                        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            }
        }
    }

    @Test
    void levelsAreWhatTheyClaim() {
        assertEquals(1, LayerKernels.scalar().lanes());
        if (!Kernels.vectorModulePresent()) {
            assertThrows(IllegalStateException.class, LayerKernels::vector);
            return;
        }
        assertEquals(4, LayerKernels.vectorWithBits(128).lanes());
        assertEquals(16, LayerKernels.vectorWithBits(512).lanes());
        assertTrue(LayerKernels.vector().description().startsWith("java vector"));
    }
}
