package io.inlay.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * An output file that appears only when complete: bytes go to a temporary file in the target's
 * directory, {@link #commit()} renames it over the target atomically, and {@link #close()}
 * without a commit deletes it. A shutdown hook deletes it too when the process is interrupted.
 * The name {@code "-"} means standard output (written directly, never closed).
 */
final class AtomicOutput implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private final Thread cleanup;
    private boolean done;

    private AtomicOutput(String name, Path target, Path temp, OutputStream stream, Thread cleanup) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.stream = stream;
        this.cleanup = cleanup;
    }

    /**
     * Opens {@code name} for writing.
     *
     * @param overwrite whether an existing file may be replaced
     * @throws CliException ({@link ExitCode#OUTPUT}) if the target exists without {@code overwrite},
     *         is a directory, or its directory is not writable
     */
    static AtomicOutput create(String name, boolean overwrite) throws CliException {
        if (name.equals("-")) {
            OutputStream out = new FilterOutputStream(new FileOutputStream(FileDescriptor.out)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            return new AtomicOutput(name, null, null, new BufferedOutputStream(out, 1 << 16), null);
        }
        Path target = Path.of(name).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new CliException(ExitCode.OUTPUT, name + ": is a directory");
        }
        if (!overwrite && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(ExitCode.OUTPUT, name + ": already exists (use -y to overwrite)");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliException(ExitCode.OUTPUT, name + ": directory " + dir + " does not exist");
        }
        // Created like any new file (permissions from the umask), under a name no one else uses.
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
            // the hook first, so no signal can come between the file and its removal
            Thread hook = new Thread(() -> deleteQuietly(temp), "inlay-temp-cleanup");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                Signals.yieldToSignal();
                throw shuttingDown;   // an exit other than a signal's: nothing was created
            }
            try {
                OutputStream os = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new AtomicOutput(name, target, temp, new BufferedOutputStream(os, 1 << 16), hook);
            } catch (FileAlreadyExistsException e) {
                removeHook(hook);
                if (attempt == 10) {
                    throw CliException.output(name, e);
                }
            } catch (IOException e) {
                removeHook(hook);
                throw CliException.output(name, e);
            }
        }
    }

    /** The name given on the command line. */
    String name() {
        return name;
    }

    /** True when this is standard output. */
    boolean isStdout() {
        return temp == null;
    }

    /** The stream to write; closing it is allowed (the commit tolerates it). */
    OutputStream stream() {
        return stream;
    }

    /** Flushes, closes and renames the temporary file over the target. */
    void commit() throws CliException {
        if (done) {
            throw new IllegalStateException("already committed or closed");
        }
        try {
            stream.close();
            Signals.yieldToSignal();   // interrupted: the hook deletes the file, nothing is committed
            if (temp != null) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw CliException.output(name, e);
        } finally {
            done = true;
            release();
        }
    }

    /** Deletes the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            stream.close();
        } catch (IOException ignored) {
            // The file is being discarded; the failure that brought us here is what gets reported.
        }
        release();
    }

    private void release() {
        if (temp != null) {
            deleteQuietly(temp);
            removeHook(cleanup);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it deletes the same file.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Nothing more can be done; the name starts with a dot and ends in .part.
        }
    }
}
