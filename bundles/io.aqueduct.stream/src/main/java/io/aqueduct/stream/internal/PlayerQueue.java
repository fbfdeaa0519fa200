package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.RunEncoder;
import io.aqueduct.stream.api.RunKey;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * One player's place in its stream: a position in the stream's shared {@link StreamLog}, and a few items of its
 * own in front of it (the start of the stream for a new player, the headers after a skip).
 *
 * <p>The publisher appends each message once to the log, whatever the number of players, and wakes only the
 * players that were waiting for more; a player copies what it has not read yet in batches
 * ({@link LiveStream#fill}), one lock per batch. So the cost per message and player is a reference copy made by
 * the player itself, not a queue operation on the publisher's thread (the fan-out's largest cost before: 4000
 * players at a 350 ms window spent 22 % of the server's CPU in offering messages to player queues).
 *
 * <p>Bounds: a player whose oldest unread media is more than {@code queue_length} behind the newest (checked at
 * each key frame), or {@link StreamLog#MAX_ITEMS} items, loses whole GOPs: it moves to the latest key frame, and
 * reads a {@link io.aqueduct.stream.api.StreamEvent#SKIPPED} marker, the metadata and sequence headers first.
 * Neither the publisher nor other players ever wait for it.
 *
 * <p>Fields marked "stream lock" are used under the stream's lock only; the batch by the player's thread only.
 */
final class PlayerQueue implements Subscription {

    /** Items a player copies per lock. */
    static final int FETCH = 64;

    private final LiveStream stream;
    private final ClientSession player;
    private final StreamSubscriber subscriber;

    // Stream lock.
    /** Number of the next log item this player reads. */
    long cursor;
    /** Items before the log position: the start of the stream, or the marker and headers after a skip. */
    final ArrayDeque<StreamItem> prefix = new ArrayDeque<>();
    /** Read everything and asked to be woken ({@link StreamSubscriber#itemsAvailable()}) when more comes. */
    boolean waiting;
    /** Skipped with no key frame to resume at: media is passed over until one comes. */
    boolean awaitingKeyframe;
    /** Where the stream's list of players holds this one; -1 once it left. */
    int slot = -1;
    /** Also read without the lock, to pass over a player that left. */
    volatile boolean closed;

    private volatile long dropped;

    // Player's thread.
    private final ArrayDeque<StreamItem> batch = new ArrayDeque<>();
    /** {@link #pollRun} found nothing to read and marked this player waiting: the next poll need not look again. */
    private boolean foundNothing;
    /** A run this player encodes for the players in step with it ({@link #pollRun}). */
    private final ArrayList<MediaMessage> runMessages = new ArrayList<>();

    PlayerQueue(LiveStream stream, ClientSession player, StreamSubscriber subscriber, long cursor) {
        this.stream = stream;
        this.player = player;
        this.subscriber = subscriber;
        this.cursor = cursor;
    }

    ClientSession player() {
        return player;
    }

    /** Tells the player that items arrived (it was waiting: once until it reads them all again). */
    void notifySubscriber() {
        subscriber.itemsAvailable();
    }

    /** Stream lock: counts media this player lost. */
    void dropped(long messages) {
        dropped = dropped + messages;
    }

    @Override
    public StreamItem poll() {
        StreamItem item = batch.poll();
        if (item == null) {
            if (foundNothing) {
                foundNothing = false;
                return null;
            }
            stream.fill(this, batch);
            item = batch.poll();
        }
        return item;
    }

    /**
     * Hands out the log's next media messages as a run: the cached bytes when a player in step computed them,
     * with no message touched; else this player encodes and caches them, unless the run's last message caches as
     * many runs or bytes of runs as it may, or the run is long and no other player asked for it before
     * ({@link MediaMessage#MAX_RUN_BYTES_ON_FIRST_ASK}). Then no run: the player writes the messages one by one
     * rather than copy them for itself. One lock either way: when there is no run, the first of what
     * {@link #poll()} returns next is fetched under it.
     */
    @Override
    public ByteBuf pollRun(Object format, int base, int maxMessages, RunEncoder encoder) {
        foundNothing = false;
        if (!batch.isEmpty() || maxMessages < 2) {
            return null;
        }
        MediaMessage last;
        RunKey key = null;
        int messages;
        long bytes;
        ByteBuf shared;
        synchronized (stream) {
            if (closed) {
                return null;
            }
            StreamLog log = stream.log();
            long from = cursor;
            if (awaitingKeyframe || !prefix.isEmpty() || from < log.first()) {
                stream.fill(this, batch); // poll() hands these out, with no second lock
                return null;
            }
            long to = Math.min(log.head(), from + maxMessages);
            if (stream.lastEvent() >= from) {
                for (long seq = from; seq < to; seq++) {
                    if (!(log.get(seq) instanceof MediaMessage)) {
                        to = seq;
                        break;
                    }
                }
            }
            messages = (int) (to - from);
            if (messages < 2) {
                stream.fill(this, batch);
                foundNothing = batch.isEmpty();
                return null;
            }
            bytes = log.bytes(from, to);
            last = (MediaMessage) log.get(to - 1);
            RunKey probe = stream.runProbe.setLogRun(format, (MediaMessage) log.get(from), messages, bytes, from,
                    base);
            shared = last.cachedRun(probe);
            if (shared == null && (!last.canCacheRun(bytes)
                    || bytes > MediaMessage.MAX_RUN_BYTES_ON_FIRST_ASK && !last.requestRun(probe))) {
                // No copy of its own: poll() hands the messages out, to be written sharing their wire forms. A long
                // run is copied only once a second player asks for it (one that fell behind asks alone).
                stream.fill(this, batch);
                return null;
            }
            cursor = to;
            stream.countOut(bytes);
            if (shared == null) {
                key = probe.copy();
                for (long seq = from; seq < to; seq++) {
                    runMessages.add(((MediaMessage) log.get(seq)).retain());
                }
            }
        }
        if (shared != null) {
            encoder.runTaken(messages, bytes);
            return shared;
        }
        // Encoded outside the lock: the publisher and the other players go on meanwhile.
        try {
            ByteBuf encoded;
            try {
                encoded = encoder.encodeRun(runMessages);
            } catch (RuntimeException | Error e) {
                batch.addAll(runMessages); // not lost: poll() hands them out after the failure
                runMessages.clear();
                throw e;
            }
            if (encoded == null) {
                batch.addAll(runMessages); // this player writes them one by one: poll() hands them out
                runMessages.clear();
                return null;
            }
            encoder.runTaken(messages, bytes);
            return last.cacheRun(key, encoded);
        } finally {
            for (int i = 0; i < runMessages.size(); i++) {
                runMessages.get(i).release();
            }
            runMessages.clear();
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
        return dropped;
    }

    @Override
    public void close() {
        stream.unsubscribe(this);
        StreamItem item;
        while ((item = batch.poll()) != null) {
            if (item instanceof MediaMessage m) {
                m.release();
            }
        }
    }

    /** Stream lock: releases the items of its own. */
    void releasePrefix() {
        StreamItem item;
        while ((item = prefix.poll()) != null) {
            if (item instanceof MediaMessage m) {
                m.release();
            }
        }
    }
}
