package io.inlay.cli;

/** Whether stderr is a terminal, as the launcher reports it ({@code -Dinlay.stderr.tty}). */
final class Terminal {
    private Terminal() {
    }

    /**
     * The launcher {@code bin/inlay} knows (it tests {@code -t 2}) and passes
     * {@code inlay.stderr.tty}; without it, a console attached to the process is the best guess.
     */
    static boolean stderrIsTerminal() {
        String p = System.getProperty("inlay.stderr.tty");
        if (p != null) {
            return Boolean.parseBoolean(p);
        }
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }
}
