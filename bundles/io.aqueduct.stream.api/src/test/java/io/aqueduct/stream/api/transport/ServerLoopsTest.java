package io.aqueduct.stream.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.WriteWindows;
import io.aqueduct.testing.Await;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ServerLoopsTest {

    private static final int TASKS = 20_000;

    /**
     * A fan-out queues thousands of tasks on one loop; the loop must still read its sockets in between (the
     * publisher's next message), not only once every task ran (Netty 4.2 runs tasks for up to a second).
     */
    @Test
    void aWorkerLoopReadsItsSocketsBetweenQueuedTasks() throws Exception {
        assertTheLoopReadsBeforeAllWorkIsDone("tasks", (loop, work) -> {
            for (int i = 0; i < TASKS; i++) {
                loop.execute(work);
            }
        });
    }

    /**
     * A merged-write tick of thousands of players is one task as far as the loop knows; it must still let the
     * loop read its sockets between slices of players, so the publisher's next message reaches the players the
     * tick has not drained yet (fails with {@code -Daqueduct.window.sliceMicros=0}).
     */
    @Test
    void aMergedWriteTickLetsTheLoopReadItsSocketsBetweenPlayers() throws Exception {
        assertTheLoopReadsBeforeAllWorkIsDone("players of the tick", (loop, work) -> {
            WriteWindows.Window window = new WriteWindows().window(loop, 90);
            // Queued from the loop itself, so the (at once) tick of the quiet window finds every player ready.
            loop.execute(() -> {
                for (int i = 0; i < TASKS; i++) {
                    window.ready(work);
                }
            });
        });
    }

    /**
     * Has {@code queue} put {@link #TASKS} runs of 25 us of work on the loop of a connection, then sends that
     * connection a byte once the work began: the loop must read it before all the work is done.
     */
    private static void assertTheLoopReadsBeforeAllWorkIsDone(String what, BiConsumer<EventLoop, Runnable> queue)
            throws Exception {
        AtomicReference<EventLoop> loopOfConnection = new AtomicReference<>();
        AtomicInteger left = new AtomicInteger(TASKS);
        AtomicInteger leftWhenRead = new AtomicInteger(-1);
        ServerLoops loops = new ServerLoops("test", true, 1);
        Listeners listeners = new Listeners("test server", loops.bootstrap(new Recorder(loopOfConnection, left,
                leftWhenRead), new WriteBufferWaterMark(1024, 4096)), loops.transport());
        try {
            listeners.listen(List.of("127.0.0.1:0"));
            String bound = listeners.boundAddresses().get(0);
            int port = Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1));
            try (Socket client = new Socket("127.0.0.1", port)) {
                Await.until(Duration.ofSeconds(10), () -> loopOfConnection.get() != null, "the connection accepted");
                CountDownLatch began = new CountDownLatch(1);
                queue.accept(loopOfConnection.get(), () -> {
                    began.countDown();
                    long until = System.nanoTime() + 25_000; // a player's write: about 25 us of work
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    left.decrementAndGet();
                });
                assertTrue(began.await(10, TimeUnit.SECONDS), "the work began");
                OutputStream out = client.getOutputStream();
                out.write(1);
                out.flush();
                Await.until(Duration.ofSeconds(20), () -> leftWhenRead.get() >= 0, "the byte read");
                assertTrue(leftWhenRead.get() > 0, "read only after all " + TASKS + " " + what + " ran");
                Await.until(Duration.ofSeconds(20), () -> left.get() == 0, "all the work done");
                assertEquals(0, left.get());
            }
        } finally {
            listeners.closeAll();
            loops.shutdown();
        }
    }

    @ChannelHandler.Sharable
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        private final AtomicReference<EventLoop> loop;
        private final AtomicInteger left;
        private final AtomicInteger leftWhenRead;

        Recorder(AtomicReference<EventLoop> loop, AtomicInteger left, AtomicInteger leftWhenRead) {
            this.loop = loop;
            this.left = left;
            this.leftWhenRead = leftWhenRead;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            loop.set(ctx.channel().eventLoop());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
            leftWhenRead.compareAndSet(-1, left.get());
        }
    }
}
