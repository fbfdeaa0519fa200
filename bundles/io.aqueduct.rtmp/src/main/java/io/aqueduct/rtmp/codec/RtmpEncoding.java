package io.aqueduct.rtmp.codec;

import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RTMP wire form of a media message for one (chunk size, chunk stream id, message stream id): a type 0 header,
 * the payload split into chunks, type 3 headers in between. {@link MediaMessage#encoded} computes it once per
 * message and encoding and every player with the same triple shares it.
 *
 * <p>Instances are canonical ({@link #of}) so that the identity comparison of the message cache works. The result is
 * one contiguous buffer: the payload is copied once per message and encoding, and every player writes a duplicate of
 * it. A profile of 1000 players showed a composite of header and payload slices costing more on every player's
 * write (gathering its components) than that one copy.
 *
 * <p>Thread-safe.
 */
public final class RtmpEncoding implements Encoding {

    /** Bounds the canonical cache; the server picks chunk sizes and stream ids, so a handful is the norm. */
    private static final int MAX_CACHED = 1024;
    private static final Map<Key, RtmpEncoding> CANONICAL = new ConcurrentHashMap<>();

    private final int chunkSize;
    private final int chunkStreamId;
    private final int streamId;

    private RtmpEncoding(int chunkSize, int chunkStreamId, int streamId) {
        this.chunkSize = chunkSize;
        this.chunkStreamId = chunkStreamId;
        this.streamId = streamId;
    }

    /** The canonical encoding for this triple. */
    public static RtmpEncoding of(int chunkSize, int chunkStreamId, int streamId) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        if (chunkStreamId < 2 || chunkStreamId > ChunkStreams.MAX_ID) {
            throw new IllegalArgumentException("chunk stream id out of range: " + chunkStreamId);
        }
        Key key = new Key(chunkSize, chunkStreamId, streamId);
        RtmpEncoding found = CANONICAL.get(key);
        if (found != null) {
            return found;
        }
        if (CANONICAL.size() >= MAX_CACHED) {
            // Pathological churn: start over. Older instances stay valid, messages cached with them re-encode once.
            CANONICAL.clear();
        }
        return CANONICAL.computeIfAbsent(key, k -> new RtmpEncoding(k.chunkSize, k.chunkStreamId, k.streamId));
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int chunkStreamId() {
        return chunkStreamId;
    }

    public int streamId() {
        return streamId;
    }

    @Override
    public ByteBuf encode(MediaMessage message, ByteBufAllocator alloc) {
        ByteBuf payload = message.payload();
        int typeId = message.type().flvTagType();
        int timestamp = message.timestamp();
        int length = payload.readableBytes();
        ByteBuf out = alloc.directBuffer(ChunkHeaders.chunkedSize(chunkStreamId, timestamp, length, chunkSize));
        ChunkHeaders.writeChunked(out, chunkStreamId, timestamp, typeId, streamId, payload, chunkSize);
        return out;
    }

    @Override
    public String toString() {
        return "RtmpEncoding[chunkSize=" + chunkSize + ", csid=" + chunkStreamId + ", streamId=" + streamId + "]";
    }

    private record Key(int chunkSize, int chunkStreamId, int streamId) {
    }
}
