package io.aqueduct.features;

/** A feature operation that could not be done; the message says why, for an operator. */
public class FeatureException extends Exception {

    private static final long serialVersionUID = 1L;

    public FeatureException(String message) {
        super(message);
    }

    public FeatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
