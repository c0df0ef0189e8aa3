package io.inlay.bitstream;

/** Frame coding type. The ordinal is the coded value of {@code frame_type}. */
public enum FrameType {
    /** Intra-only frame; a key frame when it starts a closed GOP. */
    I,
    /** Predicted from earlier frames (one reference list). */
    P,
    /** Bi-predicted (two reference lists). */
    B;

    private static final FrameType[] VALUES = values();

    /** The frame type whose coded value is {@code code}, or null if none. */
    public static FrameType fromCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
