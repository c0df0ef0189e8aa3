package io.inlay.bench.jmh;

import io.inlay.bench.rd.InlayConfig;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and loads the clips the JMH benchmarks encode. A clip parameter is a path to a y4m file
 * or a name without {@code .y4m}, looked up first in the corpus directory and then among the
 * bundled clips ({@code testvectors/clips}).
 *
 * <p>The corpus directory is the system property {@value #CORPUS_PROPERTY}, else
 * {@code <repo>/../shared/corpus}. The repository is the system property
 * {@value #REPO_PROPERTY}, else the first directory holding {@code testvectors/clips} above the
 * benchmark jar, else above the working directory. (Pass properties to the forked JVMs with
 * {@code -jvmArgsPrepend -Dinlay.corpus=DIR}: {@code -jvmArgsAppend} would replace the forks'
 * {@code --add-modules jdk.incubator.vector}.)
 */
final class Clips {
    static final String CORPUS_PROPERTY = "inlay.corpus";
    static final String REPO_PROPERTY = "inlay.repo";

    private Clips() {
    }

    /** The y4m file of clip parameter {@code clip}. */
    static Path resolve(String clip) {
        if (clip.endsWith(".y4m") || clip.contains("/")) {
            Path p = Path.of(clip);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("clip file " + p.toAbsolutePath() + " does not exist");
            }
            return p;
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir : searchPath()) {
            Path p = dir.resolve(clip + ".y4m");
            if (Files.isRegularFile(p)) {
                return p;
            }
            tried.add(dir);
        }
        throw new IllegalArgumentException("clip " + clip + ": no " + clip + ".y4m in " + tried
                + " (set -D" + CORPUS_PROPERTY + "=DIR or -D" + REPO_PROPERTY + "=DIR, or give a path)");
    }

    /** Corpus directory, then the bundled clips; only those that exist. */
    static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        Path repo = repository();
        String corpus = System.getProperty(CORPUS_PROPERTY);
        if (corpus != null) {
            dirs.add(Path.of(corpus));
        } else if (repo != null) {
            dirs.add(repo.resolve("../shared/corpus").normalize());
        }
        if (repo != null) {
            dirs.add(repo.resolve("testvectors/clips"));
        }
        dirs.removeIf(d -> !Files.isDirectory(d));
        return dirs;
    }

    /** The repository root, or null when it cannot be found. */
    static Path repository() {
        String explicit = System.getProperty(REPO_PROPERTY);
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path fromJar = null;
        try {
            CodeSource cs = Clips.class.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                fromJar = findRepository(Path.of(cs.getLocation().toURI()));
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            fromJar = null;
        }
        return fromJar != null ? fromJar : findRepository(Path.of(System.getProperty("user.dir")));
    }

    private static Path findRepository(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testvectors/clips")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return null;
    }

    /** A clip's first frames, held in memory, with the format they were read with. */
    record Frames(VideoFormat format, Picture[] pictures) {
    }

    /**
     * Reads the first {@code count} frames of {@code clip}.
     *
     * @throws IllegalArgumentException when the clip holds fewer frames
     */
    static Frames read(String clip, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("frames must be at least 1: " + count);
        }
        Path path = resolve(clip);
        try (VideoReader reader = VideoFiles.openReader(path, null)) {
            VideoFormat f = reader.format();
            Picture[] pictures = new Picture[count];
            for (int i = 0; i < count; i++) {
                Picture p = f.allocatePicture(Picture.DEFAULT_PADDING);
                if (!reader.read(p)) {
                    throw new IllegalArgumentException(path + " holds only " + i + " frames, " + count + " asked for");
                }
                pictures[i] = p;
            }
            return new Frames(f, pictures);
        }
    }

    /**
     * Encoder settings of the named configuration ({@link InlayConfig#KNOWN}: {@code all-intra},
     * {@code random-access}, {@code low-delay}) for pictures of format {@code f}: the same settings
     * the rate-distortion report encodes with.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static EncoderConfig.Builder configuration(String config, VideoFormat f, int qp) {
        return InlayConfig.of(config).builder(f, qp);
    }
}
