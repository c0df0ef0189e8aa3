package io.inlay.neural.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that starts ONNX Runtime leaves no {@code onnxruntime-java*} directory in its temporary directory when it
 * exits (without {@link NativeLibraryDirectory} one empty directory stayed behind per process).
 */
class NativeLibraryDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void noLibraryDirectoryAfterExit() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not exit");
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> l.startsWith("dir ")).toList();
        assertEquals(1, lines.size(), out);
        Path dir = Path.of(lines.get(0).substring(4));
        assertEquals(tmp, dir.getParent(), "ONNX Runtime extracted its libraries into the child's tmpdir");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** Starts ONNX Runtime through {@link Sessions}, prints its library directory (which exists now) and exits. */
    public static final class Child {
        public static void main(String[] args) {
            Sessions.environment();
            Path dir = NativeLibraryDirectory.libraryDirectory();
            System.out.println("dir " + dir);
            if (dir == null || !Files.isDirectory(dir)) {
                System.exit(3);
            }
        }
    }
}
