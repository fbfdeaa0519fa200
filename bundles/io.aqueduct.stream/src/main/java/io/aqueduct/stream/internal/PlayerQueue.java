package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One player's bounded queue. The stream's publisher thread is the producer ({@link #offer}, under the stream's
 * lock), the player's thread the consumer ({@link #poll}).
 *
 * <p>Bounds: at most {@code queue_length} of media (by timestamp, measured against what the player consumed last)
 * and at most {@link #MAX_ITEMS} items. Past either bound the producer drops media until the next key frame (a
 * whole-GOP skip); it then queues a {@link StreamEvent#SKIPPED} marker, the current metadata and sequence
 * headers, and the key frame. The consumer, seeing that a skip happened, discards the stale media before the
 * marker. Neither side ever waits for the other.
 */
final class PlayerQueue implements Subscription {

    static final int MAX_ITEMS = 16_384;
    private static final int CHUNK = 128;

    private final LiveStream stream;
    private final ClientSession player;
    private final StreamSubscriber subscriber;
    private final Queue<StreamItem> queue = PlatformDependent.newMpscQueue(CHUNK, MAX_ITEMS);
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Producer side (publisher thread, under the stream's lock).
    private long produced;
    private boolean skipping;
    private int backlogStartTimestamp;
    private long droppedByProducer;

    // Shared: written by one side, read by the other.
    private volatile long consumed;
    private volatile int consumedTimestamp;
    private volatile int skipEpoch;
    private volatile long droppedByConsumer;

    // Consumer side (player thread).
    private int seenEpoch;
    private int markersToPass;

    PlayerQueue(LiveStream stream, ClientSession player, StreamSubscriber subscriber) {
        this.stream = stream;
        this.player = player;
        this.subscriber = subscriber;
    }

    ClientSession player() {
        return player;
    }

    /** Producer: queues an event. */
    void offerEvent(StreamEvent event) {
        if (queue.offer(event)) {
            produced++;
            wakeup();
        }
    }

    /**
     * Producer: queues a message without bounds checks (the start of a stream for a new player: metadata, sequence
     * headers, GOP cache). Takes a new reference.
     */
    void offerUnbounded(MediaMessage message) {
        if (produced == consumed) {
            backlogStartTimestamp = message.timestamp();
        }
        if (queue.offer(message.retain())) {
            produced++;
            wakeup();
        } else {
            message.release();
        }
    }

    /**
     * Producer: queues a live message, or drops it when the player is too far behind. Takes a new reference when
     * queued.
     *
     * @return bytes queued (0 when dropped)
     */
    int offer(MediaMessage message, int queueLengthMillis) {
        if (closed.get()) {
            return 0;
        }
        if (skipping) {
            boolean canResume = message.isKeyframe() || (message.type() == MessageType.AUDIO && !stream.hasVideo());
            if (!canResume || backlogTooLong(message, queueLengthMillis / 2) || !queue.offer(StreamEvent.SKIPPED)) {
                droppedByProducer++;
                return 0;
            }
            skipping = false;
            produced++;
            stream.replayHeaders(this);
        } else if (backlogTooLong(message, queueLengthMillis)) {
            startSkipping();
            droppedByProducer++;
            return 0;
        }
        if (!queue.offer(message.retain())) {
            message.release();
            startSkipping();
            droppedByProducer++;
            return 0;
        }
        produced++;
        wakeup();
        return message.size();
    }

    /**
     * How far the player is behind: from the later of what it consumed last and where its current backlog began,
     * to this message.
     */
    private boolean backlogTooLong(MediaMessage message, int limitMillis) {
        long backlog = produced - consumed;
        if (backlog <= 0) {
            backlogStartTimestamp = message.timestamp();
            return false;
        }
        if (backlog >= MAX_ITEMS - 64) {
            return true;
        }
        int consumedTs = consumedTimestamp;
        int reference = consumedTs - backlogStartTimestamp > 0 ? consumedTs : backlogStartTimestamp;
        return message.timestamp() - reference > limitMillis;
    }

    private void startSkipping() {
        skipping = true;
        skipEpoch = skipEpoch + 1;
        wakeup();
    }

    private void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            subscriber.itemsAvailable();
        }
    }

    @Override
    public StreamItem poll() {
        int epoch = skipEpoch;
        if (epoch != seenEpoch) {
            markersToPass += epoch - seenEpoch;
            seenEpoch = epoch;
        }
        while (true) {
            StreamItem item = queue.poll();
            if (item == null) {
                wakeupPending.set(false);
                // A producer may have queued between the poll and the reset: look once more.
                item = queue.poll();
                if (item == null) {
                    return null;
                }
                wakeupPending.set(true);
            }
            consumed = consumed + 1;
            if (item instanceof MediaMessage m) {
                consumedTimestamp = m.timestamp();
                if (markersToPass > 0) {
                    droppedByConsumer = droppedByConsumer + 1;
                    m.release();
                    continue;
                }
            } else if (item == StreamEvent.SKIPPED && markersToPass > 0) {
                markersToPass--;
            }
            return item;
        }
    }

    @Override
    public StreamKey key() {
        return stream.key();
    }

    @Override
    public boolean isPublished() {
        return stream.isPublished();
    }

    @Override
    public long droppedMessages() {
        return droppedByProducer + droppedByConsumer;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stream.unsubscribe(this);
            drainAndRelease();
        }
    }

    /** Releases what is queued; called after the queue left the stream (no producer any more). */
    void drainAndRelease() {
        StreamItem item;
        while ((item = queue.poll()) != null) {
            if (item instanceof MediaMessage m) {
                m.release();
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }
}
