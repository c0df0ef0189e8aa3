package io.inlay.cli;

/** Process exit codes of {@code inlay}; README.md lists them. */
final class ExitCode {
    /** Success. */
    static final int OK = 0;
    /** Bad command line: unknown option, missing argument, bad option value. */
    static final int USAGE = 1;
    /** Input missing, unreadable or malformed (the message names the byte offset where known). */
    static final int INPUT = 2;
    /** Output cannot be written, or exists and {@code -y} was not given. */
    static final int OUTPUT = 3;
    /** Internal error (a bug): an unexpected exception. */
    static final int INTERNAL = 4;
    /** A check failed: decoded output differs from the encoder's reconstruction. */
    static final int MISMATCH = 5;
    /** Interrupted by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
    static final int INTERRUPTED_BY_SIGINT = 130;
    /** Terminated by SIGTERM: 128 + 15. */
    static final int INTERRUPTED_BY_SIGTERM = 143;

    private ExitCode() {
    }
}
