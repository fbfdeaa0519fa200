package io.aqueduct.httpflv.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.file.Files;

/** Sends one static file: headers, then the file as a zero-copy region (nothing for HEAD). */
final class StaticFileResponse {

    private StaticFileResponse() {
    }

    /** @return the future of the response's last write */
    static ChannelFuture send(ChannelHandlerContext ctx, HttpVersion version, StaticFiles.Lookup file, boolean head,
            boolean keepAlive) {
        long length;
        try {
            length = Files.size(file.file());
        } catch (IOException e) {
            return ctx.writeAndFlush(HttpResponses.text(ctx.alloc(), version, HttpResponseStatus.NOT_FOUND));
        }
        HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        HttpResponses.common(response.headers());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, file.contentType());
        HttpUtil.setContentLength(response, length);
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.write(response);
        if (!head && length > 0) {
            ctx.write(new DefaultFileRegion(file.file().toFile(), 0, length));
        }
        return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}
