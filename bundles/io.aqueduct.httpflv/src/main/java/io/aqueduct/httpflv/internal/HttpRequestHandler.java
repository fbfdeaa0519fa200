package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.WriteWindows;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection: reads a request within {@code request_timeout_ms}, answers it (OPTIONS, static files, 404,
 * 405, 400) or hands the connection to an {@link FlvPlayer}. Requests that fail to parse, are too long, or carry a
 * body are answered 400 (405 for other methods) and the connection is closed, with a log line. Runs on the
 * connection's event loop.
 */
final class HttpRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final HttpServer server;
    private ScheduledFuture<?> requestTimeout;
    private HttpRequest request;
    private FlvPlayer player;

    HttpRequestHandler(HttpServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        armRequestTimeout(ctx);
        super.channelActive(ctx);
    }

    /** A whole request must arrive within the timeout, however slowly its bytes trickle in. */
    private void armRequestTimeout(ChannelHandlerContext ctx) {
        int millis = server.config().request__timeout__ms();
        requestTimeout = ctx.executor().schedule(() -> {
            LOG.info("HTTP client {}: no complete request within {} ms, closing",
                    HttpResponses.address(ctx.channel().remoteAddress()), millis);
            ctx.close();
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (player != null || !(msg instanceof HttpObject http)) {
                return; // a player's connection has nothing more to say; pipelined requests are ignored
            }
            DecoderResult result = http.decoderResult();
            if (result.isFailure()) {
                badRequest(ctx, String.valueOf(result.cause().getMessage()));
                return;
            }
            if (msg instanceof HttpRequest r) {
                if (!accept(ctx, r)) {
                    return;
                }
                request = r;
            }
            if (msg instanceof LastHttpContent && request != null) {
                requestTimeout.cancel(false);
                HttpRequest r = request;
                request = null;
                dispatch(ctx, r);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Checks the request line and headers; answers and closes when they are not acceptable. */
    private boolean accept(ChannelHandlerContext ctx, HttpRequest r) {
        HttpMethod method = r.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD) && !method.equals(HttpMethod.OPTIONS)) {
            LOG.info("HTTP client {}: method {} not allowed", HttpResponses.address(ctx.channel().remoteAddress()),
                    method);
            answerAndClose(ctx, r.protocolVersion(), HttpResponseStatus.METHOD_NOT_ALLOWED);
            return false;
        }
        String uri = r.uri();
        boolean target = uri.startsWith("/") || (method.equals(HttpMethod.OPTIONS) && uri.equals("*"));
        if (!target) {
            badRequest(ctx, "request target '" + abbreviate(uri) + "'");
            return false;
        }
        if (HttpUtil.isTransferEncodingChunked(r) || HttpUtil.getContentLength(r, 0L) > 0) {
            badRequest(ctx, method + " with a body");
            return false;
        }
        return true;
    }

    private void dispatch(ChannelHandlerContext ctx, HttpRequest r) {
        HttpVersion version = r.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(r);
        if (r.method().equals(HttpMethod.OPTIONS)) {
            String requested = r.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
            respond(ctx, HttpResponses.options(version, requested), keepAlive);
            return;
        }
        String path;
        boolean relay;
        try {
            QueryStringDecoder uri = new QueryStringDecoder(r.uri());
            path = uri.path();
            relay = uri.parameters().containsKey(WriteWindows.RELAY_PARAMETER);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, "undecodable path '" + abbreviate(r.uri()) + "'");
            return;
        }
        String host = StreamRoutes.hostName(r.headers().get(HttpHeaderNames.HOST));
        Optional<StreamKey> key = StreamRoutes.resolve(server.mounts(), path, host,
                server.streams()::isVhostConfigured);
        if (key.isPresent()) {
            if (r.method().equals(HttpMethod.HEAD)) {
                respond(ctx, streamHead(version, key.get()), keepAlive);
            } else if (server.streams().isEdge(key.get().vhost())
                    && !server.streams().suppliesOnDemand(key.get().vhost())) {
                LOG.warn("HTTP client {}: play of {} refused: vhost {} is an edge but the edge-ingest bundle is not "
                        + "active", HttpResponses.address(ctx.channel().remoteAddress()), key.get(), key.get().vhost());
                respond(ctx, HttpResponses.text(ctx.alloc(), version, HttpResponseStatus.SERVICE_UNAVAILABLE), false);
            } else {
                play(ctx, key.get(), version, relay);
            }
            return;
        }
        StaticFiles.Lookup file = server.staticFiles().lookup(path);
        if (file.status() == 200) {
            StaticFileResponse.send(ctx, version, file, r.method().equals(HttpMethod.HEAD), keepAlive)
                    .addListener(f -> afterResponse(ctx, keepAlive));
            return;
        }
        if (file.status() == 403) {
            LOG.info("HTTP client {}: forbidden path '{}'", HttpResponses.address(ctx.channel().remoteAddress()),
                    abbreviate(r.uri()));
        }
        respond(ctx, HttpResponses.text(ctx.alloc(), version, HttpResponseStatus.valueOf(file.status())), keepAlive);
    }

    private FullHttpResponse streamHead(HttpVersion version, StreamKey key) {
        boolean live = server.streams().stream(key).flatMap(s -> s.publisher()).isPresent();
        if (!live) {
            return new DefaultFullHttpResponse(version, HttpResponseStatus.NOT_FOUND);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.OK);
        HttpResponses.flvStream(response.headers());
        // The headers a GET would get: an endless chunked body, so no Content-Length.
        HttpUtil.setTransferEncodingChunked(response, version.isKeepAliveDefault());
        return response;
    }

    private void play(ChannelHandlerContext ctx, StreamKey key, HttpVersion version, boolean relay) {
        // A relaying server (an edge) is written at once: its own players' window applies once.
        player = new FlvPlayer(ctx, server, key, version,
                relay ? 0 : server.streams().vhost(key.vhost()).mergedWriteMillis());
        // Only an edge (a bundle that fetches streams on demand) makes a player wait; an origin answers 404 at once.
        player.start(server.streams().suppliesOnDemand(key.vhost()) ? server.config().play__wait__ms() : 0);
    }

    private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpResponses.common(response.headers());
        HttpUtil.setKeepAlive(response, keepAlive);
        boolean sized = response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
                || HttpUtil.isTransferEncodingChunked(response);
        if (!sized) {
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        ctx.writeAndFlush(response).addListener(f -> afterResponse(ctx, keepAlive));
    }

    /** A kept-alive connection must send its next request within the timeout too. */
    private void afterResponse(ChannelHandlerContext ctx, boolean keepAlive) {
        if (!keepAlive) {
            ctx.close();
        } else if (ctx.channel().isOpen()) {
            armRequestTimeout(ctx);
        }
    }

    private void badRequest(ChannelHandlerContext ctx, String why) {
        LOG.info("HTTP client {}: bad request: {}", HttpResponses.address(ctx.channel().remoteAddress()), why);
        answerAndClose(ctx, HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
    }

    private void answerAndClose(ChannelHandlerContext ctx, HttpVersion version, HttpResponseStatus status) {
        requestTimeout.cancel(false);
        FullHttpResponse response = HttpResponses.text(ctx.alloc(), version, status);
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (player != null && ctx.channel().isWritable()) {
            player.drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (requestTimeout != null) {
            requestTimeout.cancel(false);
        }
        if (player != null) {
            player.closed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String m = cause.getMessage();
        if (cause instanceof java.io.IOException && m != null
                && (m.contains("Connection reset by peer") || m.contains("Broken pipe"))) {
            // Players such as ffprobe reset the connection when they have read enough: a normal end.
            LOG.info("HTTP client {} left: the peer reset the connection",
                    HttpResponses.address(ctx.channel().remoteAddress()));
        } else {
            LOG.info("HTTP client {}: connection error: {}", HttpResponses.address(ctx.channel().remoteAddress()),
                    cause.toString());
        }
        ctx.close();
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
