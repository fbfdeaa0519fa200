package io.aqueduct.edge.ingest.internal;

/**
 * The origin answered that it does not have the stream (HTTP 404): it is not published there yet. Unlike a failure
 * of the origin, this keeps the session at the same origin, asking again with backoff while players wait.
 */
final class StreamNotAtOriginException extends Exception {

    private static final long serialVersionUID = 1L;

    StreamNotAtOriginException(String message) {
        super(message, null, false, false);
    }
}
