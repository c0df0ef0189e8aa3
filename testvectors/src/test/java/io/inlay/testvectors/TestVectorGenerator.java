package io.inlay.testvectors;

import io.inlay.bitstream.BitstreamException;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * (Re)generates the conformance streams with {@code expected.md5}, and the malformed streams with
 * the table in {@code malformed/README.md}. Run it only when the format changes on purpose
 * (testvectors/README.md); an unintended change of a decoded MD5 is a regression.
 *
 * <p>Usage: {@code TestVectorGenerator [MODULE_DIR]} (default: the testvectors module). From
 * Maven: see {@link GenerateTestVectors}.
 */
public final class TestVectorGenerator {
    private TestVectorGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path module = args.length > 0 ? Path.of(args[0]) : TestPaths.module();
        generateConformance(module.resolve("conformance"));
        generateMalformed(module.resolve("malformed"), Files.readAllBytes(module.resolve("conformance").resolve(ConformanceStreams.SMALL)));
    }

    static void generateConformance(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md5 = new StringBuilder("""
                # Inlay conformance streams: file, decoded frames, MD5 of the decoded samples (as
                # `inlay decode --md5`), then how the stream was made. ConformanceTest decodes every
                # file listed here. Regenerate only when the format changes on purpose: see README.md.
                """);
        long total = 0;
        for (ConformanceStreams.Definition d : ConformanceStreams.ALL) {
            ConformanceStreams.Source src = d.source().get();
            EncoderConfig cfg = d.config().configure(src.builder());
            Codec.Encoded enc = Codec.encode(cfg, src.pictures());
            List<Picture> decoded = Codec.decode(enc.stream());
            String hash = Codec.sampleMd5(decoded);
            if (decoded.size() != src.pictures().size() || !hash.equals(Codec.sampleMd5(enc.reconstructions()))) {
                throw new IllegalStateException(d.file() + ": decoder output differs from the encoder's reconstruction");
            }
            Files.write(dir.resolve(d.file()), enc.stream());
            md5.append(String.format("%-42s %d %s  %s%n", d.file(), decoded.size(), hash, d.description()));
            total += enc.stream().length;
            System.out.printf("%-42s %7d bytes  %s%n", d.file(), enc.stream().length, hash);
        }
        Files.writeString(dir.resolve("expected.md5"), md5, StandardCharsets.UTF_8);
        System.out.printf("conformance: %d streams, %d bytes%n", ConformanceStreams.ALL.size(), total);
    }

    static void generateMalformed(Path dir, byte[] base) throws IOException {
        Files.createDirectories(dir);
        StringBuilder table = new StringBuilder("""
                # Malformed streams

                Each file is the conformance stream `%s`
                with one deliberate fault. Decoding it (container reader + decoder, default limits)
                shall raise `io.inlay.bitstream.BitstreamException` whose message contains the
                expected text; an empty cell means any BitstreamException (the fault lies in
                arithmetic-coded data, where the first rule found broken depends on the decoder's
                path). `MalformedStreamTest` checks every row, and that every `.inlay` file here has
                a row. Faults behind a CRC are re-CRC'd, so the parser, not the CRC check, must
                catch them. Written by `TestVectorGenerator` with the conformance streams; see
                ../README.md.

                | file | expected error (substring) | how it was made |
                |---|---|---|
                """.formatted(ConformanceStreams.SMALL));
        for (MalformedStreams.Definition d : MalformedStreams.ALL) {
            byte[] s = d.make().apply(base);
            String message;
            try {
                Codec.decode(s);
                throw new IllegalStateException(d.file() + " decodes without error");
            } catch (BitstreamException e) {
                message = e.getMessage();
            }
            if (!message.contains(d.expected())) {
                throw new IllegalStateException(d.file() + ": expected \"" + d.expected() + "\", got \"" + message + "\"");
            }
            Files.write(dir.resolve(d.file()), s);
            table.append("| ").append(d.file()).append(" | ")
                    .append(d.expected().isEmpty() ? "" : "`" + d.expected() + "`")
                    .append(" | ").append(d.how()).append(" |\n");
            System.out.printf("%-32s %s%n", d.file(), message);
        }
        Files.writeString(dir.resolve("README.md"), table, StandardCharsets.UTF_8);
    }
}
