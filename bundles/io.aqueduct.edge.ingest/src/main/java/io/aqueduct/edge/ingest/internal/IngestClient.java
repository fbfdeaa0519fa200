package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.ClientSession;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * How an edge upstream appears among the server's clients: the publisher of the local stream, with protocol
 * {@value #PROTOCOL} (the edge-publish bundle recognises it and does not relay it back up).
 */
final class IngestClient implements ClientSession {

    static final String PROTOCOL = "rtmp-edge-ingest";

    private final String id;
    private final Instant connectedAt = Instant.now();
    private final Consumer<String> onClose;
    private volatile SocketAddress origin;
    private volatile String state = "connecting";
    private volatile long bytesIn;

    IngestClient(String id, Consumer<String> onClose) {
        this.id = id;
        this.onClose = onClose;
    }

    void origin(Origin o) {
        origin = o == null ? null : InetSocketAddress.createUnresolved(o.host(), o.port());
    }

    void state(String what) {
        state = what;
    }

    void addBytesIn(long n) {
        bytesIn = bytesIn + n;
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
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return 0;
    }

    /** A kick, or the registry dropping a silent publication: the upstream switches to the next origin. */
    @Override
    public void close(String reason) {
        onClose.accept(reason);
    }
}
