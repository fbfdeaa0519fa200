package io.aqueduct.rtmp.server.internal;

import io.aqueduct.rtmp.codec.ChunkStreams;
import io.aqueduct.rtmp.codec.MediaPacket;
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
 * <p>Media is written in its shared wire form ({@link RtmpEncoding}). Timestamps are rebased so each player starts
 * near 0; when that changes a message's timestamp only the 12-byte type 0 header is written per player, followed
 * by the shared chunks after it.
 */
final class PlayerSession implements StreamSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(PlayerSession.class);
    private static final int TYPE0_HEADER = 12;

    private final ChannelHandlerContext ctx;
    private final RtmpConnection connection;
    private final int streamId;
    private final int chunkSize;
    private final int mergedWriteMillis;
    private final Runnable drainTask = this::drain;
    private Subscription subscription;
    private boolean closed;
    private boolean haveBase;
    private int base;

    PlayerSession(ChannelHandlerContext ctx, RtmpConnection connection, int streamId, int chunkSize,
            int mergedWriteMillis) {
        this.ctx = ctx;
        this.connection = connection;
        this.streamId = streamId;
        this.chunkSize = chunkSize;
        this.mergedWriteMillis = mergedWriteMillis;
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
        int ts = m.timestamp();
        if (!haveBase) {
            haveBase = true;
            base = ts;
        }
        int rebased = Math.max(0, ts - base);
        if (rebased == ts) {
            ctx.write(new MediaPacket(streamId, m));
            return;
        }
        if (Integer.compareUnsigned(ts, 0xFFFFFF) >= 0) {
            // Rare (after 4.6 hours): the shared chunks carry extended timestamps, so encode privately.
            ctx.write(new MediaPacket(streamId, m.withTimestamp(rebased)));
            return;
        }
        int csid = switch (m.type()) {
            case AUDIO -> ChunkStreams.AUDIO;
            case VIDEO -> ChunkStreams.VIDEO;
            case METADATA, DATA -> ChunkStreams.DATA;
        };
        ByteBuf shared = m.encoded(RtmpEncoding.of(chunkSize, csid, streamId), ctx.alloc());
        m.release();
        ByteBuf header = ctx.alloc().buffer(TYPE0_HEADER);
        header.writeByte(csid);
        header.writeMedium(rebased);
        header.writeMedium(m.size());
        header.writeByte(m.type().flvTagType());
        header.writeIntLE(streamId);
        shared.skipBytes(TYPE0_HEADER);
        ctx.write(header);
        ctx.write(shared);
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
