package io.aqueduct.rtmp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes RTMP chunks (RTMP specification 5.3) into typed {@link RtmpMessage}s.
 *
 * <p>Handles the four chunk header formats, 1 to 3 byte basic headers (chunk stream ids 2 to 65599), timestamp
 * deltas and extended timestamps. An extended timestamp is read again after the type 3 header of a continuation chunk,
 * except when those 4 bytes differ from the message's one: like SRS, the decoder then takes them as payload, because
 * some encoders leave the field out there.
 *
 * <p>A received {@link SetChunkSize} applies to the very next chunk and an {@link Abort} drops the message being
 * assembled on its chunk stream; both are emitted as well. The decoder sends nothing; {@link #bytesRead()} tells the
 * handler when an {@link Acknowledgement} is due. Limits ({@code maxMessageSize}, {@code maxChunkStreams}, chunk
 * sizes from 1 to {@code maxMessageSize}) and protocol errors raise {@link RtmpProtocolException}.
 *
 * <p>One instance per connection (not sharable); used on its channel's event loop only, except {@link #bytesRead()}.
 */
public class ChunkDecoder extends ByteToMessageDecoder {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_CHUNK_STREAMS = 64;
    /** The chunk size of both directions until a {@link SetChunkSize} changes it. */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    private static final int[] MESSAGE_HEADER_SIZE = {11, 7, 3, 0};

    private final int maxMessageSize;
    private final int maxChunkStreams;
    private final Map<Integer, ChunkStreamState> chunkStreams = new HashMap<>();
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private volatile long bytesRead;
    /** After a protocol error the stream cannot be resynchronised: everything that follows is discarded. */
    private boolean failed;

    public ChunkDecoder() {
        this(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_CHUNK_STREAMS);
    }

    /**
     * @param maxMessageSize  the largest message accepted, in bytes; also the largest chunk size accepted
     * @param maxChunkStreams how many distinct chunk streams a peer may use
     */
    public ChunkDecoder(int maxMessageSize, int maxChunkStreams) {
        if (maxMessageSize < 1 || maxChunkStreams < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxMessageSize = maxMessageSize;
        this.maxChunkStreams = maxChunkStreams;
    }

    /** The total number of bytes this decoder received (chunk headers included). Readable from any thread. */
    public long bytesRead() {
        return bytesRead;
    }

    /** The peer's current chunk size. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            bytesRead += buf.readableBytes();
        }
        super.channelRead(ctx, msg);
    }

    /** Decodes at most one chunk per call; {@link ByteToMessageDecoder} calls again while bytes are consumed. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeChunk(ctx, in, out);
        } catch (RuntimeException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeChunk(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        int first = in.getUnsignedByte(start);
        int fmt = first >> 6;
        int csid = first & 0x3f;
        int pos = start + 1;
        if (csid == 0) {
            if (available < 2) {
                return;
            }
            csid = 64 + in.getUnsignedByte(pos);
            pos += 1;
        } else if (csid == 1) {
            if (available < 3) {
                return;
            }
            csid = 64 + in.getUnsignedShortLE(pos);
            pos += 2;
        }
        ChunkStreamState state = chunkStreams.get(csid);
        if (state == null && fmt != 0) {
            throw new RtmpProtocolException("chunk of format " + fmt + " on chunk stream " + csid
                    + " which never had a type 0 header");
        }
        int headerEnd = pos + MESSAGE_HEADER_SIZE[fmt];
        if (headerEnd > in.writerIndex()) {
            return;
        }
        int timestampField = fmt < 3 ? in.getUnsignedMedium(pos) : 0;
        boolean continuation = state != null && state.payload != null;
        if (continuation && fmt != 3) {
            throw new RtmpProtocolException("type " + fmt + " header on chunk stream " + csid
                    + " while a message is still being assembled there");
        }
        boolean extended = fmt < 3 ? timestampField == ChunkHeaders.MAX_TIMESTAMP_FIELD : state.extended;
        if (extended) {
            if (headerEnd + 4 > in.writerIndex()) {
                return;
            }
            int extendedValue = in.getInt(headerEnd);
            if (!continuation || extendedValue == state.extendedField) {
                timestampField = extendedValue;
                headerEnd += 4;
            }
        }
        int length = continuation ? state.messageLength : fmt < 2 ? in.getUnsignedMedium(pos + 3) : state.messageLength;
        if (length > maxMessageSize) {
            throw new RtmpProtocolException("message of " + length + " bytes on chunk stream " + csid
                    + " exceeds the limit of " + maxMessageSize);
        }
        int assembled = continuation ? state.payload.readableBytes() : 0;
        int chunkLength = Math.min(chunkSize, length - assembled);
        if (headerEnd + chunkLength > in.writerIndex()) {
            return;
        }

        if (state == null) {
            if (chunkStreams.size() >= maxChunkStreams) {
                throw new RtmpProtocolException("more than " + maxChunkStreams + " chunk streams");
            }
            state = new ChunkStreamState();
            chunkStreams.put(csid, state);
        }
        if (!continuation) {
            startMessage(state, in, fmt, pos, timestampField, extended, length);
            state.payload = ctx.alloc().buffer(Math.min(length, 65536), Math.max(length, 1));
        }
        in.skipBytes(headerEnd - start);
        state.payload.writeBytes(in, chunkLength);
        if (state.payload.readableBytes() == state.messageLength) {
            ByteBuf body = state.payload;
            state.payload = null;
            int sizeBefore = out.size();
            MessageReader.read(ctx.alloc(), state.typeId, state.streamId, state.timestamp, body, out);
            for (int i = sizeBefore; i < out.size(); i++) {
                applyToSelf(out.get(i));
            }
        }
    }

    private static void startMessage(ChunkStreamState state, ByteBuf in, int fmt, int pos, int timestampField,
            boolean extended, int length) {
        switch (fmt) {
            case 0 -> {
                state.timestamp = timestampField;
                state.messageLength = length;
                state.typeId = in.getUnsignedByte(pos + 6);
                state.streamId = in.getIntLE(pos + 7);
            }
            case 1 -> {
                state.timestamp += timestampField;
                state.messageLength = length;
                state.typeId = in.getUnsignedByte(pos + 6);
            }
            case 2 -> state.timestamp += timestampField;
            default -> {
                // A type 3 header starting a message repeats the previous delta (for a type 0 predecessor its
                // timestamp field, as ffmpeg and SRS read it).
                state.timestamp += extended ? timestampField : state.delta;
                return;
            }
        }
        // Formats 0-2: the field is the absolute timestamp (format 0) or the delta; either becomes the delta that a
        // later type 3 message header repeats.
        state.delta = timestampField;
        state.extended = extended;
        state.extendedField = timestampField;
    }

    private void applyToSelf(Object message) {
        if (message instanceof SetChunkSize setChunkSize) {
            int size = setChunkSize.chunkSize();
            if (size > maxMessageSize) {
                throw new RtmpProtocolException("chunk size " + size + " exceeds the limit of " + maxMessageSize);
            }
            chunkSize = size;
        } else if (message instanceof Abort abort) {
            ChunkStreamState aborted = chunkStreams.get(abort.chunkStreamId());
            if (aborted != null && aborted.payload != null) {
                aborted.payload.release();
                aborted.payload = null;
            }
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        for (ChunkStreamState state : chunkStreams.values()) {
            if (state.payload != null) {
                state.payload.release();
                state.payload = null;
            }
        }
        chunkStreams.clear();
    }

    /** What the previous headers of one chunk stream said; later headers leave out what did not change. */
    private static final class ChunkStreamState {
        int timestamp;
        int delta;
        int messageLength;
        int typeId;
        int streamId;
        boolean extended;
        int extendedField;
        ByteBuf payload;
    }
}
