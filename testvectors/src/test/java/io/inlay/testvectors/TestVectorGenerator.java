package io.inlay.testvectors;

import io.inlay.bitstream.BitstreamException;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * (Re)generates the conformance streams with {@code expected.md5} and {@code conformance/README.md},
 * and the malformed streams with the table in {@code malformed/README.md}, in one run. Run it only
 * when the format changes on purpose (testvectors/README.md); an unintended change of a decoded MD5
 * is a regression.
 *
 * <p>Every stream is checked before it is written: a conformance stream must decode to the
 * encoder's reconstruction and have the coding structure its GOP promises
 * ({@link StreamStructure#mismatch}); a malformed stream must raise its expected error at its
 * expected offset. Stale {@code .inlay} files (no longer defined) are deleted.
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
        generateMalformed(module.resolve("malformed"), module.resolve("conformance"));
    }

    static void generateConformance(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md5 = new StringBuilder("""
                # Inlay conformance streams: file, decoded frames, MD5 of the decoded samples (as
                # `inlay decode --md5`, display order), GOP structure (ai = all-intra, ra = random
                # access, ld = low delay B, ldp = low delay P), then how the stream was made.
                # ConformanceTest decodes every file listed here. Written by TestVectorGenerator;
                # regenerate only when the format changes on purpose: see ../README.md.
                """);
        StringBuilder table = new StringBuilder("""
                # Conformance streams

                Written by `TestVectorGenerator` with `expected.md5` (see ../README.md); do not edit.
                Frames are listed in coding order as type and POC (display index); a key frame is an
                I frame whose reference picture set is empty (a closed GOP starts there).
                `ConformanceTest` checks that every stream has the structure of its GOP and the coding
                order listed here, decodes each to the MD5 in `expected.md5`, and decodes every stream
                with more than one key frame again from its second (and third) key frame on, which
                must give the same pictures as the tail of the full decode.

                | file | GOP | frames | bytes | coding order | how it was made |
                |---|---|---|---|---|---|
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
            List<StreamStructure.Frame> frames = StreamStructure.frames(enc.stream());
            String wrong = StreamStructure.mismatch(cfg.gop(), frames);
            if (wrong != null) {
                throw new IllegalStateException(d.file() + ": not a " + cfg.gop() + " stream: " + wrong);
            }
            String gop = cfg.gop().shortName();
            Files.write(dir.resolve(d.file()), enc.stream());
            md5.append(String.format("%-50s %2d %s %-3s  %s%n", d.file(), decoded.size(), hash, gop, d.description()));
            table.append("| ").append(d.file()).append(" | ").append(gop).append(" | ").append(decoded.size())
                    .append(" | ").append(enc.stream().length).append(" | ").append(StreamStructure.codingOrder(frames))
                    .append(" | ").append(d.description()).append(" |\n");
            total += enc.stream().length;
            System.out.printf("%-50s %-3s %7d bytes  %s  %s%n", d.file(), gop, enc.stream().length, hash,
                    StreamStructure.codingOrder(frames));
        }
        deleteStale(dir, ConformanceStreams.ALL.stream().map(ConformanceStreams.Definition::file).toList());
        Files.writeString(dir.resolve("expected.md5"), md5, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.md"), table, StandardCharsets.UTF_8);
        System.out.printf("conformance: %d streams, %d bytes%n", ConformanceStreams.ALL.size(), total);
    }

    static void generateMalformed(Path dir, Path conformance) throws IOException {
        Files.createDirectories(dir);
        StringBuilder table = new StringBuilder("""
                # Malformed streams

                Each file is a conformance stream (column "from", in ../conformance/) with one
                deliberate fault. Decoding it (container reader + decoder, default limits, packets
                pushed with their stream offsets) shall raise `io.inlay.bitstream.BitstreamException`
                whose message contains the expected text; an empty cell means any BitstreamException
                (the fault lies in arithmetic-coded data, where the first rule found broken depends on
                the decoder's path). The exception shall name a byte offset in the "offset" column: one
                offset, an inclusive range `lo..hi`, or anywhere in the file when empty. Frames are
                named by type and POC (display index). `MalformedStreamTest` checks every row, and that
                every `.inlay` file here has a row. Faults behind a CRC are re-CRC'd, so the parser,
                not the CRC check, must catch them. Written by `TestVectorGenerator` with the
                conformance streams; see ../README.md.

                | file | expected error (substring) | offset | from | how it was made |
                |---|---|---|---|---|
                """);
        Map<String, byte[]> bases = new HashMap<>();
        for (MalformedStreams.Definition d : MalformedStreams.ALL) {
            byte[] base = bases.computeIfAbsent(d.base(), f -> read(conformance.resolve(f)));
            byte[] s = d.make().apply(base);
            BitstreamException error;
            try {
                Codec.decode(s);
                throw new IllegalStateException(d.file() + " decodes without error");
            } catch (BitstreamException e) {
                error = e;
            }
            if (!error.getMessage().contains(d.expected())) {
                throw new IllegalStateException(d.file() + ": expected \"" + d.expected() + "\", got \""
                        + error.getMessage() + "\"");
            }
            long[] range = d.offset().range(base, s);
            String offset = range == null ? "" : range[0] == range[1] ? Long.toString(range[0]) : range[0] + ".." + range[1];
            long lo = range == null ? 0 : range[0];
            long hi = range == null ? s.length : range[1];
            if (error.offset() < lo || error.offset() > hi) {
                throw new IllegalStateException(d.file() + ": error at byte " + error.offset() + ", expected "
                        + lo + ".." + hi + ": " + error.getMessage());
            }
            Files.write(dir.resolve(d.file()), s);
            table.append("| ").append(d.file()).append(" | ")
                    .append(d.expected().isEmpty() ? "" : "`" + d.expected() + "`")
                    .append(" | ").append(offset).append(" | ").append(d.base())
                    .append(" | ").append(d.how()).append(" |\n");
            System.out.printf("%-32s %s%n", d.file(), error.getMessage());
        }
        deleteStale(dir, MalformedStreams.ALL.stream().map(MalformedStreams.Definition::file).toList());
        Files.writeString(dir.resolve("README.md"), table, StandardCharsets.UTF_8);
        System.out.printf("malformed: %d streams%n", MalformedStreams.ALL.size());
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Deletes the {@code .inlay} files in {@code dir} that are not in {@code keep}. */
    private static void deleteStale(Path dir, List<String> keep) throws IOException {
        List<Path> stale;
        try (Stream<Path> s = Files.list(dir)) {
            stale = s.filter(p -> p.getFileName().toString().endsWith(".inlay"))
                    .filter(p -> !keep.contains(p.getFileName().toString())).toList();
        }
        for (Path p : stale) {
            Files.delete(p);
            System.out.println("deleted stale " + p.getFileName());
        }
    }
}
