package io.inlay.core.io;

import io.inlay.core.ChromaFormat;
import io.inlay.core.Picture;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streaming YUV4MPEG2 ({@code .y4m}) reader. The stream header is parsed by the constructor;
 * frames are then read one at a time into a caller-owned {@link Picture}.
 *
 * <p>Header: {@code YUV4MPEG2} followed by space-separated tags {@code W}, {@code H} (required,
 * 1..65535), {@code F}num:den, {@code I}p|t|b|m|?, {@code A}num:den, {@code C}colour-space and
 * {@code X}extensions. Accepted colour spaces: {@code 420jpeg}, {@code 420mpeg2},
 * {@code 420paldv}, {@code 420} (8-bit) and {@code 420p9}..{@code 420p12} (16-bit
 * little-endian samples); a missing {@code C} means {@code 420jpeg}. {@code X} tags are skipped
 * except {@code XCOLORRANGE=FULL|LIMITED}. Interlace is recorded, not interpreted. Each frame
 * is {@code FRAME} (optionally followed by space-separated parameters, ignored), a newline, and
 * the planar sample data.
 *
 * <p>Malformed input raises {@link VideoFormatException} with the byte offset. Closing the
 * reader closes the stream.
 */
public final class Y4mReader implements VideoReader {
    /** Longest header or {@code FRAME} line accepted, in bytes, newline excluded. */
    public static final int MAX_LINE = 4096;

    private static final byte[] MAGIC = "YUV4MPEG2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME = "FRAME".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final VideoFormat format;
    private final FrameCodec codec;
    private final byte[] line = new byte[MAX_LINE];
    private long position;
    private long frameIndex;

    public Y4mReader(InputStream in) throws IOException {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.format = parseHeader();
        this.codec = new FrameCodec(format);
    }

    @Override
    public VideoFormat format() {
        return format;
    }

    @Override
    public long frameIndex() {
        return frameIndex;
    }

    /** Bytes consumed from the stream so far. */
    public long position() {
        return position;
    }

    @Override
    public boolean read(Picture dst) throws IOException {
        format.requireMatch(dst);
        long start = position;
        int n = readLine(true, false);
        if (n < 0) {
            return false;
        }
        if (!startsWith(line, n, FRAME) || (n > FRAME.length && line[FRAME.length] != ' ')) {
            throw new VideoFormatException(start, "expected FRAME marker for frame " + frameIndex + ", found \""
                    + printable(line, Math.min(n, 16)) + "\"");
        }
        codec.read(in, dst, position, frameIndex, false);
        position += format.frameBytes();
        frameIndex++;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Reads one line into {@link #line} and returns its length without the newline, or -1 at
     * end of stream before its first byte when {@code eofOk}.
     */
    private int readLine(boolean eofOk, boolean header) throws IOException {
        long start = position;
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (n == 0 && eofOk) {
                    return -1;
                }
                throw new VideoFormatException(position, "stream ends inside the " + lineName(header));
            }
            position++;
            if (b == '\n') {
                return n;
            }
            if (n == MAX_LINE) {
                throw new VideoFormatException(start, lineName(header) + " is longer than " + MAX_LINE + " bytes");
            }
            line[n++] = (byte) b;
            if (header && n <= MAGIC.length && b != MAGIC[n - 1]) {
                throw new VideoFormatException(start, "not a YUV4MPEG2 stream: missing YUV4MPEG2 signature");
            }
        }
    }

    private String lineName(boolean header) {
        return header ? "stream header" : "FRAME line of frame " + frameIndex;
    }

    private VideoFormat parseHeader() throws IOException {
        int n = readLine(false, true);
        if (n < MAGIC.length || !startsWith(line, n, MAGIC)) {
            throw new VideoFormatException(0, "not a YUV4MPEG2 stream: missing YUV4MPEG2 signature");
        }
        if (n > MAGIC.length && line[MAGIC.length] != ' ') {
            throw new VideoFormatException(MAGIC.length, "YUV4MPEG2 signature must be followed by a space");
        }
        int width = -1;
        int height = -1;
        int fpsNum = 0;
        int fpsDen = 0;
        char interlace = 'p';
        int sarNum = 0;
        int sarDen = 0;
        int colourRange = VideoFormat.RANGE_UNKNOWN;
        int bitDepth = 8;
        String siting = "jpeg";
        int i = MAGIC.length;
        while (i < n) {
            if (line[i] == ' ') {
                i++;
                continue;
            }
            int end = i;
            while (end < n && line[end] != ' ') {
                end++;
            }
            String token = new String(line, i, end - i, StandardCharsets.ISO_8859_1);
            String value = token.substring(1);
            long off = i;
            switch (token.charAt(0)) {
                case 'W' -> width = dimension(value, off, "width");
                case 'H' -> height = dimension(value, off, "height");
                case 'F' -> {
                    int[] r = ratio(value, off, "frame rate");
                    if ((r[0] == 0) != (r[1] == 0)) {
                        throw new VideoFormatException(off, "bad frame rate \"" + token + "\": zero numerator or denominator");
                    }
                    fpsNum = r[0];
                    fpsDen = r[1];
                }
                case 'A' -> {
                    int[] r = ratio(value, off, "pixel aspect ratio");
                    boolean unknown = r[0] == 0 || r[1] == 0;
                    sarNum = unknown ? 0 : r[0];
                    sarDen = unknown ? 0 : r[1];
                }
                case 'I' -> {
                    if (value.length() != 1 || "ptbm?".indexOf(value.charAt(0)) < 0) {
                        throw new VideoFormatException(off, "bad interlace tag \"" + printable(token) + "\"");
                    }
                    interlace = value.charAt(0);
                }
                case 'C' -> {
                    switch (value) {
                        case "420jpeg", "420mpeg2", "420paldv", "420" -> {
                            bitDepth = 8;
                            siting = value.substring(3);
                        }
                        case "420p9", "420p10", "420p11", "420p12" -> {
                            bitDepth = Integer.parseInt(value.substring(4));
                            siting = "";
                        }
                        default -> throw new VideoFormatException(off, "unsupported colour space \"" + printable(token)
                                + "\": only 4:2:0 at 8..12 bits (C420jpeg, C420mpeg2, C420paldv, C420, C420p10, "
                                + "C420p12) is supported");
                    }
                }
                case 'X' -> {
                    if (value.startsWith("COLORRANGE=")) {
                        String r = value.substring("COLORRANGE=".length());
                        colourRange = r.equals("FULL") ? VideoFormat.RANGE_FULL
                                : r.equals("LIMITED") ? VideoFormat.RANGE_LIMITED : VideoFormat.RANGE_UNKNOWN;
                    }
                }
                default -> throw new VideoFormatException(off, "unknown header tag \"" + printable(token) + "\"");
            }
            i = end;
        }
        if (width < 0 || height < 0) {
            throw new VideoFormatException(0, "stream header lacks the " + (width < 0 ? "W (width)" : "H (height)")
                    + " tag");
        }
        return new VideoFormat(width, height, bitDepth, ChromaFormat.YUV420, fpsNum, fpsDen, colourRange, interlace,
                sarNum, sarDen, siting);
    }

    private static int dimension(String digits, long off, String what) throws VideoFormatException {
        long v = decimal(digits, off, what);
        if (v < 1 || v > VideoFormat.MAX_DIMENSION) {
            throw new VideoFormatException(off, what + " " + v + " outside 1.." + VideoFormat.MAX_DIMENSION);
        }
        return (int) v;
    }

    private static int[] ratio(String value, long off, String what) throws VideoFormatException {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new VideoFormatException(off, "bad " + what + " \"" + printable(value) + "\": expected num:den");
        }
        long num = decimal(value.substring(0, colon), off, what);
        long den = decimal(value.substring(colon + 1), off, what);
        if (num > Integer.MAX_VALUE || den > Integer.MAX_VALUE) {
            throw new VideoFormatException(off, what + " " + printable(value) + " out of range");
        }
        return new int[] {(int) num, (int) den};
    }

    /** Unsigned decimal of at most 10 digits. */
    private static long decimal(String s, long off, String what) throws VideoFormatException {
        if (s.isEmpty() || s.length() > 10) {
            throw new VideoFormatException(off, "bad " + what + " \"" + printable(s) + "\"");
        }
        long v = 0;
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch < '0' || ch > '9') {
                throw new VideoFormatException(off, "bad " + what + " \"" + printable(s) + "\"");
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static boolean startsWith(byte[] b, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static String printable(byte[] b, int n) {
        return printable(new String(b, 0, n, StandardCharsets.ISO_8859_1));
    }

    /** The string with control and non-ASCII characters replaced, cut to 32 characters. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length() && k < 32; k++) {
            char ch = s.charAt(k);
            sb.append(ch >= 0x20 && ch < 0x7F ? ch : '?');
        }
        return s.length() > 32 ? sb.append("...").toString() : sb.toString();
    }
}
