package io.inlay.core.io;

import io.inlay.core.Picture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Streaming YUV4MPEG2 writer. The header is written before the first frame (or on
 * {@link #flush()} / {@link #close()} if no frame was written) and carries every field of the
 * {@link VideoFormat}: {@code W H F I A C} and {@code XCOLORRANGE=FULL|LIMITED} when the range
 * is known. The colour space is {@code C420jpeg}, {@code C420mpeg2}, {@code C420paldv} or
 * {@code C420} at 8 bits (per {@link VideoFormat#chromaSiting()}) and {@code C420p<depth>}
 * above. A format read by {@link Y4mReader} is written back with the same header fields.
 * Closing the writer closes the stream.
 */
public final class Y4mWriter implements VideoWriter {
    private static final byte[] FRAME_LINE = "FRAME\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final VideoFormat format;
    private final FrameCodec codec;
    private boolean headerWritten;
    private long frames;

    public Y4mWriter(OutputStream out, VideoFormat format) {
        this.out = Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
        this.codec = new FrameCodec(format);
    }

    /** The stream header line for {@code f}, newline included. */
    static String header(VideoFormat f) {
        StringBuilder sb = new StringBuilder("YUV4MPEG2 W").append(f.width()).append(" H").append(f.height())
                .append(" F").append(f.fpsNum()).append(':').append(f.fpsDen())
                .append(" I").append(f.interlace())
                .append(" A").append(f.sarNum()).append(':').append(f.sarDen())
                .append(" C420");
        if (f.bitDepth() == 8) {
            sb.append(f.chromaSiting());
        } else {
            sb.append('p').append(f.bitDepth());
        }
        if (f.colourRange() == VideoFormat.RANGE_FULL) {
            sb.append(" XCOLORRANGE=FULL");
        } else if (f.colourRange() == VideoFormat.RANGE_LIMITED) {
            sb.append(" XCOLORRANGE=LIMITED");
        }
        return sb.append('\n').toString();
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
        writeHeader();
        out.write(FRAME_LINE);
        codec.write(out, picture);
        frames++;
    }

    private void writeHeader() throws IOException {
        if (!headerWritten) {
            out.write(header(format).getBytes(StandardCharsets.US_ASCII));
            headerWritten = true;
        }
    }

    @Override
    public void flush() throws IOException {
        writeHeader();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
    }
}
