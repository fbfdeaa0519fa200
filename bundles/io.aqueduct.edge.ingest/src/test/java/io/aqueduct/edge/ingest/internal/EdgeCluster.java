package io.aqueduct.edge.ingest.internal;

import io.aqueduct.testing.Ffmpeg;
import io.aqueduct.httpflv.internal.TestHttpFlvServer;
import io.aqueduct.rtmp.server.internal.TestRtmpNode;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.internal.RegistryHooks;
import io.aqueduct.testing.Await;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Origins, edges, publishers and players of one test; {@link #close()} ends them all, newest first. */
final class EdgeCluster implements AutoCloseable {

    static final String APP = "live";
    static final int GRACE_MS = 1500;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final EventLoopGroup playerLoops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    static StreamKey key(String stream) {
        return new StreamKey(StreamKey.DEFAULT_VHOST, APP, stream);
    }

    TestRtmpNode node() throws Exception {
        TestRtmpNode n = new TestRtmpNode();
        resources.add(n);
        return n;
    }

    /** The HTTP-FLV server of {@code node}, as an origin serving its streams over HTTP. */
    TestHttpFlvServer http(TestRtmpNode node) throws Exception {
        TestHttpFlvServer s = new TestHttpFlvServer(node.registry, node.clients);
        resources.add(s);
        return s;
    }

    /** Edge ingest on {@code node} with these origin ports, bound to its registry as DS would. */
    EdgeIngester edge(TestRtmpNode node, int... originPorts) {
        return edge(node, config(originPorts));
    }

    /** Edge ingest on {@code node} pulling over HTTP-FLV from the HTTP servers at these ports. */
    EdgeIngester flvEdge(TestRtmpNode node, int... originHttpPorts) {
        return edge(node, config(Map.of("protocol", "flv"), originHttpPorts));
    }

    EdgeIngester edge(TestRtmpNode node, EdgeConfig config) {
        EdgeIngester ingester = new EdgeIngester(node.registry, node.clients);
        ingester.addVhost(new EdgeVhostComponent(config));
        RegistryHooks.bind(node.registry, ingester);
        resources.add(() -> stop(node, ingester));
        return ingester;
    }

    /** Stops edge ingest as SCR does: unbinds the service from the registry, then deactivates it. */
    static void stop(TestRtmpNode node, EdgeIngester ingester) {
        RegistryHooks.unbind(node.registry, ingester);
        ingester.deactivate();
    }

    static EdgeConfig config(int... originPorts) {
        return config(Map.of(), originPorts);
    }

    /** Cluster settings of the default vhost: remote, these origins, short timers, plus {@code extra}. */
    static EdgeConfig config(Map<String, Object> extra, int... originPorts) {
        String[] origins = new String[originPorts.length];
        for (int i = 0; i < originPorts.length; i++) {
            origins[i] = "127.0.0.1:" + originPorts[i];
        }
        Map<String, Object> values = new HashMap<>(Map.of("mode", "remote", "origin", origins,
                "grace__period__ms", GRACE_MS, "backoff__initial__ms", 200, "backoff__max__ms", 1000,
                "connect__timeout__ms", 1000));
        values.putAll(extra);
        return (EdgeConfig) Proxy.newProxyInstance(EdgeConfig.class.getClassLoader(), new Class<?>[] {EdgeConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "EdgeConfig";
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /** ffmpeg publishing to {@code node}, live once the node has its video. */
    Process publish(TestRtmpNode node, String stream) throws Exception {
        Process p = Ffmpeg.publish(node.url(APP, stream), 90);
        resources.add(() -> Ffmpeg.stop(p));
        Await.until(Duration.ofSeconds(20), () -> node.registry.stream(key(stream))
                .map(s -> !s.videoCodec().isEmpty()).orElse(false), "ffmpeg publishes " + stream);
        return p;
    }

    TestPlayer player(TestRtmpNode node, String stream) throws Exception {
        TestPlayer p = TestPlayer.play(playerLoops, node.port, APP, stream);
        resources.add(p);
        return p;
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // best effort: the others still need closing
            }
        }
        playerLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
