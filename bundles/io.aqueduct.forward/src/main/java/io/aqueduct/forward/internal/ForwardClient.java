package io.aqueduct.forward.internal;

import io.aqueduct.stream.api.ClientSession;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;

/**
 * A forward as the rest of the server sees it: a client of protocol {@code rtmp-forward} that plays the local
 * stream (in listings, and as the subscription's player). Closing it (e.g. {@code aqueduct:kick}) drops the current
 * connection, which is then retried.
 */
final class ForwardClient implements ClientSession {

    private final String id;
    private final ForwardSession session;
    private final SocketAddress remote;
    private final Instant connectedAt = Instant.now();

    ForwardClient(String id, ForwardSession session) {
        this.id = id;
        this.session = session;
        this.remote = InetSocketAddress.createUnresolved(session.url().host(), session.url().port());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocol() {
        return "rtmp-forward";
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public String state() {
        return "forward " + session.key() + " -> " + session.destination() + " ("
                + session.state().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return session.bytesSent();
    }

    @Override
    public void close(String reason) {
        session.dropConnection(reason);
    }
}
