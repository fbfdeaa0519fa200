package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * The HTTP-FLV server of an origin in the test JVM: serves every vhost's streams at the SRS default mount on a free
 * 127.0.0.1 port. Lives in the server's package to reach its package-private configuration and lifecycle.
 */
public final class TestHttpFlvServer implements AutoCloseable {

    public final int port;
    private final HttpServer server;
    private final ClientRegistry clients;
    private boolean stopped;

    public TestHttpFlvServer(StreamRegistry registry, ClientRegistry clients) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        this.clients = clients;
        server = new HttpServer(registry, clients, config(HttpServerConfig.class, Map.of("enabled", true,
                "listen", new String[] {"127.0.0.1:" + port}, "threads", 2)));
        server.addMount(new RemuxMount(config(RemuxMountConfig.class, Map.of("enabled", true))));
    }

    /** The HTTP-FLV players of this server (an edge's upstream over flv is one). */
    public List<ClientSession> flvPlayers() {
        return clients.clients().stream().filter(c -> c.protocol().equals("http-flv")).toList();
    }

    /** Stops the server: listeners and connections close at once, as when an origin crashes. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            server.deactivate();
        }
    }

    @SuppressWarnings("unchecked")
    private static <A> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
