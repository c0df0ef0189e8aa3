package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputAndProgressTest {
    @TempDir
    Path dir;

    @Test
    void outputAppearsOnlyOnCommit() throws Exception {
        Path target = dir.resolve("out.bin");
        try (AtomicOutput o = AtomicOutput.create(target.toString(), false)) {
            o.stream().write("hello".getBytes(StandardCharsets.US_ASCII));
            o.stream().flush();
            assertTrue(Files.notExists(target));
            assertEquals(1, names().length, "only the temporary file");
            assertTrue(names()[0].startsWith(".out.bin.") && names()[0].endsWith(".part"), names()[0]);
            o.commit();
        }
        assertEquals("hello", Files.readString(target));
        assertArrayEquals(new String[] {"out.bin"}, names());
    }

    @Test
    void closeWithoutCommitDeletesAndKeepsTheOldFile() throws Exception {
        Path target = Files.writeString(dir.resolve("out.bin"), "old");
        assertThrows(CliException.class, () -> AtomicOutput.create(target.toString(), false));
        try (AtomicOutput o = AtomicOutput.create(target.toString(), true)) {
            o.stream().write(new byte[100_000]);
        }
        assertEquals("old", Files.readString(target));
        assertArrayEquals(new String[] {"out.bin"}, names());
        try (AtomicOutput o = AtomicOutput.create(target.toString(), true)) {
            o.stream().write('n');
            o.commit();
        }
        assertEquals("n", Files.readString(target));
    }

    @Test
    void progressDrawsInPlaceAndSummarises() {
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw), true, 3, 25);
        p.update(1, 1000);
        String first = sw.toString();
        assertTrue(first.startsWith("\rframe 1/3"), first);
        assertTrue(first.contains("200.0 kbit/s"), first);
        p.update(3, 3000);
        assertTrue(sw.toString().contains("\rframe 3/3"), sw.toString());
        p.finish("encoded", 3, 3000);
        String all = sw.toString();
        assertTrue(all.endsWith("inlay: encoded 3 frames, 3000 bytes, 200.0 kbit/s, "
                + all.substring(all.lastIndexOf(", ") + 2)), all);
        assertTrue(all.contains("\r                "), "the live line is erased before the summary: " + all);

        StringWriter quiet = new StringWriter();
        Progress q = new Progress(new PrintWriter(quiet), false, -1, 25);
        q.update(1, 10);
        q.finish("encoded", 1, 10);
        assertTrue(quiet.toString().startsWith("inlay: encoded 1 frames, 10 bytes, 2.0 kbit/s"), quiet.toString());
        assertEquals(1, quiet.toString().lines().count());
    }

    private String[] names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }
}
