package io.aqueduct.httpflv.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each connection's pipeline, refusing connections over {@code max_connections}. The decoder's limits
 * make an over-long request line or header block a failed request (answered 400) instead of a growing buffer.
 */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpChannelInitializer.class);
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_SIZE = 8192;
    static final int MAX_CHUNK_SIZE = 8192;

    private final HttpServer server;

    HttpChannelInitializer(HttpServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(Channel ch) {
        HttpServerConfig config = server.config();
        int now = server.connections().incrementAndGet();
        ch.closeFuture().addListener(f -> server.connections().decrementAndGet());
        if (now > config.max__connections()) {
            LOG.warn("HTTP client {} refused: {} connections, max_connections is {}",
                    HttpResponses.address(ch.remoteAddress()), now - 1, config.max__connections());
            ch.close();
            return;
        }
        server.channels().add(ch);
        if (config.send__buffer__bytes() > 0) {
            ch.config().setOption(ChannelOption.SO_SNDBUF, config.send__buffer__bytes());
        }
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_SIZE)
                .setMaxChunkSize(MAX_CHUNK_SIZE);
        ch.pipeline()
                .addLast("http-codec", new HttpServerCodec(decoder))
                .addLast("http-request", new HttpRequestHandler(server));
    }
}
