package io.inlay.neural.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of the filter evaluation tools ({@link EvalNlf}, {@link EvalAdaptiveNlf},
 * {@link EvalNlfSwitching}): {@code --name value} options and model files, and the pairs they name:
 * {@code --set heldout|validation} (default heldout), optionally only the clips of {@code --clips a,b},
 * from {@code --cache DIR}, encoded from {@code --corpus DIR} when missing.
 */
record EvalArgs(Map<String, String> options, List<Path> models) {

    static EvalArgs parse(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        List<Path> models = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                opt.put(args[i].substring(2), args[++i]);
            } else {
                models.add(Path.of(args[i]));
            }
        }
        return new EvalArgs(opt, models);
    }

    String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    String set() {
        return option("set", "heldout");
    }

    /** The jobs of the set, restricted to {@code --clips}; their pairs are encoded into the cache when missing. */
    List<PairCache.Job> jobs(PrintStream log) throws IOException {
        List<PairCache.Job> jobs = set().equals("validation") ? DataSets.validation(corpus()) : DataSets.heldOut(corpus());
        if (options.containsKey("clips")) {
            List<String> keep = List.of(options.get("clips").split(","));
            jobs = jobs.stream().filter(j -> keep.stream().anyMatch(j.name()::startsWith)).toList();
        }
        cache().ensure(jobs, 2, log);
        return jobs;
    }

    PairCache cache() {
        return new PairCache(Path.of(option("cache", "/tmp/inlay-nlf-cache")));
    }

    /** Every frame of {@link #jobs}. */
    List<Sample> samples(PrintStream log) throws IOException {
        return load(jobs(log));
    }

    /** Every frame of the training set ({@link DataSets#train}), encoded into the cache when missing. */
    List<Sample> trainSamples(PrintStream log) throws IOException {
        List<PairCache.Job> jobs = DataSets.train(corpus());
        cache().ensure(jobs, 2, log);
        return load(jobs);
    }

    private Path corpus() {
        return Path.of(option("corpus", "/work/shared/corpus"));
    }

    private List<Sample> load(List<PairCache.Job> jobs) throws IOException {
        List<Sample> samples = new ArrayList<>();
        PairCache cache = cache();
        for (PairCache.Job j : jobs) {
            for (PairCache.Frame f : cache.load(j)) {
                samples.add(new Sample(f));
            }
        }
        return samples;
    }
}
