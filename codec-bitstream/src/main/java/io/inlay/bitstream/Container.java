package io.inlay.bitstream;

/** Constants of the container format ({@code docs/bitstream/container.md}). */
final class Container {
    /** {@code file_magic}: "INLY". */
    static final int MAGIC = 0x494E4C59;
    static final int VERSION_MAJOR = 0;
    static final int VERSION_MINOR = 9;
    /** Size of {@code file_header()}. */
    static final int FILE_HEADER_SIZE = 8;

    /** {@code unit_type} of a sequence header unit. */
    static final int UNIT_SEQUENCE_HEADER = 0;
    /** {@code unit_type} of a frame unit. */
    static final int UNIT_FRAME = 1;

    /** Longest {@code leb128()}: 5 bytes carry 35 bits, enough for 0..2^31-1. */
    static final int LEB128_MAX_BYTES = 5;

    private Container() {
    }

    /** Writes {@code value} (>= 0) as {@code leb128()} into {@code buf} at {@code pos}; returns the new position. */
    static int putLeb128(byte[] buf, int pos, int value) {
        assert value >= 0;
        do {
            int b = value & 0x7F;
            value >>>= 7;
            buf[pos++] = (byte) (value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return pos;
    }
}
