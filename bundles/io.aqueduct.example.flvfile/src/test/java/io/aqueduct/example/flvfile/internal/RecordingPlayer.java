package io.aqueduct.example.flvfile.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaCodecs;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A player as a protocol bundle writes one: {@link #itemsAvailable()} only schedules a drain on the player's own
 * thread, which polls until the queue is empty. It records what it got (and when) and releases every message.
 */
final class RecordingPlayer implements StreamSubscriber, ClientSession, AutoCloseable {

    /** One item received: an event, or a message's type, timestamp and flags. */
    record Received(StreamEvent event, MessageType type, int timestamp, boolean keyframe, boolean sequenceHeader,
            String codec, int size, long nanos) {
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final List<Received> received = new ArrayList<>();
    private final Subscription subscription;

    RecordingPlayer(StreamRegistry registry, StreamKey key) {
        subscription = registry.subscribe(key, this, this);
    }

    @Override
    public void itemsAvailable() {
        thread.execute(this::drain);
    }

    private void drain() {
        StreamItem item;
        while ((item = subscription.poll()) != null) {
            long now = System.nanoTime();
            if (item instanceof MediaMessage m) {
                try {
                    String codec = m.type() == MessageType.VIDEO ? MediaCodecs.videoCodec(m.payload())
                            : m.type() == MessageType.AUDIO ? MediaCodecs.audioCodec(m.payload()) : "";
                    add(new Received(null, m.type(), m.timestamp(), m.isKeyframe(), m.isSequenceHeader(), codec, m.size(), now));
                } finally {
                    m.release();
                }
            } else {
                add(new Received((StreamEvent) item, null, 0, false, false, "", 0, now));
            }
        }
    }

    private synchronized void add(Received r) {
        received.add(r);
    }

    synchronized List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Media messages only. */
    List<Received> media() {
        return received().stream().filter(r -> r.event() == null).toList();
    }

    boolean got(StreamEvent event) {
        return received().stream().anyMatch(r -> r.event() == event);
    }

    @Override
    public void close() throws InterruptedException {
        thread.execute(subscription::close);
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public String id() {
        return "player";
    }

    @Override
    public String protocol() {
        return "test";
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public Instant connectedAt() {
        return Instant.EPOCH;
    }

    @Override
    public String state() {
        return "play " + subscription.key();
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return 0;
    }

    @Override
    public void close(String reason) {
        thread.execute(subscription::close);
    }
}
