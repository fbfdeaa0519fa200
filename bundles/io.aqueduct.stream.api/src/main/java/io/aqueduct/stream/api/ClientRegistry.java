package io.aqueduct.stream.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Every client connection of this server, for listings, limits and kicks. Thread-safe. */
@ProviderType
public interface ClientRegistry {

    /** A new client id. */
    String nextId();

    /**
     * Adds a client; the returned handle removes it. Protocols call this when a connection opens and close the
     * handle when it closes.
     */
    AutoCloseable register(ClientSession client);

    List<ClientSession> clients();

    Optional<ClientSession> client(String id);

    int count();
}
