package io.aqueduct.rtmp.client;

import io.aqueduct.rtmp.client.internal.RtmpClientHandler;
import io.aqueduct.rtmp.codec.ChunkDecoder;
import io.aqueduct.rtmp.codec.ChunkEncoder;
import io.aqueduct.rtmp.codec.MediaPacket;
import io.aqueduct.rtmp.handshake.RtmpClientHandshakeHandler;
import io.aqueduct.stream.api.MediaBuffers;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.concurrent.CompletableFuture;

/**
 * Opens RTMP client connections. Stateless; {@link #connect} may be called from any thread.
 */
public final class RtmpClient {

    /** Flushes merged at most, while no read is in progress (then all of one read's). */
    private static final int FLUSHES_MERGED = 64;
    /**
     * Counts a message sent from another thread, on its way to the event loop, at its media size (Netty's default
     * knows only buffers), so that writability holds for such senders too.
     */
    private static final MessageSizeEstimator MEDIA_SIZES = () -> {
        MessageSizeEstimator.Handle buffers = DefaultMessageSizeEstimator.DEFAULT.newHandle();
        return msg -> msg instanceof MediaPacket p ? p.media().size() : buffers.size(msg);
    };

    private RtmpClient() {
    }

    /**
     * Connects to {@code url}: TCP, handshake, Set Chunk Size and Window Acknowledgement Size, then {@code connect}
     * with the URL's app and tcUrl.
     *
     * @return completes with the session once the server accepted {@code connect}; fails with
     *         {@link RtmpStatusException} when it refused, or with the I/O error or timeout. Cancelling it
     *         abandons the attempt and closes its connection.
     */
    public static CompletableFuture<RtmpClientSession> connect(EventLoopGroup group,
            Class<? extends Channel> channelType, RtmpUrl url, RtmpClientOptions options) {
        RtmpClientHandler handler = new RtmpClientHandler(url, options);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.ALLOCATOR, MediaBuffers.allocator())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        options.sendBufferLimit() / 4, options.sendBufferLimit()))
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, MEDIA_SIZES)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChunkDecoder decoder = new ChunkDecoder(options.maxMessageSize(),
                                ChunkDecoder.DEFAULT_MAX_CHUNK_STREAMS);
                        handler.bytesReadFrom(decoder);
                        // A relay sends a burst of messages at a time, each flushed by send(): one syscall per burst.
                        ch.pipeline().addLast(new FlushConsolidationHandler(FLUSHES_MERGED, true),
                                new RtmpClientHandshakeHandler(), decoder, new ChunkEncoder(), handler);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(url.host(), url.port());
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                handler.connected().completeExceptionally(f.cause());
            }
        });
        return handler.connected();
    }
}
