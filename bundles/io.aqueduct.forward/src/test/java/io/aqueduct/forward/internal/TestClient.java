package io.aqueduct.forward.internal;

import io.aqueduct.stream.api.ClientSession;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Map;

/** A client for tests: a fixed id, address and parameters. */
record TestClient(String id, String host, Map<String, String> parameters) implements ClientSession {

    @Override
    public String protocol() {
        return "test";
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress(host, 50000);
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
    }
}
