package io.aqueduct.rtmp.server.internal;

import io.aqueduct.rtmp.codec.CommandMessage;
import io.aqueduct.rtmp.codec.DataMessage;
import io.aqueduct.rtmp.codec.MediaPacket;
import io.aqueduct.rtmp.codec.UserControl;
import io.aqueduct.rtmp.codec.UserControlEvent;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.VhostSettings;
import io.aqueduct.stream.api.WriteWindows;
import io.netty.channel.ChannelHandlerContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NetConnection and NetStream commands of one connection: connect, createStream, publish, play and their
 * endings, answered with the messages ffmpeg, OBS, rtmpdump and Flash players wait for. One publish or one play at
 * a time per connection, as those clients do.
 */
final class NetStreamCommands {

    private static final Logger LOG = LoggerFactory.getLogger(NetStreamCommands.class);
    /** The publish parameter that lists the ids of the servers a forwarded stream came through, dot-separated. */
    static final String FORWARD_VIA = "aqueduct_via";
    static final int MAX_FORWARD_HOPS = 8;

    private final RtmpConnection connection;
    private final ChannelHandlerContext ctx;
    private final StreamRegistry streams;
    private StreamNames.ConnectInfo connect;
    private int nextStreamId = 1;
    private PublisherSession publisher;
    private PlayerSession player;

    NetStreamCommands(RtmpConnection connection, ChannelHandlerContext ctx, StreamRegistry streams) {
        this.connection = connection;
        this.ctx = ctx;
        this.streams = streams;
    }

    void onCommand(CommandMessage c) {
        switch (c.name()) {
            case "connect" -> connect(c);
            case "createStream" -> result(c, (double) nextStreamId++);
            case "getStreamLength" -> result(c, 0.0);
            case "releaseStream", "FCPublish", "FCUnpublish" -> {
                if (c.name().equals("FCUnpublish")) {
                    stopPublishing("FCUnpublish");
                }
                if (c.transactionId() != 0) {
                    result(c, null);
                }
            }
            case "publish" -> publish(c);
            case "play" -> play(c);
            case "deleteStream", "closeStream" -> {
                stopPublishing(c.name());
                stopPlaying();
            }
            case "_checkbw", "receiveAudio", "receiveVideo", "pause", "FCSubscribe", "_result", "_error" ->
                LOG.debug("client {}: {} ignored", connection.id(), c.name());
            default -> LOG.debug("client {}: unknown command {} ignored", connection.id(), c.name());
        }
    }

    private void connect(CommandMessage c) {
        Object cmd = c.commandObject();
        connect = StreamNames.connect(RtmpConnection.string(cmd, "app"), RtmpConnection.string(cmd, "tcUrl"));
        String vhostName = StreamNames.vhost(connect, streams);
        VhostSettings vhost = streams.vhost(vhostName);
        if (!vhost.enabled()) {
            connection.refuse(Status.connectRejected(c.transactionId(), "vhost " + vhostName + " is disabled"),
                    "connect refused: vhost " + vhostName + " is disabled");
            return;
        }
        double encoding = cmd instanceof Map<?, ?> m && m.get("objectEncoding") instanceof Number n
                ? n.doubleValue() : 0;
        LOG.debug("RTMP client {} connect app={} tcUrl={} vhost={}", connection.id(), connect.app(),
                connect.tcUrl(), vhostName);
        connection.sendConnectReplies(c.transactionId(), encoding, vhost.chunkSize());
    }

    private void publish(CommandMessage c) {
        if (!requireConnected(c)) {
            return;
        }
        String name = c.argument(0) instanceof String s ? s : "";
        int streamId = c.streamId();
        StreamNames.Target target = StreamNames.target(connect, name, streams);
        StreamKey key = target.key();
        String via = target.params().getOrDefault(FORWARD_VIA, "");
        if (!via.isEmpty() && (List.of(via.split("\\.")).contains(streams.serverId())
                || via.split("\\.").length > MAX_FORWARD_HOPS)) {
            connection.refuse(Status.error(streamId, Status.PUBLISH_BAD_NAME, "forward loop detected for " + key
                    + " (via " + via + ")", connection.id()), "publish of " + key + " refused: forward loop (via "
                    + via + ", this server is " + streams.serverId() + ")");
            return;
        }
        if (key.stream().isEmpty() || publisher != null || player != null) {
            ctx.writeAndFlush(Status.error(streamId, Status.PUBLISH_BAD_NAME,
                    key.stream().isEmpty() ? "no stream name" : "connection already publishes or plays", connection.id()));
            return;
        }
        try {
            connection.parameters(target.params());
            Publication publication = streams.publish(key, connection);
            publisher = new PublisherSession(publication, streamId);
            connection.publishing("publish " + key);
            ctx.write(Status.status(streamId, "NetStream.Publish.Start", key.stream() + " is now published.",
                    connection.id()));
            ctx.flush();
        } catch (StreamBusyException e) {
            connection.refuse(Status.error(streamId, Status.PUBLISH_BAD_NAME, "Stream " + key + " is already publishing.",
                    connection.id()), "publish refused: " + e.getMessage());
        }
    }

    private void play(CommandMessage c) {
        if (!requireConnected(c)) {
            return;
        }
        String name = c.argument(0) instanceof String s ? s : "";
        int streamId = c.streamId();
        StreamNames.Target target = StreamNames.target(connect, name, streams);
        StreamKey key = target.key();
        if (key.stream().isEmpty() || publisher != null || player != null) {
            ctx.writeAndFlush(Status.error(streamId, "NetStream.Play.Failed",
                    key.stream().isEmpty() ? "no stream name" : "connection already publishes or plays", connection.id()));
            return;
        }
        connection.parameters(target.params());
        if (streams.isEdge(key.vhost()) && !streams.suppliesOnDemand(key.vhost())) {
            String why = "vhost " + key.vhost() + " is an edge (cluster mode remote) but the edge-ingest bundle is not "
                    + "active";
            connection.refuse(Status.error(streamId, "NetStream.Play.Failed", why, connection.id()),
                    "play of " + key + " refused: " + why);
            return;
        }
        VhostSettings vhost = streams.vhost(key.vhost());
        ctx.write(new UserControl(UserControlEvent.STREAM_BEGIN, streamId));
        ctx.write(Status.status(streamId, Status.PLAY_RESET, "Playing and resetting " + key.stream() + ".", connection.id()));
        ctx.write(Status.status(streamId, Status.PLAY_START, "Started playing " + key.stream() + ".", connection.id()));
        ctx.write(new DataMessage(streamId, 0, List.of("|RtmpSampleAccess", true, true)));
        ctx.flush();
        // A relaying server (an edge) is written at once: its own players' window applies once.
        int window = target.params().containsKey(WriteWindows.RELAY_PARAMETER) ? 0 : vhost.mergedWriteMillis();
        player = new PlayerSession(ctx, connection, streamId, connection.outgoingChunkSize(), window);
        connection.playing("play " + key);
        player.start(streams.subscribe(key, connection, player));
    }

    void onMedia(MediaPacket media) {
        if (publisher == null) {
            media.release();
            return;
        }
        publisher.onMedia(media);
    }

    void onData(DataMessage data) {
        if (publisher != null) {
            publisher.onData(data, ctx.alloc());
        }
    }

    /** The message stream the connection publishes on, or -1. */
    int publishingStreamId() {
        return publisher == null ? -1 : publisher.streamId();
    }

    /** The socket can take more: resume a player that paused on a full buffer. */
    void writable() {
        if (player != null) {
            player.drain();
        }
    }

    private boolean requireConnected(CommandMessage c) {
        if (connect == null) {
            connection.refuse(Status.error(c.streamId(), "NetStream.Failed", c.name() + " before connect",
                    connection.id()), c.name() + " before connect");
            return false;
        }
        return true;
    }

    private void result(CommandMessage c, Object value) {
        ctx.writeAndFlush(CommandMessage.of(0, "_result", c.transactionId(), null, value));
    }

    private void stopPublishing(String why) {
        if (publisher != null) {
            LOG.debug("client {} stops publishing ({})", connection.id(), why);
            publisher.close();
            ctx.writeAndFlush(Status.status(publisher.streamId(), Status.UNPUBLISH_SUCCESS, "stream unpublished",
                    connection.id()));
            publisher = null;
            connection.idle();
        }
    }

    private void stopPlaying() {
        if (player != null) {
            player.close();
            player = null;
            connection.idle();
        }
    }

    void closeAll() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
        if (player != null) {
            player.close();
            player = null;
        }
    }
}
