package io.aqueduct.stream.api;

/** Thrown when a stream that already has a live publisher is published again. */
public class StreamBusyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final StreamKey key;

    public StreamBusyException(StreamKey key) {
        super("stream busy: " + key + " already has a publisher");
        this.key = key;
    }

    public StreamKey key() {
        return key;
    }
}
