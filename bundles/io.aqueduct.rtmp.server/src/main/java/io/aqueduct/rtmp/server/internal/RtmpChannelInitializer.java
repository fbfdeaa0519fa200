package io.aqueduct.rtmp.server.internal;

import io.aqueduct.rtmp.codec.ChunkDecoder;
import io.aqueduct.rtmp.codec.ChunkEncoder;
import io.aqueduct.rtmp.handshake.RtmpServerHandshakeHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds each connection's pipeline, refusing connections over {@code max_connections}. */
final class RtmpChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpChannelInitializer.class);

    private final RtmpServer server;

    RtmpChannelInitializer(RtmpServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(Channel ch) {
        RtmpServerConfig config = server.config();
        int now = server.connections().incrementAndGet();
        ch.closeFuture().addListener(f -> server.connections().decrementAndGet());
        if (now > config.max__connections()) {
            LOG.warn("RTMP client {} refused: {} connections, max_connections is {}", ch.remoteAddress(), now - 1,
                    config.max__connections());
            ch.close();
            return;
        }
        ch.pipeline()
                .addLast("handshake", new RtmpServerHandshakeHandler())
                .addLast("chunk-decoder", new ChunkDecoder(config.max__message__size(), ChunkDecoder.DEFAULT_MAX_CHUNK_STREAMS))
                .addLast("chunk-encoder", new ChunkEncoder())
                .addLast("connection", new RtmpConnection(server.streams(), server.clients(), config,
                        server.writeWindows()));
    }
}
