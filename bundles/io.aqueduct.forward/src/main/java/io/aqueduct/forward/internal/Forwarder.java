package io.aqueduct.forward.internal;

import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamListener;
import io.aqueduct.stream.api.StreamRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * Pushes every stream published on a forwarding vhost to that vhost's destinations (SRS {@code forward}). A stream
 * listener: the registry tells it about publishes, also of streams already live when it starts, so installing the
 * bundle forwards live streams at once. Vhost configurations come and change while it runs; each change is applied
 * to live streams by opening and closing {@link ForwardSession}s, without a republish.
 *
 * <p>Decisions run on one control thread, reading the registry's current state each time (so events arriving out of
 * order cannot leave a stale forward); the connections run on a small event loop group of their own.
 */
@Component(service = {StreamListener.class, Forwarder.class}, immediate = true)
public final class Forwarder implements StreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    static final RtmpClientOptions CLIENT_OPTIONS = new RtmpClientOptions(Duration.ofSeconds(3), Duration.ofSeconds(5),
            60000, 2_500_000, "FMLE/3.0 (compatible; Aqueduct forward)", RtmpClientOptions.DEFAULTS.maxMessageSize());

    private final StreamRegistry registry;
    private final ClientRegistry clients;
    private final EventLoopGroup loops;
    private final ExecutorService control;
    private final BackendHook backend;
    private final CopyOnWriteArrayList<ForwardVhost> vhosts = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<StreamKey, StreamForwarding> streams = new ConcurrentHashMap<>();

    @Activate
    public Forwarder(@Reference StreamRegistry registry, @Reference ClientRegistry clients) {
        this.registry = registry;
        this.clients = clients;
        this.loops = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("aqueduct-forward-io", true), NioIoHandler.newFactory());
        this.control = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aqueduct-forward-control");
            t.setDaemon(true);
            return t;
        });
        this.backend = new BackendHook(control);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "updatedVhost")
    void addVhost(ForwardVhost vhost) {
        vhosts.add(vhost);
        onControl(this::refreshAll);
    }

    void updatedVhost(ForwardVhost vhost) {
        onControl(this::refreshAll);
    }

    void removeVhost(ForwardVhost vhost) {
        vhosts.remove(vhost);
        onControl(this::refreshAll);
    }

    @Override
    public void onPublish(StreamInfo stream) {
        StreamKey key = stream.key();
        onControl(() -> refresh(key));
    }

    @Override
    public void onUnpublish(StreamInfo stream) {
        StreamKey key = stream.key();
        onControl(() -> refresh(key));
    }

    /** Closes every forward connection (unpublishing at the destinations), then the event loops. */
    @Deactivate
    public void deactivate() {
        if (control.isShutdown()) {
            return;
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        try {
            control.submit(() -> {
                for (StreamForwarding f : streams.values()) {
                    f.sessions.values().forEach(s -> closing.add(s.stop("forwarding stopped")));
                }
                streams.clear();
            }).get(5, TimeUnit.SECONDS);
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("forward connections did not all close in time: {}", e.toString());
        }
        control.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        LOG.info("forwarding stopped");
    }

    /** Every forward now, for the shell and tests. */
    List<ForwardSession> sessions() {
        List<ForwardSession> out = new ArrayList<>();
        for (StreamForwarding f : streams.values()) {
            out.addAll(f.sessions.values());
        }
        return out;
    }

    /** The vhost forward settings now, for the shell. */
    List<VhostForwarding> vhostSettings() {
        List<VhostForwarding> out = new ArrayList<>();
        vhosts.forEach(v -> out.add(v.settings()));
        return out;
    }

    private void onControl(Runnable task) {
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("forwarding: an update failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("forwarding stopped; update ignored");
        }
    }

    private void refreshAll() {
        Set<StreamKey> keys = new HashSet<>(streams.keySet());
        for (StreamInfo s : registry.streams()) {
            if (s.publisher().isPresent()) {
                keys.add(s.key());
            }
        }
        keys.forEach(this::refresh);
    }

    /** Brings one stream's forwards in line with the registry and the configuration. Control thread. */
    private void refresh(StreamKey key) {
        Optional<ClientSession> publisher = registry.stream(key).flatMap(StreamInfo::publisher);
        VhostForwarding settings = settings(key.vhost());
        boolean wanted = publisher.isPresent() && settings != null && settings.enabled();
        StreamForwarding f = streams.get(key);
        if (f != null && (!wanted || f.publisher != publisher.get())) {
            String why = publisher.isEmpty() ? "the publisher left"
                    : f.publisher != publisher.get() ? "republished" : "forwarding disabled for vhost " + key.vhost();
            streams.remove(key);
            f.sessions.values().forEach(s -> s.stop(why));
            f = null;
        }
        if (!wanted) {
            return;
        }
        if (f == null) {
            f = new StreamForwarding(key, publisher.get(), registry.serverId());
            streams.put(key, f);
            if (f.looped) {
                LOG.warn("stream {} is not forwarded: it already came through this server (aqueduct_via {}), "
                        + "forwarding it would loop", key, f.publisher.parameters().get(Destinations.VIA));
            }
        }
        if (!f.looped) {
            apply(f, settings);
        }
    }

    /** Opens the missing forwards of a stream and closes those no longer wanted. Control thread. */
    private void apply(StreamForwarding f, VhostForwarding settings) {
        Map<String, RtmpUrl> wanted = new LinkedHashMap<>();
        for (String destination : settings.destinations()) {
            try {
                wanted.put(destination, Destinations.resolve(destination, f.key, f.via));
            } catch (IllegalArgumentException e) {
                LOG.error("vhost {}: forward destination '{}' ignored: {}", f.key.vhost(), destination, e.getMessage());
            }
        }
        if (!settings.backend().equals(f.backendAsked)) {
            f.backendUrls = List.of();
            f.backendAsked = settings.backend();
            if (!settings.backend().isEmpty()) {
                askBackend(f, settings.backend());
            }
        }
        for (String url : f.backendUrls) {
            try {
                wanted.put(url, Destinations.withParameters(RtmpUrl.parse(url), null, f.via));
            } catch (IllegalArgumentException e) {
                LOG.error("stream {}: forward backend URL '{}' ignored: {}", f.key, url, e.getMessage());
            }
        }
        for (Map.Entry<String, ForwardSession> e : new ArrayList<>(f.sessions.entrySet())) {
            RtmpUrl url = wanted.get(e.getKey());
            if (url == null || !url.equals(e.getValue().url())) {
                f.sessions.remove(e.getKey());
                e.getValue().stop("destination removed");
            }
        }
        for (Map.Entry<String, RtmpUrl> e : wanted.entrySet()) {
            if (!f.sessions.containsKey(e.getKey())) {
                ForwardSession s = new ForwardSession(f.key, e.getKey(), e.getValue(), (EventLoop) loops.next(),
                        registry, clients, CLIENT_OPTIONS);
                f.sessions.put(e.getKey(), s);
                LOG.info("forward {} -> {} ({})", f.key, e.getKey(), e.getValue());
                s.start();
            }
        }
    }

    private void askBackend(StreamForwarding f, String url) {
        backend.urls(url, registry.serverId(), f.key, f.publisher).whenCompleteAsync((urls, error) -> {
            if (streams.get(f.key) != f || !url.equals(f.backendAsked)) {
                return;
            }
            if (error != null) {
                LOG.warn("stream {}: forward backend {} failed: {}", f.key, url, ForwardSession.describe(error));
                return;
            }
            LOG.info("stream {}: forward backend {} gave {}", f.key, url, urls);
            f.backendUrls = List.copyOf(urls);
            refresh(f.key);
        }, control);
    }

    private VhostForwarding settings(String vhost) {
        for (ForwardVhost v : vhosts) {
            VhostForwarding s = v.settings();
            if (s.vhost().equals(vhost)) {
                return s;
            }
        }
        return null;
    }
}
