package io.aqueduct.rtmp.server.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.internal.ClientTable;
import io.aqueduct.stream.internal.LiveStreamRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.List;

/**
 * One Aqueduct server in the test JVM: a registry, a client table and an RTMP server on a free 127.0.0.1 port.
 * Lives in the RTMP server's package to reach {@code deactivate()}; the cluster bundles' tests take it from this
 * bundle's test jar (a split package on the test class path only).
 */
public final class TestRtmpNode implements AutoCloseable {

    public final LiveStreamRegistry registry = new LiveStreamRegistry();
    public final ClientTable clients = new ClientTable();
    public final int port;
    private final RtmpServer server;
    private boolean serverStopped;

    public TestRtmpNode() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new RtmpServer(registry, clients, config("127.0.0.1:" + port, 2, true));
    }

    /** Starts an RTMP server of {@code streams} on 127.0.0.1:port (one a test restarts); the handle stops it. */
    public static AutoCloseable serve(StreamRegistry streams, ClientRegistry clients, int port) {
        RtmpServer server = new RtmpServer(streams, clients, config("127.0.0.1:" + port, 1, false));
        if (server.boundAddresses().isEmpty()) {
            server.deactivate();
            throw new IllegalStateException("RTMP server could not listen on 127.0.0.1:" + port);
        }
        return server::deactivate;
    }

    /** A port on which nothing listens (an origin that is down). */
    public static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url(String app, String stream) {
        return "rtmp://127.0.0.1:" + port + "/" + app + "/" + stream;
    }

    /** The RTMP clients of this server that play a stream (an edge's upstream is one). */
    public List<ClientSession> rtmpPlayers() {
        return clients.clients().stream()
                .filter(c -> c.protocol().equals("rtmp") && c.state().startsWith("play "))
                .toList();
    }

    /** Kills the RTMP server (listeners and connections), as a crashed origin. */
    public synchronized void stopServer() {
        if (!serverStopped) {
            serverStopped = true;
            server.deactivate();
        }
    }

    @Override
    public void close() {
        stopServer();
        registry.deactivate();
    }

    private static RtmpServerConfig config(String listen, int threads, boolean epoll) {
        return (RtmpServerConfig) Proxy.newProxyInstance(RtmpServerConfig.class.getClassLoader(),
                new Class<?>[] {RtmpServerConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listen" -> new String[] {listen};
                    case "epoll" -> epoll;
                    case "threads" -> threads;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RtmpServerConfig";
                    default -> method.getDefaultValue();
                });
    }
}
