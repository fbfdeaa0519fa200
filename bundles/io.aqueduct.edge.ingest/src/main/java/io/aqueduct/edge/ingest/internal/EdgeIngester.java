package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.StreamDemandHandler;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamListener;
import io.aqueduct.stream.api.StreamRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRS edge mode, play side: supplies the streams of {@code mode remote} vhosts on demand, one shared upstream per
 * stream ({@link IngestSession}).
 *
 * <p>It is also a stream listener: when a stream of an edge vhost is unpublished by a local publisher (edge-publish)
 * while players still wait, it opens an upstream for them, since the registry announces demand only when a player
 * subscribes. Stopping the component closes every upstream (players get an unpublish notice and wait); starting it
 * again resumes them, as the registry announces the waiting streams to a new demand handler.
 */
@Component(service = {StreamDemandHandler.class, StreamListener.class, EdgeIngester.class}, immediate = true)
public final class EdgeIngester implements StreamDemandHandler, StreamListener {

    /**
     * How an upstream appears among the server's clients: the publisher of the local stream (the edge-publish bundle
     * recognises it and does not relay it back up).
     */
    static final String PROTOCOL = "rtmp-edge-ingest";

    private static final Logger LOG = LoggerFactory.getLogger(EdgeIngester.class);

    private final StreamRegistry registry;
    private final ClientRegistry clients;
    private final EventLoopGroup group;
    private final ConcurrentHashMap<StreamKey, IngestSession> sessions = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<EdgeVhostComponent> vhosts = new CopyOnWriteArrayList<>();
    private volatile boolean active = true;

    @Activate
    public EdgeIngester(@Reference StreamRegistry registry, @Reference ClientRegistry clients) {
        this.registry = registry;
        this.clients = clients;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("edge-ingest", true),
                NioIoHandler.newFactory());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addVhost(EdgeVhostComponent vhost) {
        vhosts.add(vhost);
        // Players may already wait on this vhost (configuration came after them).
        for (StreamInfo s : registry.streams()) {
            if (s.key().vhost().equals(vhost.settings().name()) && s.publisher().isEmpty() && s.players() > 0) {
                demanded(s.key());
            }
        }
    }

    void removeVhost(EdgeVhostComponent vhost) {
        vhosts.remove(vhost);
    }

    /** The settings of an exactly named vhost, or {@code null}. */
    EdgeVhost settings(String vhost) {
        for (EdgeVhostComponent c : vhosts) {
            EdgeVhost v = c.settings();
            if (v.name().equals(vhost)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public boolean handles(String vhost) {
        EdgeVhost v = settings(vhost);
        return v != null && v.remote();
    }

    @Override
    public void demanded(StreamKey key) {
        if (!active || !handles(key.vhost())) {
            return;
        }
        boolean[] created = new boolean[1];
        IngestSession session = sessions.computeIfAbsent(key, k -> {
            created[0] = true;
            return new IngestSession(k, this, group.next());
        });
        if (created[0]) {
            LOG.info("edge {}: a player waits, opening an upstream", key);
            session.start();
        } else {
            session.demand();
        }
    }

    @Override
    public void released(StreamKey key) {
        IngestSession session = sessions.get(key);
        if (session != null) {
            session.release();
        }
    }

    @Override
    public void onPublish(StreamInfo stream) {
        // Nothing: a live stream needs no upstream.
    }

    @Override
    public void onUnpublish(StreamInfo stream) {
        StreamKey key = stream.key();
        if (!active || sessions.containsKey(key) || !handles(key.vhost())) {
            return;
        }
        // Later, on our loop: the unpublishing side (a relay subscription) may still be counted as a player now.
        group.next().execute(() -> {
            boolean waiting = registry.stream(key).map(s -> s.publisher().isEmpty() && s.players() > 0).orElse(false);
            if (waiting) {
                demanded(key);
            }
        });
    }

    void removed(StreamKey key, IngestSession session) {
        sessions.remove(key, session);
    }

    StreamRegistry registry() {
        return registry;
    }

    ClientRegistry clients() {
        return clients;
    }

    /** The upstreams now, for the shell and tests. */
    List<IngestSession> sessions() {
        return new ArrayList<>(sessions.values());
    }

    @Deactivate
    void deactivate() {
        active = false;
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (IngestSession s : sessions.values()) {
            stops.add(s.stopAsync("edge ingest stopped"));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("edge ingest: upstreams did not all close in time: {}", e.toString());
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        LOG.info("edge ingest stopped");
    }
}
