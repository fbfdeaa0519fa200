package io.aqueduct.rtmp.server.internal;

import io.aqueduct.rtmp.codec.ChunkEncoder;
import io.aqueduct.rtmp.codec.ChunkStreams;
import io.aqueduct.rtmp.codec.RtmpEncoding;
import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.RunEncoder;
import io.aqueduct.stream.api.RunKey;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.aqueduct.stream.api.WriteWindows;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one stream to one RTMP connection: drains the player's queue on the connection's event loop while the
 * socket is writable, writes a batch, flushes once.
 *
 * <p>Media is written in its shared wire form ({@link RtmpEncoding}, computed once per message and shared by all
 * players), from the chunk encoder's context so it skips the encoder. Timestamps are rebased to the first message
 * the player gets: the metadata or a sequence header, which carry the stream's start time, so players follow the
 * stream's timeline (a player that joins at 10 s gets its first frame at 10 s) and all of them share one run per
 * window, where HTTP-FLV's players, starting at 0 each, need one per GOP they joined in. When rebasing changes a
 * message's timestamp only the 12-byte type 0 header is written per player, followed by the shared chunks after it.
 */
final class PlayerSession implements StreamSubscriber, RunEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(PlayerSession.class);
    private static final int TYPE0_HEADER = 12;
    /** Messages per shared run: bounds one write's buffer for high-bitrate streams and long windows. */
    private static final int MAX_RUN = 256;

    private final ChannelHandlerContext ctx;
    private final RtmpConnection connection;
    private final int streamId;
    private final Channel channel;
    /** Where this player is drained when items arrive: looked up once, the stream wakes players often. */
    private final WriteWindows.Window window;
    /** Drains this player; a field, so a wake-up allocates nothing. */
    private final Runnable drainTask = this::drain;
    /** The chunk encoder's context: media written from it goes straight to the socket, already encoded. */
    private final ChannelHandlerContext out;
    private final RtmpEncoding audio;
    private final RtmpEncoding video;
    private final RtmpEncoding data;
    /** Media drained in a row, written together by {@link #writeRun}. */
    private final List<MediaMessage> run = new ArrayList<>();
    /** Looks up shared runs; the format part is the player's encoding (chunk size, message stream). */
    private final RunKey runKey = new RunKey();
    private final Encoding runEncoder = (last, alloc) -> encode(run, alloc);
    /** Payload bytes written in this drain. */
    private long drainedBytes;
    private Subscription subscription;
    private boolean closed;
    private boolean haveBase;
    private int base;

    PlayerSession(ChannelHandlerContext ctx, RtmpConnection connection, int streamId, int chunkSize,
            int mergedWriteMillis) {
        this.ctx = ctx;
        this.connection = connection;
        this.streamId = streamId;
        this.channel = ctx.channel();
        this.window = connection.writeWindows().window(channel.eventLoop(), mergedWriteMillis);
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
        window.ready(drainTask);
    }

    /** Writes what is queued while the socket takes it; called on the event loop. */
    void drain() {
        if (closed || subscription == null) {
            return;
        }
        Channel ch = channel;
        boolean wrote = false;
        while (ch.isWritable()) {
            if (run.isEmpty() && haveBase) {
                // In step with other players: their shared run, touching no message.
                ByteBuf shared = subscription.pollRun(video, base, MAX_RUN, this);
                if (shared != null) {
                    out.write(shared, out.voidPromise());
                    wrote = true;
                    continue;
                }
            }
            StreamItem item = subscription.poll();
            if (item == null) {
                break;
            }
            wrote = true;
            if (item instanceof MediaMessage m) {
                drainedBytes += m.size();
                if (run.size() == MAX_RUN) {
                    writeRun();
                }
                run.add(m);
                continue;
            }
            writeRun();
            if (item == StreamEvent.UNPUBLISH) {
                ctx.write(Status.status(streamId, Status.PLAY_UNPUBLISH_NOTIFY, "stream unpublished", connection.id()));
            } else if (item == StreamEvent.PUBLISH) {
                ctx.write(Status.status(streamId, Status.PLAY_PUBLISH_NOTIFY, "stream published", connection.id()));
            } else if (item == StreamEvent.SKIPPED) {
                LOG.debug("client {}: fell behind on {}, skipped to the next key frame", connection.id(),
                        subscription.key());
            }
        }
        writeRun();
        if (drainedBytes > 0) {
            connection.addBytesOut(drainedBytes); // a volatile write: once per drain, not per message
            drainedBytes = 0;
        }
        if (wrote) {
            out.flush(); // from the encoder's context: the handlers after it hold nothing back
        }
    }

    /** A run for the players in step with this one ({@link Subscription#pollRun}); null when rebasing is private. */
    @Override
    public ByteBuf encodeRun(List<MediaMessage> messages) {
        return needsPrivateEncoding(messages) ? null : encode(messages, ctx.alloc());
    }

    @Override
    public void runTaken(int messages, long payloadBytes) {
        drainedBytes += payloadBytes;
    }

    /**
     * Writes the media messages drained in a row. Several of them (a merged-write window) go out as one buffer
     * shared by every player that drained the same run with the same timestamp base; otherwise one by one.
     */
    private void writeRun() {
        int n = run.size();
        if (n == 0) {
            return;
        }
        int handedOver = 0;
        try {
            ByteBuf bytes = null;
            if (n > 1 && haveBase && !needsPrivateEncoding(run)) {
                bytes = run.get(n - 1).sharedRun(runKey.set(video, run, base), ctx.alloc(), runEncoder);
            }
            if (bytes == null) {
                while (handedOver < n) {
                    writeMedia(run.get(handedOver++)); // releases the message
                }
            } else {
                out.write(bytes, out.voidPromise());
            }
        } finally {
            // A run written whole, or a failure part-way: the messages not handed to writeMedia are released here.
            for (int i = handedOver; i < n; i++) {
                run.get(i).release();
            }
            run.clear();
        }
    }

    /** Whether a message of the run carries extended timestamps that this player rebases (after 4.6 hours). */
    private boolean needsPrivateEncoding(List<MediaMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            int ts = messages.get(i).timestamp();
            if (Integer.compareUnsigned(ts, 0xFFFFFF) >= 0 && Math.max(0, ts - base) != ts) {
                return true;
            }
        }
        return false;
    }

    /** The messages as this player would write them one by one, in one buffer. */
    private ByteBuf encode(List<MediaMessage> messages, ByteBufAllocator alloc) {
        int size = 0;
        ByteBuf[] parts = new ByteBuf[messages.size()];
        for (int i = 0; i < parts.length; i++) {
            MediaMessage m = messages.get(i);
            parts[i] = m.encoded(encoding(m), alloc);
            size += parts[i].readableBytes();
        }
        ByteBuf all = alloc.directBuffer(size);
        for (int i = 0; i < parts.length; i++) {
            MediaMessage m = messages.get(i);
            ByteBuf shared = parts[i];
            int ts = m.timestamp();
            int rebased = Math.max(0, ts - base);
            if (rebased != ts) {
                writeType0Header(all, encoding(m), rebased, m.size(), m.type().flvTagType());
                shared.skipBytes(TYPE0_HEADER);
            }
            all.writeBytes(shared);
            shared.release();
        }
        return all;
    }

    private RtmpEncoding encoding(MediaMessage m) {
        return switch (m.type()) {
            case AUDIO -> audio;
            case VIDEO -> video;
            case METADATA, DATA -> data;
        };
    }

    private void writeType0Header(ByteBuf header, RtmpEncoding encoding, int timestamp, int size, int type) {
        header.writeByte(encoding.chunkStreamId());
        header.writeMedium(timestamp);
        header.writeMedium(size);
        header.writeByte(type);
        header.writeIntLE(streamId);
    }

    private void writeMedia(MediaMessage m) {
        RtmpEncoding encoding = encoding(m);
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
        writeType0Header(header, encoding, rebased, size, type);
        shared.skipBytes(TYPE0_HEADER);
        out.write(header, out.voidPromise());
        out.write(shared, out.voidPromise());
    }


    /** Stops playing; on the event loop. */
    void close() {
        if (!closed) {
            closed = true;
            run.forEach(MediaMessage::release);
            run.clear();
            if (subscription != null) {
                subscription.close();
            }
        }
    }
}
