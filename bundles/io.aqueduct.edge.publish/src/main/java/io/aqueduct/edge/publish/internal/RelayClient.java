package io.aqueduct.edge.publish.internal;

import io.aqueduct.stream.api.ClientSession;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.function.Consumer;

/** How a relay appears among the server's clients: a player of the local stream that publishes it upstream. */
final class RelayClient implements ClientSession {

    static final String PROTOCOL = "rtmp-edge-publish";

    private final String id;
    private final Instant connectedAt = Instant.now();
    private final Consumer<String> onClose;
    private volatile SocketAddress origin;
    private volatile String state = "connecting";
    private volatile long bytesOut;

    RelayClient(String id, Consumer<String> onClose) {
        this.id = id;
        this.onClose = onClose;
    }

    void origin(Origin o) {
        origin = o == null ? null : InetSocketAddress.createUnresolved(o.host(), o.port());
    }

    void state(String what) {
        state = what;
    }

    void addBytesOut(long n) {
        bytesOut = bytesOut + n;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public SocketAddress remoteAddress() {
        return origin;
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    /** A kick: the relay stops; the local publisher is not touched. */
    @Override
    public void close(String reason) {
        onClose.accept(reason);
    }
}
