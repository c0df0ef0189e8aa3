package io.inlay.neural;

/**
 * A model file breaks a validity rule of docs/bitstream/neural-filter.md §1. The message names
 * the byte offset in the file where the rule is broken and the rule.
 */
public final class InvalidModelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String rule;

    public InvalidModelException(long offset, String rule) {
        super("invalid model file at byte " + offset + ": " + rule);
        this.offset = offset;
        this.rule = rule;
    }

    /** Byte offset in the model file of the field that breaks the rule. */
    public long offset() {
        return offset;
    }

    /** The rule broken, in words. */
    public String rule() {
        return rule;
    }
}
