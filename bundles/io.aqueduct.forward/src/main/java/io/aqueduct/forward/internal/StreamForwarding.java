package io.aqueduct.forward.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The forwards of one published stream, for one publisher: its sessions by destination and what the backend hook
 * answered. A republish makes a new instance. Sessions may be read from any thread; the rest belongs to the
 * forwarder's control thread.
 */
final class StreamForwarding {

    final StreamKey key;
    final ClientSession publisher;
    /** The {@code aqueduct_via} to send downstream. */
    final String via;
    /** The publisher came through this server already: forwarding it would loop, so nothing is forwarded. */
    final boolean looped;
    final Map<String, ForwardSession> sessions = new ConcurrentHashMap<>();
    List<String> backendUrls = List.of();
    /** The backend last asked for this stream, empty when none. */
    String backendAsked = "";

    StreamForwarding(StreamKey key, ClientSession publisher, String serverId) {
        this.key = key;
        this.publisher = publisher;
        String incoming = publisher.parameters().getOrDefault(Destinations.VIA, "");
        this.via = Destinations.via(incoming, serverId);
        this.looped = Destinations.passedThrough(incoming, serverId);
    }
}
