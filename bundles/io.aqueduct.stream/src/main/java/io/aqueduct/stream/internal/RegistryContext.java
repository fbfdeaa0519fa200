package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;

/** What a stream needs from its registry. */
interface RegistryContext {

    /** The settings of a vhost, falling back to the default vhost. */
    Vhost vhost(String name);

    /** A player left the stream: the registry may drop the stream or release an on-demand upstream. */
    void playerLeft(LiveStream stream, ClientSession player);

    /** The stream's publication ended. */
    void unpublished(LiveStream stream);
}
