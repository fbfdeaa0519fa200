package io.aqueduct.rtmp.client.internal;

import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpPlayListener;
import io.aqueduct.rtmp.client.RtmpStatusException;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.rtmp.codec.Acknowledgement;
import io.aqueduct.rtmp.codec.ChunkDecoder;
import io.aqueduct.rtmp.codec.CommandMessage;
import io.aqueduct.rtmp.codec.DataMessage;
import io.aqueduct.rtmp.codec.MediaPacket;
import io.aqueduct.rtmp.codec.RtmpMessage;
import io.aqueduct.rtmp.codec.SetChunkSize;
import io.aqueduct.rtmp.codec.UserControl;
import io.aqueduct.rtmp.codec.UserControlEvent;
import io.aqueduct.rtmp.codec.WindowAcknowledgementSize;
import io.aqueduct.rtmp.handshake.HandshakeCompleted;
import io.aqueduct.stream.api.MediaMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session logic of one client connection: sends {@code connect}, matches answers to transactions, waits for
 * the publish/play status, answers pings, acknowledges windows, hands played media to the listener. Its state is
 * touched on the channel's event loop only; the public methods hop onto it.
 */
public final class RtmpClientHandler extends SimpleChannelInboundHandler<RtmpMessage> implements RtmpClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpClientHandler.class);
    private static final double CONNECT_TRANSACTION = 1;

    private final RtmpUrl url;
    private final RtmpClientOptions options;
    private final CompletableFuture<RtmpClientSession> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Double, CompletableFuture<CommandMessage>> transactions = new HashMap<>();
    private final AckWindow ackWindow = new AckWindow();
    private volatile Channel channel;
    private volatile int publishStreamId = -1;
    private double nextTransaction = CONNECT_TRANSACTION + 1;
    private StatusWaiter statusWaiter;
    private RtmpPlayListener listener;
    private String streamName;
    private int streamId = -1;
    private boolean wasActive;
    private volatile Runnable onWritable;
    private boolean failed;
    private boolean closing;

    public RtmpClientHandler(RtmpUrl url, RtmpClientOptions options) {
        super(RtmpMessage.class, false);
        this.url = url;
        this.options = options;
    }

    /** Where the byte count for acknowledgements comes from. */
    public void bytesReadFrom(ChunkDecoder decoder) {
        ackWindow.decoder = decoder;
    }

    public CompletableFuture<RtmpClientSession> connected() {
        return connected;
    }

    @Override
    public RtmpUrl url() {
        return url;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // channelInactive completes it after telling the listener; this covers a channel that never became active.
        ctx.channel().closeFuture().addListener(f -> {
            if (!wasActive) {
                closed.complete(null);
            }
        });
        connected.orTimeout(options.connectTimeout().plus(options.responseTimeout()).toMillis(),
                TimeUnit.MILLISECONDS).whenComplete((session, error) -> {
                    if (error != null) {
                        ctx.channel().close();
                    }
                });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        wasActive = true;
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == HandshakeCompleted.INSTANCE) {
            ctx.write(new SetChunkSize(options.chunkSize()));
            ctx.write(new WindowAcknowledgementSize(options.windowAckSize()));
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("app", url.app());
            command.put("type", "nonprivate");
            command.put("flashVer", options.flashVersion());
            command.put("tcUrl", url.tcUrl());
            command.put("fpad", false);
            command.put("capabilities", 15.0);
            command.put("audioCodecs", 4071.0);
            command.put("videoCodecs", 252.0);
            command.put("videoFunction", 1.0);
            command.put("objectEncoding", 0.0);
            CompletableFuture<CommandMessage> answer = new CompletableFuture<>();
            transactions.put(CONNECT_TRANSACTION, answer);
            ctx.writeAndFlush(CommandMessage.of(0, "connect", CONNECT_TRANSACTION, command));
            answer.whenComplete((result, error) -> {
                if (error != null) {
                    connected.completeExceptionally(error);
                } else {
                    LOG.debug("RTMP client connected to {}", url);
                    connected.complete(this);
                }
            });
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtmpMessage msg) {
        if (msg instanceof MediaPacket packet) {
            // A session plays one stream; servers disagree on the message stream id of its media (ffmpeg uses its
            // own), so everything is taken as that stream's.
            if (listener != null) {
                listener.onMedia(packet.media());
            } else {
                packet.release();
            }
        } else if (msg instanceof CommandMessage command) {
            onCommand(command);
        } else if (msg instanceof DataMessage data) {
            if (listener != null) {
                MediaMessage media = ScriptMessages.toMedia(data, ctx.alloc());
                if (media != null) {
                    listener.onMedia(media);
                }
            }
        } else if (msg instanceof WindowAcknowledgementSize window) {
            ackWindow.size = window.windowSize();
        } else if (msg instanceof UserControl control && control.event() == UserControlEvent.PING_REQUEST) {
            ctx.writeAndFlush(new UserControl(UserControlEvent.PING_RESPONSE, control.value()));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ackWindow.acknowledgeIfDue(ctx);
        ctx.fireChannelReadComplete();
    }

    private void onCommand(CommandMessage command) {
        switch (command.name()) {
            case "_result", "_error" -> {
                CompletableFuture<CommandMessage> answer = transactions.remove(command.transactionId());
                if (answer == null) {
                    return;
                }
                if (command.name().equals("_result")) {
                    answer.complete(command);
                } else {
                    answer.completeExceptionally(Statuses.exception(command.argument(0)));
                }
            }
            case "onStatus" -> {
                String code = Statuses.field(command.argument(0), "code");
                String description = Statuses.field(command.argument(0), "description");
                if (listener != null) {
                    listener.onStatus(code, description);
                }
                if (statusWaiter != null && statusWaiter.accept(command.argument(0))) {
                    statusWaiter = null;
                }
            }
            default -> LOG.trace("RTMP client {} ignored command {}", url, command.name());
        }
    }

    private CompletableFuture<CommandMessage> call(String name, Object... arguments) {
        double transaction = nextTransaction++;
        CompletableFuture<CommandMessage> answer = new CompletableFuture<>();
        transactions.put(transaction, answer);
        channel.writeAndFlush(CommandMessage.of(0, name, transaction, null, arguments));
        return answer;
    }

    @Override
    public CompletableFuture<Void> publish(String name) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!begin(name, started, "NetStream.Publish.Start")) {
                return;
            }
            channel.write(CommandMessage.of(0, "releaseStream", nextTransaction++, null, name));
            channel.write(CommandMessage.of(0, "FCPublish", nextTransaction++, null, name));
            call("createStream").thenAccept(result -> {
                streamId = Statuses.streamId(result);
                channel.writeAndFlush(CommandMessage.of(streamId, "publish", 0, null, name, "live"));
            }).exceptionally(error -> fail(started, error));
        });
        return timed(started).thenRun(() -> publishStreamId = streamId);
    }

    @Override
    public void send(MediaMessage message) {
        int id = publishStreamId;
        if (id < 0 || !channel.isActive()) {
            message.release();
            return;
        }
        channel.writeAndFlush(new MediaPacket(id, message), channel.voidPromise());
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void onWritable(Runnable task) {
        onWritable = task;
    }

    @Override
    public long queuedBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        Runnable task = onWritable;
        if (task != null && ctx.channel().isWritable()) {
            // Netty fires this inside a send() that flushed: a task that sends again must not nest in it.
            ctx.executor().execute(() -> runWritableTask(task));
        }
        super.channelWritabilityChanged(ctx);
    }

    private void runWritableTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("RTMP client {}: the task run when the connection became writable failed", url, e);
        }
    }

    @Override
    public CompletableFuture<Void> play(String name, RtmpPlayListener playListener) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!begin(name, started, "NetStream.Play.Start")) {
                return;
            }
            listener = playListener;
            call("createStream").thenAccept(result -> {
                streamId = Statuses.streamId(result);
                channel.write(CommandMessage.of(streamId, "play", 0, null, name));
                channel.writeAndFlush(new UserControl(UserControlEvent.SET_BUFFER_LENGTH, streamId, 3000));
            }).exceptionally(error -> fail(started, error));
        });
        return timed(started);
    }

    private boolean begin(String name, CompletableFuture<Void> started, String expectedCode) {
        if (streamName != null) {
            started.completeExceptionally(new IllegalStateException("this session already uses " + streamName));
            return false;
        }
        streamName = name;
        statusWaiter = new StatusWaiter(expectedCode, started);
        return true;
    }

    private static Void fail(CompletableFuture<Void> started, Throwable error) {
        started.completeExceptionally(error);
        return null;
    }

    private CompletableFuture<Void> timed(CompletableFuture<Void> started) {
        return started.orTimeout(options.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> close() {
        channel.eventLoop().execute(() -> {
            publishStreamId = -1;
            closing = true;
            // A server that stopped reading would never take the goodbye queued behind the unsent media.
            if (streamId >= 0 && channel.isActive() && channel.isWritable()) {
                channel.eventLoop().schedule(() -> {
                    channel.close();
                }, options.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (listener == null) {
                    channel.write(CommandMessage.of(0, "FCUnpublish", nextTransaction++, null, streamName));
                }
                channel.writeAndFlush(CommandMessage.of(0, "deleteStream", nextTransaction++, null, (double) streamId))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
        });
        return closed;
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        publishStreamId = -1;
        IOException gone = new IOException("RTMP connection to " + url + " closed");
        connected.completeExceptionally(gone);
        transactions.values().forEach(answer -> answer.completeExceptionally(gone));
        transactions.clear();
        if (statusWaiter != null) {
            statusWaiter.started.completeExceptionally(gone);
        }
        if (listener != null) {
            listener.onClose();
        }
        closed.complete(null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            // Writes still queued when close() dropped the connection fail: that was asked for.
            LOG.debug("RTMP client connection to {}: {} after close", url, cause.toString());
        } else if (!failed) {
            // Writes already queued fail one by one after the first: one line says it.
            failed = true;
            LOG.warn("RTMP client connection to {} failed: {}", url, cause.toString());
        }
        connected.completeExceptionally(cause);
        ctx.close();
    }

    /** Waits for one onStatus code; an error-level status fails instead. */
    private record StatusWaiter(String expectedCode, CompletableFuture<Void> started) {
        boolean accept(Object info) {
            String code = Statuses.field(info, "code");
            if (expectedCode.equals(code)) {
                started.complete(null);
                return true;
            }
            if ("error".equals(Statuses.field(info, "level"))) {
                started.completeExceptionally(Statuses.exception(info));
                return true;
            }
            return false;
        }
    }

    /** Sends an Acknowledgement each time a window's worth of bytes came in. */
    private static final class AckWindow {
        ChunkDecoder decoder;
        long size;
        long acknowledged;

        void acknowledgeIfDue(ChannelHandlerContext ctx) {
            long read = decoder == null ? 0 : decoder.bytesRead();
            if (size > 0 && read - acknowledged >= size) {
                acknowledged = read;
                ctx.writeAndFlush(new Acknowledgement(read & 0xFFFFFFFFL));
            }
        }
    }
}
