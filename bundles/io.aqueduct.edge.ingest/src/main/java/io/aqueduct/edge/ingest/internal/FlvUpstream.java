package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.MediaBuffers;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.WriteWindows;
import io.aqueduct.stream.api.transport.ServerAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays the stream at an origin's HTTP server: {@code GET http://HOST:PORT/APP/STREAM.flv}, with {@code ?vhost=V}
 * and {@code Host: V} when the stream belongs to a named vhost there, and decodes the endless FLV body.
 *
 * <p>200 accepts the play; 404 means the stream is not published there ({@link StreamNotAtOriginException});
 * other answers are failures of the origin. The body ending (its last chunk, or the close that ends a body of no
 * stated length) means the origin unpublished the stream: {@link UpstreamEvents#unpublished()}; this play is then
 * over ({@link #waitsForRepublish()} is false). A connection that drops inside a chunked body is a failure of the
 * origin: {@link UpstreamEvents#closed}.
 *
 * <p>Pipeline: HttpClientCodec, then {@link Response} (status and body bytes), {@link FlvTagDecoder} (tags), and
 * {@link Tags} (messages to the session; connection end). No aggregation: the body never ends while the stream is
 * live.
 */
final class FlvUpstream implements Upstream {

    /** How long the origin may take to send the response head once connected. */
    static final int RESPONSE_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final EventLoop loop;
    private final ServerAddress origin;
    private final String uri;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final UpstreamEvents events;
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();
    private Channel channel;
    private ScheduledFuture<?> responseTimeout;
    private boolean closed;
    /** 200 came and the body has not ended: media and the connection's end go to the session. */
    private boolean streaming;
    private String failure;

    FlvUpstream(EventLoop loop, ServerAddress origin, String app, String stream, String vhost, int connectTimeoutMillis,
            UpstreamEvents events) {
        this.loop = loop;
        this.origin = origin;
        boolean named = !StreamKey.DEFAULT_VHOST.equals(vhost);
        this.uri = "/" + encode(app) + "/" + encode(stream) + ".flv"
                + (named ? "?vhost=" + encode(vhost) + "&" : "?") + WriteWindows.RELAY_PARAMETER + "=1";
        // The origin's HTTP server maps a Host that names a configured vhost to that vhost.
        this.hostHeader = named ? vhost : origin.toString();
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.events = events;
    }

    @Override
    public CompletableFuture<Void> open() {
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.ALLOCATOR, MediaBuffers.allocator())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(MAX_INITIAL_LINE)
                                .setMaxHeaderSize(MAX_HEADER_SIZE).setMaxChunkSize(MAX_CHUNK_SIZE);
                        ch.pipeline().addLast("http-codec", new HttpClientCodec(decoder, false, false))
                                .addLast("flv-response", new Response())
                                .addLast("flv-tags", new FlvTagDecoder(FlvTagDecoder.DEFAULT_MAX_TAG_SIZE))
                                .addLast("flv-media", new Tags());
                    }
                });
        ChannelFuture connected = b.connect(origin.host(), origin.port());
        channel = connected.channel();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                accepted.completeExceptionally(f.cause());
                return;
            }
            if (closed) {
                return;
            }
            DefaultFullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
            get.headers().set(HttpHeaderNames.HOST, hostHeader)
                    .set(HttpHeaderNames.USER_AGENT, "Aqueduct edge")
                    .set(HttpHeaderNames.ACCEPT, "*/*")
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(get);
            responseTimeout = loop.schedule(() -> {
                if (accepted.completeExceptionally(new TimeoutException("no HTTP response in time"))) {
                    channel.close();
                }
            }, RESPONSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        });
        if (closed) {
            channel.close();
        }
        return accepted;
    }

    @Override
    public boolean waitsForRepublish() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
        streaming = false;
        if (responseTimeout != null) {
            responseTimeout.cancel(false);
        }
        accepted.completeExceptionally(new IOException("upstream closed"));
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public String target() {
        return "http://" + origin + uri;
    }

    private void answered(HttpResponse r, ChannelHandlerContext ctx) {
        if (responseTimeout != null) {
            responseTimeout.cancel(false);
        }
        HttpResponseStatus status = r.status();
        if (status.code() == HttpResponseStatus.OK.code()) {
            streaming = !closed;
            accepted.complete(null);
        } else if (status.code() == HttpResponseStatus.NOT_FOUND.code()) {
            accepted.completeExceptionally(new StreamNotAtOriginException("not published there (HTTP 404)"));
            ctx.close();
        } else {
            accepted.completeExceptionally(new IOException("origin answered HTTP " + status));
            ctx.close();
        }
    }

    /** Answers the response head; passes the bytes of a 200 body on to the FLV decoder, and its end. */
    private final class Response extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
                    failure = "bad HTTP response: " + http.decoderResult().cause().getMessage();
                    accepted.completeExceptionally(new IOException(failure));
                    ctx.close();
                    return;
                }
                if (msg instanceof HttpResponse r) {
                    answered(r, ctx);
                }
                if (msg instanceof HttpContent c && streaming) {
                    if (c.content().isReadable()) {
                        ctx.fireChannelRead(c.content().retain());
                    }
                    if (msg instanceof LastHttpContent && streaming) {
                        // Every whole tag of the body has reached the session by now: the decoder runs inline.
                        streaming = false;
                        events.unpublished();
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** Decoded tags to the session; the end of the connection. */
    private final class Tags extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (streaming && msg instanceof MediaMessage m) {
                events.media(m);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (failure == null) {
                failure = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            accepted.completeExceptionally(new IOException(
                    failure != null ? failure : "origin closed the connection before answering"));
            if (streaming) {
                streaming = false;
                events.closed(failure != null ? failure : "origin closed the connection inside the FLV body");
            }
            super.channelInactive(ctx);
        }
    }

    /** Percent-encodes a path or query part, keeping as they are the characters a path segment may hold. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~/:@!$'()*+,;".indexOf(c) >= 0;
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
