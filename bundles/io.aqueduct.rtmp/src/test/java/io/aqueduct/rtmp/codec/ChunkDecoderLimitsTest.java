package io.aqueduct.rtmp.codec;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class ChunkDecoderLimitsTest {

    private static RtmpProtocolException decodeExpectingError(ChunkDecoder decoder, ByteBuf in) {
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        try {
            return assertThrows(RtmpProtocolException.class, () -> channel.writeInbound(in));
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void rejectsMessageOverTheLimit() {
        RtmpProtocolException e = decodeExpectingError(new ChunkDecoder(1000, 8),
                Hex.buf("06 000000 0003e9 09 01000000"));   // announces 1001 bytes
        assertTrue(e.getMessage().contains("1001"), e.getMessage());
    }

    @Test
    void rejectsTooManyChunkStreams() {
        RtmpProtocolException e = decodeExpectingError(new ChunkDecoder(1000, 2), Hex.buf(
                "04 000000 000001 08 01000000 af",
                "05 000000 000001 08 01000000 af",
                "06 000000 000001 08 01000000 af"));   // a third chunk stream
        assertTrue(e.getMessage().contains("more than 2 chunk streams"), e.getMessage());
    }

    @Test
    void rejectsType1HeaderOnUnknownChunkStream() {
        RtmpProtocolException e = decodeExpectingError(new ChunkDecoder(),
                Hex.buf("44 000014 000003 08 af0102"));
        assertTrue(e.getMessage().contains("never had a type 0 header"), e.getMessage());
    }

    @Test
    void rejectsType3HeaderOnUnknownChunkStream() {
        decodeExpectingError(new ChunkDecoder(), Hex.buf("c4 af"));
    }

    @Test
    void rejectsChunkSizeZero() {
        decodeExpectingError(new ChunkDecoder(), Hex.buf("02 000000 000004 01 00000000 00000000"));
    }

    @Test
    void rejectsChunkSizeOverTheMessageLimit() {
        RtmpProtocolException e = decodeExpectingError(new ChunkDecoder(4096, 8),
                Hex.buf("02 000000 000004 01 00000000 00001001"));   // 4097
        assertTrue(e.getMessage().contains("4097"), e.getMessage());
    }

    @Test
    void rejectsType0HeaderInTheMiddleOfAMessage() {
        ByteBuf in = Unpooled.wrappedBuffer(Hex.buf("06 000000 0000c8 09 01000000"),
                Unpooled.wrappedBuffer(Hex.pattern(128, 0)),
                Hex.buf("06 000000 000001 09 01000000 17"));   // type 0 where a type 3 should go on
        decodeExpectingError(new ChunkDecoder(), in);
    }

    @Test
    void rejectsTruncatedControlMessage() {
        decodeExpectingError(new ChunkDecoder(), Hex.buf("02 000000 000002 05 00000000 0000"));
    }

    @Test
    void discardsEverythingAfterAnError() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkDecoder());
        assertThrows(RtmpProtocolException.class, () -> channel.writeInbound(Hex.buf("c4 af")));
        channel.writeInbound(Hex.buf("04 000000 000001 08 01000000 af"));   // valid, but too late
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void waitsForAHeaderThatIsNotComplete() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkDecoder());
        channel.writeInbound(Hex.buf("06 000000 0000"));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }
}
