package io.aqueduct.amf;

/**
 * Malformed, truncated, unsupported or too deeply nested AMF input. The message says what was wrong and at which
 * buffer index; {@link #offset()} gives that index ({@code -1} when not tied to a position).
 */
public final class AmfException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /** An error found at buffer index {@code offset}; the message becomes "{@code what} at offset N". */
    public AmfException(String what, int offset) {
        super(what + " at offset " + offset);
        this.offset = offset;
    }

    /** An error with no position. */
    public AmfException(String message) {
        super(message);
        this.offset = -1;
    }

    /** The ByteBuf index where the faulty value or field starts, or {@code -1}. */
    public int offset() {
        return offset;
    }
}
