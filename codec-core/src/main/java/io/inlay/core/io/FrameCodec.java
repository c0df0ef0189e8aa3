package io.inlay.core.io;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Planar frame data in files: Y, then Cb, then Cr, rows top to bottom, no gaps; one byte per
 * sample at 8 bits, a 16-bit little-endian word above. Reads and writes go through one reused
 * byte buffer holding whole rows (at most about 1 MiB, at least one row), so memory does not
 * depend on clip length and every transfer is a bulk array copy.
 */
final class FrameCodec {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final String[] PLANE_NAMES = {"Y", "Cb", "Cr"};

    private final VideoFormat format;
    private final int bytesPerSample;
    private final int max;
    private byte[] buffer;

    FrameCodec(VideoFormat format) {
        this.format = format;
        this.bytesPerSample = format.bytesPerSample();
        this.max = format.maxValue();
    }

    private byte[] buffer() {
        if (buffer == null) {
            long rowBytes = (long) format.width() * bytesPerSample;
            buffer = new byte[(int) Math.max(rowBytes, Math.min(CHUNK_BYTES, format.frameBytes()))];
        }
        return buffer;
    }

    /**
     * Reads one frame of sample data into the visible area of {@code dst}.
     *
     * @param offset stream offset of the frame's first byte, for error messages
     * @param allowEof when true, a stream that ends before the frame's first byte yields false
     * @return false only at a clean end of stream (allowed and nothing read)
     */
    boolean read(InputStream in, Picture dst, long offset, long frameIndex, boolean allowEof) throws IOException {
        byte[] buf = buffer();
        long pos = offset;
        for (int c = 0; c < dst.planeCount(); c++) {
            Plane p = dst.plane(c);
            int rowBytes = p.width() * bytesPerSample;
            int rowsPerChunk = Math.max(1, buf.length / rowBytes);
            for (int y = 0; y < p.height(); y += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, p.height() - y);
                int want = rows * rowBytes;
                int got = in.readNBytes(buf, 0, want);
                if (got < want) {
                    if (allowEof && got == 0 && pos == offset) {
                        return false;
                    }
                    throw new VideoFormatException(pos + got, "truncated frame " + frameIndex + ": stream ends after "
                            + (pos + got - offset) + " of " + format.frameBytes() + " bytes");
                }
                if (bytesPerSample == 1) {
                    unpack8(buf, p, y, rows);
                } else {
                    unpack16(buf, p, y, rows, pos, c);
                }
                pos += want;
            }
        }
        return true;
    }

    private static void unpack8(byte[] buf, Plane p, int y0, int rows) {
        short[] s = p.samples();
        int w = p.width();
        for (int r = 0, i = 0; r < rows; r++) {
            int d = p.index(0, y0 + r);
            for (int x = 0; x < w; x++) {
                s[d + x] = (short) (buf[i++] & 0xFF);
            }
        }
    }

    private void unpack16(byte[] buf, Plane p, int y0, int rows, long pos, int c) throws VideoFormatException {
        short[] s = p.samples();
        int w = p.width();
        int or = 0;
        for (int r = 0, i = 0; r < rows; r++) {
            int d = p.index(0, y0 + r);
            for (int x = 0; x < w; x++, i += 2) {
                int v = (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8;
                or |= v;
                s[d + x] = (short) v;
            }
        }
        // max is all ones, so the OR of the samples exceeds it exactly when one sample does.
        if (or > max) {
            for (int i = 0; ; i += 2) {
                int v = (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8;
                if (v > max) {
                    int sample = i / 2;
                    throw new VideoFormatException(pos + i, "sample value " + v + " exceeds the " + format.bitDepth()
                            + "-bit maximum " + max + " (plane " + PLANE_NAMES[c] + ", x " + sample % w + ", y "
                            + (y0 + sample / w) + ")");
                }
            }
        }
    }

    /** Writes the visible area of {@code src}; rejects samples above the bit depth's maximum. */
    void write(OutputStream out, Picture src) throws IOException {
        byte[] buf = buffer();
        for (int c = 0; c < src.planeCount(); c++) {
            Plane p = src.plane(c);
            int w = p.width();
            int rowBytes = w * bytesPerSample;
            int rowsPerChunk = Math.max(1, buf.length / rowBytes);
            short[] s = p.samples();
            for (int y = 0; y < p.height(); y += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, p.height() - y);
                int or = 0;
                int i = 0;
                for (int r = 0; r < rows; r++) {
                    int d = p.index(0, y + r);
                    if (bytesPerSample == 1) {
                        for (int x = 0; x < w; x++) {
                            int v = s[d + x] & 0xFFFF;
                            or |= v;
                            buf[i++] = (byte) v;
                        }
                    } else {
                        for (int x = 0; x < w; x++) {
                            int v = s[d + x] & 0xFFFF;
                            or |= v;
                            buf[i++] = (byte) v;
                            buf[i++] = (byte) (v >>> 8);
                        }
                    }
                }
                if (or > max) {
                    throw new IllegalArgumentException("plane " + PLANE_NAMES[c] + " holds a sample above the "
                            + format.bitDepth() + "-bit maximum " + max);
                }
                out.write(buf, 0, i);
            }
        }
    }
}
