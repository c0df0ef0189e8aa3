package io.inlay.core.io;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Builders of y4m byte streams and pictures for the I/O tests. */
final class Y4mTestData {
    private Y4mTestData() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A stream of {@code header} (newline added) and {@code frames} frames of 8-bit samples. */
    static byte[] stream8(String header, int w, int h, int frames, String frameLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(header + "\n"));
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        int n = w * h + 2 * cw * ch;
        for (int f = 0; f < frames; f++) {
            out.writeBytes(ascii(frameLine + "\n"));
            for (int i = 0; i < n; i++) {
                out.write((i * 7 + f * 13) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /** Random visible samples at the picture's bit depth; padding filled with a sentinel. */
    static Picture randomPicture(int w, int h, int depth, int padding, long seed) {
        Picture p = Picture.allocate(w, h, depth, io.inlay.core.ChromaFormat.YUV420, padding);
        Random rnd = new Random(seed);
        for (int c = 0; c < 3; c++) {
            Plane pl = p.plane(c);
            java.util.Arrays.fill(pl.samples(), (short) 0x7777);
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    pl.set(x, y, rnd.nextInt(1 << depth));
                }
            }
        }
        return p;
    }

    /** Delivers at most one byte per read call. */
    static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }

        @Override
        public long skip(long n) throws IOException {
            return super.skip(Math.min(n, 1));
        }
    }
}
