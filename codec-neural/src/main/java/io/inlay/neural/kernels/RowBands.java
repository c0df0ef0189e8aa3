package io.inlay.neural.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Splits rows {@code [0, rows)} into one contiguous band per thread and runs a body on each, the
 * first band on the calling thread. Each band writes only its own rows, so the result does not
 * depend on the number of threads. The worker threads ({@code threads - 1} daemon threads) are
 * started on first parallel use, not by the constructor, and stopped by {@link #close()}.
 */
public final class RowBands implements AutoCloseable {
    /** A band of rows {@code [y0, y1)}. */
    @FunctionalInterface
    public interface Body {
        void rows(int y0, int y1);
    }

    private final int threads;
    private ExecutorService pool;

    public RowBands(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} over {@code [0, rows)} and returns when every band is done. */
    public void run(int rows, Body body) {
        int n = Math.min(threads, Math.max(1, rows / 8));
        if (n <= 1) {
            body.rows(0, rows);
            return;
        }
        ExecutorService p = pool();
        List<Future<?>> pending = new ArrayList<>(n - 1);
        for (int t = 1; t < n; t++) {
            int y0 = (int) ((long) rows * t / n);
            int y1 = (int) ((long) rows * (t + 1) / n);
            pending.add(p.submit(() -> body.rows(y0, y1)));
        }
        Throwable failure = null;
        try {
            body.rows(0, (int) ((long) rows / n));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException("network band failed", failure);
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            ThreadFactory f = Thread.ofPlatform().daemon().name("inlay-nlf-", 1).factory();
            pool = Executors.newFixedThreadPool(threads - 1, f);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
