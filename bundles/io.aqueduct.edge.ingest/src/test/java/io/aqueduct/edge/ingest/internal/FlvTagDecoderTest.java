package io.aqueduct.edge.ingest.internal;

import static io.aqueduct.edge.ingest.internal.FlvBytes.amf0String;
import static io.aqueduct.edge.ingest.internal.FlvBytes.tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlvTagDecoderTest {

    private static final String FILE_HEADER = FlvBytes.FILE_HEADER;

    @Test
    void decodesTagsFedOneByteAtATime() {
        String metadata = FlvBytes.METADATA;
        String keyframe = FlvBytes.KEYFRAME;
        String aac = "af01" + "2110";
        String other = amf0String("onCuePoint") + "05"; // a script tag that is not metadata: DATA
        byte[] stream = ByteBufUtil.decodeHexDump(FILE_HEADER + tag(18, 0, metadata) + tag(9, 40, keyframe)
                + tag(8, 0x01000023, aac) + tag(18, 50, other));
        EmbeddedChannel ch = new EmbeddedChannel(new FlvTagDecoder(1024));
        for (byte b : stream) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertMessage(ch.readInbound(), MessageType.METADATA, 0, metadata);
        MediaMessage video = ch.readInbound();
        assertTrue(video.isKeyframe());
        assertMessage(video, MessageType.VIDEO, 40, keyframe);
        assertMessage(ch.readInbound(), MessageType.AUDIO, 0x01000023, aac); // TimestampExtended is the high byte
        assertMessage(ch.readInbound(), MessageType.DATA, 50, other);
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void skipsUnknownEmptyAndEncryptedTags() {
        String aac = "af01" + "2110";
        byte[] stream = ByteBufUtil.decodeHexDump(FILE_HEADER + tag(15, 0, "0102") + tag(9, 0, "")
                + tag(0x28, 0, "af00") + tag(8, 7, aac));
        EmbeddedChannel ch = new EmbeddedChannel(new FlvTagDecoder(1024));
        ch.writeInbound(Unpooled.wrappedBuffer(stream));
        assertMessage(ch.readInbound(), MessageType.AUDIO, 7, aac);
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void aTagOverTheLimitFails() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlvTagDecoder(16));
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(FILE_HEADER + "09000011" + "00000000000000"));
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(in));
        assertInstanceOf(TooLongFrameException.class, e);
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aBodyThatIsNotFlvFails() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlvTagDecoder(1024));
        ByteBuf in = Unpooled.copiedBuffer("<html>not found</html>", StandardCharsets.US_ASCII);
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(in));
        assertInstanceOf(CorruptedFrameException.class, e);
        ch.finishAndReleaseAll();
    }

    @Test
    void onMetaDataIsRecognisedOnlyAsTheFirstAmf0String() {
        ByteBuf meta = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(amf0String("onMetaData") + "05"));
        ByteBuf other = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(amf0String("onMetaDatb") + "05"));
        ByteBuf cut = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(amf0String("onMetaData").substring(0, 12)));
        assertTrue(FlvTagDecoder.isOnMetaData(meta, 0, meta.readableBytes()));
        assertFalse(FlvTagDecoder.isOnMetaData(other, 0, other.readableBytes()));
        assertFalse(FlvTagDecoder.isOnMetaData(cut, 0, cut.readableBytes()));
    }

    private static void assertMessage(MediaMessage m, MessageType type, int timestamp, String bodyHex) {
        try {
            assertEquals(type, m.type());
            assertEquals(timestamp, m.timestamp());
            assertArrayEquals(ByteBufUtil.decodeHexDump(bodyHex), ByteBufUtil.getBytes(m.payload()));
        } finally {
            m.release();
        }
    }
}
