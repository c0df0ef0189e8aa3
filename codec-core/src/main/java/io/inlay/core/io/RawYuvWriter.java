package io.inlay.core.io;

import io.inlay.core.Picture;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writer of headerless planar YUV (I420; 16-bit little-endian samples above 8 bits). The
 * format's frame rate, range and other header fields are not stored. Closing the writer closes
 * the stream.
 */
public final class RawYuvWriter implements VideoWriter {
    private final OutputStream out;
    private final VideoFormat format;
    private final FrameCodec codec;
    private long frames;

    public RawYuvWriter(OutputStream out, VideoFormat format) {
        this.out = Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
        this.codec = new FrameCodec(format);
    }

    @Override
    public VideoFormat format() {
        return format;
    }

    @Override
    public long frameCount() {
        return frames;
    }

    @Override
    public void write(Picture picture) throws IOException {
        format.requireMatch(picture);
        codec.write(out, picture);
        frames++;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            out.flush();
        }
    }
}
