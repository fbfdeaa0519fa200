package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.RelayClient;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.transport.ServerAddress;
import io.aqueduct.stream.api.transport.ServerRotation;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one upstream of one stream on this edge: plays the stream at an origin and publishes what it receives into
 * the local registry, where every local player of the stream shares it. The vhost's {@link UpstreamProtocol} makes
 * the connection ({@link Upstream}); the states, failover and backoff here are the same for every protocol.
 *
 * <p>Threading: all state lives on one event loop, which is also the upstream connection's; the public methods
 * hop onto it and return at once. A generation counter makes callbacks of a replaced connection harmless.
 *
 * <p>Across an origin switch the local publication stays open, so players stay subscribed and simply see the new
 * origin's media from its next key frame (its GOP cache); the registry's {@code time_jitter} keeps timestamps
 * continuous. When every origin stays down, the registry drops the silent publication after the vhost's
 * {@code normal_timeout} and players hear of it.
 */
final class IngestSession implements UpstreamEvents {

    private static final Logger LOG = LoggerFactory.getLogger(IngestSession.class);
    static final String UNPUBLISH_NOTIFY = RtmpUpstream.UNPUBLISH_NOTIFY;
    static final String PUBLISH_NOTIFY = RtmpUpstream.PUBLISH_NOTIFY;

    private final StreamKey key;
    private final EdgeIngester owner;
    private final EventLoop loop;
    private final RelayClient client;
    private final AutoCloseable registration;
    private final LocalPublication local;
    private final ServerRotation rotation = new ServerRotation();
    private final long createdNanos = System.nanoTime();

    private IngestState connection = IngestState.CONNECTING;
    private boolean stopped;
    private boolean everConnected;
    private int generation;
    private Upstream upstream;
    /** The origin accepted the play of {@link #upstream}. */
    private boolean accepted;
    private ScheduledFuture<?> graceTimer;
    private ScheduledFuture<?> retryTimer;

    private volatile IngestState shownState = IngestState.CONNECTING;
    private volatile ServerAddress origin;
    private volatile int failovers;
    private volatile String lastError = "";
    private volatile long firstMediaMillis = -1;

    IngestSession(StreamKey key, EdgeIngester owner, EventLoop loop) {
        this.key = key;
        this.owner = owner;
        this.loop = loop;
        this.client = new RelayClient(owner.clients().nextId(), EdgeIngester.PROTOCOL,
                reason -> loop.execute(() -> kicked(reason)));
        this.registration = owner.clients().register(client);
        this.local = new LocalPublication(owner.registry(), key, client);
    }

    void start() {
        loop.execute(this::connect);
    }

    /** A player wants the stream (again): cancels a pending stop. Any thread. */
    void demand() {
        loop.execute(() -> {
            if (stopped) {
                // This session stopped after the registry handed it the demand: a new session serves the player.
                owner.demanded(key);
                return;
            }
            cancelGrace();
        });
    }

    /** The last player left: the upstream stops after the grace period unless a player comes back. Any thread. */
    void release() {
        loop.execute(() -> {
            if (stopped || graceTimer != null) {
                return;
            }
            EdgeVhost vhost = owner.settings(key.vhost());
            long grace = vhost == null ? 0 : vhost.graceMillis();
            LOG.debug("edge {}: last player left, upstream kept for {} ms", key, grace);
            graceTimer = loop.schedule(this::graceExpired, grace, TimeUnit.MILLISECONDS);
            updateShown();
        });
    }

    /** Stops for good without asking for a new upstream (the bundle stops). Any thread. */
    CompletableFuture<Void> stopAsync(String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            stop(reason, false);
            done.complete(null);
        });
        return done;
    }

    private void connect() {
        retryTimer = null;
        if (stopped) {
            return;
        }
        EdgeVhost vhost = owner.settings(key.vhost());
        if (vhost == null || !vhost.remote()) {
            stop("vhost " + key.vhost() + " is no longer an edge", false);
            return;
        }
        ServerAddress o = rotation.current(vhost.origins());
        if (o == null) {
            lastError = "no origin configured";
            retryTimer = loop.schedule(this::connect, vhost.backoffMaxMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        origin = o;
        client.remote(o.host(), o.port());
        int gen = ++generation;
        accepted = false;
        upstream = vhost.protocol().create(loop, o, key, vhost, new GatedEvents(() -> gen == generation && !stopped, this));
        LOG.info("edge {}: opening upstream {}", key, upstream.target());
        updateShown();
        upstream.open().whenComplete((ok, error) -> loop.execute(() -> playAnswered(gen, error)));
    }

    private void playAnswered(int gen, Throwable error) {
        if (gen != generation || stopped) {
            return;
        }
        if (error != null && UpstreamFailures.cause(error) instanceof StreamNotAtOriginException e) {
            everConnected = true;
            askAgainLater(e.getMessage());
            return;
        }
        if (error != null) {
            failed(UpstreamFailures.describe(error));
            return;
        }
        everConnected = true;
        accepted = true;
        if (connection != IngestState.PLAYING) {
            connection = IngestState.WAITING;
        }
        LOG.info("edge {}: upstream plays at origin {}", key, origin);
        updateShown();
    }

    /** Media from the current upstream: published locally, opening the publication on the first media. */
    @Override
    public void media(MediaMessage m) {
        try {
            if (!local.send(m)) {
                return;
            }
        } catch (StreamBusyException e) {
            LOG.warn("edge {}: the stream is published locally by another client, upstream not needed", key);
            stop("stream published locally", false);
            return;
        }
        if (connection != IngestState.PLAYING) {
            connection = IngestState.PLAYING;
            rotation.succeeded();
            if (firstMediaMillis < 0) {
                firstMediaMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createdNanos);
                LOG.info("edge {}: first media from origin {} after {} ms", key, origin, firstMediaMillis);
            }
            updateShown();
        }
    }

    @Override
    public void unpublished() {
        LOG.info("edge {}: origin {} unpublished the stream; players wait for a republish", key, origin);
        local.close();
        connection = IngestState.WAITING;
        updateShown();
        if (!upstream.waitsForRepublish()) {
            askAgainLater("unpublished there");
        }
    }

    /**
     * The origin in use answered without the stream: it is alive, so ask it again after a wait that doubles up to
     * the vhost's backoff maximum, while players wait (a failing origin is what moves to the next one).
     */
    private void askAgainLater(String reason) {
        generation++;
        closeUpstream();
        connection = IngestState.WAITING;
        EdgeVhost vhost = owner.settings(key.vhost());
        long delay = vhost == null ? 1000 : rotation.absent(vhost.backoffInitialMillis(), vhost.backoffMaxMillis());
        LOG.info("edge {}: origin {} does not have the stream ({}); asking again in {} ms", key, origin, reason, delay);
        retryTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        updateShown();
    }

    /** The origin in use failed: switch to the next one, players stay. */
    private void failed(String reason) {
        lastError = reason;
        generation++;
        closeUpstream();
        if (connection == IngestState.PLAYING || connection == IngestState.WAITING) {
            failovers++;
        }
        connection = everConnected ? IngestState.FAILING_OVER : IngestState.CONNECTING;
        EdgeVhost vhost = owner.settings(key.vhost());
        long delay = vhost == null ? 1000
                : rotation.failed(vhost.origins(), vhost.backoffInitialMillis(), vhost.backoffMaxMillis());
        LOG.warn("edge {}: upstream from origin {} failed ({}); next attempt in {} ms", key, origin, reason, delay);
        retryTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        updateShown();
    }

    /** A kick, or the registry dropped our silent publication: the origin in use is no good. */
    private void kicked(String reason) {
        if (stopped) {
            return;
        }
        local.close();
        if (upstream != null && accepted) {
            failed("closed: " + reason);
        }
    }

    private void graceExpired() {
        graceTimer = null;
        if (stopped) {
            return;
        }
        if (players() > 0) {
            // A player joined while the stream was live, which the registry does not announce as a demand.
            updateShown();
            return;
        }
        stop("no players", true);
    }

    /**
     * Ends this session. It leaves the ingester's table before the publication closes, so a player that subscribes
     * meanwhile either finds no publication (and its demand creates a new session) or is seen by the check below.
     */
    private void stop(String reason, boolean serveLatePlayers) {
        if (stopped) {
            return;
        }
        stopped = true;
        generation++;
        cancelGrace();
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
        connection = IngestState.STOPPED;
        updateShown();
        owner.removed(key, this);
        local.close();
        closeUpstream();
        try {
            registration.close();
        } catch (Exception e) {
            LOG.debug("edge {}: unregistering client {} failed", key, client.id(), e);
        }
        LOG.info("edge {}: upstream from origin {} closed ({})", key, origin, reason);
        if (serveLatePlayers && players() > 0) {
            owner.demanded(key);
        }
    }

    private void cancelGrace() {
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
            LOG.debug("edge {}: a player came back, upstream kept", key);
        }
        updateShown();
    }

    private void closeUpstream() {
        accepted = false;
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
    }

    private int players() {
        return owner.registry().stream(key).map(StreamInfo::players).orElse(0);
    }

    private void updateShown() {
        IngestState s = stopped ? IngestState.STOPPED : graceTimer != null ? IngestState.IDLE : connection;
        shownState = s;
        client.state(s.name().toLowerCase() + " " + key);
    }

    StreamKey key() {
        return key;
    }

    IngestState state() {
        return shownState;
    }

    ServerAddress origin() {
        return origin;
    }

    int failovers() {
        return failovers;
    }

    String lastError() {
        return lastError;
    }

    long bytesIn() {
        return local.bytesIn();
    }

    /** Milliseconds from the first demand to the first media from an origin; -1 before it. */
    long firstMediaMillis() {
        return firstMediaMillis;
    }

    int playerCount() {
        return players();
    }

    @Override
    public void republished() {
        LOG.info("edge {}: origin {} published the stream again", key, origin);
    }

    /** The current upstream's connection ended: the origin failed. */
    @Override
    public void closed(String reason) {
        failed(reason);
    }
}
