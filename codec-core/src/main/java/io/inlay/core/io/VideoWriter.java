package io.inlay.core.io;

import io.inlay.core.Picture;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/** A sink of uncompressed frames; y4m and raw YUV writers implement it. */
public interface VideoWriter extends Closeable, Flushable {
    /** The format written. */
    VideoFormat format();

    /** Writes the visible area of {@code picture}, which must match {@link #format()}. */
    void write(Picture picture) throws IOException;

    /** Number of frames written so far. */
    long frameCount();
}
