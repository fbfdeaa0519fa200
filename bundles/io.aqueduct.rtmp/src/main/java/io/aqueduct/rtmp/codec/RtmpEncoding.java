package io.aqueduct.rtmp.codec;

import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RTMP wire form of a media message for one (chunk size, chunk stream id, message stream id): a type 0 header,
 * the payload split into chunks, type 3 headers in between. {@link MediaMessage#encoded} computes it once per
 * message and encoding and every player with the same triple shares it.
 *
 * <p>Instances are canonical ({@link #of}) so that the identity comparison of the message cache works. The payload is
 * not copied when the message has few chunks: the result is a composite of header slices and retained payload
 * slices. With many small chunks (a big frame at chunk size 128) the payload is copied once into one contiguous
 * buffer instead, because hundreds of components cost more on every write than one copy shared by all players.
 *
 * <p>Thread-safe.
 */
public final class RtmpEncoding implements Encoding {

    /** Above this many chunks the encoding copies the payload into one buffer instead of composing slices. */
    static final int MAX_COMPOSITE_CHUNKS = 16;

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
        int chunks = ChunkHeaders.chunkCount(length, chunkSize);
        if (chunks > MAX_COMPOSITE_CHUNKS) {
            ByteBuf out = alloc.buffer(ChunkHeaders.chunkedSize(chunkStreamId, timestamp, length, chunkSize));
            ChunkHeaders.writeChunked(out, chunkStreamId, timestamp, typeId, streamId, payload, chunkSize);
            return out;
        }
        int type0 = ChunkHeaders.type0HeaderSize(chunkStreamId, timestamp);
        int type3 = ChunkHeaders.type3HeaderSize(chunkStreamId, timestamp);
        ByteBuf headers = alloc.buffer(type0 + (chunks - 1) * type3);
        CompositeByteBuf out = alloc.compositeBuffer(chunks * 2);
        try {
            ChunkHeaders.writeType0Header(headers, chunkStreamId, timestamp, length, typeId, streamId);
            for (int i = 1; i < chunks; i++) {
                ChunkHeaders.writeType3Header(headers, chunkStreamId, timestamp);
            }
            out.addComponent(true, headers.retainedSlice(0, type0));
            int headerIndex = type0;
            int index = payload.readerIndex();
            int end = index + length;
            while (index < end) {
                int n = Math.min(chunkSize, end - index);
                out.addComponent(true, payload.retainedSlice(index, n));
                index += n;
                if (index < end) {
                    out.addComponent(true, headers.retainedSlice(headerIndex, type3));
                    headerIndex += type3;
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            headers.release();
        }
    }

    @Override
    public String toString() {
        return "RtmpEncoding[chunkSize=" + chunkSize + ", csid=" + chunkStreamId + ", streamId=" + streamId + "]";
    }

    private record Key(int chunkSize, int chunkStreamId, int streamId) {
    }
}
