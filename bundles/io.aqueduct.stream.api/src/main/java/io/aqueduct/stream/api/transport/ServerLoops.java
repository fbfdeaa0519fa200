package io.aqueduct.stream.api.transport;

import io.aqueduct.stream.api.MediaBuffers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import io.netty.util.internal.SystemPropertyUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops of one protocol server and its server channel type: native epoll where it loads, NIO otherwise.
 * Each server keeps its own, so stopping one bundle frees its threads and leaves the other servers alone.
 */
public final class ServerLoops {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLoops.class);

    /**
     * How long a worker loop runs queued tasks before it reads its sockets again. Netty 4.2's default is 1000 ms
     * (and its system property cannot go below 100 ms): a fan-out of thousands of player tasks then kept the
     * publisher's next message unread until all were done. With 5 ms the loop reads between batches of tasks: 4000
     * players written at once on one core, RTMP probe p50 58.5 -> 28.0 ms, HTTP-FLV time to first video p50 285 ->
     * 27 ms, same CPU (bench/RESULTS.md 21:44, 21:48). {@code -Daqueduct.loop.taskQuantumMs=0} restores Netty's
     * default.
     */
    static final long TASK_QUANTUM_MS = Long.getLong("aqueduct.loop.taskQuantumMs", 5);
    /** Netty's own bound on a loop's queued tasks (the same property and default it reads). */
    private static final int MAX_PENDING_TASKS =
            Math.max(16, SystemPropertyUtil.getInt("io.netty.eventLoop.maxPendingTasks", Integer.MAX_VALUE));

    /** Worker loops that return to I/O after {@link #TASK_QUANTUM_MS} of tasks. */
    private static final class WorkerGroup extends MultiThreadIoEventLoopGroup {
        WorkerGroup(int n, ThreadFactory threads, IoHandlerFactory factory) {
            super(n, threads, factory);
        }

        @Override
        protected IoEventLoop newChild(Executor executor, IoHandlerFactory factory, Object... args) {
            return new SingleThreadIoEventLoop(this, executor, factory, MAX_PENDING_TASKS,
                    RejectedExecutionHandlers.reject(), TASK_QUANTUM_MS);
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> serverChannel;
    private final String transport;

    /**
     * @param name        names the threads ({@code name-accept}, {@code name-io}) and the log lines, e.g. {@code rtmp}
     * @param preferEpoll use native epoll when its bundle is installed and loads
     * @param threads     I/O threads; 0 or less for one per processor
     */
    public ServerLoops(String name, boolean preferEpoll, int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        IoHandlerFactory factory = null;
        Class<? extends ServerChannel> channel = NioServerSocketChannel.class;
        String kind = "nio";
        if (preferEpoll) {
            try {
                if (io.netty.channel.epoll.Epoll.isAvailable()) {
                    factory = io.netty.channel.epoll.EpollIoHandler.newFactory();
                    channel = io.netty.channel.epoll.EpollServerSocketChannel.class;
                    kind = "epoll";
                } else {
                    LOG.info("{} server: native epoll unavailable ({}), using NIO", name,
                            io.netty.channel.epoll.Epoll.unavailabilityCause().toString());
                }
            } catch (LinkageError e) {
                LOG.info("{} server: native epoll bundle not installed, using NIO", name);
            }
        }
        if (factory == null) {
            factory = NioIoHandler.newFactory();
        }
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true), factory);
        workers = TASK_QUANTUM_MS > 0
                ? new WorkerGroup(n, new DefaultThreadFactory(name + "-io", true), factory)
                : new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory(name + "-io", true), factory);
        serverChannel = channel;
        transport = kind;
    }

    /**
     * A bootstrap on these loops with the options every media server wants: the media allocator
     * ({@link MediaBuffers}), no Nagle delay, keep-alive, a backlog of 1024 and the given write water mark, which
     * bounds what one slow connection may queue before its writer stops. Every listener and connection shares
     * {@code childHandler}: it must be {@code @Sharable} (usually a {@code ChannelInitializer}).
     */
    public ServerBootstrap bootstrap(ChannelHandler childHandler, WriteBufferWaterMark waterMark) {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(serverChannel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOCATOR, MediaBuffers.allocator())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .childHandler(childHandler);
    }

    public EventLoopGroup boss() {
        return boss;
    }

    /** The loops that serve connections; a protocol's write windows are per loop of these. */
    public EventLoopGroup workers() {
        return workers;
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return transport;
    }

    /** Stops the threads, waiting at most a few seconds for them. */
    public void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(5_000);
        workers.terminationFuture().awaitUninterruptibly(5_000);
    }
}
