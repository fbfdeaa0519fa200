package io.aqueduct.httpflv.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/** Response building blocks shared by the request handler and the players. */
final class HttpResponses {

    static final String SERVER = "Aqueduct";
    static final String FLV_CONTENT_TYPE = "video/x-flv";
    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";

    private HttpResponses() {
    }

    /** Headers every response carries: the server name and CORS, so flv.js and mpegts.js may play from any page. */
    static void common(HttpHeaders h) {
        h.set(HttpHeaderNames.SERVER, SERVER);
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }

    /** The headers of an FLV stream, for GET and HEAD alike. */
    static void flvStream(HttpHeaders h) {
        common(h);
        h.set(HttpHeaderNames.CONTENT_TYPE, FLV_CONTENT_TYPE);
        h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        h.set(HttpHeaderNames.EXPIRES, "-1");
    }

    /** A short plain-text answer, e.g. for 404. */
    static FullHttpResponse text(ByteBufAllocator alloc, HttpVersion version, HttpResponseStatus status) {
        ByteBuf body = alloc.buffer();
        body.writeCharSequence(status.toString() + "\r\n", StandardCharsets.US_ASCII);
        FullHttpResponse r = new DefaultFullHttpResponse(version, status, body);
        common(r.headers());
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            r.headers().set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
        }
        return r;
    }

    /** The answer to OPTIONS (a CORS preflight or a plain capability query). */
    static FullHttpResponse options(HttpVersion version, String requestedHeaders) {
        FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.NO_CONTENT);
        common(r.headers());
        r.headers().set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                requestedHeaders == null || requestedHeaders.isBlank() ? "*" : requestedHeaders);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        return r;
    }

    /** {@code ip:port} of a peer, as log lines show it. */
    static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
