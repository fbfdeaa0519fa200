package io.aqueduct.edge.ingest.internal;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpPlayListener;
import io.aqueduct.rtmp.client.RtmpStatusException;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one upstream of one stream on this edge: plays the stream at an origin and publishes what it receives into
 * the local registry, where every local player of the stream shares it.
 *
 * <p>Threading: all state lives on one event loop, which is also the upstream connection's; the public methods
 * hop onto it and return at once. A generation counter makes callbacks of a replaced connection harmless.
 *
 * <p>Across an origin switch the local publication stays open, so players stay subscribed and simply see the new
 * origin's media from its next key frame (its GOP cache); the registry's {@code time_jitter} keeps timestamps
 * continuous. When every origin stays down, the registry drops the silent publication after the vhost's
 * {@code normal_timeout} and players hear of it.
 */
final class IngestSession {

    private static final Logger LOG = LoggerFactory.getLogger(IngestSession.class);
    static final String UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";
    static final String PUBLISH_NOTIFY = "NetStream.Play.PublishNotify";

    private final StreamKey key;
    private final EdgeIngester owner;
    private final EventLoop loop;
    private final IngestClient client;
    private final AutoCloseable registration;
    private final OriginRotation rotation = new OriginRotation();
    private final long createdNanos = System.nanoTime();

    private IngestState connection = IngestState.CONNECTING;
    private boolean stopped;
    private boolean everConnected;
    private int generation;
    private RtmpClientSession upstream;
    private Publication publication;
    private ScheduledFuture<?> graceTimer;
    private ScheduledFuture<?> retryTimer;

    private volatile IngestState shownState = IngestState.CONNECTING;
    private volatile Origin origin;
    private volatile int failovers;
    private volatile String lastError = "";
    private volatile long bytesIn;
    private volatile long firstMediaMillis = -1;

    IngestSession(StreamKey key, EdgeIngester owner, EventLoop loop) {
        this.key = key;
        this.owner = owner;
        this.loop = loop;
        this.client = new IngestClient(owner.clients().nextId(), reason -> loop.execute(() -> kicked(reason)));
        this.registration = owner.clients().register(client);
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
        Origin o = rotation.current(vhost.origins());
        if (o == null) {
            lastError = "no origin configured";
            retryTimer = loop.schedule(this::connect, vhost.backoffMaxMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        origin = o;
        client.origin(o);
        int gen = ++generation;
        String name = vhost.upstreamName(key.vhost(), key.stream());
        RtmpUrl url = new RtmpUrl(o.host(), o.port(), key.app(), name);
        LOG.info("edge {}: opening upstream {}", key, url);
        updateShown();
        RtmpClient.connect(loop, NioSocketChannel.class, url, options(vhost))
                .thenCompose(session -> {
                    // Completes on the connection's event loop, which is this session's.
                    if (gen != generation || stopped) {
                        session.close();
                        throw new CancellationException("upstream no longer wanted");
                    }
                    upstream = session;
                    session.closeFuture().thenRun(() -> loop.execute(() -> upstreamClosed(gen)));
                    return session.play(name, new Upstream(gen));
                })
                .whenComplete((started, error) -> loop.execute(() -> playAnswered(gen, error)));
    }

    private static RtmpClientOptions options(EdgeVhost vhost) {
        RtmpClientOptions d = RtmpClientOptions.DEFAULTS;
        return new RtmpClientOptions(Duration.ofMillis(vhost.connectTimeoutMillis()), d.responseTimeout(),
                d.chunkSize(), d.windowAckSize(), d.flashVersion(), d.maxMessageSize());
    }

    private void playAnswered(int gen, Throwable error) {
        if (gen != generation || stopped) {
            return;
        }
        if (error != null) {
            failed(describe(error));
            return;
        }
        everConnected = true;
        if (connection != IngestState.PLAYING) {
            connection = IngestState.WAITING;
        }
        LOG.info("edge {}: upstream plays at origin {}", key, origin);
        updateShown();
    }

    private void upstreamClosed(int gen) {
        if (gen == generation && !stopped) {
            failed("origin " + origin + " closed the upstream");
        }
    }

    private void onMedia(MediaMessage m) {
        int size = m.size();
        bytesIn += size;
        client.addBytesIn(size);
        if (publication == null || !publication.isOpen()) {
            if (m.type() == MessageType.DATA) {
                // Script data of the play reply (|RtmpSampleAccess, onStatus) or of an unpublished stream: not media.
                m.release();
                return;
            }
            try {
                publication = owner.registry().publish(key, client);
            } catch (StreamBusyException e) {
                m.release();
                LOG.warn("edge {}: the stream is published locally by another client, upstream not needed", key);
                stop("stream published locally", false);
                return;
            }
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
        publication.send(m);
    }

    private void onStatus(String code) {
        if (UNPUBLISH_NOTIFY.equals(code)) {
            LOG.info("edge {}: origin {} unpublished the stream; players wait for a republish", key, origin);
            closePublication();
            connection = IngestState.WAITING;
            updateShown();
        } else if (PUBLISH_NOTIFY.equals(code)) {
            LOG.info("edge {}: origin {} published the stream again", key, origin);
        }
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
        closePublication();
        if (upstream != null) {
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
        closePublication();
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

    private void closePublication() {
        if (publication != null) {
            publication.close();
            publication = null;
        }
    }

    private void closeUpstream() {
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

    private static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof RtmpStatusException s) {
            return "refused: " + s.getMessage();
        }
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    StreamKey key() {
        return key;
    }

    IngestState state() {
        return shownState;
    }

    Origin origin() {
        return origin;
    }

    int failovers() {
        return failovers;
    }

    String lastError() {
        return lastError;
    }

    long bytesIn() {
        return bytesIn;
    }

    /** Milliseconds from the first demand to the first media from an origin; -1 before it. */
    long firstMediaMillis() {
        return firstMediaMillis;
    }

    int playerCount() {
        return players();
    }

    /** Receives the played stream on the session's loop; everything from an older connection is dropped. */
    private final class Upstream implements RtmpPlayListener {
        private final int gen;

        Upstream(int gen) {
            this.gen = gen;
        }

        @Override
        public void onMedia(MediaMessage message) {
            if (gen != generation || stopped) {
                message.release();
                return;
            }
            IngestSession.this.onMedia(message);
        }

        @Override
        public void onStatus(String code, String description) {
            if (gen == generation && !stopped) {
                IngestSession.this.onStatus(code);
            }
        }
    }
}
