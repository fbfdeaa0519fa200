package io.aqueduct.edge.publish.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
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
import java.util.Optional;
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
 * SRS edge mode, publish side: a client that publishes a stream of a {@code mode remote} vhost is relayed up to
 * the origins ({@link RelaySession}). The local publication stays a normal local stream, so players on this edge
 * play it directly. Streams published by edge ingest (protocol {@value #INGEST_PROTOCOL}) came from the origin and
 * are not relayed back.
 *
 * <p>Stopping the component closes the relayed publishers (their connections end) and nothing else.
 */
@Component(service = {StreamListener.class, EdgePublisher.class}, immediate = true)
public final class EdgePublisher implements StreamListener {

    static final String INGEST_PROTOCOL = "rtmp-edge-ingest";
    /** How a relay appears among the server's clients: a player of the local stream that publishes it upstream. */
    static final String PROTOCOL = "rtmp-edge-publish";
    private static final Logger LOG = LoggerFactory.getLogger(EdgePublisher.class);

    private final StreamRegistry registry;
    private final ClientRegistry clients;
    private final EventLoopGroup group;
    private final ConcurrentHashMap<StreamKey, RelaySession> sessions = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<EdgePublishVhost> vhosts = new CopyOnWriteArrayList<>();
    private volatile boolean active = true;

    @Activate
    public EdgePublisher(@Reference StreamRegistry registry, @Reference ClientRegistry clients) {
        this.registry = registry;
        this.clients = clients;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("edge-publish", true),
                NioIoHandler.newFactory());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addVhost(EdgePublishVhost vhost) {
        vhosts.add(vhost);
    }

    void removeVhost(EdgePublishVhost vhost) {
        vhosts.remove(vhost);
    }

    /** The settings of an exactly named vhost, or {@code null}. */
    EdgeVhost settings(String vhost) {
        for (EdgePublishVhost c : vhosts) {
            EdgeVhost v = c.settings();
            if (v.name().equals(vhost)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public void onPublish(StreamInfo stream) {
        Optional<ClientSession> publisher = stream.publisher();
        EdgeVhost vhost = settings(stream.key().vhost());
        if (!active || publisher.isEmpty() || vhost == null || !vhost.remote()
                || INGEST_PROTOCOL.equals(publisher.get().protocol())) {
            return;
        }
        RelaySession relay = new RelaySession(stream.key(), publisher.get(), this, group.next());
        RelaySession old = sessions.put(stream.key(), relay);
        if (old != null) {
            old.stopAsync("replaced by a new publisher");
        }
        relay.start();
    }

    @Override
    public void onUnpublish(StreamInfo stream) {
        RelaySession relay = sessions.get(stream.key());
        // A late notice about an earlier publisher must not stop the relay of the current one.
        if (relay != null && stream.publisher().map(p -> p != relay.publisher()).orElse(true)) {
            relay.stopAsync("publisher left");
        }
    }

    void removed(StreamKey key, RelaySession relay) {
        sessions.remove(key, relay);
    }

    StreamRegistry registry() {
        return registry;
    }

    ClientRegistry clients() {
        return clients;
    }

    /** The relays now, for the shell and tests. */
    List<RelaySession> sessions() {
        return new ArrayList<>(sessions.values());
    }

    @Deactivate
    void deactivate() {
        active = false;
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (RelaySession relay : sessions.values()) {
            relay.publisher().close("edge publish stopped");
            stops.add(relay.stopAsync("edge publish stopped"));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("edge publish: relays did not all close in time: {}", e.toString());
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        LOG.info("edge publish stopped");
    }
}
