package io.aqueduct.forward.internal;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpStatusException;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.RelayClient;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.ConnectException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one local stream to one destination: connects and publishes there, then plays the local stream through
 * its own {@link Subscription} (so it starts with metadata, sequence headers and the GOP from the latest key frame)
 * and sends every message on. A connection that fails or drops is retried with backoff while the stream is live.
 *
 * <p>Everything but the counters is confined to one event loop, which is also the connection's. The subscription's
 * bounded queue is drained only while the socket is writable, so a slow destination loses whole GOPs in its own
 * queue and never holds up the publisher or other players.
 */
final class ForwardSession implements StreamSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardSession.class);
    /** Delays before retry 1, 2, 3, ... (the last one repeats); reset by a successful publish. */
    static final long[] BACKOFF_MILLIS = {500, 1000, 2000, 4000, 5000};
    private static final int MAX_BATCH = 256;

    private final StreamKey key;
    private final String destination;
    private final RtmpUrl url;
    private final EventLoop loop;
    private final StreamRegistry registry;
    private final RtmpClientOptions options;
    /**
     * The forward as the rest of the server sees it: a client of protocol {@code rtmp-forward} that plays the local
     * stream. A kick drops the current connection, which is then retried.
     */
    private final RelayClient client;
    private final AutoCloseable registration;
    private final Runnable drainTask = this::drain;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private volatile ForwardState state = ForwardState.CONNECTING;
    private volatile Instant stateSince = Instant.now();
    private volatile long messagesSent;
    private volatile long droppedMessages;
    private volatile long reconnects;
    private volatile String lastError = "";

    // Event loop only, but for queuedBytes().
    private volatile Connection current;
    private Subscription subscription;
    private long droppedBefore;
    private int failures;
    private boolean attempted;
    private boolean ended;
    private io.netty.util.concurrent.ScheduledFuture<?> retry;

    /** One connection attempt: the attempt (cancelled to abandon it) and its RTMP session, known once connected. */
    private static final class Connection {
        CompletableFuture<RtmpClientSession> connecting;
        volatile RtmpClientSession rtmp;
    }

    ForwardSession(StreamKey key, String destination, RtmpUrl url, EventLoop loop, StreamRegistry registry,
            ClientRegistry clients, RtmpClientOptions options) {
        this.key = key;
        this.destination = destination;
        this.url = url;
        this.loop = loop;
        this.registry = registry;
        this.options = options;
        this.client = new RelayClient(clients.nextId(), "rtmp-forward", this::dropConnection);
        client.remote(url.host(), url.port());
        showState(ForwardState.CONNECTING);
        this.registration = clients.register(client);
    }

    /** Starts connecting; returns at once. */
    void start() {
        execute(this::connect);
    }

    private void connect() {
        if (ended) {
            return;
        }
        retry = null;
        if (attempted) {
            reconnects++;
        }
        attempted = true;
        setState(ForwardState.CONNECTING);
        Connection c = new Connection();
        current = c;
        CompletableFuture<RtmpClientSession> connecting;
        try {
            connecting = RtmpClient.connect(loop, NioSocketChannel.class, url, options);
        } catch (RuntimeException e) {
            connecting = CompletableFuture.failedFuture(e);
        }
        c.connecting = connecting;
        connecting.thenCompose(rtmp -> {
            c.rtmp = rtmp;
            return rtmp.publish(url.streamName());
        }).whenCompleteAsync((ok, error) -> published(c, error), loop);
    }

    private void published(Connection c, Throwable error) {
        if (ended || c != current) {
            // An abandoned attempt: the stream's subscription, if any, is the current connection's.
            close(c);
            return;
        }
        if (error != null) {
            failed(c, describe(error));
            return;
        }
        failures = 0;
        c.rtmp.onWritable(drainTask);
        c.rtmp.closeFuture().whenCompleteAsync((v, e) -> {
            if (!ended && c == current) {
                failed(c, "connection closed by " + destination);
            }
        }, loop);
        subscription = registry.subscribe(key, client, this);
        setState(ForwardState.FORWARDING);
        LOG.info("forward {} -> {}: publishing to {}{}", key, destination, url,
                reconnects > 0 ? " (reconnect " + reconnects + ")" : "");
        drain();
    }

    private void failed(Connection c, String why) {
        closeConnection(c);
        current = null;
        long delay = BACKOFF_MILLIS[Math.min(failures, BACKOFF_MILLIS.length - 1)];
        failures++;
        if (!why.equals(lastError)) {
            LOG.warn("forward {} -> {} failed: {}; retrying in {} ms", key, destination, why, delay);
        } else {
            LOG.debug("forward {} -> {} failed again: {}; retrying in {} ms", key, destination, why, delay);
        }
        lastError = why;
        setState(ForwardState.RETRYING);
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void itemsAvailable() {
        execute(drainTask);
    }

    /** Sends what is queued while the connection takes it (the client merges the flushes). */
    private void drain() {
        Subscription s = subscription;
        Connection c = current;
        if (ended || s == null || c == null) {
            return;
        }
        int n = 0;
        StreamItem item;
        while (n < MAX_BATCH && c.rtmp.isWritable() && (item = s.poll()) != null) {
            n++;
            if (item instanceof MediaMessage m) {
                client.addBytesOut(m.size());
                messagesSent++;
                c.rtmp.send(m);
            } else if (item == StreamEvent.UNPUBLISH) {
                end("the publisher left");
                return;
            } else if (item == StreamEvent.SKIPPED) {
                droppedMessages = droppedBefore + s.droppedMessages();
                LOG.warn("forward {} -> {} fell behind: {} messages dropped so far, resumed at a key frame", key,
                        destination, droppedMessages);
            }
        }
        if (n == MAX_BATCH) {
            // Let other connections of this loop run, then go on.
            loop.execute(drainTask);
        }
    }

    /** Drops the current connection (a kick); it is retried like any failure. Any thread. */
    void dropConnection(String reason) {
        execute(() -> {
            if (!ended && current != null) {
                failed(current, "closed: " + reason);
            }
        });
    }

    /**
     * Ends the forward: unpublishes at the destination and closes the connection. Any thread; idempotent.
     *
     * @return completes once the connection is closed
     */
    CompletableFuture<Void> stop(String reason) {
        if (!execute(() -> end(reason))) {
            state = ForwardState.STOPPED;
            showState(ForwardState.STOPPED);
            stopped.complete(null);
        }
        return stopped;
    }

    private void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (retry != null) {
            retry.cancel(false);
        }
        Connection c = current;
        current = null;
        setState(ForwardState.STOPPED);
        LOG.info("forward {} -> {} stopped: {}", key, destination, reason);
        try {
            registration.close();
        } catch (Exception e) {
            LOG.debug("forward {} -> {}: unregistering the client failed", key, destination, e);
        }
        closeConnection(c).whenComplete((v, e) -> stopped.complete(null));
    }

    /** Leaves the local stream and closes the current connection (politely when it publishes). Event loop. */
    private CompletableFuture<Void> closeConnection(Connection c) {
        if (subscription != null) {
            droppedBefore += subscription.droppedMessages();
            droppedMessages = droppedBefore;
            subscription.close();
            subscription = null;
        }
        return close(c);
    }

    /** Closes a connection, or abandons it while it is still being made. */
    private static CompletableFuture<Void> close(Connection c) {
        if (c == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (c.rtmp != null) {
            return c.rtmp.close();
        }
        if (c.connecting != null) {
            c.connecting.cancel(false);
        }
        return CompletableFuture.completedFuture(null);
    }

    private boolean execute(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void setState(ForwardState s) {
        state = s;
        stateSince = Instant.now();
        showState(s);
    }

    private void showState(ForwardState s) {
        client.state("forward " + key + " -> " + destination + " (" + s.name().toLowerCase(Locale.ROOT) + ")");
    }

    static String describe(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof RtmpStatusException status) {
            return "refused: " + status.getMessage();
        }
        if (e instanceof TimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    StreamKey key() {
        return key;
    }

    String destination() {
        return destination;
    }

    RtmpUrl url() {
        return url;
    }

    ForwardState state() {
        return state;
    }

    Instant stateSince() {
        return stateSince;
    }

    long bytesSent() {
        return client.bytesOut();
    }

    long messagesSent() {
        return messagesSent;
    }

    long droppedMessages() {
        return droppedMessages;
    }

    /** Bytes sent and not yet taken by the connection to the destination. Any thread. */
    long queuedBytes() {
        Connection c = current;
        RtmpClientSession rtmp = c == null ? null : c.rtmp;
        return rtmp == null ? 0 : rtmp.queuedBytes();
    }

    long reconnects() {
        return reconnects;
    }

    String lastError() {
        return lastError;
    }

    String clientId() {
        return client.id();
    }
}
