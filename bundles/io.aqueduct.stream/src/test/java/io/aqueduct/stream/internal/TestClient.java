package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;

/** A client that remembers whether it was closed. */
final class TestClient implements ClientSession {

    private final String id;
    volatile String closedBecause;

    TestClient(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocol() {
        return "test";
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public Instant connectedAt() {
        return Instant.EPOCH;
    }

    @Override
    public String state() {
        return "test";
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return 0;
    }

    @Override
    public void close(String reason) {
        closedBecause = reason;
    }
}
