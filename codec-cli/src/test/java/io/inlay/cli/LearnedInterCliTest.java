package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.inter.LearnedInterModel;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code encode --learned-inter on|off} and what {@code info} shows of it (docs/learned-inter.md). */
class LearnedInterCliTest {
    @TempDir
    Path dir;

    @Test
    void onNamesTheModelAndDecodesToTheReconstruction() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 48, 32, 5, 13);
        String info = Cli.encodeDecodeInfo(in, dir.resolve("on.inlay"), "--qp", "30", "--learned-inter", "on");
        String id = HexFormat.of().formatHex(LearnedInterModel.defaultModel().orElseThrow().id());
        assertTrue(info.contains("learned inter    sha256:" + id + " (bundled, 2 filter sets)"), info);

        String off = dir.resolve("off.inlay").toString();
        assertEquals(0, Cli.run("encode", in.toString(), "-o", off, "--qp", "30").exitCode);
        assertFalse(Cli.run("info", off).out.contains("learned inter"));
    }

    @Test
    void badValueIsAUsageError() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 16, 16, 1, 1);
        Cli enc = Cli.run("encode", in.toString(), "-o", dir.resolve("x.inlay").toString(), "--learned-inter", "maybe");
        assertEquals(ExitCode.USAGE, enc.exitCode, enc.toString());
        assertTrue(enc.err.contains("--learned-inter must be on or off: maybe"), enc.err);
    }
}
