package io.inlay.core.io;

import io.inlay.core.Picture;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Streaming reader of headerless planar YUV (I420: Y, Cb, Cr planes back to back; one byte per
 * sample at 8 bits, 16-bit little-endian above). The geometry comes from the caller. A stream
 * that ends inside a frame raises {@link VideoFormatException}. Closing the reader closes the
 * stream.
 */
public final class RawYuvReader implements VideoReader {
    private final InputStream in;
    private final VideoFormat format;
    private final FrameCodec codec;
    private long position;
    private long frameIndex;

    public RawYuvReader(InputStream in, VideoFormat format) {
        this.in = Objects.requireNonNull(in, "in");
        this.format = Objects.requireNonNull(format, "format");
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

    @Override
    public boolean read(Picture dst) throws IOException {
        format.requireMatch(dst);
        if (!codec.read(in, dst, position, frameIndex, true)) {
            return false;
        }
        position += format.frameBytes();
        frameIndex++;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
