package io.inlay.cli;

/**
 * SIGINT and SIGTERM: once one has arrived, its handler is exiting the JVM with the signal's code
 * and the shutdown hooks delete unfinished outputs. From then on the command's own thread must
 * neither commit an output nor exit with a code of its own (a read interrupted by the signal can
 * look like the end of the input): {@link #yieldToSignal()} parks it until the JVM halts.
 */
final class Signals {
    /** The exit code of the signal received, 0 while none has arrived. */
    private static volatile int received;

    private Signals() {
    }

    /** Records that a signal with exit code {@code code} has arrived (its handler then exits). */
    static void received(int code) {
        received = code;
    }

    /** Returns when no signal has arrived; otherwise never returns (the JVM is exiting). */
    static void yieldToSignal() {
        while (received != 0) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // keep waiting: the handler's exit halts the JVM
            }
        }
    }
}
