package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.RunKey;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.StreamItem;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream: its publisher, the log of recent items its players read from, and what a new player needs first
 * ({@link StreamStart}: metadata, sequence headers, GOP cache).
 *
 * <p>Publish, subscribe, unsubscribe, send and a player's {@link #fill} hold this object's lock, so a new player
 * sees exactly the media after its cached start, with no gap or duplicate. The publisher holds it once per message
 * (append, wake the players that wait); a player once per batch it reads.
 */
final class LiveStream implements StreamInfo {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

    private final StreamKey key;
    private final RegistryContext context;
    /**
     * The players, in no order; under this object's lock. Not a copy-on-write list: each join copied the whole
     * list, and 6000 players joining made some 70 MB of garbage.
     */
    private final ArrayList<PlayerQueue> players = new ArrayList<>();
    /** {@code players.size()}, for readers without the lock. */
    private volatile int playerCount;
    private final StreamLog log = new StreamLog();
    /** Players that read everything, to wake at the next item. */
    private ArrayList<PlayerQueue> waiting = new ArrayList<>();
    /** A woken list, emptied, for the next {@link #takeWaiting}; set outside the lock. */
    private final AtomicReference<ArrayList<PlayerQueue>> spareWaiting = new AtomicReference<>();
    /** Log number of the latest key frame: where a player that fell behind resumes. */
    private long lastKeyframe = -1;
    /** Looks up players' runs in the log ({@link PlayerQueue#pollRun}); under this object's lock. */
    final RunKey runProbe = new RunKey();
    /** Log number of the latest event (publish, unpublish): runs of media stop before events. */
    private long lastEvent = -1;
    private int newestTimestamp;
    private final StreamStart start = new StreamStart();
    /** The messages whose runs may still serve players in step; older ones' runs are dropped. */
    private final RecentRuns recentRuns = new RecentRuns();
    private final TimestampCorrector timestamps = new TimestampCorrector();
    private final RateMeter rateIn = new RateMeter();
    private final RateMeter rateOut = new RateMeter();

    private volatile StreamPublication publication;
    private volatile Instant publishedSince;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long lastMediaNanos;
    private volatile long publishNanos;
    private volatile boolean sawMedia;

    LiveStream(StreamKey key, RegistryContext context) {
        this.key = key;
        this.context = context;
    }

    @Override
    public StreamKey key() {
        return key;
    }

    synchronized StreamPublication publish(ClientSession publisher) {
        if (publication != null) {
            return null;
        }
        StreamPublication p = new StreamPublication(this, publisher);
        publication = p;
        publishedSince = Instant.now();
        publishNanos = System.nanoTime();
        sawMedia = false;
        timestamps.newSession();
        append(StreamEvent.PUBLISH);
        wake(takeWaiting());
        return p;
    }

    synchronized boolean unpublish(StreamPublication p) {
        if (publication != p) {
            return false;
        }
        publication = null;
        publishedSince = null;
        start.clear();
        recentRuns.clear();
        lastKeyframe = -1;
        append(StreamEvent.UNPUBLISH);
        wake(takeWaiting());
        return true;
    }

    /** Adds a player at the log's head; a live stream's start is its own, in front. */
    synchronized PlayerQueue subscribe(ClientSession player, StreamSubscriber subscriber) {
        PlayerQueue q = new PlayerQueue(this, player, subscriber, log.head());
        q.slot = players.size();
        players.add(q);
        playerCount = players.size();
        if (publication != null) {
            start.addAll(q.prefix, context.vhost(key.vhost()).gopCache());
        }
        if (q.prefix.isEmpty()) {
            q.waiting = true;
            waiting.add(q);
        } else {
            q.notifySubscriber();
        }
        return q;
    }

    void unsubscribe(PlayerQueue q) {
        boolean removed;
        synchronized (this) {
            removed = !q.closed && q.slot >= 0;
            if (removed) {
                // The last player takes the leaver's slot: no shift, no copy.
                PlayerQueue last = players.remove(players.size() - 1);
                if (last != q) {
                    players.set(q.slot, last);
                    last.slot = q.slot;
                }
                q.slot = -1;
                playerCount = players.size();
            }
            q.closed = true;
            if (q.waiting) {
                waiting.remove(q); // a stream without a publisher may see many players come and go
                q.waiting = false;
            }
            q.releasePrefix();
            if (players.isEmpty()) {
                log.clear();
                recentRuns.clear();
                players.trimToSize();
            }
        }
        if (removed) {
            context.playerLeft(this, q.player());
        }
    }

    /**
     * A player's read: moves its own items and up to {@link PlayerQueue#FETCH} log items after its position to
     * {@code out} (new references), or marks it waiting when there are none.
     */
    synchronized void fill(PlayerQueue q, ArrayDeque<StreamItem> out) {
        if (q.closed) {
            return;
        }
        StreamItem own;
        while ((own = q.prefix.poll()) != null) {
            out.add(own);
        }
        if (q.cursor < log.first()) {
            q.dropped(log.first() - q.cursor); // not expected: the log keeps what players have not read
            q.cursor = log.first();
        }
        long bytes = 0;
        int n = 0;
        long head = log.head();
        while (q.cursor < head && n < PlayerQueue.FETCH) {
            StreamItem item = log.get(q.cursor++);
            if (item instanceof MediaMessage m) {
                if (q.awaitingKeyframe) {
                    if (!canResumeAt(m)) {
                        q.dropped(1);
                        continue;
                    }
                    q.awaitingKeyframe = false;
                    out.add(StreamEvent.SKIPPED);
                    start.addHeaders(out);
                }
                out.add(m.retain());
                bytes += m.size();
            } else {
                out.add(item);
            }
            n++;
        }
        if (out.isEmpty() && !q.waiting) {
            q.waiting = true;
            waiting.add(q);
        }
        if (bytes > 0) {
            countOut(bytes);
        }
    }

    private boolean canResumeAt(MediaMessage m) {
        return m.isKeyframe() || (m.type() == MessageType.AUDIO && !start.hasVideo());
    }

    /** Appends to the log when someone reads it; returns the item's number, or -1. */
    private long append(StreamItem item) {
        if (players.isEmpty()) {
            return -1;
        }
        if (log.isFull()) {
            moveLaggards(true);
        }
        long seq = log.append(item, newestTimestamp);
        if (!(item instanceof MediaMessage)) {
            lastEvent = seq;
        }
        return seq;
    }

    /** The log, for a player's run ({@link PlayerQueue#pollRun}); under this object's lock. */
    StreamLog log() {
        return log;
    }

    /** Log number of the latest event, or -1; under this object's lock. */
    long lastEvent() {
        return lastEvent;
    }

    /** Counts media handed to a player; under this object's lock. */
    void countOut(long bytes) {
        bytesOut += bytes;
        rateOut.add(bytes);
    }

    /** The players that wait, no longer marked waiting: the caller wakes them, outside the lock where it can. */
    private List<PlayerQueue> takeWaiting() {
        if (waiting.isEmpty()) {
            return List.of();
        }
        ArrayList<PlayerQueue> wake = waiting;
        ArrayList<PlayerQueue> next = spareWaiting.getAndSet(null);
        waiting = next != null ? next : new ArrayList<>(wake.size());
        for (int i = 0; i < wake.size(); i++) {
            wake.get(i).waiting = false;
        }
        return wake;
    }

    private void wake(List<PlayerQueue> players) {
        RuntimeException failure = null;
        int failed = 0;
        for (int i = 0; i < players.size(); i++) {
            PlayerQueue q = players.get(i);
            if (!q.closed) {
                try {
                    q.notifySubscriber();
                } catch (RuntimeException e) {
                    // One player's protocol bundle failing must not keep the others from their media.
                    failure = failure == null ? e : failure;
                    failed++;
                }
            }
        }
        if (failure != null) {
            LOG.warn("stream {}: {} of {} player(s) failed to take a wake-up", key, failed, players.size(), failure);
        }
        if (players instanceof ArrayList<PlayerQueue> list) {
            list.clear();
            spareWaiting.set(list); // reused: with writes at once, every message wakes every player
        }
    }

    /**
     * Moves the players that fell behind (more than {@code queue_length}, or half the log) to the latest key frame,
     * and releases what no player will read.
     */
    private void moveLaggards(boolean logFull) {
        int queueLength = context.vhost(key.vhost()).queueLengthMillis();
        long head = log.head();
        long oldest = head;
        for (int i = 0; i < players.size(); i++) {
            PlayerQueue q = players.get(i);
            if (q.cursor < head) {
                boolean behind = head - q.cursor >= StreamLog.MAX_ITEMS / 2
                        || newestTimestamp - log.timestamp(q.cursor) > queueLength;
                if (behind || (logFull && q.cursor == log.first())) {
                    skip(q);
                }
            }
            oldest = Math.min(oldest, q.cursor);
        }
        log.trimTo(oldest);
    }

    private void skip(PlayerQueue q) {
        long from = q.cursor;
        long to;
        if (lastKeyframe > from && log.head() - lastKeyframe < StreamLog.MAX_ITEMS / 2) {
            to = lastKeyframe;
            q.awaitingKeyframe = false;
        } else {
            to = log.head();
            q.awaitingKeyframe = start.hasVideo(); // then the marker and headers come with the next key frame
        }
        // Media is passed over; publish and unpublish events stay, in order: they tell the player that the stream
        // ended or began again.
        long droppedMedia = 0;
        ArrayDeque<StreamItem> kept = new ArrayDeque<>();
        for (StreamItem item : q.prefix) {
            if (item instanceof MediaMessage m) {
                m.release();
                droppedMedia++;
            } else if (item != StreamEvent.SKIPPED) {
                kept.add(item);
            }
        }
        q.prefix.clear();
        for (long seq = from; seq < to; seq++) {
            StreamItem item = log.get(seq);
            if (item instanceof MediaMessage) {
                droppedMedia++;
            } else if (item != StreamEvent.SKIPPED) {
                kept.add(item);
            }
        }
        q.prefix.addAll(kept);
        q.cursor = to;
        if (!q.awaitingKeyframe) {
            q.prefix.add(StreamEvent.SKIPPED);
            start.addHeaders(q.prefix);
        }
        q.dropped(droppedMedia);
    }

    /** The publisher's media: corrected, cached, queued to every player. Takes ownership of {@code message}. */
    void send(StreamPublication from, MediaMessage message) {
        // Players are woken after the lock is left: players on other loops need it to read, and on one core a
        // player spinning for a lock held by a preempted publisher wastes its time slice.
        wake(appendMedia(from, message));
    }

    private synchronized List<PlayerQueue> appendMedia(StreamPublication from, MediaMessage message) {
        if (publication != from) {
            message.release();
            return List.of();
        }
        Vhost vhost = context.vhost(key.vhost());
        message = message.withTimestamp(timestamps.correct(message.timestamp(), vhost.timeJitter()));
        try {
            int size = message.size();
            bytesIn += size;
            rateIn.add(size);
            lastMediaNanos = System.nanoTime();
            sawMedia = true;
            start.add(message, vhost.gopCache());
            // Also with no player yet: players that join read the GOP cache, and runs of it would live a GOP.
            recentRuns.add(message, lastMediaNanos, RecentRuns.lifetimeNanos(vhost.mergedWriteMillis()));
            newestTimestamp = message.timestamp();
            long seq = append(message);
            if (seq >= 0) {
                if (message.isKeyframe()) {
                    lastKeyframe = seq;
                }
                // Players are checked once per GOP (audio only: every 64 messages; and every 256 messages for long
                // GOPs), not once per message.
                if (message.isKeyframe() || (seq & 255) == 0 || (!start.hasVideo() && (seq & 63) == 0)) {
                    moveLaggards(false);
                }
            }
            return takeWaiting();
        } finally {
            message.release();
        }
    }

    /** Called when the registry drops the stream: releases the caches of a stream nobody uses. */
    synchronized void dispose() {
        start.clear();
        recentRuns.clear();
        if (players.isEmpty()) {
            log.clear(); // else the last player to leave clears it: the players still read what it holds
        }
    }

    boolean isPublished() {
        return publication != null;
    }

    StreamPublication publication() {
        return publication;
    }

    boolean isIdle() {
        return publication == null && playerCount == 0;
    }

    /** Nanoseconds since the publisher's last media, or since it began publishing when none came yet. */
    long silentNanos(long now) {
        return now - (sawMedia ? lastMediaNanos : publishNanos);
    }

    boolean sawMedia() {
        return sawMedia;
    }

    void sampleRates(long nowNanos) {
        rateIn.sample(nowNanos);
        rateOut.sample(nowNanos);
    }

    @Override
    public Optional<ClientSession> publisher() {
        StreamPublication p = publication;
        return p == null ? Optional.empty() : Optional.of(p.publisher());
    }

    @Override
    public Optional<Instant> publishedSince() {
        return Optional.ofNullable(publishedSince);
    }

    @Override
    public int players() {
        return playerCount;
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public long kbpsIn() {
        return rateIn.kbps();
    }

    @Override
    public long kbpsOut() {
        return rateOut.kbps();
    }

    @Override
    public String videoCodec() {
        return start.videoCodec();
    }

    @Override
    public String audioCodec() {
        return start.audioCodec();
    }

    int gopCacheSize() {
        return start.gopCacheSize();
    }

    @Override
    public String toString() {
        return key.toString();
    }
}
