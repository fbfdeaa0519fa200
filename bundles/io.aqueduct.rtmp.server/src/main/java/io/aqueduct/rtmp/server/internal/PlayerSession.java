package io.aqueduct.rtmp.server.internal;

import io.aqueduct.rtmp.codec.ChunkEncoder;
import io.aqueduct.rtmp.codec.ChunkStreams;
import io.aqueduct.rtmp.codec.RtmpEncoding;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one stream to one RTMP connection: drains the player's queue on the connection's event loop while the
 * socket is writable, writes a batch, flushes once.
 *
 * <p>Media is written in its shared wire form ({@link RtmpEncoding}, computed once per message and shared by all
 * players), from the chunk encoder's context so it skips the encoder. Timestamps are rebased so each player starts
 * near 0; when that changes a message's timestamp only the 12-byte type 0 header is written per player, followed
 * by the shared chunks after it.
 */
final class PlayerSession implements StreamSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(PlayerSession.class);
    private static final int TYPE0_HEADER = 12;

    private final ChannelHandlerContext ctx;
    private final RtmpConnection connection;
    private final int streamId;
    private final int mergedWriteMillis;
    private final Runnable drainTask = this::drain;
    /** The chunk encoder's context: media written from it goes straight to the socket, already encoded. */
    private final ChannelHandlerContext out;
    private final RtmpEncoding audio;
    private final RtmpEncoding video;
    private final RtmpEncoding data;
    private Subscription subscription;
    private boolean closed;
    private boolean haveBase;
    private int base;

    PlayerSession(ChannelHandlerContext ctx, RtmpConnection connection, int streamId, int chunkSize,
            int mergedWriteMillis) {
        this.ctx = ctx;
        this.connection = connection;
        this.streamId = streamId;
        this.mergedWriteMillis = mergedWriteMillis;
        this.out = ctx.pipeline().context(ChunkEncoder.class);
        this.audio = RtmpEncoding.of(chunkSize, ChunkStreams.AUDIO, streamId);
        this.video = RtmpEncoding.of(chunkSize, ChunkStreams.VIDEO, streamId);
        this.data = RtmpEncoding.of(chunkSize, ChunkStreams.DATA, streamId);
    }

    void start(Subscription s) {
        this.subscription = s;
        drain();
    }

    Subscription subscription() {
        return subscription;
    }

    @Override
    public void itemsAvailable() {
        if (mergedWriteMillis > 0) {
            ctx.channel().eventLoop().schedule(drainTask, mergedWriteMillis, TimeUnit.MILLISECONDS);
        } else {
            ctx.channel().eventLoop().execute(drainTask);
        }
    }

    /** Writes what is queued while the socket takes it; called on the event loop. */
    void drain() {
        if (closed || subscription == null) {
            return;
        }
        Channel ch = ctx.channel();
        boolean wrote = false;
        StreamItem item;
        while (ch.isWritable() && (item = subscription.poll()) != null) {
            wrote = true;
            if (item instanceof MediaMessage m) {
                connection.addBytesOut(m.size());
                writeMedia(m);
            } else if (item == StreamEvent.UNPUBLISH) {
                ctx.write(Status.status(streamId, Status.PLAY_UNPUBLISH_NOTIFY, "stream unpublished", connection.id()));
            } else if (item == StreamEvent.PUBLISH) {
                ctx.write(Status.status(streamId, Status.PLAY_PUBLISH_NOTIFY, "stream published", connection.id()));
            } else if (item == StreamEvent.SKIPPED) {
                LOG.debug("client {}: fell behind on {}, skipped to the next key frame", connection.id(),
                        subscription.key());
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void writeMedia(MediaMessage m) {
        RtmpEncoding encoding = switch (m.type()) {
            case AUDIO -> audio;
            case VIDEO -> video;
            case METADATA, DATA -> data;
        };
        int ts = m.timestamp();
        if (!haveBase) {
            haveBase = true;
            base = ts;
        }
        int rebased = Math.max(0, ts - base);
        if (rebased != ts && Integer.compareUnsigned(ts, 0xFFFFFF) >= 0) {
            // Rare (after 4.6 hours): the shared chunks carry extended timestamps, so encode privately.
            MediaMessage own = m.withTimestamp(rebased);
            ByteBuf bytes = own.encoded(encoding, ctx.alloc());
            own.release();
            out.write(bytes, out.voidPromise());
            return;
        }
        int size = m.size();
        int type = m.type().flvTagType();
        ByteBuf shared = m.encoded(encoding, ctx.alloc());
        m.release();
        if (rebased == ts) {
            out.write(shared, out.voidPromise());
            return;
        }
        ByteBuf header = ctx.alloc().buffer(TYPE0_HEADER);
        header.writeByte(encoding.chunkStreamId());
        header.writeMedium(rebased);
        header.writeMedium(size);
        header.writeByte(type);
        header.writeIntLE(streamId);
        shared.skipBytes(TYPE0_HEADER);
        out.write(header, out.voidPromise());
        out.write(shared, out.voidPromise());
    }

    /** Stops playing; on the event loop. */
    void close() {
        if (!closed) {
            closed = true;
            if (subscription != null) {
                subscription.close();
            }
        }
    }
}
