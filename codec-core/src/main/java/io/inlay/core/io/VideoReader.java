package io.inlay.core.io;

import io.inlay.core.Picture;
import java.io.Closeable;
import java.io.IOException;

/** A source of uncompressed frames read one at a time; y4m and raw YUV readers implement it. */
public interface VideoReader extends Closeable {
    /** The stream's geometry and header fields. */
    VideoFormat format();

    /**
     * Reads the next frame into the visible area of {@code dst} (its padding is left alone).
     * {@code dst} must match {@link #format()} in size, bit depth and chroma format.
     *
     * @return false at a clean end of stream (no byte of a further frame present)
     * @throws VideoFormatException on a truncated or malformed frame
     */
    boolean read(Picture dst) throws IOException;

    /** Number of frames read so far. */
    long frameIndex();
}
