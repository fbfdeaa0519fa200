package io.aqueduct.bench.raw;

import io.aqueduct.bench.flv.FlvFile;
import io.aqueduct.bench.flv.FlvTag;
import io.aqueduct.bench.flv.SeiStamp;
import io.aqueduct.bench.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The raw reference: a plain TCP server that writes one FLV stream to every connected socket with no protocol
 * work. The file plays in a loop at real-time pace; every write window of {@code windowMillis} (0: each tag when it
 * is due) the due tags go into one shared buffer, and each event loop writes a retained duplicate of it to each of
 * its sockets. What it delivers per CPU-second is the practical limit of a fan-out server on this machine.
 *
 * <p>Buffers come from Netty's pooled allocator, as the server's media does ({@code MediaBuffers}): its
 * duplicates are recycled, so a write allocates nothing.
 *
 * <p>A socket that cannot take more (not writable) misses the window, as a live server drops for a slow player.
 */
public final class RawServer {

    private final FlvFile file;
    private final int windowMillis;
    private final Map<EventLoop, List<Channel>> socketsByLoop = new HashMap<>();
    private volatile boolean stopped;

    public RawServer(FlvFile file, int windowMillis) {
        this.file = file;
        this.windowMillis = windowMillis;
    }

    /** Listens on {@code port}, then paces the file until {@code durationMillis} passed (0: until stopped). */
    public void run(Transport transport, int threads, int port, long durationMillis) throws InterruptedException {
        EventLoopGroup boss = transport.newGroup(1);
        EventLoopGroup workers = transport.newGroup(threads);
        for (EventExecutor e : workers) {
            socketsByLoop.put((EventLoop) e, new ArrayList<>());
        }
        try {
            new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                    .childHandler(new Joiner())
                    .bind("127.0.0.1", port).sync();
            pace(PooledByteBufAllocator.DEFAULT, durationMillis);
        } finally {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    public void stop() {
        stopped = true;
    }

    private void pace(ByteBufAllocator alloc, long durationMillis) {
        long start = System.nanoTime();
        long end = durationMillis > 0 ? start + TimeUnit.MILLISECONDS.toNanos(durationMillis) : Long.MAX_VALUE;
        long windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        int first = file.firstTimestamp();
        long loopOffset = 0;
        List<FlvTag> media = file.media();
        int next = 0;
        while (!stopped && System.nanoTime() < end) {
            long tagDue = start + TimeUnit.MILLISECONDS.toNanos(loopOffset + media.get(next).timestamp() - first);
            // With a window, the tag waits for the first window boundary at or after its due time.
            long sendAt = windowNanos == 0 ? tagDue
                    : start + Math.floorDiv(tagDue - start + windowNanos - 1, windowNanos) * windowNanos;
            long wait;
            while ((wait = sendAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            ByteBuf shared = alloc.directBuffer();
            long now = System.nanoTime();
            // Everything due by now goes into this window's buffer.
            while (start + TimeUnit.MILLISECONDS.toNanos(loopOffset + media.get(next).timestamp() - first) <= now) {
                FlvTag tag = media.get(next);
                // Stamped like the publisher's frames, so the reference reports latency too.
                byte[] data = tag.isAvcNalus() ? SeiStamp.stamp(tag.data(), SeiStamp.nowMicros()) : tag.data();
                writeTag(shared, tag.type(), data, (int) (loopOffset + tag.timestamp() - first));
                if (++next == media.size()) {
                    next = 0;
                    loopOffset += file.loopMillis();
                }
            }
            broadcast(shared);
        }
    }

    private void broadcast(ByteBuf shared) {
        for (Map.Entry<EventLoop, List<Channel>> e : socketsByLoop.entrySet()) {
            List<Channel> sockets = e.getValue();
            shared.retain();
            e.getKey().execute(() -> {
                try {
                    for (Channel ch : sockets) {
                        if (ch.isWritable()) {
                            ch.writeAndFlush(shared.retainedDuplicate(), ch.voidPromise());
                        }
                    }
                } finally {
                    shared.release();
                }
            });
        }
        shared.release();
    }

    static void writeTag(ByteBuf out, int type, byte[] data, int timestamp) {
        out.writeByte(type);
        out.writeMedium(data.length);
        out.writeMedium(timestamp & 0xFFFFFF);
        out.writeByte(timestamp >>> 24);
        out.writeMedium(0);
        out.writeBytes(data);
        out.writeInt(11 + data.length);
    }

    /** Sends the FLV header and configuration tags, then adds the socket to its event loop's list. */
    private final class Joiner extends ChannelInboundHandlerAdapter {
        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf prefix = ctx.alloc().directBuffer();
            prefix.writeBytes(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
            for (FlvTag tag : file.config()) {
                writeTag(prefix, tag.type(), tag.data(), 0);
            }
            ctx.writeAndFlush(prefix, ctx.voidPromise());
            socketsByLoop.get(ctx.channel().eventLoop()).add(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            socketsByLoop.get(ctx.channel().eventLoop()).remove(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
