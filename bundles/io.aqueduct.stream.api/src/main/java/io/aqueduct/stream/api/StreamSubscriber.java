package io.aqueduct.stream.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The player side of a {@link Subscription}.
 */
@ConsumerType
public interface StreamSubscriber {

    /**
     * Items became available after {@link Subscription#poll()} returned {@code null} (or for the first time).
     * Called from the publisher's thread: it must return at once, typically by scheduling a drain on the player's
     * own event loop.
     */
    void itemsAvailable();
}
