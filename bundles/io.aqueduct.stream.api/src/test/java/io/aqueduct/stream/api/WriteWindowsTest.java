package io.aqueduct.stream.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WriteWindowsTest {

    private final DefaultEventExecutor loop = new DefaultEventExecutor();
    private final WriteWindows windows = new WriteWindows();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aPlayerWhoseLoopHasShutDownIsNotDrainedAndDoesNotFailTheWaker() {
        // A stream that unpublishes while its server stops wakes players whose loops are gone: the registry's
        // deactivate() threw RejectedExecutionException there, for writes at once and for windows alike.
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        List<String> drained = new CopyOnWriteArrayList<>();
        windows.ready(loop, 0, () -> drained.add("at once"));
        windows.ready(loop, 90, () -> drained.add("window, first"));
        windows.ready(loop, 90, () -> drained.add("window, queued"));
        assertEquals(List.of(), drained);
    }

    @Test
    void aPlayerReadyAfterAQuietWindowIsDrainedAtOnce() {
        List<Long> drained = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        windows.ready(loop, 1_000, () -> drained.add(System.nanoTime()));
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 1, "the player drained");
        assertTrue(drained.get(0) - start < TimeUnit.MILLISECONDS.toNanos(500),
                "nothing to merge with: drained at once, not after the window");
    }

    @Test
    void playersReadyInOneWindowAreDrainedInOneTickAWindowAfterTheLast() {
        List<Long> drained = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        windows.ready(loop, 200, () -> drained.add(System.nanoTime())); // a quiet loop: at once, starts the cadence
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 1, "the first player drained");
        for (int i = 0; i < 100; i++) {
            windows.ready(loop, 200, () -> {
                drained.add(System.nanoTime());
                threads.add(Thread.currentThread());
            });
        }
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 101, "all 100 players drained");
        List<Long> window = drained.subList(1, 101);
        long earliest = window.stream().mapToLong(Long::longValue).min().orElseThrow();
        long latest = window.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(earliest - start >= TimeUnit.MILLISECONDS.toNanos(200), "drained only a window after the last tick");
        assertTrue(latest - earliest < TimeUnit.MILLISECONDS.toNanos(100),
                "all players of the window drained in one tick, spread " + (latest - earliest) / 1_000_000 + " ms");
        assertTrue(threads.stream().allMatch(t -> loop.inEventLoop(t)), "on the player's loop");
    }

    @Test
    void aPlayerReadyAgainAfterATickWaitsForTheNextWindow() {
        List<Long> drained = new CopyOnWriteArrayList<>();
        Runnable player = () -> drained.add(System.nanoTime());
        long first = System.nanoTime();
        windows.ready(loop, 100, player);
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 1, "first window drained");
        windows.ready(loop, 100, player);
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 2, "second window drained");
        assertTrue(drained.get(1) - first >= TimeUnit.MILLISECONDS.toNanos(100), "a new window began");
    }

    @Test
    void aSlowTickDoesNotStretchTheWindows() {
        // Each tick works 40 ms, then the player is ready again: ticks stay one window apart, not window + 40 ms.
        List<Long> ticks = new CopyOnWriteArrayList<>();
        Runnable[] player = new Runnable[1];
        player[0] = () -> {
            long now = System.nanoTime();
            ticks.add(now);
            while (System.nanoTime() - now < TimeUnit.MILLISECONDS.toNanos(40)) {
                Thread.onSpinWait(); // the work of a tick that writes to many players
            }
            if (ticks.size() < 7) {
                windows.ready(loop, 100, player[0]);
            }
        };
        windows.ready(loop, 100, player[0]);
        Await.until(Duration.ofSeconds(5), () -> ticks.size() == 7, "7 ticks");
        for (int i = 1; i < 7; i++) {
            long gap = ticks.get(i) - ticks.get(i - 1);
            // A tick that ran late is followed by one a window after it was due: gaps vary by the lateness only.
            assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(60), "at most one tick per window, gap " + gap / 1_000_000);
        }
        long sixWindows = ticks.get(6) - ticks.get(0);
        assertTrue(sixWindows < TimeUnit.MILLISECONDS.toNanos(6 * 100 + 60),
                "the windows keep their cadence: 6 took " + sixWindows / 1_000_000 + " ms (stretched: 840)");
    }

    @Test
    void windowZeroDrainsAtOnceAndAFailingPlayerDoesNotStopTheOthers() {
        List<String> drained = new CopyOnWriteArrayList<>();
        windows.ready(loop, 0, () -> drained.add("now"));
        windows.ready(loop, 50, () -> {
            throw new IllegalStateException("broken player");
        });
        windows.ready(loop, 50, () -> drained.add("after the broken one"));
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 2, "both healthy players drained");
        assertEquals(List.of("now", "after the broken one"), drained);
    }

    @Test
    void playersThatKeepTheirWindowWaitForItsTick() {
        WriteWindows.Window first = windows.window(loop, 100);
        WriteWindows.Window second = windows.window(loop, 100);
        assertSame(first, second, "one window per loop and length");
        List<Long> drained = new CopyOnWriteArrayList<>();
        windows.ready(loop, 100, () -> drained.add(System.nanoTime())); // a quiet loop: at once, starts the cadence
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 1, "the first player drained");
        first.ready(() -> drained.add(System.nanoTime()));
        second.ready(() -> drained.add(System.nanoTime()));
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 3, "the kept windows drained");
        for (int i = 1; i < 3; i++) {
            long after = drained.get(i) - drained.get(0);
            assertTrue(after >= TimeUnit.MILLISECONDS.toNanos(80), "drained at the next tick, not at once: after "
                    + after / 1_000_000 + " ms");
        }
    }

    @Test
    void aTickLongerThanItsWindowDrainsInSlicesAndLosesNoPlayer() {
        // 4000 players of 50 us each: a 200 ms tick in 20 ms windows, drained in slices with ticks falling due
        // meanwhile; each player is ready twice (again from within its first drain) and must drain exactly twice.
        int players = 4000;
        AtomicIntegerArray drains = new AtomicIntegerArray(players);
        AtomicInteger total = new AtomicInteger();
        WriteWindows.Window window = windows.window(loop, 20);
        Runnable[] all = new Runnable[players];
        for (int i = 0; i < players; i++) {
            int id = i;
            all[i] = () -> {
                long until = System.nanoTime() + 50_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                if (drains.incrementAndGet(id) == 1) {
                    window.ready(all[id]);
                }
                total.incrementAndGet();
            };
        }
        for (Runnable player : all) {
            window.ready(player);
        }
        Await.until(Duration.ofSeconds(8), () -> total.get() == 2 * players, "every player drained twice");
        for (int i = 0; i < players; i++) {
            assertEquals(2, drains.get(i), "player " + i);
        }
    }
}
