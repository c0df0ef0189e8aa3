package io.inlay.testvectors;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the testvectors module and the repository are, for tests run by Maven or an IDE. */
final class TestPaths {
    private TestPaths() {
    }

    /** The testvectors module directory (Surefire's {@code basedir}, else the working directory). */
    static Path module() {
        Path p = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("clips")) && Files.isDirectory(p.resolve("testvectors/clips"))) {
            p = p.resolve("testvectors");
        }
        if (!Files.isDirectory(p.resolve("clips"))) {
            throw new IllegalStateException("cannot find the testvectors module from " + p);
        }
        return p;
    }

    /** The repository root (the parent of the module directory). */
    static Path repository() {
        return module().getParent();
    }

    static Path clips() {
        return module().resolve("clips");
    }

    static Path conformance() {
        return module().resolve("conformance");
    }

    static Path malformed() {
        return module().resolve("malformed");
    }
}
