package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminated {@code inlay} (SIGTERM, as {@link Process#destroy()} sends it; SIGINT takes the same
 * path) says so in one line, exits with 143 and leaves no partial output. The encoder reads its
 * input from a pipe this test holds open, so the process is caught mid-stream, with its temporary
 * output file present, every time.
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigtermMidStreamLeavesNoOutput() throws Exception {
        Path out = dir.resolve("o.inlay");
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                InlayCommand.class.getName(), "encode", "-", "-o", out.toString(), "--gop", "ai")
                .redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("YUV4MPEG2 W32 H32 F25:1 C420jpeg\n".getBytes(StandardCharsets.US_ASCII));
            byte[] frame = new byte[32 * 32 * 3 / 2];
            for (int f = 0; f < 2; f++) {
                in.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                in.write(frame);
            }
            in.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (listing().length == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String[] during = listing();
            assertEquals(1, during.length, "the temporary output should exist mid-stream");
            assertTrue(during[0].startsWith(".o.inlay.") && during[0].endsWith(".part"), during[0]);
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "inlay did not exit");
        }
        assertEquals(ExitCode.INTERRUPTED_BY_SIGTERM, p.exitValue());
        List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
        assertEquals(List.of("inlay: interrupted by SIGTERM; unfinished output files are deleted"), lines);
        assertArrayEquals(new String[0], listing(), "no output and no temporary file are left");
    }

    private String[] listing() throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> !f.getFileName().toString().equals("err.txt"))
                    .map(f -> f.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }
}
