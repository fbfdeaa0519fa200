package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamDemandHandler;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamListener;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.aqueduct.stream.api.VhostSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams of this server. Streams exist while they have a publisher or players, and are dropped when
 * they have neither. A housekeeping thread samples bitrates and drops publishers that went silent.
 */
@Component(service = StreamRegistry.class, immediate = true)
public final class LiveStreamRegistry implements StreamRegistry, RegistryContext {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreamRegistry.class);

    private final ConcurrentHashMap<StreamKey, LiveStream> streams = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<VhostComponent> vhosts = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<StreamListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<StreamDemandHandler> demandHandlers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<EdgeMode> edgeModes = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService housekeeping;
    private WhiteboardTracker<StreamListener> listenerTracker;
    private WhiteboardTracker<StreamDemandHandler> demandTracker;
    private final String serverId = java.util.UUID.randomUUID().toString().substring(0, 8);

    public LiveStreamRegistry() {
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aqueduct-stream-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::housekeep, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Tracks the whiteboards (stream listeners, demand handlers). They are tracked by hand, off the activating thread,
     * rather than through DS references: a listener whose constructor needs this registry (the forward and edge
     * bundles' components do) would otherwise form a service-creation cycle with it, which SCR resolves by not
     * binding the listener at all.
     */
    @Activate
    void activate(BundleContext context) {
        listenerTracker = new WhiteboardTracker<>(context, StreamListener.class, this::addListener, this::removeListener);
        demandTracker = new WhiteboardTracker<>(context, StreamDemandHandler.class, this::addDemandHandler,
                this::removeDemandHandler);
        housekeeping.execute(() -> {
            listenerTracker.open();
            demandTracker.open();
        });
    }

    @Deactivate
    public void deactivate() {
        housekeeping.shutdownNow();
        try {
            housekeeping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (listenerTracker != null) {
            listenerTracker.close();
            demandTracker.close();
        }
        for (LiveStream s : streams.values()) {
            StreamPublication p = s.publication();
            if (p != null) {
                p.close();
            }
            s.dispose();
        }
        streams.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addVhost(VhostComponent vhost) {
        vhosts.add(vhost);
    }

    void removeVhost(VhostComponent vhost) {
        vhosts.remove(vhost);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEdgeMode(EdgeMode mode) {
        edgeModes.add(mode);
    }

    void removeEdgeMode(EdgeMode mode) {
        edgeModes.remove(mode);
    }

    void addListener(StreamListener listener) {
        listeners.add(listener);
        for (LiveStream s : streams.values()) {
            if (s.isPublished()) {
                notifyPublish(listener, s);
            }
        }
    }

    void removeListener(StreamListener listener) {
        listeners.remove(listener);
    }

    void addDemandHandler(StreamDemandHandler handler) {
        demandHandlers.add(handler);
        for (LiveStream s : streams.values()) {
            if (!s.isPublished() && s.players() > 0 && handler.handles(s.key().vhost())) {
                handler.demanded(s.key());
            }
        }
    }

    void removeDemandHandler(StreamDemandHandler handler) {
        demandHandlers.remove(handler);
    }

    @Override
    public Publication publish(StreamKey key, ClientSession publisher) throws StreamBusyException {
        StreamPublication[] result = new StreamPublication[1];
        LiveStream stream = streams.compute(key, (k, s) -> {
            LiveStream live = s != null ? s : new LiveStream(k, this);
            result[0] = live.publish(publisher);
            return live;
        });
        if (result[0] == null) {
            LOG.warn("stream {} refused to client {} ({}): already published by client {}", key, publisher.id(),
                    publisher.remoteAddress(), stream.publisher().map(ClientSession::id).orElse("?"));
            throw new StreamBusyException(key);
        }
        result[0].attach(this);
        LOG.info("stream {} published by client {} ({})", key, publisher.id(), publisher.remoteAddress());
        for (StreamListener l : listeners) {
            notifyPublish(l, stream);
        }
        return result[0];
    }

    @Override
    public Subscription subscribe(StreamKey key, ClientSession player, StreamSubscriber subscriber) {
        PlayerQueue[] result = new PlayerQueue[1];
        LiveStream stream = streams.compute(key, (k, s) -> {
            LiveStream live = s != null ? s : new LiveStream(k, this);
            result[0] = live.subscribe(player, subscriber);
            return live;
        });
        LOG.info("client {} ({}) plays stream {}{}", player.id(), player.remoteAddress(), key,
                stream.isPublished() ? "" : ", waiting for a publisher");
        if (!stream.isPublished()) {
            for (StreamDemandHandler h : demandHandlers) {
                if (h.handles(key.vhost())) {
                    h.demanded(key);
                }
            }
        }
        return result[0];
    }

    @Override
    public void playerLeft(LiveStream stream, ClientSession player) {
        LOG.info("client {} ({}) stopped playing stream {}", player.id(), player.remoteAddress(), stream.key());
        if (stream.players() == 0) {
            for (StreamDemandHandler h : demandHandlers) {
                if (h.handles(stream.key().vhost())) {
                    h.released(stream.key());
                }
            }
        }
        dropIfIdle(stream);
    }

    @Override
    public void unpublished(LiveStream stream) {
        LOG.info("stream {} unpublished", stream.key());
        for (StreamListener l : listeners) {
            try {
                l.onUnpublish(stream);
            } catch (RuntimeException e) {
                LOG.error("stream listener {} failed on unpublish of {}", l, stream.key(), e);
            }
        }
        dropIfIdle(stream);
    }

    private void dropIfIdle(LiveStream stream) {
        streams.computeIfPresent(stream.key(), (k, s) -> {
            if (s == stream && s.isIdle()) {
                s.dispose();
                return null;
            }
            return s;
        });
    }

    private static void notifyPublish(StreamListener l, LiveStream s) {
        try {
            l.onPublish(s);
        } catch (RuntimeException e) {
            LOG.error("stream listener {} failed on publish of {}", l, s.key(), e);
        }
    }

    @Override
    public List<StreamInfo> streams() {
        return new ArrayList<>(streams.values());
    }

    @Override
    public Optional<StreamInfo> stream(StreamKey key) {
        return Optional.ofNullable(streams.get(key));
    }

    @Override
    public Vhost vhost(String name) {
        Vhost fallback = null;
        for (VhostComponent c : vhosts) {
            Vhost v = c.vhost();
            if (v.name().equals(name)) {
                return v;
            }
            if (v.name().equals(StreamKey.DEFAULT_VHOST)) {
                fallback = v;
            }
        }
        return (fallback != null ? fallback : Vhost.DEFAULT).named(name);
    }

    @Override
    public boolean suppliesOnDemand(String vhost) {
        for (StreamDemandHandler h : demandHandlers) {
            if (h.handles(vhost)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isEdge(String vhost) {
        for (EdgeMode m : edgeModes) {
            if (m.isEdge(vhost)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public boolean isVhostConfigured(String name) {
        for (VhostComponent c : vhosts) {
            if (c.vhost().name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Samples bitrates and drops publishers that sent nothing for too long. */
    private void housekeep() {
        long now = System.nanoTime();
        for (LiveStream s : streams.values()) {
            try {
                s.sampleRates(now);
                StreamPublication p = s.publication();
                if (p == null) {
                    continue;
                }
                VhostSettings v = vhost(s.key().vhost());
                long limitMillis = s.sawMedia() ? v.publisherIdleTimeoutMillis() : ((Vhost) v).firstPacketTimeoutMillis();
                long silentMillis = TimeUnit.NANOSECONDS.toMillis(s.silentNanos(now));
                if (silentMillis > limitMillis) {
                    LOG.warn("stream {}: publisher client {} sent no media for {} ms, dropping it", s.key(),
                            p.publisher().id(), silentMillis);
                    p.close();
                    p.publisher().close("no media for " + silentMillis + " ms");
                }
            } catch (RuntimeException e) {
                LOG.error("housekeeping of stream {} failed", s.key(), e);
            }
        }
    }
}
