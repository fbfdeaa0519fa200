package io.aqueduct.httpflv.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server's own event loops (so stopping this bundle frees its threads and leaves RTMP alone), and the
 * server channel type: native epoll where it loads, NIO otherwise.
 */
final class HttpEventLoops {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEventLoops.class);

    final EventLoopGroup boss;
    final EventLoopGroup workers;
    final Class<? extends ServerChannel> serverChannel;
    final String transport;

    HttpEventLoops(boolean preferEpoll, int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        IoHandlerFactory factory = null;
        Class<? extends ServerChannel> channel = NioServerSocketChannel.class;
        String name = "nio";
        if (preferEpoll) {
            try {
                if (io.netty.channel.epoll.Epoll.isAvailable()) {
                    factory = io.netty.channel.epoll.EpollIoHandler.newFactory();
                    channel = io.netty.channel.epoll.EpollServerSocketChannel.class;
                    name = "epoll";
                } else {
                    LOG.info("HTTP server: native epoll unavailable ({}), using NIO",
                            io.netty.channel.epoll.Epoll.unavailabilityCause().toString());
                }
            } catch (LinkageError e) {
                LOG.info("HTTP server: native epoll bundle not installed, using NIO");
            }
        }
        if (factory == null) {
            factory = NioIoHandler.newFactory();
        }
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-accept", true), factory);
        workers = new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory("http-io", true), factory);
        serverChannel = channel;
        transport = name;
    }

    void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(5_000);
        workers.terminationFuture().awaitUninterruptibly(5_000);
    }
}
