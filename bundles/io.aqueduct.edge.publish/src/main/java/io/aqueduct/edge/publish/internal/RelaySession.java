package io.aqueduct.edge.publish.internal;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpStatusException;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.RelayClient;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.aqueduct.stream.api.transport.ServerAddress;
import io.aqueduct.stream.api.transport.ServerRotation;
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
 * Relays one local publisher up to an origin: plays the local stream (a subscription, like any player) and
 * publishes it at the origin, in order. On an origin failure it publishes at the next origin, starting with the
 * stream's metadata and sequence headers and the next key frame; a refusal by the origin (stream busy) ends the
 * local publisher's connection.
 *
 * <p>The subscription's bounded queue is drained only while the upstream connection takes more, so an origin that
 * reads slower than the publisher sends makes this relay drop whole GOPs in its queue (counted, logged), never
 * buffer without bound, and never holds up the publisher or the edge's own players.
 *
 * <p>Threading: all state lives on one event loop, which is also the upstream connection's; a generation counter
 * makes callbacks of a replaced connection harmless.
 */
final class RelaySession implements StreamSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);
    /** Messages sent per turn on the loop before the other connections of the loop get theirs. */
    private static final int MAX_BATCH = 256;

    private final StreamKey key;
    private final ClientSession publisher;
    private final EdgePublisher owner;
    private final EventLoop loop;
    private final RelayClient client;
    private final AutoCloseable registration;
    private final ServerRotation rotation = new ServerRotation();
    private final Runnable drainTask = this::drain;

    private Subscription subscription;
    private RelayState connection = RelayState.CONNECTING;
    private boolean stopped;
    private boolean everPublished;
    private boolean resync;
    private boolean waitForKeyframe;
    private int generation;
    private volatile RtmpClientSession upstream;
    private ScheduledFuture<?> retryTimer;
    private MediaMessage metadata;
    private MediaMessage videoHeader;
    private MediaMessage audioHeader;

    private volatile RelayState shownState = RelayState.CONNECTING;
    private volatile ServerAddress origin;
    private volatile int failovers;
    private volatile String lastError = "";
    private volatile long bytesOut;
    private volatile long droppedMessages;

    RelaySession(StreamKey key, ClientSession publisher, EdgePublisher owner, EventLoop loop) {
        this.key = key;
        this.publisher = publisher;
        this.owner = owner;
        this.loop = loop;
        this.client = new RelayClient(owner.clients().nextId(), EdgePublisher.PROTOCOL,
                reason -> stopAsync("closed: " + reason));
        this.registration = owner.clients().register(client);
    }

    /** Subscribes at once (nothing of the new stream is missed), then connects on the loop. */
    void start() {
        subscription = owner.registry().subscribe(key, client, this);
        loop.execute(this::connect);
    }

    @Override
    public void itemsAvailable() {
        loop.execute(drainTask);
    }

    CompletableFuture<Void> stopAsync(String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            stop(reason);
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
            stop("vhost " + key.vhost() + " is no longer an edge");
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
        String name = vhost.upstreamName(key.vhost(), key.stream());
        RtmpUrl url = new RtmpUrl(o.host(), o.port(), key.app(), name);
        LOG.info("edge {}: relaying publisher {} to {}", key, publisher.id(), url);
        updateShown();
        RtmpClientOptions d = RtmpClientOptions.DEFAULTS;
        RtmpClientOptions options = new RtmpClientOptions(Duration.ofMillis(vhost.connectTimeoutMillis()),
                d.responseTimeout(), d.chunkSize(), d.windowAckSize(), d.flashVersion(), d.maxMessageSize(),
                d.sendBufferLimit());
        RtmpClient.connect(loop, NioSocketChannel.class, url, options)
                .thenCompose(session -> {
                    // Completes on the connection's event loop, which is this session's.
                    if (gen != generation || stopped) {
                        session.close();
                        throw new CancellationException("relay no longer wanted");
                    }
                    upstream = session;
                    session.onWritable(drainTask);
                    session.closeFuture().thenRun(() -> loop.execute(() -> upstreamClosed(gen)));
                    return session.publish(name);
                })
                .whenComplete((started, error) -> loop.execute(() -> published(gen, error)));
    }

    private void published(int gen, Throwable error) {
        if (gen != generation || stopped) {
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof RtmpStatusException refusal && refusal.code() != null
                && refusal.code().startsWith("NetStream.Publish.")) {
            lastError = "origin refused: " + refusal.getMessage();
            LOG.warn("edge {}: origin {} refused the publish ({}); closing publisher {}", key, origin,
                    refusal.getMessage(), publisher.id());
            publisher.close("origin refused: " + refusal.getMessage());
            stop("origin refused");
            return;
        }
        if (cause != null) {
            failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            return;
        }
        connection = RelayState.PUBLISHING;
        everPublished = true;
        rotation.succeeded();
        LOG.info("edge {}: publishing at origin {}", key, origin);
        if (resync) {
            // A new origin needs the stream's start: headers now, media from the next key frame.
            resync = false;
            sendCopy(metadata);
            sendCopy(videoHeader);
            sendCopy(audioHeader);
            waitForKeyframe = videoHeader != null;
        }
        updateShown();
        drain();
    }

    private void sendCopy(MediaMessage m) {
        if (m != null) {
            upstream.send(m.retain());
        }
    }

    private void drain() {
        if (stopped || connection != RelayState.PUBLISHING || subscription == null) {
            return;
        }
        RtmpClientSession up = upstream;
        int n = 0;
        StreamItem item;
        while (n < MAX_BATCH && up.isWritable() && (item = subscription.poll()) != null) {
            n++;
            if (item instanceof MediaMessage m) {
                relay(m);
            } else if (item == StreamEvent.UNPUBLISH) {
                stop("publisher left");
                return;
            } else if (item == StreamEvent.SKIPPED) {
                droppedMessages = subscription.droppedMessages();
                LOG.warn("edge {}: the relay of publisher {} fell behind (origin {} reading too slowly, or being "
                        + "replaced): {} messages dropped so far, resumed at a key frame", key, publisher.id(), origin,
                        droppedMessages);
            }
        }
        if (n == MAX_BATCH) {
            loop.execute(drainTask);
        }
    }

    private void relay(MediaMessage m) {
        if (m.type() == MessageType.METADATA) {
            metadata = replace(metadata, m);
        } else if (m.isSequenceHeader()) {
            if (m.type() == MessageType.VIDEO) {
                videoHeader = replace(videoHeader, m);
            } else {
                audioHeader = replace(audioHeader, m);
            }
        }
        if (waitForKeyframe) {
            if (m.isKeyframe()) {
                waitForKeyframe = false;
            } else if (!m.isSequenceHeader() && m.type() != MessageType.METADATA) {
                m.release();
                return;
            }
        }
        bytesOut += m.size();
        client.addBytesOut(m.size());
        upstream.send(m);
    }

    private static MediaMessage replace(MediaMessage old, MediaMessage now) {
        if (old != null) {
            old.release();
        }
        return now == null ? null : now.retain();
    }

    private void upstreamClosed(int gen) {
        if (gen == generation && !stopped) {
            failed("origin " + origin + " closed the connection");
        }
    }

    /** The origin in use failed: publish at the next one, the local publisher goes on. */
    private void failed(String reason) {
        lastError = reason;
        generation++;
        closeUpstream();
        if (connection == RelayState.PUBLISHING) {
            failovers++;
        }
        connection = everPublished ? RelayState.FAILING_OVER : RelayState.CONNECTING;
        resync = everPublished;
        EdgeVhost vhost = owner.settings(key.vhost());
        long delay = vhost == null ? 1000
                : rotation.failed(vhost.origins(), vhost.backoffInitialMillis(), vhost.backoffMaxMillis());
        LOG.warn("edge {}: relay to origin {} failed ({}); next attempt in {} ms", key, origin, reason, delay);
        retryTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        updateShown();
    }

    private void stop(String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        generation++;
        connection = RelayState.STOPPED;
        updateShown();
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
        if (subscription != null) {
            subscription.close();
        }
        closeUpstream();
        metadata = replace(metadata, null);
        videoHeader = replace(videoHeader, null);
        audioHeader = replace(audioHeader, null);
        try {
            registration.close();
        } catch (Exception e) {
            LOG.debug("edge {}: unregistering client {} failed", key, client.id(), e);
        }
        owner.removed(key, this);
        LOG.info("edge {}: relay of publisher {} to origin {} stopped ({})", key, publisher.id(), origin, reason);
    }

    private void closeUpstream() {
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
    }

    private void updateShown() {
        shownState = connection;
        client.state(connection.name().toLowerCase() + " " + key);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    StreamKey key() {
        return key;
    }

    ClientSession publisher() {
        return publisher;
    }

    RelayState state() {
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

    long bytesOut() {
        return bytesOut;
    }

    /** Messages of the local stream the relay dropped because the origin took them too slowly. */
    long droppedMessages() {
        return droppedMessages;
    }

    /** Bytes sent and not yet taken by the connection to the origin. Any thread. */
    long queuedBytes() {
        RtmpClientSession u = upstream;
        return u == null ? 0 : u.queuedBytes();
    }
}
