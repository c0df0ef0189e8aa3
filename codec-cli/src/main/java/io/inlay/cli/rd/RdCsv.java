package io.inlay.cli.rd;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the rate-distortion CSV: a header line naming the columns of {@link RdPoint#HEADER} (in
 * any order; extra columns are ignored), then one row per encode. Blank lines and lines starting
 * with {@code #} are skipped. Values contain no commas or quotes.
 */
public final class RdCsv {
    private static final String[] COLUMNS = RdPoint.HEADER.split(",");

    private RdCsv() {
    }

    /**
     * Parses every row.
     *
     * @throws RdCsvException naming the line for a missing column, a short row or a bad number
     */
    public static List<RdPoint> read(BufferedReader in) throws IOException {
        String line;
        int lineNo = 0;
        Map<String, Integer> index = null;
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
                for (String c : COLUMNS) {
                    if (!index.containsKey(c)) {
                        throw new RdCsvException("line " + lineNo + ": header lacks column '" + c + "' (expected " + RdPoint.HEADER + ")");
                    }
                }
                continue;
            }
            points.add(row(cells, index, lineNo));
        }
        if (index == null) {
            throw new RdCsvException("empty CSV: expected the header " + RdPoint.HEADER);
        }
        return points;
    }

    private static RdPoint row(String[] cells, Map<String, Integer> index, int lineNo) throws RdCsvException {
        String[] v = new String[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            int i = index.get(COLUMNS[c]);
            if (i >= cells.length) {
                throw new RdCsvException("line " + lineNo + ": " + cells.length + " fields, no '" + COLUMNS[c] + "'");
            }
            v[c] = cells[i].strip();
        }
        try {
            RdPoint p = new RdPoint(v[0], v[1], Integer.parseInt(v[2]), Long.parseLong(v[3]), Integer.parseInt(v[4]),
                    Double.parseDouble(v[5]), Double.parseDouble(v[6]), Double.parseDouble(v[7]),
                    Double.parseDouble(v[8]), Double.parseDouble(v[9]), Double.parseDouble(v[10]));
            if (p.bytes() <= 0 || p.frames() <= 0) {
                throw new RdCsvException("line " + lineNo + ": bytes and frames must be positive");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new RdCsvException("line " + lineNo + ": bad number (" + e.getMessage() + ")");
        }
    }

    /** A malformed CSV. */
    public static final class RdCsvException extends IOException {
        private static final long serialVersionUID = 1L;

        RdCsvException(String message) {
            super(message);
        }
    }
}
