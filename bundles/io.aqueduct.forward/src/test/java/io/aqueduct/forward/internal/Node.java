package io.aqueduct.forward.internal;

import io.aqueduct.rtmp.server.internal.TestRtmpNode;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.internal.ClientTable;
import io.aqueduct.stream.internal.LiveStreamRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;

/** One Aqueduct server in the test JVM: a registry, a client table and an RTMP server on a free port. */
final class Node implements AutoCloseable {

    final int port;
    LiveStreamRegistry registry;
    ClientTable clients;
    private AutoCloseable server;

    private Node(int port) {
        this.port = port;
    }

    /** A node on a free port, not started. */
    static Node onFreePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return new Node(s.getLocalPort());
        }
    }

    static Node started() throws IOException {
        return onFreePort().start();
    }

    Node start() {
        registry = new LiveStreamRegistry();
        clients = new ClientTable();
        server = TestRtmpNode.serve(registry, clients, port);
        return this;
    }

    /** Stops the RTMP server (closing its connections) and the registry. */
    void stop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
            registry.deactivate();
        }
    }

    String destination() {
        return "127.0.0.1:" + port;
    }

    String url(String app, String stream) {
        return "rtmp://127.0.0.1:" + port + "/" + app + "/" + stream;
    }

    Optional<StreamInfo> stream(String app, String stream) {
        return registry.stream(new StreamKey(StreamKey.DEFAULT_VHOST, app, stream));
    }

    /** Whether the stream is published here with H.264 video and AAC audio. */
    boolean hasAvStream(String app, String stream) {
        return stream(app, stream).map(s -> s.publisher().isPresent() && "H264".equals(s.videoCodec())
                && "AAC".equals(s.audioCodec())).orElse(false);
    }

    long bytesIn(String app, String stream) {
        return stream(app, stream).map(StreamInfo::bytesIn).orElse(0L);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
