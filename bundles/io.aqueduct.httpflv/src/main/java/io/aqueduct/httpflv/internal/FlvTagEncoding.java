package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * A media message as one FLV tag (FLV specification 10.1, annex E.4.1): an 11-byte tag header, the message body,
 * and the 4-byte PreviousTagSize that follows every tag.
 *
 * <p>The encoded form is a composite that holds a retained slice of the payload, so the tag costs 15 bytes of
 * new memory whatever the payload size. {@link #INSTANCE} is the one instance every HTTP player passes to
 * {@link MediaMessage#encoded}, so all of them share each message's tag. Stateless and thread-safe.
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
        ByteBuf header = alloc.buffer(TAG_HEADER_SIZE);
        writeTagHeader(header, message.type().flvTagType(), size, message.timestamp());
        ByteBuf trailer = alloc.buffer(TRAILER_SIZE).writeInt(TAG_HEADER_SIZE + size);
        CompositeByteBuf tag = alloc.compositeBuffer(3);
        tag.addComponents(true, header, payload.retainedSlice(payload.readerIndex(), size), trailer);
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
