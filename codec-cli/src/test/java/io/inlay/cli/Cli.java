package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Runs {@code inlay} in-process with captured stdout and stderr; writes small test clips. */
final class Cli {
    final int exitCode;
    final String out;
    final String err;

    private Cli(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = InlayCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /**
     * Encodes {@code in} to {@code stream} with {@code encodeOptions} (and {@code --recon}), checks that the
     * decoder's output (display order) equals the encoder's reconstruction by their MD5s, and returns what
     * {@code info} prints of the stream.
     */
    static String encodeDecodeInfo(Path in, Path stream, String... encodeOptions) {
        String rec = stream + "_rec.y4m";
        List<String> args = new ArrayList<>(List.of("encode", in.toString(), "-o", stream.toString(), "--recon", rec));
        args.addAll(List.of(encodeOptions));
        Cli enc = run(args.toArray(String[]::new));
        assertEquals(0, enc.exitCode, enc.toString());
        Cli dec = run("decode", stream.toString(), "--md5");
        assertEquals(0, dec.exitCode, dec.toString());
        assertEquals(run("md5", rec).out.split(" ")[0], dec.out.strip(),
                "decoded output (display order) == the encoder's reconstruction");
        Cli info = run("info", stream.toString());
        assertEquals(0, info.exitCode, info.toString());
        return info.out;
    }

    /** The stderr lines, without blank ones. */
    String[] errLines() {
        return err.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }

    /**
     * Writes an 8-bit 4:2:0 y4m of {@code frames} frames: a moving gradient plus seeded noise, so
     * that it is neither flat nor random.
     */
    static Path writeY4m(Path file, int w, int h, int frames, long seed) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("YUV4MPEG2 W" + w + " H" + h + " F25:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
        Random r = new Random(seed);
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        for (int f = 0; f < frames; f++) {
            b.writeBytes("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    b.write(Math.clamp(16 + (x * 3 + y * 2 + f * 5) % 200 + r.nextInt(9) - 4, 0, 255));
                }
            }
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < ch; y++) {
                    for (int x = 0; x < cw; x++) {
                        b.write(Math.clamp(128 + (c == 0 ? x - y : y - x) + r.nextInt(5) - 2, 0, 255));
                    }
                }
            }
        }
        Files.write(file, b.toByteArray());
        return file;
    }

    /** Writes a y4m whose every sample of every plane is {@code value}. */
    static Path writeFlatY4m(Path file, int w, int h, int frames, int value) throws IOException {
        int size = w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("YUV4MPEG2 W" + w + " H" + h + " F30000:1001 Ip C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
        byte[] frame = new byte[size];
        java.util.Arrays.fill(frame, (byte) value);
        for (int f = 0; f < frames; f++) {
            b.writeBytes("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(frame);
        }
        Files.write(file, b.toByteArray());
        return file;
    }
}
