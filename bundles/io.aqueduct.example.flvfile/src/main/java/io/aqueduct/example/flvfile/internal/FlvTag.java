package io.aqueduct.example.flvfile.internal;

import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One tag read from an FLV file.
 *
 * @param type      the FLV tag type: 8 audio, 9 video, 18 script data
 * @param timestamp milliseconds, 32 bits (TimestampExtended is the high byte)
 * @param body      the tag body, owned by whoever holds the tag
 * @param offset    where the tag starts in the file
 */
record FlvTag(int type, int timestamp, ByteBuf body, long offset) {

    static final int AUDIO = 8;
    static final int VIDEO = 9;
    static final int SCRIPT = 18;

    /** A script tag's name: the AMF0 string marker (2), a 16-bit length (10), then the characters. */
    private static final byte[] ON_METADATA = ("\2\0\12" + "onMetaData").getBytes(StandardCharsets.US_ASCII);

    boolean isMedia() {
        return type == AUDIO || type == VIDEO;
    }

    /**
     * A video end of sequence (AVC/HEVC packet type 2, or the Enhanced RTMP SequenceEnd): ffmpeg writes one at the
     * end of a file; in the middle of a live stream it would make players stop decoding.
     */
    boolean isEndOfSequence() {
        if (type != VIDEO || body.readableBytes() < 2) {
            return false;
        }
        int first = body.getUnsignedByte(body.readerIndex());
        if ((first & 0x80) != 0) {
            return (first & 0x0f) == 2;
        }
        int codec = first & 0x0f;
        return (codec == 7 || codec == 12) && body.getByte(body.readerIndex() + 1) == 2;
    }

    /** The stream API's message type: script data named {@code onMetaData} is the stream's metadata. */
    MessageType messageType() {
        return switch (type) {
            case AUDIO -> MessageType.AUDIO;
            case VIDEO -> MessageType.VIDEO;
            default -> isOnMetaData() ? MessageType.METADATA : MessageType.DATA;
        };
    }

    private boolean isOnMetaData() {
        if (body.readableBytes() < ON_METADATA.length) {
            return false;
        }
        for (int i = 0; i < ON_METADATA.length; i++) {
            if (body.getByte(body.readerIndex() + i) != ON_METADATA[i]) {
                return false;
            }
        }
        return true;
    }
}
