package io.aqueduct.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP-FLV player ({@code GET /app/stream.flv}, identity or chunked body) or, without a request, a bare TCP
 * reader of FLV bytes (the raw reference's player). It counts bytes and scans FLV tags with {@link FlvBodyScanner}.
 *
 * <p>One instance per connection; used on its event loop only.
 */
final class FlvPlayerHandler extends ChannelInboundHandlerAdapter {

    private static final int MAX_HEAD = 16 * 1024;

    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, DONE }

    private final URI uri;
    private final Player player;
    private final FlvBodyScanner scanner;
    private final StringBuilder line = new StringBuilder();
    private State state;
    private boolean chunked;
    private int chunkLeft;
    private int headLength;

    /** @param uri the HTTP URL to GET, or {@code null} to read FLV bytes straight away */
    FlvPlayerHandler(URI uri, Player player) {
        this.uri = uri;
        this.player = player;
        this.scanner = new FlvBodyScanner(player);
        this.state = uri == null ? State.BODY : State.HEAD;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (uri != null) {
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUser-Agent: aqueduct-bench\r\nAccept: */*\r\n\r\n";
            ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII), ctx.voidPromise());
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            player.addBytes(in.readableBytes());
            while (in.isReadable()) {
                switch (state) {
                    case HEAD -> readHead(ctx, in);
                    case BODY -> scanner.feed(in, in.readableBytes());
                    case CHUNK_SIZE -> readChunkSize(ctx, in);
                    case CHUNK_DATA -> {
                        int n = Math.min(chunkLeft, in.readableBytes());
                        scanner.feed(in, n);
                        chunkLeft -= n;
                        if (chunkLeft == 0) {
                            state = State.CHUNK_END;
                        }
                    }
                    case CHUNK_END -> {
                        if (readLine(in) != null) {
                            state = State.CHUNK_SIZE;
                        }
                    }
                    case DONE -> in.skipBytes(in.readableBytes());
                }
            }
        } finally {
            in.release();
        }
    }

    private void readHead(ChannelHandlerContext ctx, ByteBuf in) {
        String l;
        while ((l = readLine(in)) != null) {
            headLength += l.length() + 2;
            if (headLength == l.length() + 2) {
                // Status line: "HTTP/1.1 200 OK".
                String[] parts = l.split(" ", 3);
                if (parts.length < 2 || !parts[1].equals("200")) {
                    fail(ctx, "HTTP status: " + l);
                    return;
                }
            } else if (l.isEmpty()) {
                state = chunked ? State.CHUNK_SIZE : State.BODY;
                return;
            } else {
                String lower = l.toLowerCase(Locale.ROOT);
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
        }
        if (headLength + line.length() > MAX_HEAD) {
            fail(ctx, "HTTP response head too long");
        }
    }

    private void readChunkSize(ChannelHandlerContext ctx, ByteBuf in) {
        String l = readLine(in);
        if (l == null) {
            return;
        }
        int semicolon = l.indexOf(';');
        try {
            chunkLeft = Integer.parseInt((semicolon < 0 ? l : l.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
            fail(ctx, "bad chunk size: " + l);
            return;
        }
        state = chunkLeft == 0 ? State.DONE : State.CHUNK_DATA;
    }

    /** A CRLF-terminated line without its terminator, or {@code null} when incomplete (kept for the next call). */
    private String readLine(ByteBuf in) {
        while (in.isReadable()) {
            char c = (char) in.readByte();
            if (c == '\n') {
                int len = line.length();
                String l = len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
                line.setLength(0);
                return l;
            }
            line.append(c);
        }
        return null;
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        player.failed(why);
        state = State.DONE;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        player.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause.toString());
    }
}
