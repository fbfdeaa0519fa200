package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A media message as one FLV tag (FLV specification 10.1, annex E.4.1): an 11-byte tag header, the message body,
 * and the 4-byte PreviousTagSize that follows every tag.
 *
 * <p>The encoded form is one contiguous buffer: the payload is copied once per message, and every HTTP player writes a
 * duplicate of it ({@link #INSTANCE} is the one instance they all pass to {@link MediaMessage#encoded}). A
 * composite of header, payload slice and trailer would avoid that one copy but costs more on every player's write
 * (see the JMH FLV tag benchmark and the RTMP profile in bench/RESULTS.md). Stateless and thread-safe.
 */
final class FlvTagEncoding implements Encoding {

    static final FlvTagEncoding INSTANCE = new FlvTagEncoding();

    /** TagType (1) + DataSize (3) + Timestamp (3) + TimestampExtended (1) + StreamID (3). */
    static final int TAG_HEADER_SIZE = 11;
    /** PreviousTagSize, after each tag. */
    static final int TRAILER_SIZE = 4;

    private FlvTagEncoding() {
    }

    @Override
    public ByteBuf encode(MediaMessage message, ByteBufAllocator alloc) {
        ByteBuf payload = message.payload();
        int size = payload.readableBytes();
        ByteBuf tag = alloc.directBuffer(TAG_HEADER_SIZE + size + TRAILER_SIZE);
        writeTagHeader(tag, message.type().flvTagType(), size, message.timestamp());
        tag.writeBytes(payload, payload.readerIndex(), size);
        tag.writeInt(TAG_HEADER_SIZE + size);
        return tag;
    }

    /**
     * Writes an 11-byte tag header. The timestamp is 32 bits: its low 24 bits first, then its high 8 bits in the
     * TimestampExtended byte.
     */
    static void writeTagHeader(ByteBuf out, int tagType, int dataSize, int timestamp) {
        out.writeByte(tagType);
        out.writeMedium(dataSize);
        out.writeMedium(timestamp & 0xFFFFFF);
        out.writeByte(timestamp >>> 24);
        out.writeMedium(0);
    }

    /**
     * The FLV file header (9 bytes: "FLV", version 1, flags, header size 9) followed by PreviousTagSize0 (0).
     */
    static ByteBuf fileHeader(ByteBufAllocator alloc, boolean audio, boolean video) {
        ByteBuf out = alloc.buffer(13);
        out.writeByte('F').writeByte('L').writeByte('V').writeByte(1);
        out.writeByte((audio ? 0x04 : 0) | (video ? 0x01 : 0));
        out.writeInt(9);
        out.writeInt(0);
        return out;
    }
}
