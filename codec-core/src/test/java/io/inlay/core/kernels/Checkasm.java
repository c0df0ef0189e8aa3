package io.inlay.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * What every checkasm-style kernel harness of the project shares (DESIGN.md §6): the seed
 * ({@code -Dinlay.checkasm.seed=N}, else the clock; every failure message names it), the number of
 * calls of the hot phase, the canary value of guard bands, and the rule "a kernel family without
 * a check fails the build". Used by {@link KernelHarnessTest} here and, through codec-core's
 * test jar, by codec-neural's {@code LayerKernelHarnessTest}, so both modules apply one rule with
 * one seed.
 */
public final class Checkasm {
    /** Seed of the random inputs. */
    public static final long SEED = Long.getLong("inlay.checkasm.seed", System.nanoTime());
    /** Calls of the hot phase: enough for C2 to compile the kernels under test. */
    public static final int HOT_CALLS = 20_000;
    /** Value of the guard bands around inputs and outputs. */
    public static final short CANARY = (short) 0xA5C3;
    /** Int value of the guard bands of int arrays. */
    public static final int INT_CANARY = 0x5A5AA5C3;

    private Checkasm() {
    }

    /**
     * Fails unless the families a dispatcher exposes and the families its harness checks are the
     * same set: a family added without a check fails the build.
     */
    public static void assertEveryFamilyChecked(Collection<Class<?>> families, Collection<Class<?>> checked,
            String dispatcher) {
        assertEquals(Set.copyOf(families), Set.copyOf(checked),
                "families of " + dispatcher + " and families checked by the harness differ");
    }

    /** A short array of {@code n} canaries. */
    public static short[] canaryArray(int n) {
        short[] s = new short[n];
        Arrays.fill(s, CANARY);
        return s;
    }

    /** An int array of {@code n} canaries. */
    public static int[] intCanaryArray(int n) {
        int[] s = new int[n];
        Arrays.fill(s, INT_CANARY);
        return s;
    }

    /** Fails with the first modified index when {@code after} differs from {@code before}. */
    public static void assertUnchanged(short[] before, short[] after, String what) {
        int i = Arrays.mismatch(before, after);
        if (i >= 0) {
            fail(what + " modified at index " + i + ": " + before[i] + " -> " + after[i]);
        }
    }

    /** Fails with the first modified index when {@code after} differs from {@code before}. */
    public static void assertUnchanged(int[] before, int[] after, String what) {
        int i = Arrays.mismatch(before, after);
        if (i >= 0) {
            fail(what + " modified at index " + i + ": " + before[i] + " -> " + after[i]);
        }
    }

    /**
     * Fails at the first index where {@code actual} differs from {@code expected}, named as a sample of the
     * w x h block at {@code off} with {@code stride} or as an index outside it (a canary when it held one).
     */
    public static void assertSameBlock(short[] expected, short[] actual, int off, int stride, int w, int h,
            String name) {
        int i = Arrays.mismatch(expected, actual);
        if (i >= 0) {
            int r = i - off;
            boolean inside = r >= 0 && r % stride < w && r / stride < h;
            String where = inside ? "sample (row " + r / stride + ", column " + r % stride + ")"
                    : "index " + i + " outside the block" + (expected[i] == CANARY ? " (canary)" : "");
            fail(name + ": first difference at " + where + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
