package io.inlay.cli;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 over decoded samples, defined so that any tool can reproduce it: for each frame in
 * display order, planes Y, Cb, Cr, rows top to bottom, the visible samples only; one byte per
 * sample at 8 bits, two bytes little-endian above. These are exactly the bytes of the frame
 * payloads of a y4m file (without the header and {@code FRAME} lines), and of a raw planar file.
 */
final class SampleDigest {
    private final MessageDigest md5;
    private byte[] row = new byte[0];
    private long frames;

    SampleDigest() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    /** Adds one frame. */
    void update(Picture p) {
        int bytesPerSample = p.bitDepth() > 8 ? 2 : 1;
        for (int c = 0; c < p.planeCount(); c++) {
            Plane plane = p.plane(c);
            int w = plane.width();
            if (row.length < w * bytesPerSample) {
                row = new byte[w * bytesPerSample];
            }
            short[] s = plane.samples();
            for (int y = 0; y < plane.height(); y++) {
                int i = plane.index(0, y);
                if (bytesPerSample == 1) {
                    for (int x = 0; x < w; x++) {
                        row[x] = (byte) s[i + x];
                    }
                } else {
                    for (int x = 0; x < w; x++) {
                        int v = s[i + x];
                        row[2 * x] = (byte) v;
                        row[2 * x + 1] = (byte) (v >>> 8);
                    }
                }
                md5.update(row, 0, w * bytesPerSample);
            }
        }
        frames++;
    }

    long frames() {
        return frames;
    }

    /** Lower-case hex of the digest; resets the digest. */
    String hex() {
        return HexFormat.of().formatHex(md5.digest());
    }
}
