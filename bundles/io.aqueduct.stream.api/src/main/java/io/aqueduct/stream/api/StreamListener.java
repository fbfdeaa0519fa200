package io.aqueduct.stream.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when streams are published and unpublished. Register as an OSGi service (whiteboard); the registry also
 * calls {@link #onPublish} for every stream already live when the listener arrives, so a bundle started while
 * streams are live sees them all.
 *
 * <p>Called from the publisher's thread or the registry's; implementations must return quickly.
 */
@ConsumerType
public interface StreamListener {

    void onPublish(StreamInfo stream);

    void onUnpublish(StreamInfo stream);
}
