package io.inlay.core.io;

import java.io.IOException;

/** Malformed or unsupported uncompressed video input, with the byte offset where it was found. */
public final class VideoFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String reason;

    public VideoFormatException(long offset, String reason) {
        super("at byte " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    /** Offset from the start of the stream of the byte where the problem was detected. */
    public long offset() {
        return offset;
    }

    /** The problem, without the offset. */
    public String reason() {
        return reason;
    }
}
