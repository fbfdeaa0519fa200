package io.aqueduct.rtmp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChunkDecoderTest {

    private EmbeddedChannel channel;
    private ChunkDecoder decoder;

    @BeforeEach
    void setUp() {
        decoder = new ChunkDecoder();
        channel = new EmbeddedChannel(decoder);
    }

    @AfterEach
    void tearDown() {
        assertNull(channel.readInbound(), "nothing left over");
        assertFalse(channel.finish());
    }

    private MediaPacket readMedia() {
        Object msg = channel.readInbound();
        assertTrue(msg instanceof MediaPacket, () -> "expected a MediaPacket, got " + msg);
        return (MediaPacket) msg;
    }

    private static void assertMedia(MediaPacket packet, MessageType type, int streamId, int timestamp, byte[] body) {
        try {
            assertEquals(type, packet.media().type());
            assertEquals(streamId, packet.streamId());
            assertEquals(timestamp, packet.timestamp());
            assertArrayEquals(body, ByteBufUtil.getBytes(packet.media().payload()));
        } finally {
            packet.release();
        }
    }

    @Test
    void decodesType0AudioMessage() {
        channel.writeInbound(Hex.buf(
                "04",           // fmt 0, csid 4
                "000064",       // timestamp 100
                "000003",       // length 3
                "08",           // type audio
                "01000000",     // message stream 1 (little endian)
                "af0121"));     // AAC raw
        assertMedia(readMedia(), MessageType.AUDIO, 1, 100, new byte[] {(byte) 0xaf, 0x01, 0x21});
    }

    @Test
    void appliesDeltasOfType1Type2AndType3Headers() {
        channel.writeInbound(Hex.buf(
                "04 000064 000002 08 01000000 af01",   // fmt 0: ts 100, len 2, audio, stream 1
                "44 000014 000003 08 af0102",          // fmt 1: delta 20, len 3, audio
                "84 000028 af0103",                    // fmt 2: delta 40, same length
                "c4 af0104"));                         // fmt 3: same delta again
        assertMedia(readMedia(), MessageType.AUDIO, 1, 100, new byte[] {(byte) 0xaf, 1});
        assertMedia(readMedia(), MessageType.AUDIO, 1, 120, new byte[] {(byte) 0xaf, 1, 2});
        assertMedia(readMedia(), MessageType.AUDIO, 1, 160, new byte[] {(byte) 0xaf, 1, 3});
        assertMedia(readMedia(), MessageType.AUDIO, 1, 200, new byte[] {(byte) 0xaf, 1, 4});
    }

    @Test
    void reassemblesMessageSplitIntoChunks() {
        byte[] body = Hex.pattern(200, 0x17);
        ByteBuf in = Hex.buf("06 000000 0000c8 09 01000000");   // fmt 0, csid 6, ts 0, len 200, video
        in = Unpooled.wrappedBuffer(in, Unpooled.wrappedBuffer(body, 0, 128),
                Hex.buf("c6"),                                   // fmt 3 continuation
                Unpooled.wrappedBuffer(body, 128, 72));
        channel.writeInbound(in);
        assertMedia(readMedia(), MessageType.VIDEO, 1, 0, body);
    }

    @Test
    void decodesWhenBytesArriveOneByOne() {
        byte[] body = Hex.pattern(300, 0x27);
        ByteBuf all = Unpooled.wrappedBuffer(Hex.buf("06 000010 00012c 09 01000000"),
                Unpooled.wrappedBuffer(body, 0, 128), Hex.buf("c6"), Unpooled.wrappedBuffer(body, 128, 128),
                Hex.buf("c6"), Unpooled.wrappedBuffer(body, 256, 44));
        while (all.isReadable()) {
            channel.writeInbound(all.readRetainedSlice(1));
        }
        all.release();
        assertMedia(readMedia(), MessageType.VIDEO, 1, 16, body);
        assertEquals(12 + 300 + 2, decoder.bytesRead());
    }

    @Test
    void readsExtendedTimestampRepeatedOnContinuationChunks() {
        byte[] body = Hex.pattern(200, 0x17);
        channel.writeInbound(Unpooled.wrappedBuffer(
                Hex.buf("06 ffffff 0000c8 09 01000000",    // fmt 0, timestamp field saturated
                        "01000000"),                        // extended timestamp 0x01000000
                Unpooled.wrappedBuffer(body, 0, 128),
                Hex.buf("c6 01000000"),                    // fmt 3 + repeated extended timestamp
                Unpooled.wrappedBuffer(body, 128, 72)));
        assertMedia(readMedia(), MessageType.VIDEO, 1, 0x01000000, body);
    }

    @Test
    void acceptsContinuationChunksWithoutExtendedTimestamp() {
        byte[] body = Hex.pattern(200, 0x17);
        channel.writeInbound(Unpooled.wrappedBuffer(
                Hex.buf("06 ffffff 0000c8 09 01000000 01000000"),
                Unpooled.wrappedBuffer(body, 0, 128),
                Hex.buf("c6"),                             // fmt 3 without the extended timestamp
                Unpooled.wrappedBuffer(body, 128, 72)));   // starts 97 98 99 9a: not the timestamp
        assertMedia(readMedia(), MessageType.VIDEO, 1, 0x01000000, body);
    }

    @Test
    void readsExtendedTimestampDeltaOfType1Header() {
        channel.writeInbound(Hex.buf(
                "04 000010 000001 08 01000000 af",          // ts 16
                "44 ffffff 000001 08 01000000 af",          // fmt 1, delta in the extended field: 0x01000000
                "c4 01000000 af"));                         // fmt 3 new message repeats the extended delta
        assertMedia(readMedia(), MessageType.AUDIO, 1, 16, new byte[] {(byte) 0xaf});
        assertMedia(readMedia(), MessageType.AUDIO, 1, 0x01000010, new byte[] {(byte) 0xaf});
        assertMedia(readMedia(), MessageType.AUDIO, 1, 0x02000010, new byte[] {(byte) 0xaf});
    }

    @Test
    void appliesSetChunkSizeToTheNextChunk() {
        byte[] body = Hex.pattern(200, 1);
        channel.writeInbound(Unpooled.wrappedBuffer(
                Hex.buf("02 000000 000004 01 00000000",    // Set Chunk Size on csid 2, stream 0
                        "00001000"),                        // 4096
                Hex.buf("06 000000 0000c8 09 01000000"),   // 200 bytes of video in one chunk
                Unpooled.wrappedBuffer(body)));
        assertEquals(new SetChunkSize(4096), channel.readInbound());
        assertEquals(4096, decoder.chunkSize());
        assertMedia(readMedia(), MessageType.VIDEO, 1, 0, body);
    }

    @Test
    void handlesChunkSizeOf65536() {
        byte[] body = Hex.pattern(70000, 3);
        channel.writeInbound(Unpooled.wrappedBuffer(
                Hex.buf("02 000000 000004 01 00000000 00010000"),   // Set Chunk Size 65536
                Hex.buf("06 000000 011170 09 01000000"),            // 70000 bytes of video
                Unpooled.wrappedBuffer(body, 0, 65536),
                Hex.buf("c6"),
                Unpooled.wrappedBuffer(body, 65536, 70000 - 65536)));
        assertEquals(new SetChunkSize(65536), channel.readInbound());
        assertMedia(readMedia(), MessageType.VIDEO, 1, 0, body);
    }

    @Test
    void decodesInterleavedChunkStreams() {
        byte[] video = Hex.pattern(200, 9);
        channel.writeInbound(Unpooled.wrappedBuffer(
                Hex.buf("06 000028 0000c8 09 01000000"),           // video starts on csid 6
                Unpooled.wrappedBuffer(video, 0, 128),
                Hex.buf("04 00002a 000002 08 01000000 af01"),      // a whole audio message on csid 4
                Hex.buf("c6"),                                     // video goes on
                Unpooled.wrappedBuffer(video, 128, 72)));
        assertMedia(readMedia(), MessageType.AUDIO, 1, 42, new byte[] {(byte) 0xaf, 1});
        assertMedia(readMedia(), MessageType.VIDEO, 1, 40, video);
    }

    @Test
    void abortDropsThePartialMessage() {
        channel.writeInbound(Unpooled.wrappedBuffer(
                Hex.buf("06 000000 0000c8 09 01000000"),           // 200-byte video starts
                Unpooled.wrappedBuffer(Hex.pattern(128, 0)),
                Hex.buf("02 000000 000004 02 00000000 00000006"),  // Abort csid 6
                Hex.buf("06 000050 000002 09 01000000 1701")));    // a new message on csid 6
        assertEquals(new Abort(6), channel.readInbound());
        assertMedia(readMedia(), MessageType.VIDEO, 1, 80, new byte[] {0x17, 1});
    }

    @Test
    void readsTwoAndThreeByteBasicHeaders() {
        channel.writeInbound(Hex.buf(
                "00 0a 000001 000001 08 01000000 af",      // fmt 0, csid 64 + 10 = 74
                "01 5001 000002 000001 08 01000000 af"));  // fmt 0, csid 64 + 0x150 = 400
        assertMedia(readMedia(), MessageType.AUDIO, 1, 1, new byte[] {(byte) 0xaf});
        assertMedia(readMedia(), MessageType.AUDIO, 1, 2, new byte[] {(byte) 0xaf});
    }

    @Test
    void decodesProtocolControlMessages() {
        channel.writeInbound(Hex.buf(
                "02 000000 000004 05 00000000 004c4b40",         // Window Ack Size 5000000
                "02 000000 000005 06 00000000 004c4b40 02",      // Set Peer Bandwidth 5000000 dynamic
                "02 000000 000004 03 00000000 fffffff0",         // Acknowledgement 0xfffffff0
                "02 000000 000006 04 00000000 0006 00001234",    // User Control ping request
                "02 000000 00000a 04 00000000 0003 00000001 00000bb8",  // Set Buffer Length stream 1, 3000 ms
                "02 000000 000006 04 00000000 001a 00000000"));  // SWF verify request: unknown, dropped
        assertEquals(new WindowAcknowledgementSize(5_000_000), channel.readInbound());
        assertEquals(new SetPeerBandwidth(5_000_000, SetPeerBandwidth.DYNAMIC), channel.readInbound());
        assertEquals(new Acknowledgement(0xfffffff0L), channel.readInbound());
        assertEquals(new UserControl(UserControlEvent.PING_REQUEST, 0x1234), channel.readInbound());
        assertEquals(new UserControl(UserControlEvent.SET_BUFFER_LENGTH, 1, 3000), channel.readInbound());
    }

    @Test
    void splitsAggregateMessages() {
        channel.writeInbound(Hex.buf(
                "06 0003e8 000023 16 01000000",   // aggregate, ts 1000, 35 bytes
                "08 000002 000064 00 000000",     // FLV tag: audio, 2 bytes, ts 100
                "af01 0000000d",                  //   body, previous tag size
                "09 000003 00007d 00 000000",     // FLV tag: video, 3 bytes, ts 125
                "170100 0000000e"));              //   body, previous tag size
        assertMedia(readMedia(), MessageType.AUDIO, 1, 1000, new byte[] {(byte) 0xaf, 1});
        assertMedia(readMedia(), MessageType.VIDEO, 1, 1025, new byte[] {0x17, 1, 0});
    }

    @Test
    void emitsEmptyMessages() {
        channel.writeInbound(Hex.buf("06 000007 000000 09 01000000"));   // zero-length video
        assertMedia(readMedia(), MessageType.VIDEO, 1, 7, new byte[0]);
    }
}
