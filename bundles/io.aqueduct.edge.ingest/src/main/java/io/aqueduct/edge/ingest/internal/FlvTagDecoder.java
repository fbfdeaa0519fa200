package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes an FLV byte stream (FLV specification 10.1, annex E: the file header, then tags each followed by its
 * PreviousTagSize) into {@link MediaMessage}s, however the bytes are split.
 *
 * <p>Audio (8) and video (9) tags become {@link MessageType#AUDIO} and {@link MessageType#VIDEO}; script tags (18)
 * whose first AMF0 value is the string {@code onMetaData} become {@link MessageType#METADATA}, other script tags
 * {@link MessageType#DATA}. Other tag types, empty tags and tags with the Filter bit (encrypted) are skipped. The
 * 32-bit timestamp is the 24-bit Timestamp with TimestampExtended as its high byte. Each payload is copied into a
 * buffer of its own, so a message in a GOP cache holds only its bytes.
 *
 * <p>A tag larger than {@code maxTagSize} raises {@link TooLongFrameException} and a stream that does not start
 * with {@code FLV} raises {@link CorruptedFrameException}, both wrapped in a DecoderException: the upstream closes.
 */
final class FlvTagDecoder extends ByteToMessageDecoder {

    static final int DEFAULT_MAX_TAG_SIZE = 16 * 1024 * 1024;
    static final int FILE_HEADER_SIZE = 9;
    static final int TAG_HEADER_SIZE = 11;
    static final int PREVIOUS_TAG_SIZE = 4;
    /** The header's DataOffset is 9 in FLV version 1; more would be extensions, which must stay small. */
    private static final int MAX_DATA_OFFSET = 1024;
    private static final byte[] ON_METADATA = "onMetaData".getBytes(StandardCharsets.US_ASCII);
    private static final int AMF0_STRING = 2;

    /** FAILED: the stream was bad; whatever follows is dropped until the connection closes. */
    private enum State { FILE_HEADER, TAG_HEADER, TAG_BODY, FAILED }

    private final int maxTagSize;
    private State state = State.FILE_HEADER;
    private int tagType;
    private boolean filtered;
    private int dataSize;
    private int timestamp;

    FlvTagDecoder(int maxTagSize) {
        this.maxTagSize = maxTagSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case FILE_HEADER -> {
                    if (!fileHeader(in)) {
                        return;
                    }
                }
                case TAG_HEADER -> {
                    if (in.readableBytes() < TAG_HEADER_SIZE) {
                        return;
                    }
                    tagHeader(in);
                }
                case TAG_BODY -> {
                    if (in.readableBytes() < dataSize + PREVIOUS_TAG_SIZE) {
                        return;
                    }
                    MediaMessage m = tagBody(ctx, in);
                    if (m != null) {
                        out.add(m);
                    }
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** Reads "FLV", version, flags, DataOffset, up to PreviousTagSize0; false until all of it is there. */
    private boolean fileHeader(ByteBuf in) {
        if (in.readableBytes() < FILE_HEADER_SIZE) {
            return false;
        }
        int i = in.readerIndex();
        if (in.getByte(i) != 'F' || in.getByte(i + 1) != 'L' || in.getByte(i + 2) != 'V') {
            state = State.FAILED;
            throw new CorruptedFrameException("not an FLV stream: it starts with 0x"
                    + Integer.toHexString(in.getUnsignedMedium(i)));
        }
        long dataOffset = in.getUnsignedInt(i + 5);
        if (dataOffset < FILE_HEADER_SIZE || dataOffset > MAX_DATA_OFFSET) {
            state = State.FAILED;
            throw new CorruptedFrameException("FLV header DataOffset " + dataOffset);
        }
        if (in.readableBytes() < dataOffset + PREVIOUS_TAG_SIZE) {
            return false;
        }
        in.skipBytes((int) dataOffset + PREVIOUS_TAG_SIZE);
        state = State.TAG_HEADER;
        return true;
    }

    private void tagHeader(ByteBuf in) {
        int first = in.readUnsignedByte();
        filtered = (first & 0x20) != 0;
        tagType = first & 0x1F;
        dataSize = in.readUnsignedMedium();
        int low = in.readUnsignedMedium();
        timestamp = (in.readUnsignedByte() << 24) | low;
        in.skipBytes(3); // StreamID, always 0
        if (dataSize > maxTagSize) {
            state = State.FAILED;
            throw new TooLongFrameException("FLV tag of " + dataSize + " bytes, the limit is " + maxTagSize);
        }
        state = State.TAG_BODY;
    }

    private MediaMessage tagBody(ChannelHandlerContext ctx, ByteBuf in) {
        state = State.TAG_HEADER;
        MessageType type = filtered || dataSize == 0 ? null : switch (tagType) {
            case 8 -> MessageType.AUDIO;
            case 9 -> MessageType.VIDEO;
            case 18 -> isOnMetaData(in, in.readerIndex(), dataSize) ? MessageType.METADATA : MessageType.DATA;
            default -> null;
        };
        if (type == null) {
            in.skipBytes(dataSize + PREVIOUS_TAG_SIZE);
            return null;
        }
        ByteBuf payload = ctx.alloc().buffer(dataSize, dataSize);
        payload.writeBytes(in, dataSize);
        in.skipBytes(PREVIOUS_TAG_SIZE);
        return MediaMessage.of(type, timestamp, payload);
    }

    /** Whether a script tag body starts with the AMF0 string {@code onMetaData}. */
    static boolean isOnMetaData(ByteBuf buf, int index, int length) {
        int n = ON_METADATA.length;
        if (length < 3 + n || buf.getUnsignedByte(index) != AMF0_STRING || buf.getUnsignedShort(index + 1) != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (buf.getByte(index + 3 + k) != ON_METADATA[k]) {
                return false;
            }
        }
        return true;
    }
}
