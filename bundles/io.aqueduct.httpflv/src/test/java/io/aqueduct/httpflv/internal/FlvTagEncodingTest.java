package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class FlvTagEncodingTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void audioTagHasHeaderBodyAndPreviousTagSize() {
        MediaMessage m = MediaMessage.of(MessageType.AUDIO, 0x01234567,
                Unpooled.wrappedBuffer(bytes(0xAF, 0x01, 0x21, 0x00)));
        ByteBuf tag = m.encoded(FlvTagEncoding.INSTANCE, ByteBufAllocator.DEFAULT);
        try {
            assertArrayEquals(bytes(
                    0x08,                   // TagType: audio
                    0x00, 0x00, 0x04,       // DataSize: 4
                    0x23, 0x45, 0x67,       // Timestamp: low 24 bits of 0x01234567
                    0x01,                   // TimestampExtended: high 8 bits
                    0x00, 0x00, 0x00,       // StreamID: always 0
                    0xAF, 0x01, 0x21, 0x00, // body: AAC raw frame, unchanged
                    0x00, 0x00, 0x00, 0x0F  // PreviousTagSize: 11 + 4
            ), ByteBufUtil.getBytes(tag));
        } finally {
            tag.release();
            m.release();
        }
    }

    @Test
    void scriptAndVideoTagsUseTheirTypes() {
        MediaMessage meta = MediaMessage.of(MessageType.METADATA, 0, Unpooled.wrappedBuffer(bytes(0x02, 0x00, 0x00)));
        MediaMessage video = MediaMessage.of(MessageType.VIDEO, 40, Unpooled.wrappedBuffer(bytes(0x17, 0x01)));
        ByteBuf metaTag = meta.encoded(FlvTagEncoding.INSTANCE, ByteBufAllocator.DEFAULT);
        ByteBuf videoTag = video.encoded(FlvTagEncoding.INSTANCE, ByteBufAllocator.DEFAULT);
        try {
            assertArrayEquals(bytes(
                    0x12, 0x00, 0x00, 0x03, // script data, 3 bytes
                    0x00, 0x00, 0x00, 0x00, // timestamp 0
                    0x00, 0x00, 0x00,       // stream id
                    0x02, 0x00, 0x00,       // body: AMF0 empty string
                    0x00, 0x00, 0x00, 0x0E  // 11 + 3
            ), ByteBufUtil.getBytes(metaTag));
            assertArrayEquals(bytes(
                    0x09, 0x00, 0x00, 0x02, // video, 2 bytes
                    0x00, 0x00, 0x28, 0x00, // timestamp 40
                    0x00, 0x00, 0x00,       // stream id
                    0x17, 0x01,             // body: AVC key frame NALU packet
                    0x00, 0x00, 0x00, 0x0D  // 11 + 2
            ), ByteBufUtil.getBytes(videoTag));
        } finally {
            metaTag.release();
            videoTag.release();
            meta.release();
            video.release();
        }
    }

    @Test
    void everyPlayerSharesOneTagPerMessage() {
        byte[] body = new byte[1000];
        ByteBuf payload = Unpooled.wrappedBuffer(body);
        MediaMessage m = MediaMessage.of(MessageType.VIDEO, 0, payload);
        ByteBuf first = m.encoded(FlvTagEncoding.INSTANCE, ByteBufAllocator.DEFAULT);
        ByteBuf second = m.encoded(FlvTagEncoding.INSTANCE, ByteBufAllocator.DEFAULT);
        try {
            assertEquals(1000 + 15, first.readableBytes());
            second.setByte(20, 0x55);
            assertEquals(0x55, first.getByte(20), "both players read the same tag memory: one tag per message");
            assertEquals(1, payload.refCnt(), "the tag is a copy made once; the payload stays the message's");
        } finally {
            first.release();
            second.release();
            m.release();
        }
        assertEquals(0, payload.refCnt(), "releasing the message frees the payload and its cached tag");
    }

    @Test
    void fileHeaderFlagsSayWhatTheStreamCarries() {
        ByteBuf both = FlvTagEncoding.fileHeader(ByteBufAllocator.DEFAULT, true, true);
        ByteBuf videoOnly = FlvTagEncoding.fileHeader(ByteBufAllocator.DEFAULT, false, true);
        ByteBuf audioOnly = FlvTagEncoding.fileHeader(ByteBufAllocator.DEFAULT, true, false);
        try {
            assertArrayEquals(bytes(
                    'F', 'L', 'V', 0x01,    // signature, version 1
                    0x05,                   // flags: audio (0x04) | video (0x01)
                    0x00, 0x00, 0x00, 0x09, // DataOffset: header size 9
                    0x00, 0x00, 0x00, 0x00  // PreviousTagSize0
            ), ByteBufUtil.getBytes(both));
            assertEquals(0x01, videoOnly.getByte(4));
            assertEquals(0x04, audioOnly.getByte(4));
        } finally {
            both.release();
            videoOnly.release();
            audioOnly.release();
        }
    }
}
