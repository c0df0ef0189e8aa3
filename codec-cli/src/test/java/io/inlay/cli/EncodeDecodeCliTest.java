package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** encode -> info -> decode -> md5/compare through the command line, on a tiny generated clip. */
class EncodeDecodeCliTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExactWithTheReconstruction() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 72, 40, 3, 42);
        String stream = dir.resolve("s.inlay").toString();
        String rec = dir.resolve("rec.y4m").toString();
        String dec = dir.resolve("dec.y4m").toString();

        Cli enc = Cli.run("encode", in.toString(), "-o", stream, "--recon", rec, "--qp", "27");
        assertEquals(0, enc.exitCode, enc.toString());
        assertTrue(enc.err.contains("inlay: encoded 3 frames, " + Files.size(Path.of(stream)) + " bytes"), enc.err);
        assertEquals(firstLine(in), firstLine(Path.of(rec)), "recon keeps the input's header");

        Cli info = Cli.run("info", stream);
        assertEquals(0, info.exitCode, info.toString());
        assertTrue(info.out.contains("72x40"), info.out);
        assertTrue(info.out.contains("3 frames"), info.out);
        assertTrue(Pattern.compile("(?m)^\\s+0\\s+I\\s+0\\s+0\\s+27\\s").matcher(info.out).find(), info.out);

        Cli d = Cli.run("decode", stream, "-o", dec, "--md5");
        assertEquals(0, d.exitCode, d.toString());
        String decodedMd5 = d.out.strip();
        assertTrue(decodedMd5.matches("[0-9a-f]{32}"), d.out);

        Cli md5 = Cli.run("md5", rec, dec);
        assertEquals(0, md5.exitCode, md5.toString());
        String[] lines = md5.out.strip().split("\n");
        assertEquals(decodedMd5 + "  " + rec, lines[0], "decode --md5 equals the MD5 of the encoder's reconstruction");
        assertEquals(decodedMd5 + "  " + dec, lines[1]);

        Cli same = Cli.run("compare", rec, dec, "--csv");
        assertEquals("3,100.0000,100.0000,100.0000,100.0000,1.000000", same.out.strip(), same.toString());

        Cli q = Cli.run("compare", in.toString(), dec, "--csv");
        Matcher m = Pattern.compile("3,([0-9.]+),([0-9.]+),([0-9.]+),([0-9.]+),([0-9.]+)").matcher(q.out.strip());
        assertTrue(m.matches(), q.toString());
        assertTrue(Double.parseDouble(m.group(4)) > 30 && Double.parseDouble(m.group(4)) < 100, q.out);
    }

    /** {@code --chroma-weight} reaches the encoder's decisions (another stream) and the stream stays conforming. */
    @Test
    void chromaWeightChangesTheDecisionsAndDecodes() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 96, 64, 2, 17);
        Path plain = dir.resolve("plain.inlay");
        Path heavy = dir.resolve("heavy.inlay");
        String rec = dir.resolve("rec.y4m").toString();
        assertEquals(0, Cli.run("encode", in.toString(), "-o", plain.toString(), "--gop", "ai", "--qp", "32").exitCode);
        Cli enc = Cli.run("encode", in.toString(), "-o", heavy.toString(), "--gop", "ai", "--qp", "32",
                "--chroma-weight", "4", "--recon", rec);
        assertEquals(0, enc.exitCode, enc.toString());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(plain), Files.readAllBytes(heavy)),
                "--chroma-weight 4 gave the default stream");
        Cli d = Cli.run("decode", heavy.toString(), "-o", dir.resolve("dec.y4m").toString(), "--md5");
        assertEquals(0, d.exitCode, d.toString());
        Cli md5 = Cli.run("md5", rec);
        assertEquals(d.out.strip(), md5.out.strip().split("\\s+")[0], "decoder output equals the reconstruction");
    }

    @Test
    void interlacedInputIsCodedAsFramesWithAWarning() throws Exception {
        Path progressive = Cli.writeY4m(dir.resolve("p.y4m"), 48, 32, 2, 5);
        String body = Files.readString(progressive, StandardCharsets.ISO_8859_1);
        Path interlaced = dir.resolve("t.y4m");
        Files.writeString(interlaced, body.replaceFirst(" Ip ", " It "), StandardCharsets.ISO_8859_1);

        Cli p = Cli.run("encode", progressive.toString(), "-o", dir.resolve("p.inlay").toString());
        assertEquals(0, p.exitCode, p.toString());
        assertFalse(p.err.contains("warning"), p.err);
        Cli t = Cli.run("encode", interlaced.toString(), "-o", dir.resolve("t.inlay").toString());
        assertEquals(0, t.exitCode, t.toString());
        assertTrue(t.err.contains("inlay: warning: " + interlaced + ": interlaced input (y4m It): each frame is coded"
                + " as one progressive picture, fields together"), t.err);
        assertArrayEquals(Files.readAllBytes(dir.resolve("p.inlay")), Files.readAllBytes(dir.resolve("t.inlay")),
                "the same pictures, the same stream");
    }

    @Test
    void infoCountsRepeatedSequenceHeadersApartFromFrames() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 48, 32, 9, 11);
        Path stream = dir.resolve("s.inlay");
        Cli enc = Cli.run("encode", in.toString(), "-o", stream.toString(), "--keyint", "4", "--gop-size", "2");
        assertEquals(0, enc.exitCode, enc.toString());
        Cli info = Cli.run("info", stream.toString());
        assertEquals(0, info.exitCode, info.toString());
        Matcher row = Pattern.compile("(?m)^\\s+\\d+\\s+([IPB])\\s+(?:\\d+\\s+){6}(\\d+)\\s+(\\d+)\\s").matcher(info.out);
        long units = 0;
        int keyFrames = 0;
        Set<Long> framing = new TreeSet<>();
        while (row.find()) {
            keyFrames += row.group(1).equals("I") ? 1 : 0;
            framing.add(Long.parseLong(row.group(3)) - Long.parseLong(row.group(2)));
            units += Long.parseLong(row.group(3));
        }
        assertEquals(3, keyFrames, info.out);
        assertEquals(1, framing.size(), "every frame unit has the same framing around its payload: " + info.out);
        Matcher header = Pattern.compile("sequence header \\((\\d+) bytes").matcher(info.out);
        Matcher total = Pattern.compile("(\\d+) bytes in total \\((\\d+) in repeated sequence headers\\)").matcher(info.out);
        assertTrue(header.find() && total.find(), info.out);
        assertEquals(Files.size(stream), Long.parseLong(total.group(1)));
        assertEquals(Files.size(stream), Long.parseLong(header.group(1)) + units + Long.parseLong(total.group(2)), info.out);
    }

    @Test
    void concealGoesOnPastADamagedFrame() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 48, 32, 12, 3);
        Path stream = dir.resolve("s.inlay");
        assertEquals(0, Cli.run("encode", in.toString(), "-o", stream.toString(), "--keyint", "4", "--gop-size", "2")
                .exitCode);
        byte[] bytes = Files.readAllBytes(stream);
        // the sequence header unit (after the 8-byte file header) is repeated before POCs 4 and 8
        byte[] header = java.util.Arrays.copyOfRange(bytes, 8, 34);
        int second = indexOf(bytes, header, 34);
        int third = indexOf(bytes, header, second + 1);
        assertTrue(second > 0 && third > second, "repeated sequence headers");
        bytes[(second + third) / 2] ^= 0x40;   // in the key-frame period of POCs 4..7
        Path damaged = Files.write(dir.resolve("damaged.inlay"), bytes);
        Path out = dir.resolve("out.y4m");

        Cli strict = Cli.run("decode", damaged.toString(), "-o", out.toString());
        assertEquals(ExitCode.INPUT, strict.exitCode, strict.toString());
        assertTrue(strict.err.contains("at byte"), strict.err);
        assertTrue(Files.notExists(out), "no partial output");

        Cli lenient = Cli.run("decode", damaged.toString(), "-o", out.toString(), "--conceal");
        assertEquals(0, lenient.exitCode, lenient.toString());
        assertTrue(lenient.err.contains("inlay: warning: " + damaged + ": at byte "), lenient.err);
        Matcher m = Pattern.compile("decoded 12 frames \\((\\d+) concealed\\)").matcher(lenient.err);
        assertTrue(m.find(), lenient.err);
        int concealed = Integer.parseInt(m.group(1));
        assertTrue(concealed >= 1 && concealed <= 4, lenient.err);
        assertEquals(concealed, lenient.err.split("concealed \\((copy of poc \\d+|grey)\\)", -1).length - 1, lenient.err);
        assertEquals(12, Files.readString(out, StandardCharsets.ISO_8859_1).split("FRAME\n", -1).length - 1);
    }

    private static int indexOf(byte[] a, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= a.length; i++) {
            if (java.util.Arrays.equals(a, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void demoOnAGivenClipChecksBitExactness() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("tiny.y4m"), 40, 24, 2, 9);
        Cli r = Cli.run("demo", "--clip", in.toString(), "--qp", "30", "-o", dir.resolve("demo.inlay").toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("bit-exact  yes"), r.out);
        assertTrue(r.out.contains("PSNR-YUV"), r.out);
        assertEquals(Files.size(dir.resolve("demo.inlay")) + " bytes",
                r.out.lines().filter(l -> l.startsWith("size")).findFirst().orElseThrow().substring(11).split(" \\(")[0]);
    }

    @Test
    void corruptStreamIsOneLineWithOffsetAndLeavesNoOutput() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("in.y4m"), 32, 16, 2, 3);
        Path stream = dir.resolve("s.inlay");
        assertEquals(0, Cli.run("encode", in.toString(), "-o", stream.toString()).exitCode);
        byte[] b = Files.readAllBytes(stream);
        Path cut = Files.write(dir.resolve("cut.inlay"), java.util.Arrays.copyOf(b, b.length - 3));
        b[b.length - 8] ^= 0x10;
        Path flipped = Files.write(dir.resolve("flipped.inlay"), b);
        for (Path bad : new Path[] {cut, flipped}) {
            Path out = dir.resolve("out.y4m");
            Cli r = Cli.run("decode", bad.toString(), "-o", out.toString());
            assertEquals(ExitCode.INPUT, r.exitCode, r.toString());
            assertEquals(1, r.errLines().length, r.toString());
            assertTrue(r.errLines()[0].startsWith("inlay: " + bad + ": at byte "), r.toString());
            assertTrue(Files.notExists(out), "no partial output");
            Cli info = Cli.run("info", bad.toString());
            assertEquals(ExitCode.INPUT, info.exitCode, info.toString());
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            assertEquals(4, s.count(), "in.y4m, s.inlay, cut.inlay, flipped.inlay and nothing else");
        }
    }

    private static String firstLine(Path p) throws java.io.IOException {
        byte[] b = Files.readAllBytes(p);
        int n = 0;
        while (b[n] != '\n') {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void rawInputAndFrameLimit() throws Exception {
        Path y4m = Cli.writeY4m(dir.resolve("in.y4m"), 32, 24, 3, 5);
        byte[] all = Files.readAllBytes(y4m);
        int header = new String(all, 0, 64, java.nio.charset.StandardCharsets.US_ASCII).indexOf('\n') + 1;
        int frame = 32 * 24 * 3 / 2;
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        for (int f = 0; f < 3; f++) {
            raw.write(all, header + f * (frame + 6) + 6, frame);
        }
        Path yuv = Files.write(dir.resolve("in.yuv"), raw.toByteArray());
        String stream = dir.resolve("s.inlay").toString();
        Cli enc = Cli.run("encode", yuv.toString(), "--raw", "32x24", "--fps", "30000/1001", "--frames", "2",
                "-o", stream, "--no-deblock", "--no-rdoq");
        assertEquals(0, enc.exitCode, enc.toString());
        Cli info = Cli.run("info", stream);
        assertTrue(info.out.contains("30000/1001"), info.out);
        assertTrue(info.out.contains("2 frames"), info.out);
        assertTrue(info.out.contains("off"), info.out);
        assertEquals(Cli.run("md5", y4m.toString()).out.split(" ")[0], Cli.run("md5", yuv.toString(), "--raw", "32x24").out.split(" ")[0],
                "y4m and raw carry the same samples");
    }
}
