package io.inlay.cli;

import io.inlay.core.neural.NativeCalls;
import java.io.PrintWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code inlay} command: encode, decode, inspect and measure Inlay streams. Every expected
 * failure prints one line {@code inlay: <message>} to stderr and exits with a code of
 * {@link ExitCode}.
 */
@Command(name = "inlay", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Inlay video codec: encode, decode, inspect and measure.",
        subcommands = {EncodeCommand.class, DecodeCommand.class, InfoCommand.class, CompareCommand.class,
            Md5Command.class, DemoCommand.class, BdrateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:usage error (bad option or value)",
            "2:input missing, unreadable or malformed",
            "3:output cannot be written or exists (use -y)",
            "4:internal error",
            "5:decoded output differs from the encoder's reconstruction"})
public final class InlayCommand implements Runnable {
    /** Kernel level options; the value is the system property {@code inlay.kernels}. */
    enum KernelLevel { scalar, vector, auto }

    @Spec
    CommandSpec spec;

    @Option(names = "--kernels", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Kernel implementations: scalar, vector or auto (default: auto).")
    void setKernels(KernelLevel level) {
        // Set while parsing, before any command runs, so it precedes the first kernel lookup.
        System.setProperty("inlay.kernels", level.name());
    }

    @Option(names = "--log", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Log level on stderr: off, warning (default), info, fine.")
    void setLogLevel(String level) {
        try {
            configureLogging(Level.parse(level.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log: unknown level '" + level + "'");
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (try: inlay --help)");
    }

    /** Runs {@code inlay} with {@code args} and exits with its code. */
    public static void main(String[] args) {
        configureLogging(Level.WARNING);
        onSignal("INT", ExitCode.INTERRUPTED_BY_SIGINT);
        onSignal("TERM", ExitCode.INTERRUPTED_BY_SIGTERM);
        int code = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
        Signals.yieldToSignal();
        NativeCalls.quiesce();
        System.exit(code);
    }

    /**
     * On the signal, says so in one line and exits with {@code code}; the shutdown hooks then
     * delete unfinished outputs ({@link AtomicOutput}). Where the JVM does not offer the signal,
     * its default handling (also running the hooks) stays.
     */
    @SuppressWarnings("removal")   // sun.misc.Signal: the JDK's only way to observe a signal
    private static void onSignal(String name, int code) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                Signals.received(code);
                System.err.println("inlay: interrupted by SIG" + name + "; unfinished output files are deleted");
                System.err.flush();
                // a thread inside ONNX Runtime when the JVM exits crashes the process (NativeCalls)
                NativeCalls.quiesce();
                System.exit(code);
            });
        } catch (IllegalArgumentException e) {
            // signal not available here: keep the default
        }
    }

    /**
     * A command line with Inlay's error handling: parameter errors print one line and give
     * {@link ExitCode#USAGE}; {@link CliException} prints its message and gives its code; any
     * other exception is an internal error ({@link ExitCode#INTERNAL}), with the stack trace when
     * the environment variable {@code INLAY_DEBUG} is set.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new InlayCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("inlay: " + Messages.oneLine(ex.getMessage()));
            e.flush();
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter e = cmd.getErr();
            int code;
            if (ex instanceof CliException c) {
                e.println("inlay: " + Messages.oneLine(c.getMessage()));
                code = c.exitCode();
            } else if (ex instanceof ParameterException p) {
                e.println("inlay: " + Messages.oneLine(p.getMessage()));
                code = ExitCode.USAGE;
            } else {
                e.println("inlay: internal error: " + Messages.oneLine(String.valueOf(ex))
                        + (System.getenv("INLAY_DEBUG") == null ? " (set INLAY_DEBUG=1 for the stack trace)" : ""));
                if (System.getenv("INLAY_DEBUG") != null) {
                    ex.printStackTrace(e);
                }
                code = ExitCode.INTERNAL;
            }
            e.flush();
            return code;
        });
        return cl;
    }

    /** Sends java.util.logging output to stderr as one line per record, at {@code level}. */
    static void configureLogging(Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler h = new ConsoleHandler();
        h.setLevel(level);
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return "inlay: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                        + Messages.oneLine(formatMessage(r)) + System.lineSeparator();
            }
        });
        root.addHandler(h);
        root.setLevel(level);
    }
}
