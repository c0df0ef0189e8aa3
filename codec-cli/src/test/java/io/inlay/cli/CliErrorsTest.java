package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every expected failure: one line {@code inlay: ...} on stderr and its exit code. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneLine(Cli r, int code, String fragment) {
        assertEquals(code, r.exitCode, r.toString());
        String[] lines = r.errLines();
        assertEquals(1, lines.length, r.toString());
        assertTrue(lines[0].startsWith("inlay: "), r.toString());
        assertTrue(lines[0].contains(fragment), "expected '" + fragment + "' in: " + lines[0]);
    }

    @Test
    void usageErrors() {
        assertOneLine(Cli.run(), ExitCode.USAGE, "missing command");
        assertOneLine(Cli.run("frobnicate"), ExitCode.USAGE, "frobnicate");
        assertOneLine(Cli.run("encode", "in.y4m"), ExitCode.USAGE, "--output");
        assertOneLine(Cli.run("encode", "in.y4m", "-o", "x", "--bogus"), ExitCode.USAGE, "--bogus");
        assertOneLine(Cli.run("encode", "in.y4m", "-o", "x", "--qp", "abc"), ExitCode.USAGE, "--qp");
        assertOneLine(Cli.run("encode", "in.y4m", "-o", "x", "--raw", "352x"), ExitCode.USAGE, "WxH");
        assertOneLine(Cli.run("encode", "in.y4m", "-o", "x", "--raw", "352x288:16"), ExitCode.USAGE, "bit depth");
        assertOneLine(Cli.run("encode", "in.y4m", "-o", "x", "--fps", "0/1"), ExitCode.USAGE, "positive");
        assertOneLine(Cli.run("--kernels", "turbo", "demo"), ExitCode.USAGE, "turbo");
        assertOneLine(Cli.run("decode", "x.inlay"), ExitCode.USAGE, "--md5");
        assertOneLine(Cli.run("compare", "a.y4m"), ExitCode.USAGE, "B");
    }

    @Test
    void badQpIsAUsageErrorBeforeAnyFileIsTouched() throws IOException {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 16, 16, 1, 1);
        assertOneLine(Cli.run("encode", in.toString(), "-o", dir.resolve("o.inlay").toString(), "--qp", "52"),
                ExitCode.USAGE, "0..51");
        assertOneLine(Cli.run("encode", in.toString(), "-o", dir.resolve("o.inlay").toString(), "--aq", "4"),
                ExitCode.USAGE, "--aq must be 0..3");
        String[][] structure = {
            {"--gop", "xx", "--gop must be one of ai, ra, ld"},
            {"--keyint", "0", "--keyint must be 1..65535: 0"},
            {"--keyint", "65536", "--keyint must be 1..65535: 65536"},
            {"--gop-size", "1", "--gop-size must be 2..16: 1"},
            {"--gop-size", "17", "--gop-size must be 2..16: 17"},
            {"--refs", "0", "--refs must be 1..4: 0"},
            {"--refs", "5", "--refs must be 1..4: 5"},
            {"--search-range", "7", "--search-range must be 8..512: 7"},
            {"--search-range", "513", "--search-range must be 8..512: 513"},
            {"--keyint", "ten", "--keyint"},
            {"--chroma-weight", "0.2", "--chroma-weight must be 0.25..16 or auto: 0.2"},
            {"--chroma-weight", "17", "--chroma-weight must be 0.25..16 or auto: 17"},
            {"--chroma-weight", "0", "--chroma-weight must be 0.25..16 or auto: 0"},
            {"--chroma-weight", "heavy", "--chroma-weight must be 0.25..16 or auto: heavy"},
        };
        for (String[] c : structure) {
            assertOneLine(Cli.run("encode", in.toString(), "-o", dir.resolve("o.inlay").toString(), c[0], c[1]),
                    ExitCode.USAGE, c[2]);
        }
        assertEquals(1, listing().length);
    }

    @Test
    void missingAndMalformedInputs() throws IOException {
        Path out = dir.resolve("o.inlay");
        assertOneLine(Cli.run("encode", dir.resolve("nope.y4m").toString(), "-o", out.toString()),
                ExitCode.INPUT, "no such file");
        Path junk = Files.writeString(dir.resolve("junk.y4m"), "this is not video at all");
        assertOneLine(Cli.run("encode", junk.toString(), "-o", out.toString()), ExitCode.INPUT, "raw YUV input needs");
        Path badHeader = Files.writeString(dir.resolve("bad.y4m"), "YUV4MPEG2 W0 H10\nFRAME\n");
        assertOneLine(Cli.run("encode", badHeader.toString(), "-o", out.toString()), ExitCode.INPUT, "at byte");
        assertOneLine(Cli.run("decode", junk.toString(), "--md5"), ExitCode.INPUT, "at byte 0");
        assertOneLine(Cli.run("info", junk.toString()), ExitCode.INPUT, "at byte 0");
        assertOneLine(Cli.run("bdrate", junk.toString()), ExitCode.INPUT, "line 1");
        assertOneLine(Cli.run("bdrate", dir.resolve("none.csv").toString()), ExitCode.INPUT, "no such file");
        assertTrue(Files.notExists(out));
    }

    @Test
    void oversizedInputsAreRefusedBeforeAllocation() throws IOException {
        // 40000x40000 once ran the encoder out of heap; 65535x65535 overflows an int sample count.
        Path out = dir.resolve("o.inlay");
        for (String size : new String[] {"W40000 H40000", "W65535 H65535", "W16385 H16", "W8192 H4352"}) {
            Path big = Files.writeString(dir.resolve("big.y4m"), "YUV4MPEG2 " + size + " F25:1 C420jpeg\nFRAME\n");
            String dims = size.replace("W", "").replace(" H", "x");
            assertOneLine(Cli.run("encode", big.toString(), "-o", out.toString()), ExitCode.INPUT,
                    "frame size " + dims + " is too large (at most 16384x16384 and 33177600 pixels)");
            assertOneLine(Cli.run("md5", big.toString()), ExitCode.INPUT, "frame size " + dims + " is too large");
        }
        Path raw = Files.writeString(dir.resolve("big.yuv"), "tiny");
        assertOneLine(Cli.run("encode", raw.toString(), "--raw", "20000x20000", "-o", out.toString()), ExitCode.INPUT,
                "frame size 20000x20000 is too large");
        assertTrue(Files.notExists(out));
    }

    @Test
    void compareRejectsMismatchedInputs() throws IOException {
        Path a = Cli.writeY4m(dir.resolve("a.y4m"), 16, 16, 2, 1);
        Path b = Cli.writeY4m(dir.resolve("b.y4m"), 32, 16, 2, 1);
        Path c = Cli.writeY4m(dir.resolve("c.y4m"), 16, 16, 3, 1);
        assertOneLine(Cli.run("compare", a.toString(), b.toString()), ExitCode.INPUT, "16x16 8-bit");
        assertOneLine(Cli.run("compare", a.toString(), c.toString()), ExitCode.INPUT, "has only 2 frames");
        assertOneLine(Cli.run("compare", c.toString(), a.toString(), "--frames", "3"), ExitCode.INPUT, "only 2 frames");
        assertEquals(ExitCode.OK, Cli.run("compare", a.toString(), c.toString(), "--frames", "2").exitCode);
    }

    @Test
    void outputErrors() throws IOException {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 16, 16, 1, 1);
        Path existing = Files.writeString(dir.resolve("exists.inlay"), "keep me");
        assertOneLine(Cli.run("encode", in.toString(), "-o", existing.toString()), ExitCode.OUTPUT, "-y");
        assertEquals("keep me", Files.readString(existing));
        assertOneLine(Cli.run("encode", in.toString(), "-o", dir.resolve("no/such/dir/o.inlay").toString()),
                ExitCode.OUTPUT, "does not exist");
        assertOneLine(Cli.run("encode", in.toString(), "-o", dir.toString()), ExitCode.OUTPUT, "is a directory");
        assertOneLine(Cli.run("encode", in.toString(), "-o", dir.resolve("o.inlay").toString(),
                "--recon", existing.toString()), ExitCode.OUTPUT, "-y");
        assertTrue(Files.notExists(dir.resolve("o.inlay")), "no partial output when the recon cannot be opened");
        assertArrayEquals(new String[] {"exists.inlay", "in.y4m"}, listing());
    }

    @Test
    void truncatedInputLeavesNoOutput() throws IOException {
        Path full = Cli.writeY4m(dir.resolve("full.y4m"), 32, 32, 3, 7);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.y4m");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Files.delete(full);
        Cli r = Cli.run("encode", cut.toString(), "-o", dir.resolve("o.inlay").toString(),
                "--recon", dir.resolve("o_rec.y4m").toString());
        assertOneLine(r, ExitCode.INPUT, "truncated frame 2");
        assertArrayEquals(new String[] {"cut.y4m"}, listing(), "neither output nor a temporary file is left");
    }

    private String[] listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }
}
