package io.aqueduct.stream.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    void playersReadyInOneWindowAreDrainedInOneTickAfterTheWindow() {
        List<Long> drained = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            windows.ready(loop, 200, () -> {
                drained.add(System.nanoTime());
                threads.add(Thread.currentThread());
            });
        }
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 100, "all 100 players drained");
        long earliest = drained.stream().mapToLong(Long::longValue).min().orElseThrow();
        long latest = drained.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(earliest - start >= TimeUnit.MILLISECONDS.toNanos(200), "drained only after the window");
        assertTrue(latest - earliest < TimeUnit.MILLISECONDS.toNanos(100),
                "all players of the window drained in one tick, spread " + (latest - earliest) / 1_000_000 + " ms");
        assertTrue(threads.stream().allMatch(t -> loop.inEventLoop(t)), "on the player's loop");
    }

    @Test
    void aPlayerReadyAgainAfterATickWaitsForTheNextWindow() {
        List<Long> drained = new CopyOnWriteArrayList<>();
        Runnable player = () -> drained.add(System.nanoTime());
        windows.ready(loop, 100, player);
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 1, "first window drained");
        long again = System.nanoTime();
        windows.ready(loop, 100, player);
        Await.until(Duration.ofSeconds(5), () -> drained.size() == 2, "second window drained");
        assertTrue(drained.get(1) - again >= TimeUnit.MILLISECONDS.toNanos(100), "a new window began");
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
}
