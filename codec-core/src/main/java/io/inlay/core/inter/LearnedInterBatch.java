package io.inlay.core.inter;

import io.inlay.core.Plane;
import io.inlay.core.neural.LearnedInterExecutor;
import io.inlay.core.recon.ReferenceLists;
import java.util.Arrays;

/**
 * Luma blocks that use a learned interpolation set, gathered so that one
 * {@link LearnedInterExecutor} call per block size predicts all of them (docs/learned-inter.md,
 * "Execution"): learned inter prediction reads only reference pictures, so the decoder gathers the
 * learned-filter coding units of a CTU before reconstructing it, and the encoder the learned sets
 * of one coding unit. {@link #addCu} adds a coding unit's one or two lists, {@link #run} predicts,
 * {@link InterPredictor#lumaFromBatch} forms the CU's luma from the results. One instance per thread.
 */
public final class LearnedInterBatch {
    private static final int MIN_LOG2 = 2;
    private static final int MAX_LOG2 = 6;

    private final LearnedInterExecutor executor;
    private final Group[] groups = new Group[MAX_LOG2 + 1];
    /** Per entry: log2 size and index inside its group. */
    private int[] entryLog2 = new int[16];
    private int[] entryIndex = new int[16];
    private int entries;

    /** Blocks of one size. */
    private static final class Group {
        final int n;
        final int window;
        int count;
        short[] windows = new short[0];
        int[] sets = new int[0];
        int[] fracs = new int[0];
        short[] out = new short[0];

        Group(int log2) {
            n = 1 << log2;
            window = (n + LearnedInterExecutor.WINDOW_EXTRA) * (n + LearnedInterExecutor.WINDOW_EXTRA);
        }

        int add() {
            if (count == sets.length) {
                int cap = Math.max(4, 2 * count);
                windows = Arrays.copyOf(windows, cap * window);
                sets = Arrays.copyOf(sets, cap);
                fracs = Arrays.copyOf(fracs, cap);
                out = Arrays.copyOf(out, cap * n * n);
            }
            return count++;
        }
    }

    public LearnedInterBatch(LearnedInterExecutor executor) {
        this.executor = executor;
        for (int l = MIN_LOG2; l <= MAX_LOG2; l++) {
            groups[l] = new Group(l);
        }
    }

    /** The executor. */
    public LearnedInterExecutor executor() {
        return executor;
    }

    /** Forgets every block. */
    public void clear() {
        entries = 0;
        for (int l = MIN_LOG2; l <= MAX_LOG2; l++) {
            groups[l].count = 0;
        }
    }

    /**
     * Adds the luma of the square coding unit at (x, y), {@code size} 4..64, with motion {@code m}
     * predicted by learned set {@code set} (0-based): one entry per used list (list 0 first).
     * Returns the first entry; a bi-predicted CU's second is the next one.
     */
    public int addCu(ReferenceLists refs, Motion m, int x, int y, int size, int set) {
        int first = entries;
        for (int l = 0; l < 2; l++) {
            if (m.uses(l)) {
                int mv = m.mv(l);
                add(refs.get(l, m.ref(l)).picture().plane(0), x, y, Mv.x(mv), Mv.y(mv), size, set);
            }
        }
        return first;
    }

    /** Adds one block: the luma at (x, y) of {@code ref}, vector (mvx, mvy) in quarter samples. Returns the entry. */
    public int add(Plane ref, int x, int y, int mvx, int mvy, int size, int set) {
        int log2 = Integer.numberOfTrailingZeros(size);
        if (size != 1 << log2 || log2 < MIN_LOG2 || log2 > MAX_LOG2) {
            throw new IllegalArgumentException("block size " + size);
        }
        Group g = groups[log2];
        int i = g.add();
        SubpelFilter.lumaWindow(ref, x, y, mvx, mvy, size, size, g.windows, i * g.window);
        g.sets[i] = set;
        g.fracs[i] = (mvx & 3) | (mvy & 3) << 2;
        if (entries == entryLog2.length) {
            entryLog2 = Arrays.copyOf(entryLog2, 2 * entries);
            entryIndex = Arrays.copyOf(entryIndex, 2 * entries);
        }
        entryLog2[entries] = log2;
        entryIndex[entries] = i;
        return entries++;
    }

    /** Predicts every block added since {@link #clear}: one executor call per block size present. */
    public void run() {
        for (int l = MIN_LOG2; l <= MAX_LOG2; l++) {
            Group g = groups[l];
            if (g.count > 0) {
                executor.interpolate(g.n, g.n, g.count, g.windows, g.sets, g.fracs, g.out);
            }
        }
    }

    /** The array holding entry {@code e}'s result (predSamples - 8192, row-major, stride = size) after {@link #run}. */
    public short[] output(int e) {
        return groups[entryLog2[e]].out;
    }

    /** Where entry {@code e}'s result starts in {@link #output}. */
    public int outputOffset(int e) {
        return entryIndex[e] << (2 * entryLog2[e]);
    }
}
