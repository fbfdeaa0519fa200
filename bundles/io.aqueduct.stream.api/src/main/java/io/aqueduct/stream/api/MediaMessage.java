package io.aqueduct.stream.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One audio, video or script message of a live stream, shared by the publisher, the caches and every player.
 *
 * <p>The message is immutable and reference-counted: whoever holds it (a cache, a stream log, a player) holds one
 * reference and releases it when done. The payload is the FLV tag body (RTMP message body) and is never modified.
 * Wire encodings are computed once per message by {@link #encoded} and shared, so fan-out to many players copies
 * no payload.
 *
 * <p>Thread-safe.
 */
public final class MediaMessage extends AbstractReferenceCounted implements StreamItem {

    private static final AtomicReferenceFieldUpdater<MediaMessage, Cached> ENCODINGS =
            AtomicReferenceFieldUpdater.newUpdater(MediaMessage.class, Cached.class, "encodings");
    private static final AtomicReferenceFieldUpdater<MediaMessage, Cached> RUNS =
            AtomicReferenceFieldUpdater.newUpdater(MediaMessage.class, Cached.class, "runs");

    private final MessageType type;
    private final int timestamp;
    private final ByteBuf payload;
    private final byte flags;
    /**
     * Wire forms per {@link Encoding}, apart from the runs: a player writing message by message finds its encoding
     * at once, not behind up to {@link #MAX_CACHED_RUNS} runs (with 60 timestamp bases, walking past them was 5 %
     * of an HTTP-FLV server's CPU).
     */
    private volatile Cached encodings;
    /**
     * Runs ending with this message, newest first; each node counts the runs and bytes from it to the end.
     * {@link #DROPPED} once {@link #dropRuns} ran.
     */
    private volatile Cached runs;

    private static final byte KEYFRAME = 1;
    private static final byte SEQUENCE_HEADER = 2;
    /**
     * Runs cached per message ({@link #encodedRun}). Players in step share one per timestamp base, and HTTP-FLV
     * players that joined in different GOPs have different bases (6000 players ramped over 30 s: about 15, over
     * 120 s: about 60), and players of one base that drained at different points need a run each; past this
     * bound a player writes message by message instead of holding one more window of bytes.
     */
    public static final int MAX_CACHED_RUNS = 64;
    /**
     * Bytes of the runs cached per message: runs are a window's bytes (11 KB at 1 Mbit/s and 90 ms, 45 KB
     * at 350 ms), but players that fell behind drain up to a GOP in one, and 32 of those per message held a
     * stream's GOP 32 times over. Past it a player writes the messages one by one.
     *
     * @since 1.5
     */
    public static final int MAX_CACHED_RUN_BYTES = 2 * 1024 * 1024;
    /**
     * Runs up to this size are cached by the first player that asks, longer ones only when a second asks
     * ({@link #requestRun}). A window's run is this size or less (11 KB at 1 Mbit/s and 90 ms, 45 KB at 350 ms),
     * and the first of the players in step then shares it at once; a longer run is mostly a player that fell
     * behind catching up with seconds of the stream from a place of its own, which no other player drains: as a
     * 6000-player HTTP-FLV ramp ended, such copies held some 300 MB of direct memory for tens of seconds.
     *
     * @since 1.6
     */
    public static final int MAX_RUN_BYTES_ON_FIRST_ASK = 64 * 1024;

    /** The run list of a message whose runs were dropped: full, so nothing is cached any more. */
    private static final Cached DROPPED = new Cached(null, null, null, MAX_CACHED_RUNS);

    private MediaMessage(MessageType type, int timestamp, ByteBuf payload, byte flags) {
        this.type = type;
        this.timestamp = timestamp;
        this.payload = payload;
        this.flags = flags;
    }

    /**
     * Creates a message that takes ownership of {@code payload}.
     *
     * @param timestamp milliseconds, treated as unsigned 32 bits
     */
    public static MediaMessage of(MessageType type, int timestamp, ByteBuf payload) {
        byte flags = 0;
        if (type == MessageType.VIDEO) {
            if (MediaCodecs.isVideoKeyframe(payload)) {
                flags |= KEYFRAME;
            }
            if (MediaCodecs.isVideoSequenceHeader(payload)) {
                flags |= SEQUENCE_HEADER;
            }
        } else if (type == MessageType.AUDIO && MediaCodecs.isAudioSequenceHeader(payload)) {
            flags |= SEQUENCE_HEADER;
        }
        return new MediaMessage(type, timestamp, payload, flags);
    }

    public MessageType type() {
        return type;
    }

    /** Milliseconds (unsigned 32 bits). */
    public int timestamp() {
        return timestamp;
    }

    /** The body, shared: read it through its indexes or a duplicate, never consume or modify it. */
    public ByteBuf payload() {
        return payload;
    }

    public int size() {
        return payload.readableBytes();
    }

    /** A video message that starts a GOP (a key frame that is not a sequence header). */
    public boolean isKeyframe() {
        return (flags & KEYFRAME) != 0 && (flags & SEQUENCE_HEADER) == 0;
    }

    /** An AVC/HEVC/AV1/VP9 decoder configuration or an AAC AudioSpecificConfig. */
    public boolean isSequenceHeader() {
        return (flags & SEQUENCE_HEADER) != 0;
    }

    /**
     * Returns this message with another timestamp: this very message when it is the same, else a new message that
     * shares the payload. Either way the caller's reference moves to the returned message.
     */
    public MediaMessage withTimestamp(int newTimestamp) {
        if (newTimestamp == timestamp) {
            return this;
        }
        MediaMessage copy = new MediaMessage(type, newTimestamp, payload.retain(), flags);
        release();
        return copy;
    }

    /**
     * The wire form of this message in {@code encoding}, computed on first use and shared afterwards.
     *
     * @return a new reference (a retained duplicate) that the caller must release or hand to a channel write
     */
    public ByteBuf encoded(Encoding encoding, ByteBufAllocator alloc) {
        for (Cached c = encodings; c != null; c = c.next) {
            if (c.key == encoding) {
                return c.bytes.retainedDuplicate();
            }
        }
        return cache(encoding, encoding.encode(this, alloc), false);
    }

    /**
     * The wire form of a run of messages that ends with this one, as one buffer: what a player writes in one
     * merged-write window ({@code play { mw_latency }}). Players that drain the same run with the same
     * per-player state (equal {@code runKey}: the encoding, the run's first message, the timestamp base) share one
     * copy, computed by the first that asks. At most {@link #MAX_CACHED_RUNS} runs holding at most
     * {@link #MAX_CACHED_RUN_BYTES} are kept per message ({@link #canCacheRun}).
     *
     * @param runKey  identifies the run and everything that shapes its bytes; compared with {@code equals}
     * @param encoder computes the run's bytes when no player has yet; the result is owned by the cache
     * @return a new reference (a retained duplicate), or {@code null} when this message cannot cache one more run
     *         (write the messages one by one then)
     */
    public ByteBuf encodedRun(Object runKey, ByteBufAllocator alloc, Encoding encoder) {
        ByteBuf cached = lookUpRun(runKey);
        if (cached != null) {
            return cached;
        }
        if (!canCacheRun(runKey instanceof RunKey k ? k.bytes() : 0)) {
            return null;
        }
        ByteBuf encoded = encoder.encode(this, alloc);
        ByteBuf shared = cache(runKey, encoded, true);
        if (shared == null) {
            encoded.release(); // other players filled the cache meanwhile
        }
        return shared;
    }

    /**
     * Whether a run of {@code payloadBytes} ending with this message may be cached: this message caches fewer than
     * {@link #MAX_CACHED_RUNS} runs, and their bytes with this run's payload stay within
     * {@link #MAX_CACHED_RUN_BYTES}. Otherwise a run that no player computed yet would be one player's own copy,
     * and the player writes the messages one by one instead, sharing their wire forms: such copies cost a copy of
     * every byte per player (6000 HTTP-FLV players at 90 ms, a tenth of the drains), and when thousands of players
     * caught up at once each held up to a GOP of its own.
     *
     * @since 1.5
     */
    public boolean canCacheRun(long payloadBytes) {
        Cached head = runs;
        return head == null ? payloadBytes <= MAX_CACHED_RUN_BYTES
                : head.count < MAX_CACHED_RUNS && head.heldBytes + payloadBytes <= MAX_CACHED_RUN_BYTES;
    }

    /**
     * {@link #encodedRun} for a player that reuses one {@link RunKey}: looks the run up with {@code probe} as it is,
     * and only when no player computed it yet caches it under a {@link RunKey#copy copy}, so a window allocates no
     * key for a player that shares a run. A run of more than {@link #MAX_RUN_BYTES_ON_FIRST_ASK} is cached only
     * once a second player asks for it ({@link #requestRun}); the first gets {@code null}.
     *
     * @return a new reference (a retained duplicate), or {@code null} when this message cannot cache one more run
     *         or this player is the first to ask for a long one
     * @since 1.2
     */
    public ByteBuf sharedRun(RunKey probe, ByteBufAllocator alloc, Encoding encoder) {
        ByteBuf cached = lookUpRun(probe);
        if (cached != null) {
            return cached;
        }
        if (probe.bytes() > MAX_RUN_BYTES_ON_FIRST_ASK && !requestRun(probe)) {
            return null;
        }
        return encodedRun(probe.copy(), alloc, encoder);
    }

    /**
     * Records that a player asks for the run {@code probe} describes: returns whether a player asked for it before
     * (or computed it), so that the caller may encode and cache it; else marks it asked and returns {@code false},
     * and the caller writes the messages one by one. A mark holds no bytes and counts against
     * {@link #MAX_CACHED_RUNS}; when the list is full nothing is marked.
     *
     * @since 1.6
     */
    public boolean requestRun(RunKey probe) {
        while (true) {
            Cached head = runs;
            for (Cached c = head; c != null; c = c.next) {
                if (probe.equals(c.key)) {
                    return true;
                }
            }
            if (head != null && head.count >= MAX_CACHED_RUNS) {
                return false;
            }
            if (RUNS.compareAndSet(this, head, new Cached(probe.copy(), null, head))) {
                return false;
            }
        }
    }

    /**
     * The run cached under a key equal to {@code probe}, if a player computed it.
     *
     * @return a new reference (a retained duplicate), or {@code null}
     * @since 1.3
     */
    public ByteBuf cachedRun(RunKey probe) {
        return lookUpRun(probe);
    }

    /**
     * Releases the runs cached on this message, and caches none from now on: a run serves the players in step,
     * who drain it within a window or two of this message's arrival, while the message itself may stay for
     * seconds (a GOP cache holds a GOP). Players that ask later write the messages one by one. Safe against
     * players looking up or caching runs on other threads at the same time.
     *
     * @since 1.7
     */
    public void dropRuns() {
        for (Cached c = RUNS.getAndSet(this, DROPPED); c != null; c = c.next) {
            if (c.bytes != null) { // not a mark, nor the list of dropped runs
                c.release();
            }
        }
    }

    /** A new reference to the run cached under a key equal to {@code key}, or {@code null}. */
    private ByteBuf lookUpRun(Object key) {
        for (Cached c = runs; c != null; c = c.next) {
            if (c.bytes != null && key.equals(c.key)) {
                return c.retainedBytes(); // null when dropped meanwhile
            }
        }
        return null;
    }

    /**
     * Caches a run's bytes, computed by a player, under {@code key} (which no later change may touch: a
     * {@link RunKey#copy}), unless another player was first or this message cannot cache one more run
     * ({@link #canCacheRun}).
     *
     * @param bytes the run; this call takes it over
     * @return the bytes to write: a new reference to the cached run, or {@code bytes} itself when not cached
     * @since 1.3
     */
    public ByteBuf cacheRun(RunKey key, ByteBuf bytes) {
        ByteBuf shared = cache(key, bytes, true);
        return shared != null ? shared : bytes;
    }

    /**
     * Adds computed bytes under key unless another thread was first; returns a new reference to the cached bytes.
     * A run ({@code run}) is checked against the bounds again here, as players of other loops cache runs of the
     * same message at the same time: past them this returns {@code null} and {@code bytes} stay the caller's.
     */
    private ByteBuf cache(Object key, ByteBuf bytes, boolean run) {
        AtomicReferenceFieldUpdater<MediaMessage, Cached> list = run ? RUNS : ENCODINGS;
        while (true) {
            Cached head = list.get(this);
            for (Cached c = head; c != null; c = c.next) {
                if (c.bytes != null && c.key.equals(key)) {
                    // Another thread won the race: use its copy so every player shares one.
                    ByteBuf theirs = c.retainedBytes();
                    if (theirs == null) {
                        return null; // dropped meanwhile
                    }
                    bytes.release();
                    return theirs;
                }
            }
            Cached mine = new Cached(key, bytes, head);
            if (run && (mine.count > MAX_CACHED_RUNS || mine.heldBytes > MAX_CACHED_RUN_BYTES)) {
                return null;
            }
            // Taken before the entry is visible: a drop right after the swap may release the list's reference.
            ByteBuf reference = bytes.retainedDuplicate();
            if (list.compareAndSet(this, head, mine)) {
                return reference;
            }
            reference.release();
        }
    }

    @Override
    protected void deallocate() {
        payload.release();
        for (Cached c = ENCODINGS.getAndSet(this, null); c != null; c = c.next) {
            c.bytes.release();
        }
        for (Cached c = RUNS.getAndSet(this, null); c != null; c = c.next) {
            if (c.bytes != null) { // not a mark of a run asked for once, nor the list of dropped runs
                c.release();
            }
        }
    }

    @Override
    public MediaMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public MediaMessage touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public ReferenceCounted touch() {
        return touch(null);
    }

    @Override
    public String toString() {
        return type + "@" + Integer.toUnsignedString(timestamp) + " size=" + size()
                + (isKeyframe() ? " key" : "") + (isSequenceHeader() ? " seqhdr" : "");
    }

    private static final class Cached {
        private static final AtomicIntegerFieldUpdater<Cached> REFERENCES =
                AtomicIntegerFieldUpdater.newUpdater(Cached.class, "references");

        /** An {@link Encoding} (compared by identity) or a run key. */
        final Object key;
        /** {@code null}: a run one player asked for, not computed ({@link #requestRun}), or {@link #DROPPED}. */
        final ByteBuf bytes;
        final Cached next;
        /** Entries and their bytes from this one to the end of its list: a run list's bounds without a walk. */
        final int count;
        final long heldBytes;
        /**
         * The list's reference and those of players copying a reference to the bytes ({@link #retainedBytes}):
         * a run list is dropped while players read it, and a pooled buffer, once released, may be another's, so
         * it is released only when no player is between finding it and retaining it.
         */
        private volatile int references = 1;

        Cached(Object key, ByteBuf bytes, Cached next) {
            this(key, bytes, next, next == null ? 1 : next.count + 1);
        }

        Cached(Object key, ByteBuf bytes, Cached next, int count) {
            this.key = key;
            this.bytes = bytes;
            this.next = next;
            this.count = count;
            this.heldBytes = (next == null ? 0 : next.heldBytes) + (bytes == null ? 0 : bytes.readableBytes());
        }

        /** A new reference to the bytes (a retained duplicate), or {@code null} when they were released. */
        ByteBuf retainedBytes() {
            int n;
            do {
                n = references;
                if (n == 0) {
                    return null;
                }
            } while (!REFERENCES.compareAndSet(this, n, n + 1));
            try {
                return bytes.retainedDuplicate();
            } finally {
                release();
            }
        }

        void release() {
            if (REFERENCES.decrementAndGet(this) == 0) {
                bytes.release();
            }
        }
    }
}
