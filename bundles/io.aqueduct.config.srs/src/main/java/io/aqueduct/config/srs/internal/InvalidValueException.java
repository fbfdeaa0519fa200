package io.aqueduct.config.srs.internal;

/** The arguments of a known directive do not form a valid value; the message says why, without location. */
final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String reason) {
        super(reason);
    }
}
