package io.inlay.neural.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Fills the pair cache: {@code EncodePairs <corpus> <cache> <threads> [train|heldout|all]}. */
public final class EncodePairs {
    private EncodePairs() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        PairCache cache = new PairCache(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        String what = args.length > 3 ? args[3] : "all";
        List<PairCache.Job> jobs = new ArrayList<>();
        if (!what.equals("heldout")) {
            jobs.addAll(DataSets.train(corpus));
            jobs.addAll(DataSets.validation(corpus));
        }
        if (!what.equals("train")) {
            jobs.addAll(DataSets.heldOut(corpus));
        }
        long t0 = System.nanoTime();
        cache.ensure(jobs, threads, System.out);
        System.out.printf("pairs ready in %.1f s%n", (System.nanoTime() - t0) * 1e-9);
    }
}
