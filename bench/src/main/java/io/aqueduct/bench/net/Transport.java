package io.aqueduct.bench.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * Epoll when the native transport loads (Linux), else NIO. Epoll is what makes thousands of connections cheap and
 * what allows {@code SO_RCVLOWAT}, which Netty has no named option for: it is set through the generic
 * {@link IntegerUnixChannelOption} (SOL_SOCKET = 1, SO_RCVLOWAT = 18 on Linux).
 */
public final class Transport {

    private static final IntegerUnixChannelOption SO_RCVLOWAT = new IntegerUnixChannelOption("SO_RCVLOWAT", 1, 18);

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll unless unavailable or {@code preferNio}. */
    public static Transport choose(boolean preferNio) {
        return new Transport(!preferNio && Epoll.isAvailable());
    }

    public boolean isEpoll() {
        return epoll;
    }

    public EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Sets the receive low-water mark (bytes) of a connected channel when on epoll and {@code bytes} is positive;
     * NIO ignores it. Set it once the stream flows: during a handshake the peer's small answers would never reach
     * the mark and the connection would stall.
     */
    public void receiveLowWaterMark(Channel channel, int bytes) {
        if (epoll && bytes > 0) {
            channel.config().setOption(SO_RCVLOWAT, bytes);
        }
    }

    public static Bootstrap clientDefaults(Bootstrap bootstrap) {
        return bootstrap.option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.AUTO_CLOSE, true);
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
