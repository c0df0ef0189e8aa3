package io.inlay.cli;

/** An expected failure: {@code inlay} prints {@code inlay: <message>} and exits with {@link #exitCode()}. */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    static CliException input(String message) {
        return new CliException(ExitCode.INPUT, message);
    }

    /** An input failure reading {@code name}, with the exception's message made readable. */
    static CliException input(String name, java.io.IOException e) {
        return new CliException(ExitCode.INPUT, name + ": " + Messages.describe(e), e);
    }

    /** An output failure writing {@code name}. */
    static CliException output(String name, java.io.IOException e) {
        return new CliException(ExitCode.OUTPUT, name + ": " + Messages.describe(e), e);
    }
}
