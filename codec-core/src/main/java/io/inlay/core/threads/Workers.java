package io.inlay.core.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The threads a codec may split work over (docs/threading.md): either a caller's executor, which
 * the codec never shuts down, or a pool the codec created for a thread count and shuts down in
 * {@link #close()}. Work is split into {@link #parallelism()} parts; the calling thread runs the
 * first part itself and waits for the others, so parts are leaf tasks and an executor shared by
 * several codecs cannot deadlock. Parts must write disjoint data: the result is then the same for
 * any thread count.
 */
public final class Workers implements AutoCloseable {
    /** No threads: every part runs on the caller. */
    public static final Workers SERIAL = new Workers(null, 1, false);

    /** What the frames in flight of one codec may occupy (pictures and their buffers). */
    public static final long FRAME_MEMORY_BUDGET = 512L << 20;

    private final ExecutorService executor;
    private final int parallelism;
    private final boolean owned;

    private Workers(ExecutorService executor, int parallelism, boolean owned) {
        this.executor = executor;
        this.parallelism = parallelism;
        this.owned = owned;
    }

    /**
     * Workers for {@code threads} threads over {@code executor}; when {@code executor} is null and
     * {@code threads > 1}, a pool of {@code threads} daemon threads is created and owned (for
     * {@link #run} the caller is one more, which otherwise waits while whole tasks run on the
     * pool).
     */
    public static Workers of(ExecutorService executor, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, is " + threads);
        }
        if (threads == 1) {
            return SERIAL;
        }
        if (executor != null) {
            return new Workers(executor, threads, false);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "inlay-worker");
            t.setDaemon(true);
            return t;
        });
        return new Workers(pool, threads, true);
    }

    /**
     * Where whole tasks that do not wait for each other run (frames coded concurrently): the
     * executor, or the calling thread itself when there are no threads. Such tasks must not call
     * {@link #run} (a part would queue behind the tasks that wait for it).
     */
    public Executor executor() {
        return executor != null ? executor : Runnable::run;
    }

    /**
     * How many frames a codec keeps in flight when it codes frames concurrently: 1 without
     * threads, else {@code wanted} (at least twice the threads), but no more than
     * {@link #FRAME_MEMORY_BUDGET} bytes of frames of {@code bytesPerFrame} hold, and at least 2.
     */
    public int framesInFlight(int wanted, long bytesPerFrame) {
        if (parallelism == 1) {
            return 1;
        }
        long affordable = FRAME_MEMORY_BUDGET / Math.max(1, bytesPerFrame);
        return (int) Math.max(2, Math.min(Math.max(wanted, 2L * parallelism), affordable));
    }

    /** How many parts work is split into (1: serial). */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Runs {@code part.accept(i)} for i in 0..parts-1, concurrently when there are threads, and
     * returns when all have finished; the first failure (in part order) is rethrown.
     */
    public void run(int parts, IntConsumer part) {
        Objects.requireNonNull(part);
        if (parts <= 1 || executor == null) {
            for (int i = 0; i < parts; i++) {
                part.accept(i);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int i = 1; i < parts; i++) {
            int index = i;
            futures.add(executor.submit(() -> part.accept(index)));
        }
        Throwable failure = null;
        try {
            part.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Shuts the pool down when this object created it; a caller's executor is left running. */
    @Override
    public void close() {
        if (owned) {
            executor.shutdown();
        }
    }
}
