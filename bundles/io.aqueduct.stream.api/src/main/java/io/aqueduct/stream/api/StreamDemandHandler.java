package io.aqueduct.stream.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Supplies streams on demand (an edge pulling from its origin). Register as an OSGi service (whiteboard). The
 * registry calls {@link #demanded} when the first player waits for a stream that has no publisher, and
 * {@link #released} when the last player of a stream without a local publisher leaves.
 *
 * <p>Called from a player's thread; implementations must return quickly and do their work elsewhere.
 */
@ConsumerType
public interface StreamDemandHandler {

    /** Whether this handler supplies streams of that vhost. */
    boolean handles(String vhost);

    void demanded(StreamKey key);

    void released(StreamKey key);
}
