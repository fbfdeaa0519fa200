package io.aqueduct.stream.api;

import java.net.SocketAddress;
import java.time.Instant;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One client connection of any protocol, as listings and {@code aqueduct:kick} see it. Implemented by protocol
 * bundles; thread-safe.
 */
@ConsumerType
public interface ClientSession {

    /** A short id, unique in this server's life, from {@link ClientRegistry#nextId()}. */
    String id();

    /** e.g. {@code rtmp}, {@code http-flv}, {@code rtmp-forward}. */
    String protocol();

    SocketAddress remoteAddress();

    Instant connectedAt();

    /** What the client does now, e.g. {@code publish live/cam}, {@code play live/cam}, {@code idle}. */
    String state();

    /**
     * The parameters the client gave with its stream name or app ({@code ?vhost=...&aqueduct_via=...}), empty when
     * none.
     */
    default java.util.Map<String, String> parameters() {
        return java.util.Map.of();
    }

    long bytesIn();

    long bytesOut();

    /** Closes the connection, logging the reason. Any thread; returns at once. */
    void close(String reason);
}
