package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coding-structure options of {@code encode} and the per-frame table of {@code info}. */
class GopCliTest {
    /** One line of {@code info}'s frame table: index, type, POC, layer, QP, refs, L0, L1, payload, unit. */
    private static final Pattern ROW = Pattern.compile(
            "(?m)^\\s*(\\d+)  ([IPB])\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)  (on|off)");

    @TempDir
    Path dir;

    record Row(int index, char type, int poc, int layer, int qp, int refs, int l0, int l1, int payload, int unit) {
    }

    private static List<Row> rows(String info) {
        List<Row> rows = new ArrayList<>();
        Matcher m = ROW.matcher(info);
        while (m.find()) {
            rows.add(new Row(Integer.parseInt(m.group(1)), m.group(2).charAt(0), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9)),
                    Integer.parseInt(m.group(10))));
        }
        return rows;
    }

    /** Encodes 9 frames with {@code options}, checks decode == reconstruction, returns info's output. */
    private String encodeAndInfo(String name, String... options) throws Exception {
        Path in = dir.resolve("in.y4m");
        if (Files.notExists(in)) {
            Cli.writeY4m(in, 48, 32, 9, 11);
        }
        List<String> args = new ArrayList<>(List.of("--qp", "30"));
        args.addAll(List.of(options));
        Path stream = dir.resolve(name + ".inlay");
        String info = Cli.encodeDecodeInfo(in, stream, args.toArray(String[]::new));
        assertTrue(info.contains("frame  type     POC  layer  QP  refs  L0  L1  payload     unit  deblock"), info);
        List<Row> rows = rows(info);
        assertEquals(9, rows.size(), info);
        long payload = 0;
        Map<Character, Integer> types = new HashMap<>();
        TreeSet<Integer> pocs = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertEquals(i, r.index(), info);
            assertTrue(r.unit() > r.payload(), info);
            assertTrue(r.l0() <= 4 && r.l1() <= 4, info);
            payload += r.payload();
            types.merge(r.type(), 1, Integer::sum);
            pocs.add(r.poc());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), List.copyOf(pocs), "every POC once: " + info);
        Row first = rows.getFirst();
        assertEquals(new Row(0, 'I', 0, 0, 30, 0, 0, 0, first.payload(), first.unit()), first,
                "the first frame is the key frame, at the QP given: " + info);
        String summary = String.format("9 frames (%d I, %d P, %d B), %d payload bytes, %d bytes in total",
                types.getOrDefault('I', 0), types.getOrDefault('P', 0), types.getOrDefault('B', 0), payload,
                Files.size(stream));
        assertTrue(info.contains(summary), "expected '" + summary + "' in: " + info);
        return info;
    }

    @Test
    void allIntraIsIntraInDisplayOrder() throws Exception {
        for (Row r : rows(encodeAndInfo("ai", "--gop", "ai", "--keyint", "5"))) {
            assertEquals(new Row(r.index(), 'I', r.index(), 0, 30, 0, 0, 0, r.payload(), r.unit()), r);
        }
    }

    @Test
    void randomAccessCodesMiniGopsOutOfOrderWithAQpCascade() throws Exception {
        String info = encodeAndInfo("ra", "--gop", "ra", "--gop-size", "4", "--refs", "2", "--search-range", "16");
        List<Row> rows = rows(info);
        // Mini-GOPs of 4 after the key frame: POC 4 is coded before POCs 1..3, POC 8 before 5..7.
        assertEquals(List.of(0, 4), rows.subList(0, 2).stream().map(Row::poc).toList(), info);
        assertEquals(4, rows.subList(0, 5).stream().mapToInt(Row::poc).max().orElseThrow(), info);
        assertEquals(8, rows.get(5).poc(), info);
        int maxLayer = 0;
        for (Row r : rows.subList(1, rows.size())) {
            assertTrue(r.type() != 'I', "one key frame in 9 pictures at --keyint 64: " + info);
            assertTrue(r.refs() >= 1 && r.l0() >= 1 && r.l0() <= 2 && r.l1() <= 2, "predicted, at most --refs 2: " + info);
            assertTrue(r.qp() >= 30, "the cascade raises the QP above the key frame's: " + info);
            maxLayer = Math.max(maxLayer, r.layer());
            for (Row s : rows.subList(1, rows.size())) {
                if (s.layer() > r.layer()) {
                    assertTrue(s.qp() >= r.qp(), "QP does not decrease with the temporal layer: " + info);
                }
            }
        }
        assertTrue(maxLayer >= 2, "a mini-GOP of 4 has at least three temporal layers: " + info);
        assertEquals(rows.get(1).layer(), rows.get(5).layer(), "mini-GOP anchors share a layer: " + info);
    }

    @Test
    void lowDelayCodesInDisplayOrderFromEarlierPictures() throws Exception {
        String info = encodeAndInfo("ld", "--gop", "ld", "--refs", "3");
        for (Row r : rows(info).subList(1, 9)) {
            assertEquals(r.index(), r.poc(), "no reordering: " + info);
            assertTrue(r.type() != 'I' && r.refs() >= 1 && r.l0() >= 1 && r.l0() <= 3, info);
        }
    }

    @Test
    void lowDelayPUsesOneList() throws Exception {
        String info = encodeAndInfo("ldp", "--gop", "ldp");
        for (Row r : rows(info).subList(1, 9)) {
            assertEquals(r.index(), r.poc(), "no reordering: " + info);
            assertTrue(r.type() == 'P' && r.l0() >= 1 && r.l0() <= 2 && r.l1() == 0, info);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--gop", "--keyint", "--gop-size", "--refs", "--search-range"})
    void encodeHelpDescribesTheStructureOptions(String option) {
        Cli help = Cli.run("encode", "--help");
        assertEquals(0, help.exitCode, help.toString());
        String text = help.out.replaceAll("\\s+", " ");
        assertTrue(text.contains(" " + option + "="), help.out);
        assertTrue(text.contains("ai = all intra, ra = random access"), help.out);
        assertTrue(text.contains("(default: ra)") && text.contains("(default: 64;") && text.contains("(default: 8;"),
                help.out);
    }

    @Test
    void demoPrintsTheStructure() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("tiny.y4m"), 40, 24, 3, 9);
        Cli r = Cli.run("demo", "--clip", in.toString(), "--qp", "30");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("structure  ra (key frame every 64, mini-GOP 8, 2 refs per list, search range 64)"), r.out);
    }

    @Test
    void configurationLineAndCaseInsensitiveGop() throws Exception {
        Path in = Cli.writeY4m(dir.resolve("tiny.y4m"), 32, 16, 2, 9);
        // What --log info prints (the log handler writes to System.err, not to the captured writer).
        assertEquals("encoding 32x16 8-bit, QP 30, preset slow, ld (key frame every 16, 1 ref per list, search range 32)",
                EncodeCommand.describe(io.inlay.core.EncoderConfig.builder(32, 16).qp(30)
                        .gop(io.inlay.core.GopStructure.LOW_DELAY).keyint(16).refs(1).searchRange(32).build()));
        assertEquals(0, Cli.run("encode", in.toString(), "-o", dir.resolve("o.inlay").toString(), "--gop", "LD")
                .exitCode, "--gop is case-insensitive");
    }
}
