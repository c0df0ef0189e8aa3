package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code encode --bi-weights on|off} and what {@code info} shows of it (docs/learned-inter.md, "Weighted bi-prediction"). */
class BiWeightsCliTest {
    @TempDir
    Path dir;

    @Test
    void onSetsTheToolAndDecodesToTheReconstruction() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 48, 32, 5, 13);
        String info = Cli.encodeDecodeInfo(in, dir.resolve("on.inlay"), "--qp", "30", "--gop", "ra", "--bi-weights",
                "on");
        assertTrue(info.contains("bi-weights       on"), info);

        String off = dir.resolve("off.inlay").toString();
        assertEquals(0, Cli.run("encode", in.toString(), "-o", off, "--qp", "30", "--gop", "ra", "--bi-weights", "off")
                .exitCode);
        assertFalse(Cli.run("info", off).out.contains("bi-weights"));

        // on by default where there is bi-prediction, never in all intra
        String dflt = dir.resolve("default.inlay").toString();
        assertEquals(0, Cli.run("encode", in.toString(), "-o", dflt, "--qp", "30", "--gop", "ra").exitCode);
        assertTrue(Cli.run("info", dflt).out.contains("bi-weights       on"));
        // off by default with the fast presets (their bi-prediction search does not refine list 1), unless asked
        String fast = dir.resolve("ultrafast.inlay").toString();
        assertEquals(0, Cli.run("encode", in.toString(), "-o", fast, "--qp", "30", "--preset", "ultrafast").exitCode);
        assertFalse(Cli.run("info", fast).out.contains("bi-weights"));
        assertEquals(0, Cli.run("encode", in.toString(), "-o", fast, "-y", "--qp", "30", "--preset", "ultrafast",
                "--bi", "2").exitCode);
        assertTrue(Cli.run("info", fast).out.contains("bi-weights       on"));
        String ai = dir.resolve("ai.inlay").toString();
        assertEquals(0, Cli.run("encode", in.toString(), "-o", ai, "--qp", "30", "--gop", "ai").exitCode);
        assertFalse(Cli.run("info", ai).out.contains("bi-weights"));
    }

    @Test
    void badValueIsAUsageError() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 16, 16, 1, 1);
        Cli enc = Cli.run("encode", in.toString(), "-o", dir.resolve("x.inlay").toString(), "--bi-weights", "maybe");
        assertEquals(ExitCode.USAGE, enc.exitCode, enc.toString());
        assertTrue(enc.err.contains("--bi-weights must be on or off: maybe"), enc.err);
    }
}
