package io.inlay.bench.rd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of input files, each computed once and remembered in a small tab-separated file
 * ({@code sha256, size, mtime in ms, absolute path} per line) under the work directory. A file
 * is hashed again only when its size or modification time differs from the remembered ones.
 * Thread-safe.
 */
public final class ClipChecksums {
    private record Entry(String sha256, long size, long mtimeMillis) {
    }

    private final Path cacheFile;
    private final Map<String, Entry> entries = new HashMap<>();

    /** Loads the remembered checksums from {@code cacheFile} (which need not exist yet). */
    public ClipChecksums(Path cacheFile) throws IOException {
        this.cacheFile = cacheFile;
        if (Files.exists(cacheFile)) {
            for (String line : Files.readAllLines(cacheFile, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", 4);
                if (f.length == 4 && f[0].length() == 64) {
                    try {
                        entries.put(f[3], new Entry(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
                    } catch (NumberFormatException e) {
                        // A damaged line only costs a re-hash.
                    }
                }
            }
        }
    }

    /** The SHA-256 of {@code file} in lower-case hex. */
    public synchronized String sha256(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String key = abs.toString();
        long size = Files.size(abs);
        long mtime = Files.getLastModifiedTime(abs).toMillis();
        Entry e = entries.get(key);
        if (e != null && e.size == size && e.mtimeMillis == mtime) {
            return e.sha256;
        }
        String sha = hash(abs);
        entries.put(key, new Entry(sha, size, mtime));
        save();
        return sha;
    }

    /** SHA-256 of a file's bytes, hex. */
    static String hash(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of a string's UTF-8 bytes, hex. */
    static String hash(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private void save() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) {
            Entry v = e.getValue();
            sb.append(v.sha256).append('\t').append(v.size).append('\t').append(v.mtimeMillis).append('\t')
                    .append(e.getKey()).append('\n');
        }
        Files.createDirectories(cacheFile.toAbsolutePath().getParent());
        Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Paths currently remembered (for tests). */
    synchronized List<String> rememberedPaths() {
        return List.copyOf(new TreeMap<>(entries).keySet());
    }
}
