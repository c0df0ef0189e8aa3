package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The neural loop filter options of {@code encode}, {@code decode} and {@code info}: bad values and
 * a filter without a model are one-line usage errors; a stream that uses the filter is decoded
 * with either runtime (same MD5), described by {@code info} (model, description, scales, and with
 * {@code --nlf-flags} the share of filtered CTUs), and refused with the model's identifier and
 * offset when no provider has the model.
 */
class NeuralFilterCliTest {
    @TempDir
    Path dir;

    @Test
    void badValuesAndAMissingModelAreOneLineUsageErrors() throws IOException {
        String in = Cli.writeY4m(dir.resolve("in.y4m"), 32, 16, 1, 3).toString();
        String out = dir.resolve("o.inlay").toString();
        for (String[] args : List.of(new String[] {"--nn-filter", "maybe"}, new String[] {"--nn-runtime", "cuda"})) {
            List<String> all = new ArrayList<>(List.of("encode", in, "-o", out));
            all.addAll(List.of(args));
            Cli c = Cli.run(all.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, c.exitCode, c.toString());
            assertTrue(c.err.contains(args[1]), c.toString());
        }
        Cli d = Cli.run("decode", out, "--md5", "--nn-runtime", "gpu");
        assertEquals(ExitCode.USAGE, d.exitCode, d.toString());
        // codec-neural (on the runtime class path) recommends its bundled default model (lsf8):
        // on without --nn-model uses it, and so does the default
        Path onStream = dir.resolve("on.inlay");
        Cli on = Cli.run("encode", in, "-o", onStream.toString(), "--nn-filter", "on");
        assertEquals(0, on.exitCode, on.toString());
        for (String[] args : List.of(new String[] {"--nn-model", "xyz"}, new String[] {"--nn-model", "00000000ff"},
                new String[] {"--nn-model", HexFormat.of().formatHex(CliTestFilterProvider.ID), "--nn-filter", "off"})) {
            List<String> all = new ArrayList<>(List.of("encode", in, "-o", out));
            all.addAll(List.of(args));
            Cli c = Cli.run(all.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, c.exitCode, c.toString());
            assertEquals(1, c.errLines().length, c.toString());
            assertTrue(c.errLines()[0].startsWith("inlay: --nn-model"), c.toString());
        }
        assertFalse(Files.exists(dir.resolve("o.inlay")), "no output left behind");
        Cli named = Cli.run("encode", in, "-o", dir.resolve("named.inlay").toString(), "--nn-model",
                HexFormat.of().formatHex(CliTestFilterProvider.ID).substring(0, 12));
        assertEquals(0, named.exitCode, named.toString());
        // tool flags: the filter (0x1), the bi-prediction refinement (0x8) and weights (0x10), on by default in random access
        assertTrue(Cli.run("info", dir.resolve("named.inlay").toString()).out.contains("tool flags       0x19"));
        Cli def = Cli.run("encode", in, "-o", out);
        assertEquals(0, def.exitCode, def.toString());
        Cli off = Cli.run("encode", in, "-o", dir.resolve("off.inlay").toString(), "--nn-filter", "OFF");
        assertEquals(0, off.exitCode, off.toString());
        assertEquals(-1, Files.mismatch(Path.of(out), onStream), "default = on with the recommended model");
        Cli info = Cli.run("info", out);
        assertTrue(info.out.contains("tool flags       0x19"), info.out);
        Cli offInfo = Cli.run("info", dir.resolve("off.inlay").toString());
        assertTrue(offInfo.out.contains("tool flags       0x18"), offInfo.out);
        assertFalse(offInfo.out.contains("nlf"), offInfo.out);
    }

    /** Encodes {@code y4m} with the test provider's model, through the API; returns the stream. */
    private Path encodeWithFilter(Path y4m, int qp, GopStructure gop) throws IOException {
        List<Picture> pictures = new ArrayList<>();
        try (VideoReader r = VideoFiles.openReader(y4m, null)) {
            Picture p = r.format().allocatePicture(0);
            while (r.read(p)) {
                pictures.add(p.copy(0));
            }
        }
        Picture first = pictures.getFirst();
        EncoderConfig cfg = EncoderConfig.builder(first.width(), first.height()).qp(qp).gop(gop).gopSize(4)
                .neuralModel(CliTestFilterProvider.ID).filterProviders(List.of(new CliTestFilterProvider())).build();
        Path stream = dir.resolve("nlf.inlay");
        try (Encoder enc = Encoder.create(cfg); OutputStream os = Files.newOutputStream(stream);
                ContainerWriter w = new ContainerWriter(os)) {
            w.writeSequenceHeader(enc.sequenceHeader());
            for (Picture p : pictures) {
                enc.push(p);
                for (Packet k; (k = enc.pull()) != null; ) {
                    w.writePacket(k);
                }
            }
            enc.flush();
            for (Packet k; (k = enc.pull()) != null; ) {
                w.writePacket(k);
            }
        }
        return stream;
    }

    /**
     * A y4m of {@code frames} frames, 320x192: black and white discs on white in the left half,
     * grey 128 chroma; the test filter repairs the ringing around their edges, and the flat right
     * half needs no repair.
     */
    private Path discsY4m(int frames) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("YUV4MPEG2 W320 H192 F25:1 Ip C420jpeg\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int f = 0; f < frames; f++) {
            b.writeBytes("FRAME\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int y = 0; y < 192; y++) {
                for (int x = 0; x < 320; x++) {
                    int cx = (x + 3 * f) % 40 - 20;
                    int cy = y % 40 - 20;
                    b.write(x < 160 && cx * cx + cy * cy < 150 ? 0 : 255);
                }
            }
            b.writeBytes(new byte[2 * 160 * 96]);
        }
        byte[] bytes = b.toByteArray();
        // chroma 128
        int frame = 320 * 192 * 3 / 2;
        int header = bytes.length - frames * (frame + 6);
        for (int f = 0; f < frames; f++) {
            int start = header + f * (frame + 6) + 6 + 320 * 192;
            java.util.Arrays.fill(bytes, start, start + 2 * 160 * 96, (byte) 128);
        }
        Path p = dir.resolve("discs.y4m");
        Files.write(p, bytes);
        return p;
    }

    @Test
    void streamsWithTheFilterDecodeAndAreDescribed() throws IOException {
        Path stream = encodeWithFilter(discsY4m(3), 42, GopStructure.LOW_DELAY);
        String s = stream.toString();
        Cli onnx = Cli.run("decode", s, "--md5");
        Cli java = Cli.run("decode", s, "--md5", "--nn-runtime", "java");
        assertEquals(0, onnx.exitCode, onnx.toString());
        assertEquals(0, java.exitCode, java.toString());
        assertEquals(onnx.out, java.out);
        assertTrue(onnx.out.strip().matches("[0-9a-f]{32}"), onnx.out);

        Cli info = Cli.run("info", s);
        assertEquals(0, info.exitCode, info.toString());
        String id = HexFormat.of().formatHex(CliTestFilterProvider.ID);
        assertTrue(info.out.contains("tool flags       0x1"), info.out);
        assertTrue(info.out.contains("neural model     sha256:" + id), info.out);
        assertTrue(info.out.contains("neural filter    cli test black-and-white filter, java"), info.out);
        assertTrue(info.out.contains("nlf Y/C"), info.out);
        // every frame line ends with its scales; without --nlf-flags nothing is decoded
        Pattern frame = Pattern.compile("(?m)^ +\\d+ +[IPB] .*? (\\d+)/(\\d+) *(.*)$");
        Matcher m = frame.matcher(info.out);
        int frames = 0;
        while (m.find()) {
            frames++;
            assertEquals("", m.group(3), m.group());
        }
        assertEquals(3, frames, info.out);

        Cli flags = Cli.run("info", s, "--nlf-flags");
        assertEquals(0, flags.exitCode, flags.toString());
        Matcher f = frame.matcher(flags.out);
        int withShare = 0;
        while (f.find()) {
            boolean scaled = !f.group(1).equals("0") || !f.group(2).equals("0");
            assertEquals(scaled, f.group(3).startsWith("CTUs filtered: Y "), f.group());
            if (scaled) {
                withShare++;
                assertTrue(f.group(3).matches("CTUs filtered: Y (-|\\d+/15 \\(\\d+%\\)), C (-|\\d+/15 \\(\\d+%\\))"),
                        f.group());
            }
        }
        assertTrue(withShare > 0, "the test filter is never used: " + flags.out);
    }

    @Test
    void aStreamWhoseModelIsMissingIsRefusedNamingTheModel() throws IOException {
        Path y4m = Cli.writeY4m(dir.resolve("in.y4m"), 72, 40, 2, 8);
        Path stream = encodeWithFilter(y4m, 32, GopStructure.ALL_INTRA);
        // replace the model identifier (sequence header at byte 10, identifier 20 bytes into it)
        byte[] b = Files.readAllBytes(stream);
        int at = 8 + 2 + 20;
        for (int i = 0; i < 32; i++) {
            assertEquals(CliTestFilterProvider.ID[i], b[at + i]);
        }
        b[at] ^= 0x55;
        // the unit's CRC-32C covers the identifier: recompute it
        int size = b[9] & 0xFF;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b, 8, 2 + size);
        int c = (int) crc.getValue();
        b[10 + size] = (byte) (c >>> 24);
        b[11 + size] = (byte) (c >>> 16);
        b[12 + size] = (byte) (c >>> 8);
        b[13 + size] = (byte) c;
        Path other = dir.resolve("other.inlay");
        Files.write(other, b);
        byte[] id = CliTestFilterProvider.ID.clone();
        id[0] ^= 0x55;
        Cli d = Cli.run("decode", other.toString(), "--md5");
        assertEquals(ExitCode.INPUT, d.exitCode, d.toString());
        assertEquals(1, d.errLines().length, d.toString());
        assertEquals("inlay: " + other + ": at byte " + at + ": neural model " + HexFormat.of().formatHex(id)
                + " is not available", d.errLines()[0]);
        Cli info = Cli.run("info", other.toString());
        assertEquals(0, info.exitCode, info.toString());
        assertTrue(info.out.contains("neural filter    model not available here"), info.out);
        Cli flags = Cli.run("info", other.toString(), "--nlf-flags");
        assertEquals(ExitCode.INPUT, flags.exitCode, flags.toString());
        assertTrue(flags.err.contains("is not available"), flags.toString());
    }
}
