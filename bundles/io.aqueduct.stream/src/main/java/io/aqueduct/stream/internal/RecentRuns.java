package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.MediaMessage;
import java.util.ArrayDeque;

/**
 * The stream's latest messages, whose cached runs ({@link MediaMessage#sharedRun}) may still serve players in step:
 * a message's runs are dropped once it is older than a run's lifetime. Players in step drain a window's run within
 * a window or two of its last message's arrival; the GOP cache keeps the message for up to a GOP, and its runs
 * with it: 6000 HTTP-FLV players at 90 ms held 38–58 MB of runs before each key frame (95 MB during their ramp),
 * most of them long written, and one message may hold up to {@link MediaMessage#MAX_CACHED_RUN_BYTES}.
 *
 * <p>Bounded: at most {@link #MAX_MESSAGES}; past it the oldest loses its runs early. Not thread-safe: used under
 * the stream's lock.
 */
final class RecentRuns {

    /**
     * Messages tracked at most: a lifetime at 350 ms windows (0.9 s) of a stream of 280 messages a second; a
     * publisher sending faster than real time only has its runs dropped sooner.
     */
    static final int MAX_MESSAGES = 256;
    /** Added to two write windows: how late a player in step may drain, on a loaded loop. */
    static final long MARGIN_NANOS = 200_000_000L;

    private record Arrival(MediaMessage message, long nanos) {
    }

    private final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();

    /**
     * How long the runs of a message live: two merged-write windows (a player on another loop drains up to a
     * window after the first) and a margin.
     */
    static long lifetimeNanos(int mergedWriteMillis) {
        return 2L * mergedWriteMillis * 1_000_000L + MARGIN_NANOS;
    }

    /** Tracks a message that just arrived (takes a new reference) and drops the runs of those that expired. */
    void add(MediaMessage message, long nowNanos, long lifetimeNanos) {
        if (arrivals.size() >= MAX_MESSAGES) {
            expire(arrivals.pollFirst());
        }
        arrivals.addLast(new Arrival(message.retain(), nowNanos));
        Arrival oldest;
        while ((oldest = arrivals.peekFirst()) != null && nowNanos - oldest.nanos() > lifetimeNanos) {
            expire(arrivals.pollFirst());
        }
    }

    int size() {
        return arrivals.size();
    }

    /** Drops every tracked message's runs: the stream ended, or no player is left. */
    void clear() {
        Arrival a;
        while ((a = arrivals.pollFirst()) != null) {
            expire(a);
        }
    }

    private static void expire(Arrival a) {
        a.message().dropRuns();
        a.message().release();
    }
}
