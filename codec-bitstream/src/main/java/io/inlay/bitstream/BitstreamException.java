package io.inlay.bitstream;

import java.io.IOException;

/**
 * A stream broke a rule of the Inlay bitstream specification. Carries the byte offset (from the
 * start of the container, or of the buffer being parsed when no container is involved) at which
 * the violation was detected and the rule that was broken.
 */
public class BitstreamException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String rule;

    public BitstreamException(long offset, String rule) {
        super("at byte " + offset + ": " + rule);
        this.offset = offset;
        this.rule = rule;
    }

    /** Byte offset at which the violation was detected. */
    public long offset() {
        return offset;
    }

    /** The rule that was broken, in the words of the specification. */
    public String rule() {
        return rule;
    }
}
