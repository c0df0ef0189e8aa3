package io.inlay.neural.onnx;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes ONNX Runtime's native-library directory when the JVM exits.
 *
 * <p>ONNX Runtime (1.29) extracts its native libraries into a fresh {@code java.io.tmpdir/onnxruntime-java*}
 * directory per process and marks first each library, then the directory {@link java.io.File#deleteOnExit}. The
 * JDK deletes those in reverse order of registration, so the directory is tried first, while it still holds the
 * libraries, and one empty directory stays behind per process. An application shutdown hook runs before the
 * JDK's delete-on-exit hook; this one deletes the libraries (already loaded: on Linux the mappings stay valid)
 * and then the directory. ONNX Runtime keeps the directory in a private field, read here by reflection: if
 * that field is missing (another ONNX Runtime version) or empty (libraries loaded from
 * {@code onnxruntime.native.path}), nothing is registered and nothing else changes.
 */
final class NativeLibraryDirectory {
    private NativeLibraryDirectory() {
    }

    /** Registers the hook once; call after ONNX Runtime has loaded its libraries. */
    static void removeAtExit() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            Path dir = libraryDirectory();
            if (dir != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "inlay-onnxruntime-cleanup"));
            }
        }

        static void touch() {
        }
    }

    /** The directory ONNX Runtime extracted its libraries into, or null (see the class comment). */
    static Path libraryDirectory() {
        try {
            Field f = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            f.setAccessible(true);
            return f.get(null) instanceof Path p && p.getFileName().toString().startsWith("onnxruntime-java") ? p : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void delete(Path dir) {
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException | RuntimeException e) {
            // best effort at exit: what remains is left to ONNX Runtime's own delete-on-exit
        }
    }
}
