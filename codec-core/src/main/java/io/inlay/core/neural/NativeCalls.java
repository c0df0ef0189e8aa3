package io.inlay.core.neural;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Native-library calls (ONNX Runtime) against process exit. Exiting the JVM runs the native
 * libraries' exit-time destructors; a thread still inside such a library then crashes the process
 * (a SIGTERM that arrived while an {@code OrtSession} was being created ended in SIGSEGV or
 * SIGABRT, exit 134, with an hs_err file, instead of exit 143). Native calls therefore run under
 * a shared lock, and whoever is about to exit the JVM calls {@link #quiesce()} first: it takes the
 * lock exclusively, which waits for the calls in progress, and keeps it, so that no new call
 * starts before the exit.
 */
public final class NativeCalls {
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
    /** How long {@link #quiesce()} waits for a native call in progress before giving up. */
    private static final long QUIESCE_TIMEOUT_MS = 10_000;

    private NativeCalls() {
    }

    /** A native call that returns a value and may throw {@code E}. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code call} unless the process is exiting (then it waits until the exit ends it). */
    public static <T, E extends Exception> T call(Call<T, E> call) throws E {
        LOCK.readLock().lock();
        try {
            return call.run();
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /**
     * Waits (up to ten seconds) for the native calls in progress and blocks new ones for good; call
     * it on a thread that is not inside {@link #call} just before exiting the JVM.
     */
    public static void quiesce() {
        try {
            LOCK.writeLock().tryLock(QUIESCE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
