package io.aqueduct.rtmp.server.internal;

import io.aqueduct.amf.AmfObjects;
import io.aqueduct.rtmp.codec.Acknowledgement;
import io.aqueduct.rtmp.codec.ChunkDecoder;
import io.aqueduct.rtmp.codec.ChunkEncoder;
import io.aqueduct.rtmp.codec.CommandMessage;
import io.aqueduct.rtmp.codec.DataMessage;
import io.aqueduct.rtmp.codec.MediaPacket;
import io.aqueduct.rtmp.codec.SetChunkSize;
import io.aqueduct.rtmp.codec.SetPeerBandwidth;
import io.aqueduct.rtmp.codec.UserControl;
import io.aqueduct.rtmp.codec.UserControlEvent;
import io.aqueduct.rtmp.codec.WindowAcknowledgementSize;
import io.aqueduct.rtmp.handshake.HandshakeCompleted;
import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.WriteWindows;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMP connection after the handshake: protocol control, acknowledgements, pings, and the NetConnection /
 * NetStream commands, which {@link NetStreamCommands} carries out. Runs on the connection's event loop.
 */
final class RtmpConnection extends ChannelInboundHandlerAdapter implements ClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpConnection.class);
    static final long WINDOW_ACK_SIZE = 2_500_000;
    static final long CLOSE_LINGER_MILLIS = 1000;

    /** The connection's life, for listings and to decide what a message may do. */
    enum State { HANDSHAKE, CONNECTING, CONNECTED, PUBLISHING, PLAYING, CLOSED }

    private final StreamRegistry streams;
    private final ClientRegistry clients;
    private final RtmpServerConfig config;
    private final WriteWindows writeWindows;
    private final String id;
    private final Instant connectedAt = Instant.now();
    private ChannelHandlerContext ctx;
    private ChunkDecoder decoder;
    private AutoCloseable registration;
    private ScheduledFuture<?> handshakeTimeout;
    private NetStreamCommands commands;
    private volatile State state = State.HANDSHAKE;
    private volatile String stateDetail = "";
    private volatile Map<String, String> parameters = Map.of();
    private volatile long bytesIn;
    private volatile long bytesOut;
    private long peerWindow;
    /** Set on the event loop when close(reason) lingers before closing. */
    private boolean closing;
    private long lastAcked;

    RtmpConnection(StreamRegistry streams, ClientRegistry clients, RtmpServerConfig config) {
        this(streams, clients, config, new WriteWindows());
    }

    RtmpConnection(StreamRegistry streams, ClientRegistry clients, RtmpServerConfig config,
            WriteWindows writeWindows) {
        this.streams = streams;
        this.clients = clients;
        this.config = config;
        this.writeWindows = writeWindows;
        this.id = clients.nextId();
    }

    WriteWindows writeWindows() {
        return writeWindows;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.decoder = ctx.pipeline().get(ChunkDecoder.class);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        registration = clients.register(this);
        LOG.debug("RTMP client {} connected from {}", id, ctx.channel().remoteAddress());
        handshakeTimeout = ctx.executor().schedule(() -> {
            if (state == State.HANDSHAKE) {
                close("no handshake within " + config.handshake__timeout__ms() + " ms");
            }
        }, config.handshake__timeout__ms(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == HandshakeCompleted.INSTANCE) {
            handshakeTimeout.cancel(false);
            state = State.CONNECTING;
            commands = new NetStreamCommands(this, ctx, streams);
            // Until it publishes or plays, a connection that sends nothing is dropped.
            ctx.pipeline().addBefore(ctx.name(), "idle", new IdleStateHandler(config.idle__timeout__ms(), 0, 0,
                    TimeUnit.MILLISECONDS));
        } else if (evt instanceof IdleStateEvent) {
            if (state == State.CONNECTING || state == State.CONNECTED) {
                close("idle for " + config.idle__timeout__ms() + " ms without publishing or playing");
            } else if (state == State.PUBLISHING) {
                close("publisher sent nothing for " + config.idle__timeout__ms() + " ms");
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            acknowledgeIfDue(ctx);
            if (closing) {
                return; // lingering after close(reason): read so the peer is not blocked, act on nothing
            }
            if (msg instanceof MediaPacket media) {
                commands.onMedia(media.retain());
            } else if (msg instanceof CommandMessage command) {
                commands.onCommand(command);
            } else if (msg instanceof DataMessage data) {
                commands.onData(data);
            } else if (msg instanceof UserControl uc) {
                if (uc.event() == UserControlEvent.PING_REQUEST) {
                    ctx.writeAndFlush(new UserControl(UserControlEvent.PING_RESPONSE, uc.value()));
                } else if (uc.event() == UserControlEvent.SET_BUFFER_LENGTH) {
                    LOG.trace("client {} buffer length {} ms", id, uc.value2());
                }
            } else if (msg instanceof WindowAcknowledgementSize w) {
                peerWindow = w.windowSize();
            }
            // SetChunkSize and Abort were applied by the decoder; acknowledgements from the peer need nothing.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Sends an Acknowledgement each time the peer's window of received bytes is crossed. */
    private void acknowledgeIfDue(ChannelHandlerContext ctx) {
        long read = decoder.bytesRead();
        bytesIn = read;
        if (peerWindow > 0 && read - lastAcked >= peerWindow) {
            lastAcked = read;
            ctx.writeAndFlush(new Acknowledgement(read & 0xFFFFFFFFL));
        }
    }

    /** Answers connect: window, bandwidth, chunk size, then the result. */
    void sendConnectReplies(double transactionId, double objectEncoding, int chunkSize) {
        ctx.write(new WindowAcknowledgementSize(WINDOW_ACK_SIZE));
        ctx.write(new SetPeerBandwidth(WINDOW_ACK_SIZE, 2));
        ctx.write(new SetChunkSize(chunkSize));
        ctx.writeAndFlush(Status.connectResult(transactionId, objectEncoding, id));
        state = State.CONNECTED;
    }

    int outgoingChunkSize() {
        ChunkEncoder encoder = ctx.pipeline().get(ChunkEncoder.class);
        return encoder == null ? 128 : encoder.chunkSize();
    }

    void publishing(String what) {
        state = State.PUBLISHING;
        stateDetail = what;
    }

    void playing(String what) {
        state = State.PLAYING;
        stateDetail = what;
        // Players send little; dead players are found by TCP and by their full queues instead.
        if (ctx.pipeline().get("idle") != null) {
            ctx.pipeline().remove("idle");
        }
    }

    void idle() {
        state = State.CONNECTED;
        stateDetail = "";
    }

    void addBytesOut(long n) {
        bytesOut = bytesOut + n;
    }

    /** Writes a last status message, then closes. */
    void refuse(Object lastMessage, String reason) {
        LOG.warn("RTMP client {} ({}): {}", id, remoteAddress(), reason);
        ctx.writeAndFlush(lastMessage).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && commands != null) {
            commands.writable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = State.CLOSED;
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (commands != null) {
            commands.closeAll();
        }
        if (registration != null) {
            registration.close();
        }
        LOG.debug("RTMP client {} ({}) disconnected", id, ctx.channel().remoteAddress());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (peerWentAway(cause)) {
            // Players such as ffprobe reset the connection when they have read enough: a normal end.
            LOG.info("RTMP client {} ({}) left: the peer reset the connection", id, ctx.channel().remoteAddress());
        } else {
            LOG.warn("RTMP client {} ({}) closed: {}", id, ctx.channel().remoteAddress(), describe(cause));
        }
        ctx.close();
    }

    /** A reset or broken pipe: the peer closed abruptly, nothing was wrong with what it sent. */
    static boolean peerWentAway(Throwable cause) {
        String m = cause.getMessage();
        return cause instanceof java.io.IOException && m != null
                && (m.contains("Connection reset by peer") || m.contains("Broken pipe"));
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    static String string(Object map, String key) {
        return map instanceof Map<?, ?> m ? AmfObjects.string(m, key) : null;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocol() {
        return "rtmp";
    }

    @Override
    public SocketAddress remoteAddress() {
        return ctx == null ? null : ctx.channel().remoteAddress();
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public String state() {
        String detail = stateDetail;
        return detail.isEmpty() ? state.name().toLowerCase(java.util.Locale.ROOT) : detail;
    }

    void parameters(Map<String, String> params) {
        this.parameters = params;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public void close(String reason) {
        LOG.info("RTMP client {} ({}) closed: {}", id, remoteAddress(), reason);
        ctx.executor().execute(() -> {
            int publishing = commands == null ? -1 : commands.publishingStreamId();
            if (publishing >= 0 && ctx.channel().isActive()) {
                // A publisher learns why (an edge's origin refused the stream, a kick). Encoders such as ffmpeg
                // read the server between their writes, so the connection lingers a moment before it closes.
                // The stream ends now, not after the linger: what the encoder still sends is read and dropped.
                closing = true;
                commands.closeAll();
                ctx.writeAndFlush(Status.error(publishing, Status.PUBLISH_BAD_NAME, reason, id));
                ctx.executor().schedule(() -> ctx.channel().close(), CLOSE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                ctx.channel().close();
            }
        });
    }
}
