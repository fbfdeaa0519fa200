package io.aqueduct.rtmp.codec;

import io.aqueduct.stream.api.MediaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes {@link RtmpMessage}s into RTMP chunks (RTMP specification 5.3).
 *
 * <p>Every message starts with a type 0 header and goes on with type 3 headers; timestamps of 0xFFFFFF or more use
 * the extended timestamp field, repeated on every continuation chunk. Chunk streams are those of
 * {@link ChunkStreams}: control on 2, commands on 3, audio on 4, data on 5, video on 6. An outgoing
 * {@link SetChunkSize} is written at the old size and applies to the messages after it.
 *
 * <p>A {@link MediaPacket} is not serialised here: its shared wire form comes from
 * {@link MediaMessage#encoded} with the {@link RtmpEncoding} of this connection's (chunk size, chunk stream, message
 * stream), computed once per message and reused by every connection with the same triple.
 *
 * <p>One instance per connection (it keeps the outgoing chunk size); used on its channel's event loop only.
 */
public class ChunkEncoder extends MessageToMessageEncoder<RtmpMessage> {

    private int chunkSize;

    public ChunkEncoder() {
        this(ChunkDecoder.DEFAULT_CHUNK_SIZE);
    }

    /** @param initialChunkSize the chunk size in force before any {@link SetChunkSize} (128 by the specification) */
    public ChunkEncoder(int initialChunkSize) {
        super(RtmpMessage.class);
        if (initialChunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + initialChunkSize);
        }
        this.chunkSize = initialChunkSize;
    }

    /** The outgoing chunk size now. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, List<Object> out) {
        if (msg instanceof MediaPacket packet) {
            MediaMessage media = packet.media();
            int csid = switch (media.type()) {
                case AUDIO -> ChunkStreams.AUDIO;
                case VIDEO -> ChunkStreams.VIDEO;
                case METADATA, DATA -> ChunkStreams.DATA;
            };
            out.add(media.encoded(RtmpEncoding.of(chunkSize, csid, packet.streamId()), ctx.alloc()));
            return;
        }
        ByteBuf body = ctx.alloc().buffer();
        try {
            int typeId = MessageWriter.write(msg, body);
            int csid = chunkStreamOf(msg);
            ByteBuf chunked = ctx.alloc().buffer(
                    ChunkHeaders.chunkedSize(csid, msg.timestamp(), body.readableBytes(), chunkSize));
            ChunkHeaders.writeChunked(chunked, csid, msg.timestamp(), typeId, msg.streamId(), body, chunkSize);
            out.add(chunked);
        } finally {
            body.release();
        }
        if (msg instanceof SetChunkSize setChunkSize) {
            chunkSize = setChunkSize.chunkSize();
        }
    }

    private static int chunkStreamOf(RtmpMessage msg) {
        if (msg instanceof CommandMessage) {
            return ChunkStreams.COMMAND;
        }
        if (msg instanceof DataMessage) {
            return ChunkStreams.DATA;
        }
        return ChunkStreams.CONTROL;
    }
}
