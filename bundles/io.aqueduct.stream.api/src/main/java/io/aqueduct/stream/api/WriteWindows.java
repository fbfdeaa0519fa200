package io.aqueduct.stream.api;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Merged writes ({@code play { mw_latency N; }}, SRS semantics): a player with something to write is drained at
 * the next tick of its event loop's window instead of at once. All players of one loop that became ready in a
 * window are drained in the same tick, so each writes the window's messages in one write, and players in step
 * drain identical runs of messages and can share their bytes ({@link MediaMessage#encodedRun}). A loop's window
 * only ticks while some player there is waiting.
 *
 * <p>Ticks keep a cadence: the next is due one window after the previous was due, not one window after the first
 * player became ready again. Otherwise the time a tick takes, and the wait for the next message after it, would
 * stretch every window (at 4000 RTMP players on one core a 100 ms window became about 135 ms, and latency with
 * it). A player that becomes ready when a whole window has passed since the last tick (a quiet stream) is drained
 * at once: the window bounds how often a loop writes, and an idle loop has nothing to merge.
 *
 * <p>A tick drains its players in slices of about a millisecond, and the loop reads its sockets between them: a
 * tick of 6000 players takes some 60 ms of a core, and as one task it kept the publisher's next message unread
 * (and new players unanswered) until it ended. A message read between slices reaches the players the tick has not
 * drained yet.
 *
 * <p>A protocol server keeps one instance for its event loops. Thread-safe.
 */
public final class WriteWindows {

    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(WriteWindows.class);

    /**
     * A play parameter ({@code ?aqueduct_relay=1}) by which a server that relays the stream (an edge pulling from
     * its origin) asks to be written at once: its own players' window applies once, so a hop adds no window.
     */
    public static final String RELAY_PARAMETER = "aqueduct_relay";

    /** Bounds the ready players of one window; past it a player is drained on its own (still after the window). */
    private static final int MAX_READY = 1 << 20;
    /** Loops times distinct windows; past it players schedule their own drains. */
    private static final int MAX_WINDOWS = 4096;
    /**
     * How long a tick drains players before the loop reads its sockets; 0 drains a whole tick at once. A system
     * property for benchmarks.
     */
    static final long SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("aqueduct.window.sliceMicros", 1000));

    private final ConcurrentHashMap<Key, MergedWindow> windows = new ConcurrentHashMap<>();

    /**
     * Drains {@code player} on {@code loop} at the end of the current window of {@code windowMillis}, or at once
     * when the window is 0 or less. A player that becomes ready often keeps its {@link #window} instead.
     */
    public void ready(EventExecutor loop, int windowMillis, Runnable player) {
        window(loop, windowMillis).ready(player);
    }

    /**
     * The window that players of {@code loop} with {@code windowMillis} share, for a player to keep: its
     * {@link Window#ready} is then a queue offer, with no lookup (a stream wakes every waiting player per message
     * or window, 4000 of them at a time).
     *
     * @since 1.3
     */
    public Window window(EventExecutor loop, int windowMillis) {
        if (windowMillis <= 0) {
            return player -> execute(loop, player);
        }
        Key key = new Key(loop, windowMillis);
        Window w = windows.get(key);
        if (w == null) {
            if (windows.size() >= MAX_WINDOWS) {
                return player -> schedule(loop, player, windowMillis, TimeUnit.MILLISECONDS);
            }
            w = windows.computeIfAbsent(key, k -> new MergedWindow(k.loop, k.millis));
        }
        return w;
    }

    /**
     * One loop's window of one length.
     *
     * @since 1.3
     */
    @FunctionalInterface
    public interface Window {
        /** Drains {@code player} on the window's loop at the end of the current window. Thread-safe. */
        void ready(Runnable player);
    }

    /** Forgets the windows of loops that are gone (a server that stopped its loops calls this). */
    public void clear() {
        windows.clear();
    }

    private record Key(EventExecutor loop, int millis) {
    }

    /**
     * Runs {@code player} on {@code loop}, unless the loop has shut down: its server stopped, which closed the
     * player's connection with it. (A stream that unpublishes as the server stops wakes such players.)
     */
    private static void execute(EventExecutor loop, Runnable player) {
        try {
            loop.execute(player);
        } catch (RejectedExecutionException e) {
            LOG.debug("a player's event loop has shut down; not draining it");
        }
    }

    private static boolean schedule(EventExecutor loop, Runnable task, long delay, TimeUnit unit) {
        try {
            loop.schedule(task, delay, unit);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("a player's event loop has shut down; not draining it");
            return false;
        }
    }

    private static final class MergedWindow implements Window {
        private final EventExecutor loop;
        private final int millis;
        private final Queue<Runnable> ready = PlatformDependent.newMpscQueue(1024, MAX_READY);
        private final AtomicBoolean armed = new AtomicBoolean();
        private final Runnable tick = this::tick;
        private final long windowNanos;
        /** When the last armed tick was due; written only by the thread that armed it. */
        private volatile long lastDue;
        private final Runnable resume = this::drain;
        /** Players the current tick has still to drain; on the loop only. */
        private int due;
        /** A tick's drain is to resume after the loop's I/O; on the loop only. */
        private boolean sliced;

        MergedWindow(EventExecutor loop, int millis) {
            this.loop = loop;
            this.millis = millis;
            this.windowNanos = TimeUnit.MILLISECONDS.toNanos(millis);
            this.lastDue = System.nanoTime() - windowNanos;
        }

        @Override
        public void ready(Runnable player) {
            if (!ready.offer(player)) {
                schedule(loop, player, millis, TimeUnit.MILLISECONDS);
                return;
            }
            if (armed.compareAndSet(false, true)) {
                arm();
            }
        }

        /** Schedules the next tick one window after the last was due, or at once after a quiet window. */
        private void arm() {
            long now = System.nanoTime();
            long due = lastDue + windowNanos;
            if (due - now <= 0) {
                due = now;
            }
            lastDue = due;
            if (due == now) {
                execute(loop, tick);
            } else {
                schedule(loop, tick, due - now, TimeUnit.NANOSECONDS);
            }
        }

        private void tick() {
            // Disarm first: a player that becomes ready while this tick runs arms the next one.
            armed.set(false);
            // Every player waiting now, those a slow tick has not reached yet included: they are due too.
            due = ready.size();
            if (!sliced) {
                drain();
            }
        }

        /** Drains the tick's players until the slice is used up, then resumes after the loop's next I/O. */
        private void drain() {
            sliced = false;
            long sliceEnd = System.nanoTime() + SLICE_NANOS;
            try {
                while (due > 0) {
                    Runnable player = ready.poll();
                    if (player == null) {
                        due = 0;
                        break;
                    }
                    due--;
                    try {
                        player.run();
                    } catch (RuntimeException e) {
                        // One player's failure must not keep the others of the window from writing.
                        LOG.warn("a player failed in its merged-write window of {} ms", millis, e);
                    }
                    // The clock after every player (a vDSO read, against a socket write per player): players
                    // differ too much to count them instead (a newcomer writes a whole GOP).
                    if (SLICE_NANOS > 0 && due > 0 && System.nanoTime() - sliceEnd >= 0) {
                        // A scheduled task runs after the loop's next I/O; a queued one would run before it.
                        sliced = schedule(loop, resume, 0, TimeUnit.NANOSECONDS);
                        if (sliced) {
                            return;
                        }
                    }
                }
            } finally {
                // An Error left players waiting: they must not wait for a newcomer to arm the window.
                if (!sliced && !ready.isEmpty() && armed.compareAndSet(false, true)) {
                    arm();
                }
            }
        }
    }
}
