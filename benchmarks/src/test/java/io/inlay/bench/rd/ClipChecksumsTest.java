package io.inlay.bench.rd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipChecksumsTest {
    @TempDir
    Path dir;

    @Test
    void hashesOnceAndRemembersBySizeAndTime() throws Exception {
        Path f = Files.writeString(dir.resolve("clip.y4m"), "abc");
        Path cache = dir.resolve("sums.tsv");
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";   // FIPS 180-2 example
        assertEquals(abc, new ClipChecksums(cache).sha256(f));

        // Same size and time, other bytes: a new instance still answers from the file it remembered.
        FileTime t = Files.getLastModifiedTime(f);
        Files.writeString(f, "abd");
        Files.setLastModifiedTime(f, t);
        ClipChecksums again = new ClipChecksums(cache);
        assertEquals(abc, again.sha256(f));
        assertEquals(1, again.rememberedPaths().size());

        // A new modification time makes it hash again.
        Files.setLastModifiedTime(f, FileTime.fromMillis(t.toMillis() + 5000));
        String abd = again.sha256(f);
        assertNotEquals(abc, abd);
        assertEquals(ClipChecksums.hash(f), abd);
        assertEquals(abd, new ClipChecksums(cache).sha256(f));
    }
}
