package io.inlay.cli.rd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes the rate-distortion CSV: a header line naming the columns of
 * {@link RdPoint#HEADER} (in any order; extra columns are ignored), then one row per encode.
 * Blank lines and lines starting with {@code #} are skipped. Values contain no commas or quotes;
 * an empty cell in {@code fps}, {@code encode_s} or {@code decode_s} means unknown (NaN).
 *
 * <p>A header with the columns of {@link RdPoint#LEGACY_HEADER} but without {@code config},
 * {@code encode_s} and {@code decode_s} is read as the first format: the configuration becomes
 * empty, its {@code fps} (the encoder's speed) becomes {@code encode_s = frames / fps}, and the
 * clip's frame rate and the decode time are unknown.
 */
public final class RdCsv {
    private static final String[] COLUMNS = RdPoint.HEADER.split(",");
    private static final String[] LEGACY_COLUMNS = RdPoint.LEGACY_HEADER.split(",");

    private RdCsv() {
    }

    /**
     * Parses every row.
     *
     * @throws RdCsvException naming the line for a missing column, a short row or a bad value
     */
    public static List<RdPoint> read(BufferedReader in) throws IOException {
        String line;
        int lineNo = 0;
        Map<String, Integer> index = null;
        boolean legacy = false;
        List<RdPoint> points = new ArrayList<>();
        while ((line = in.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split(",", -1);
            if (index == null) {
                index = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    index.put(cells[i].strip().toLowerCase(Locale.ROOT), i);
                }
                List<String> missing = missing(index, COLUMNS);
                if (!missing.isEmpty()) {
                    legacy = missing(index, LEGACY_COLUMNS).isEmpty();
                    if (!legacy) {
                        throw new RdCsvException("line " + lineNo + ": header lacks column(s) " + String.join(", ", missing)
                                + " (expected " + RdPoint.HEADER + ")");
                    }
                }
                continue;
            }
            points.add(legacy ? legacyRow(cells, index, lineNo) : row(cells, index, lineNo));
        }
        if (index == null) {
            throw new RdCsvException("empty CSV: expected the header " + RdPoint.HEADER);
        }
        return points;
    }

    private static List<String> missing(Map<String, Integer> index, String[] columns) {
        List<String> missing = new ArrayList<>();
        for (String c : columns) {
            if (!index.containsKey(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    private static String[] cells(String[] cells, Map<String, Integer> index, String[] columns, int lineNo)
            throws RdCsvException {
        String[] v = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            int i = index.get(columns[c]);
            if (i >= cells.length) {
                throw new RdCsvException("line " + lineNo + ": " + cells.length + " fields, no '" + columns[c] + "'");
            }
            v[c] = cells[i].strip();
        }
        return v;
    }

    private static RdPoint row(String[] cells, Map<String, Integer> index, int lineNo) throws RdCsvException {
        String[] v = cells(cells, index, COLUMNS, lineNo);
        try {
            return new RdPoint(v[0], v[1], v[2], Integer.parseInt(v[3]), Long.parseLong(v[4]), Integer.parseInt(v[5]),
                    optional(v[6]), Double.parseDouble(v[7]), Double.parseDouble(v[8]), Double.parseDouble(v[9]),
                    Double.parseDouble(v[10]), Double.parseDouble(v[11]), optional(v[12]), optional(v[13]));
        } catch (NumberFormatException e) {
            throw new RdCsvException("line " + lineNo + ": bad number (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new RdCsvException("line " + lineNo + ": " + e.getMessage());
        }
    }

    private static RdPoint legacyRow(String[] cells, Map<String, Integer> index, int lineNo) throws RdCsvException {
        String[] v = cells(cells, index, LEGACY_COLUMNS, lineNo);
        try {
            int frames = Integer.parseInt(v[4]);
            double encodeFps = optional(v[5]);
            return new RdPoint(v[1], "", v[0], Integer.parseInt(v[2]), Long.parseLong(v[3]), frames, Double.NaN,
                    Double.parseDouble(v[6]), Double.parseDouble(v[7]), Double.parseDouble(v[8]),
                    Double.parseDouble(v[9]), Double.parseDouble(v[10]), frames / encodeFps, Double.NaN);
        } catch (NumberFormatException e) {
            throw new RdCsvException("line " + lineNo + ": bad number (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new RdCsvException("line " + lineNo + ": " + e.getMessage());
        }
    }

    private static double optional(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    /** Writes the header and one row per point, in the given order. */
    public static void write(Writer out, List<RdPoint> points) throws IOException {
        out.write(RdPoint.HEADER);
        out.write('\n');
        for (RdPoint p : points) {
            out.write(format(p));
            out.write('\n');
        }
        out.flush();
    }

    /**
     * One CSV row (no line end): PSNRs with 4 decimals, SSIM with 6, frame rate and seconds with
     * 3 (milliseconds); unknown values as empty cells.
     *
     * @throws IllegalArgumentException if a text field contains a comma, quote or line break
     */
    public static String format(RdPoint p) {
        return String.join(",", text(p.codec()), text(p.config()), text(p.clip()), Integer.toString(p.qp()),
                Long.toString(p.bytes()), Integer.toString(p.frames()), number(p.fps(), 3),
                number(p.psnrY(), 4), number(p.psnrU(), 4), number(p.psnrV(), 4), number(p.psnrYuv(), 4),
                number(p.ssim(), 6), number(p.encodeSeconds(), 3), number(p.decodeSeconds(), 3));
    }

    private static String text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("CSV text may not contain commas, quotes or line breaks: '" + s + "'");
            }
        }
        return s;
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A malformed CSV. */
    public static final class RdCsvException extends IOException {
        private static final long serialVersionUID = 1L;

        RdCsvException(String message) {
            super(message);
        }
    }
}
