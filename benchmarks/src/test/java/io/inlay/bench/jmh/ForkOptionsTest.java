package io.inlay.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForkOptionsTest {
    /** JMH's forks get exactly the options of bin/lib/jvm.options, in its order. */
    @Test
    void forkOptionsAreTheLaunchersOptions() throws IOException {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../bin/lib/jvm.options");
        List<String> fromFile = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!text.isEmpty()) {
                // "--add-modules m" is the same option as "--add-modules=m".
                fromFile.add(text.replaceFirst("^--add-modules\\s+", "--add-modules="));
            }
        }
        assertEquals(fromFile, List.of(ForkOptions.ADD_MODULES, ForkOptions.INLINE_SMALL_CODE, ForkOptions.QUIET,
                ForkOptions.CORE_KERNELS, ForkOptions.NEURAL_KERNELS, ForkOptions.LANES_SUM));
    }
}
