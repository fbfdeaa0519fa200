package io.aqueduct.rtmp.server.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.StreamRegistry;
import java.lang.reflect.Proxy;

/**
 * Reaches the RTMP server's package-private constructor and {@code deactivate()} from the forward tests (a split
 * package on the test class path only).
 */
public final class TestRtmpServers {

    private TestRtmpServers() {
    }

    /** Starts an RTMP server on 127.0.0.1:port; the returned handle stops it. */
    public static AutoCloseable start(StreamRegistry streams, ClientRegistry clients, int port) {
        RtmpServerConfig config = (RtmpServerConfig) Proxy.newProxyInstance(RtmpServerConfig.class.getClassLoader(),
                new Class<?>[] {RtmpServerConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listen" -> new String[] {"127.0.0.1:" + port};
                    case "epoll" -> false;
                    case "threads" -> 1;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RtmpServerConfig";
                    default -> method.getDefaultValue();
                });
        RtmpServer server = new RtmpServer(streams, clients, config);
        if (server.boundAddresses().isEmpty()) {
            server.deactivate();
            throw new IllegalStateException("RTMP server could not listen on 127.0.0.1:" + port);
        }
        return server::deactivate;
    }
}
