package io.aqueduct.stream.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The right to publish one stream, held by one publisher until {@link #close()}.
 *
 * <p>{@link #send} is called by the publisher's thread only, and returns quickly: it never waits for players.
 */
@ProviderType
public interface Publication extends AutoCloseable {

    StreamKey key();

    /**
     * Sends one message to the stream's caches and players. Takes ownership of the caller's reference. The
     * timestamp is corrected as the vhost's {@code time_jitter} says before anyone sees it.
     */
    void send(MediaMessage message);

    /** Whether the publication is still live (not closed, not taken away as silent or kicked). */
    boolean isOpen();

    /** Ends the publication: players get {@link StreamEvent#UNPUBLISH}. Idempotent. */
    @Override
    void close();
}
