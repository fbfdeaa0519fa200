package io.aqueduct.bench.load;

import io.aqueduct.amf.Amf0Reader;
import io.aqueduct.amf.AmfException;
import io.aqueduct.bench.flv.SeiStamp;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.rtmp.codec.Acknowledgement;
import io.aqueduct.rtmp.codec.CommandMessage;
import io.aqueduct.rtmp.codec.UserControl;
import io.aqueduct.rtmp.codec.UserControlEvent;
import io.aqueduct.rtmp.handshake.HandshakeCompleted;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lean RTMP player: after the handshake it sends {@code connect}, {@code createStream} and {@code play}, then
 * walks the chunk stream without reassembling media. Only small control and command messages are collected; of a
 * video message only its first bytes are kept, to note the first video message and read {@link SeiStamp}s. So the
 * load generator spends its CPU on receiving bytes, not on copying them, and one process can play thousands of
 * connections. Outgoing commands go through the codec's {@code ChunkEncoder}, placed before this handler.
 *
 * <p>One instance per connection; used on its event loop only.
 */
final class RtmpPlayerHandler extends ChannelInboundHandlerAdapter {

    private static final int[] MESSAGE_HEADER = {11, 7, 3, 0};
    private static final int MAX_COLLECTED = 64 * 1024;
    private static final int VIDEO = 9;
    private static final double CONNECT_TX = 1;
    private static final double CREATE_STREAM_TX = 2;
    private static final Amf0Reader AMF = new Amf0Reader(16);

    private final RtmpUrl url;
    private final Player player;
    private final ChunkStreams streams = new ChunkStreams();
    private final byte[] header = new byte[18];
    private ChannelHandlerContext ctx;
    private int chunkSize = 128;
    private int headerHave;
    private int headerNeed;
    private int basicLength;
    private int fmt;
    private boolean extendedChecked;
    private boolean inPayload;
    private int payloadLeft;
    private ChunkStream current;
    private long received;
    private long acknowledged;
    private long ackWindow;

    RtmpPlayerHandler(RtmpUrl url, Player player) {
        this.url = url;
        this.player = player;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == HandshakeCompleted.INSTANCE) {
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("app", url.app());
            command.put("flashVer", "LNX 9,0,124,2");
            command.put("tcUrl", url.tcUrl());
            command.put("fpad", false);
            command.put("capabilities", 15.0);
            command.put("audioCodecs", 4071.0);
            command.put("videoCodecs", 252.0);
            command.put("videoFunction", 1.0);
            ctx.writeAndFlush(CommandMessage.of(0, "connect", CONNECT_TX, command));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            int n = in.readableBytes();
            player.addBytes(n);
            received += n;
            scan(in);
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ackWindow > 0 && received - acknowledged >= ackWindow) {
            acknowledged = received;
            ctx.writeAndFlush(new Acknowledgement(received & 0xFFFFFFFFL), ctx.voidPromise());
        }
    }

    private void scan(ByteBuf in) {
        while (in.isReadable()) {
            if (inPayload) {
                consumePayload(in, Math.min(payloadLeft, in.readableBytes()));
            } else if (readHeader(in)) {
                startChunk();
            } else {
                return;
            }
        }
    }

    /** Accumulates one chunk header (basic, message, extended timestamp); false while incomplete. */
    private boolean readHeader(ByteBuf in) {
        for (;;) {
            if (headerNeed == 0) {
                if (!in.isReadable()) {
                    return false;
                }
                header[0] = in.readByte();
                headerHave = 1;
                int low = header[0] & 0x3f;
                basicLength = low == 0 ? 2 : low == 1 ? 3 : 1;
                fmt = (header[0] & 0xff) >>> 6;
                headerNeed = basicLength + MESSAGE_HEADER[fmt];
                extendedChecked = false;
            }
            int copy = Math.min(headerNeed - headerHave, in.readableBytes());
            in.readBytes(header, headerHave, copy);
            headerHave += copy;
            if (headerHave < headerNeed) {
                return false;
            }
            if (extendedChecked) {
                return true;
            }
            extendedChecked = true;
            current = streams.get(chunkStreamId());
            boolean extended = fmt < 3 ? medium(basicLength) == 0xFFFFFF : current.extended;
            if (!extended) {
                return true;
            }
            headerNeed += 4;
        }
    }

    private int chunkStreamId() {
        int low = header[0] & 0x3f;
        if (low == 0) {
            return 64 + (header[1] & 0xff);
        }
        if (low == 1) {
            return 64 + (header[1] & 0xff) + ((header[2] & 0xff) << 8);
        }
        return low;
    }

    private void startChunk() {
        ChunkStream cs = current;
        int p = basicLength;
        if (fmt <= 1) {
            cs.length = medium(p + 3);
            cs.typeId = header[p + 6] & 0xff;
        }
        if (fmt < 3) {
            cs.extended = medium(p) == 0xFFFFFF;
        }
        if (!cs.inMessage) {
            cs.inMessage = true;
            cs.received = 0;
            cs.body = cs.typeId != VIDEO && collects(cs.typeId) && cs.length <= MAX_COLLECTED
                    ? new byte[cs.length] : null;
        }
        headerNeed = 0;
        headerHave = 0;
        payloadLeft = Math.min(chunkSize, cs.length - cs.received);
        inPayload = true;
        if (payloadLeft == 0) {
            inPayload = false;
            finishMessage(cs);
        }
    }

    private static boolean collects(int typeId) {
        return typeId == 1 || typeId == 4 || typeId == 5 || typeId == 20;
    }

    private void consumePayload(ByteBuf in, int n) {
        ChunkStream cs = current;
        if (cs.typeId == VIDEO && cs.received < cs.peek.length) {
            in.getBytes(in.readerIndex(), cs.peek, cs.received, Math.min(n, cs.peek.length - cs.received));
        } else if (cs.body != null) {
            in.getBytes(in.readerIndex(), cs.body, cs.received, n);
        }
        in.skipBytes(n);
        cs.received += n;
        payloadLeft -= n;
        if (payloadLeft == 0) {
            inPayload = false;
            if (cs.received == cs.length) {
                finishMessage(cs);
            }
        }
    }

    private void finishMessage(ChunkStream cs) {
        cs.inMessage = false;
        byte[] body = cs.body;
        cs.body = null;
        if (cs.typeId == VIDEO) {
            player.video(cs.peek, Math.min(cs.length, cs.peek.length));
            return;
        }
        if (body == null) {
            return;
        }
        switch (cs.typeId) {
            case 1 -> chunkSize = Math.max(1, int32(body, 0) & 0x7FFFFFFF);
            case 5 -> ackWindow = int32(body, 0) & 0xFFFFFFFFL;
            case 4 -> {
                if (body.length >= 6 && ((body[0] & 0xff) << 8 | (body[1] & 0xff))
                        == UserControlEvent.PING_REQUEST.code()) {
                    long value = int32(body, 2) & 0xFFFFFFFFL;
                    ctx.writeAndFlush(new UserControl(UserControlEvent.PING_RESPONSE, value), ctx.voidPromise());
                }
            }
            case 20 -> onCommand(body);
            default -> {
            }
        }
    }

    private void onCommand(byte[] body) {
        List<Object> values;
        try {
            values = AMF.readAll(Unpooled.wrappedBuffer(body));
        } catch (AmfException e) {
            fail("undecodable command: " + e.getMessage());
            return;
        }
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            return;
        }
        double tx = values.size() > 1 && values.get(1) instanceof Number n ? n.doubleValue() : 0;
        Object info = values.size() > 3 ? values.get(3) : null;
        switch (name) {
            case "_result" -> {
                if (tx == CONNECT_TX) {
                    ctx.writeAndFlush(CommandMessage.of(0, "createStream", CREATE_STREAM_TX, null));
                } else if (tx == CREATE_STREAM_TX) {
                    int streamId = info instanceof Number n ? n.intValue() : 1;
                    ctx.write(CommandMessage.of(streamId, "play", 0, null, url.streamName()));
                    ctx.writeAndFlush(new UserControl(UserControlEvent.SET_BUFFER_LENGTH, streamId, 1000));
                }
            }
            case "_error" -> fail("refused: " + field(info, "code"));
            case "onStatus" -> {
                if ("error".equals(field(info, "level"))) {
                    fail("status " + field(info, "code"));
                }
            }
            default -> {
            }
        }
    }

    private void fail(String why) {
        player.failed(why);
        ctx.close();
    }

    private static String field(Object info, String key) {
        return info instanceof Map<?, ?> m && m.get(key) != null ? m.get(key).toString() : null;
    }

    private int medium(int at) {
        return (header[at] & 0xff) << 16 | (header[at + 1] & 0xff) << 8 | (header[at + 2] & 0xff);
    }

    private static int int32(byte[] b, int at) {
        return b.length < at + 4 ? 0
                : (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        player.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause.toString());
    }

    /** What the previous headers of one chunk stream said, and the message being walked on it. */
    private static final class ChunkStream {
        final byte[] peek = new byte[SeiStamp.PEEK_BYTES];
        int length;
        int typeId;
        boolean extended;
        boolean inMessage;
        int received;
        byte[] body;
    }

    /** Chunk streams by id: an array for the one-byte ids every server uses, a map for the rest. */
    private static final class ChunkStreams {
        private final ChunkStream[] small = new ChunkStream[64];
        private Map<Integer, ChunkStream> large;

        ChunkStream get(int id) {
            if (id < small.length) {
                ChunkStream cs = small[id];
                if (cs == null) {
                    cs = small[id] = new ChunkStream();
                }
                return cs;
            }
            if (large == null) {
                large = new HashMap<>();
            }
            return large.computeIfAbsent(id, k -> new ChunkStream());
        }
    }
}
