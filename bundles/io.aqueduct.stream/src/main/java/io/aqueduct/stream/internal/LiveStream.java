package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaCodecs;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamSubscriber;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One stream: its publisher, its players' queues, and what a new player needs first (metadata, sequence
 * headers, GOP cache).
 *
 * <p>Publish, subscribe, unsubscribe and send hold this object's lock, so a new player sees exactly the media
 * after its cached start, with no gap or duplicate. The lock is per stream and uncontended on the media path
 * (only the publisher sends); players never take it to read.
 */
final class LiveStream implements StreamInfo {

    private final StreamKey key;
    private final RegistryContext context;
    private final CopyOnWriteArrayList<PlayerQueue> players = new CopyOnWriteArrayList<>();
    private final GopCache gop = new GopCache();
    private final TimestampCorrector timestamps = new TimestampCorrector();
    private final RateMeter rateIn = new RateMeter();
    private final RateMeter rateOut = new RateMeter();

    private volatile StreamPublication publication;
    private volatile Instant publishedSince;
    private volatile String videoCodec = "";
    private volatile String audioCodec = "";
    private volatile boolean hasVideo;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long lastMediaNanos;
    private volatile long publishNanos;
    private volatile boolean sawMedia;

    private MediaMessage metadata;
    private MediaMessage videoHeader;
    private MediaMessage audioHeader;

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
        for (PlayerQueue q : players) {
            q.offerEvent(StreamEvent.PUBLISH);
        }
        return p;
    }

    synchronized boolean unpublish(StreamPublication p) {
        if (publication != p) {
            return false;
        }
        publication = null;
        publishedSince = null;
        releaseCaches();
        for (PlayerQueue q : players) {
            q.offerEvent(StreamEvent.UNPUBLISH);
        }
        return true;
    }

    /** Adds a player; a live stream's start is queued at once. */
    synchronized PlayerQueue subscribe(ClientSession player, StreamSubscriber subscriber) {
        PlayerQueue q = new PlayerQueue(this, player, subscriber);
        players.add(q);
        if (publication != null) {
            replayHeaders(q);
            if (context.vhost(key.vhost()).gopCache()) {
                gop.forEach(q::offerUnbounded);
            }
        }
        return q;
    }

    void unsubscribe(PlayerQueue q) {
        boolean removed;
        synchronized (this) {
            removed = players.remove(q);
        }
        if (removed) {
            context.playerLeft(this, q.player());
        }
    }

    /** Queues metadata and sequence headers to one player (a new player, or one resuming after a skip). */
    void replayHeaders(PlayerQueue q) {
        if (metadata != null) {
            q.offerUnbounded(metadata);
        }
        if (videoHeader != null) {
            q.offerUnbounded(videoHeader);
        }
        if (audioHeader != null) {
            q.offerUnbounded(audioHeader);
        }
    }

    /** The publisher's media: corrected, cached, queued to every player. Takes ownership of {@code message}. */
    synchronized void send(StreamPublication from, MediaMessage message) {
        if (publication != from) {
            message.release();
            return;
        }
        Vhost vhost = context.vhost(key.vhost());
        message = message.withTimestamp(timestamps.correct(message.timestamp(), vhost.timeJitter()));
        try {
            int size = message.size();
            bytesIn += size;
            rateIn.add(size);
            lastMediaNanos = System.nanoTime();
            sawMedia = true;
            cache(message, vhost);
            long out = 0;
            for (PlayerQueue q : players) {
                out += q.offer(message, vhost.queueLengthMillis());
            }
            bytesOut += out;
            rateOut.add(out);
        } finally {
            message.release();
        }
    }

    private void cache(MediaMessage message, Vhost vhost) {
        switch (message.type()) {
            case METADATA -> metadata = replace(metadata, message);
            case VIDEO -> {
                if (!hasVideo) {
                    hasVideo = true;
                }
                if (message.isSequenceHeader()) {
                    videoHeader = replace(videoHeader, message);
                    videoCodec = MediaCodecs.videoCodec(message.payload());
                } else if (vhost.gopCache()) {
                    gop.add(message, true);
                }
            }
            case AUDIO -> {
                if (audioCodec.isEmpty()) {
                    audioCodec = MediaCodecs.audioCodec(message.payload());
                }
                if (message.isSequenceHeader()) {
                    audioHeader = replace(audioHeader, message);
                } else if (vhost.gopCache()) {
                    gop.add(message, hasVideo);
                }
            }
            default -> {
                // other script data is relayed, never cached
            }
        }
        if (videoCodec.isEmpty() && message.type() == MessageType.VIDEO) {
            videoCodec = MediaCodecs.videoCodec(message.payload());
        }
    }

    private static MediaMessage replace(MediaMessage old, MediaMessage now) {
        if (old != null) {
            old.release();
        }
        return now == null ? null : now.retain();
    }

    private void releaseCaches() {
        gop.clear();
        metadata = replace(metadata, null);
        videoHeader = replace(videoHeader, null);
        audioHeader = replace(audioHeader, null);
        hasVideo = false;
        videoCodec = "";
        audioCodec = "";
    }

    /** Called when the registry drops the stream: releases the caches of a stream nobody uses. */
    synchronized void dispose() {
        releaseCaches();
    }

    boolean hasVideo() {
        return hasVideo;
    }

    boolean isPublished() {
        return publication != null;
    }

    StreamPublication publication() {
        return publication;
    }

    boolean isIdle() {
        return publication == null && players.isEmpty();
    }

    Iterable<PlayerQueue> playerQueues() {
        return players;
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
        return players.size();
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
        return videoCodec;
    }

    @Override
    public String audioCodec() {
        return audioCodec;
    }

    int gopCacheSize() {
        return gop.size();
    }

    @Override
    public String toString() {
        return key.toString();
    }
}
