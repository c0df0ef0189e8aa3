package io.inlay.bench.rd;

import io.inlay.cli.rd.RdPoint;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs rate-distortion jobs on a fixed number of worker threads, longest estimate first, and
 * prints progress on a stream: a line when a job starts and when it ends, with the elapsed time
 * and an estimate of the time left. Results come back in the order the jobs were given, so they
 * do not depend on the number of workers or on which job finished first. The first failure stops
 * the batch.
 */
public final class RdBatch {
    /** One encode to run. */
    @FunctionalInterface
    public interface Task {
        RdResult run() throws Exception;
    }

    /**
     * @param label    what progress lines call the job
     * @param kind     jobs of a kind share a speed estimate ({@code inlay/all-intra}, {@code x265/medium})
     * @param estimate the a-priori estimate of its duration in seconds (0 for a cached result); only
     *                 orders the jobs and seeds the time-left estimate, which corrects it per kind as
     *                 jobs finish
     * @param task     the work
     */
    public record Job(String label, String kind, double estimate, Task task) {
    }

    /** A job failed; the message names it. */
    public static final class BatchException extends Exception {
        private static final long serialVersionUID = 1L;

        BatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int workers;
    private final PrintStream progress;

    /**
     * @param workers  worker threads, at least 1 (one per core: each encoder is single-threaded)
     * @param progress where progress lines go (standard error in the report)
     */
    public RdBatch(int workers, PrintStream progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.workers = workers;
        this.progress = progress;
    }

    /**
     * Runs every job; returns their results in the order of {@code jobs}.
     *
     * @throws BatchException wrapping the first failure (the other jobs are then cancelled)
     */
    public List<RdResult> run(List<Job> jobs) throws BatchException, InterruptedException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -jobs.get(i).estimate()));
        Tracker tracker = new Tracker(jobs);
        AtomicInteger threadNo = new AtomicInteger();
        // Encoders recurse over the coding tree: give the workers the stack bin/inlay gives its main thread.
        ThreadFactory factory = r -> {
            Thread t = new Thread(null, r, "rd-worker-" + threadNo.incrementAndGet(), 16L << 20);
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(workers, factory);
        RdResult[] results = new RdResult[jobs.size()];
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int i : order) {
                done.submit(() -> {
                    tracker.started(i);
                    try {
                        results[i] = jobs.get(i).task().run();
                    } catch (Exception | Error e) {
                        throw new BatchException(jobs.get(i).label() + ": " + e.getMessage(), e);
                    }
                    tracker.finished(i, results[i]);
                    return i;
                });
            }
            for (int n = 0; n < jobs.size(); n++) {
                Future<Integer> f = done.take();
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof BatchException b) {
                        throw b;
                    }
                    throw new BatchException("a job failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.of(results);
    }

    /** Elapsed time, time left and progress lines; shared by the workers. */
    private final class Tracker {
        private final List<Job> jobs;
        private final long t0 = System.nanoTime();
        private final long[] startNanos;
        private final boolean[] finished;
        private final Map<String, double[]> speedByKind = new HashMap<>();   // {actual s, estimated s}
        private final double[] speedAll = new double[2];
        private int finishedCount;

        Tracker(List<Job> jobs) {
            this.jobs = jobs;
            this.startNanos = new long[jobs.size()];
            this.finished = new boolean[jobs.size()];
        }

        synchronized void started(int i) {
            startNanos[i] = System.nanoTime();
            progress.printf(Locale.ROOT, "rd: [%s] %s elapsed, %s  start %s%n", count(), clock(elapsed()),
                    eta(), jobs.get(i).label());
            progress.flush();
        }

        synchronized void finished(int i, RdResult r) {
            double seconds = (System.nanoTime() - startNanos[i]) * 1e-9;
            finished[i] = true;
            finishedCount++;
            Job job = jobs.get(i);
            if (!r.cached() && job.estimate() > 0) {
                double[] k = speedByKind.computeIfAbsent(job.kind(), x -> new double[2]);
                k[0] += seconds;
                k[1] += job.estimate();
                speedAll[0] += seconds;
                speedAll[1] += job.estimate();
            }
            RdPoint p = r.point();
            progress.printf(Locale.ROOT, "rd: [%s] %s elapsed, %s  done  %s: %.1f kB, PSNR-YUV %.2f dB, %s%n", count(),
                    clock(elapsed()), eta(), job.label(), p.bytes() / 1000.0, p.psnrYuv(),
                    r.cached() ? "cached" : String.format(Locale.ROOT, "encode %.1f s (%.2f fps)", p.encodeSeconds(),
                            p.encodeFps()));
            progress.flush();
        }

        private String count() {
            int w = Integer.toString(jobs.size()).length();
            return String.format(Locale.ROOT, "%" + w + "d/%d", finishedCount, jobs.size());
        }

        private double elapsed() {
            return (System.nanoTime() - t0) * 1e-9;
        }

        /** Time left: the estimates of unfinished jobs scaled by their kind's measured speed, over the workers. */
        private String eta() {
            double left = 0;
            long now = System.nanoTime();
            for (int i = 0; i < jobs.size(); i++) {
                if (finished[i]) {
                    continue;
                }
                double est = jobs.get(i).estimate() * scale(jobs.get(i).kind());
                if (startNanos[i] != 0) {
                    est = Math.max(0, est - (now - startNanos[i]) * 1e-9);
                }
                left += est;
            }
            return "ETA " + clock(left / workers);
        }

        private double scale(String kind) {
            double[] k = speedByKind.get(kind);
            if (k != null && k[1] > 0) {
                return k[0] / k[1];
            }
            return speedAll[1] > 0 ? speedAll[0] / speedAll[1] : 1;
        }
    }

    /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
