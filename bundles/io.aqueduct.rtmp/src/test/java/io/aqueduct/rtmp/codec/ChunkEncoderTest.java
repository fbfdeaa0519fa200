package io.aqueduct.rtmp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChunkEncoderTest {

    /** Encodes {@code msg} on a fresh channel and returns the bytes as hex. */
    private static String encode(RtmpMessage... messages) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkEncoder());
        for (RtmpMessage msg : messages) {
            assertTrue(channel.writeOutbound(msg));
        }
        StringBuilder hex = new StringBuilder();
        for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
            hex.append(Hex.of(out));
        }
        assertFalse(channel.finish());
        return hex.toString();
    }

    private static String hex(String... lines) {
        ByteBuf buf = Hex.buf(lines);
        try {
            return Hex.of(buf);
        } finally {
            buf.release();
        }
    }

    private static MediaMessage media(MessageType type, int timestamp, byte[] body) {
        return MediaMessage.of(type, timestamp, Unpooled.wrappedBuffer(body));
    }

    @Test
    void writesSetChunkSize() {
        assertEquals(hex("02 000000 000004 01 00000000",   // csid 2, ts 0, length 4, type 1, stream 0
                        "00001000"),                        // 4096
                encode(new SetChunkSize(4096)));
    }

    @Test
    void writesUserControlAndAcknowledgements() {
        assertEquals(hex("02 000000 000006 04 00000000 0000 00000001",        // Stream Begin 1
                        "02 000000 00000a 04 00000000 0003 00000001 00000bb8", // Set Buffer Length 1, 3000 ms
                        "02 000000 000004 05 00000000 002625a0",              // Window Ack Size 2500000
                        "02 000000 000005 06 00000000 002625a0 02",           // Set Peer Bandwidth dynamic
                        "02 000000 000004 03 00000000 fffffff0",              // Acknowledgement
                        "02 000000 000004 02 00000000 00000006"),             // Abort csid 6
                encode(new UserControl(UserControlEvent.STREAM_BEGIN, 1),
                        new UserControl(UserControlEvent.SET_BUFFER_LENGTH, 1, 3000),
                        new WindowAcknowledgementSize(2_500_000),
                        new SetPeerBandwidth(2_500_000, SetPeerBandwidth.DYNAMIC),
                        new Acknowledgement(0xfffffff0L), new Abort(6)));
    }

    @Test
    void writesAudioOnChunkStream4() {
        assertEquals(hex("04 000064 000003 08 01000000 af0121"),   // csid 4, ts 100, len 3, audio, stream 1
                encode(new MediaPacket(1, media(MessageType.AUDIO, 100, new byte[] {(byte) 0xaf, 1, 0x21}))));
    }

    @Test
    void writesMetadataUnchangedOnChunkStream5() {
        assertEquals(hex("05 000000 000003 12 01000000 020001"),   // csid 5, type 18, body as given
                encode(new MediaPacket(1, media(MessageType.METADATA, 0, new byte[] {2, 0, 1}))));
    }

    @Test
    void splitsAtTheChunkSizeAndRepeatsTheExtendedTimestamp() {
        byte[] body = Hex.pattern(200, 0);
        String expected = hex("06 ffffff 0000c8 09 01000000 01000000")   // fmt 0, ts in the extended field
                + Hex.of(Unpooled.wrappedBuffer(body, 0, 128))
                + hex("c6 01000000")                                     // fmt 3 repeats the extended ts
                + Hex.of(Unpooled.wrappedBuffer(body, 128, 72));
        assertEquals(expected, encode(new MediaPacket(1, media(MessageType.VIDEO, 0x01000000, body))));
    }

    @Test
    void appliesOutgoingChunkSizeAfterWritingIt() {
        byte[] body = Hex.pattern(200, 0);
        String expected = hex("02 000000 000004 01 00000000 00001000", "06 000000 0000c8 09 01000000")
                + Hex.of(Unpooled.wrappedBuffer(body));   // one chunk at 4096
        assertEquals(expected, encode(new SetChunkSize(4096),
                new MediaPacket(1, media(MessageType.VIDEO, 0, body))));
    }

    @Test
    void playersShareOneEncodingOfAMediaMessage() {
        MediaMessage frame = media(MessageType.VIDEO, 40, Hex.pattern(1000, 7));
        CountingAllocator alloc = new CountingAllocator();
        EmbeddedChannel first = new EmbeddedChannel(new ChunkEncoder());
        EmbeddedChannel second = new EmbeddedChannel(new ChunkEncoder());
        first.config().setAllocator(alloc);
        second.config().setAllocator(alloc);
        first.writeOutbound(new MediaPacket(1, frame.retain()));
        int allocationsOfFirstPlayer = alloc.allocations.get();
        second.writeOutbound(new MediaPacket(1, frame.retain()));
        ByteBuf a = first.readOutbound();
        ByteBuf b = second.readOutbound();
        try {
            assertEquals(a, b);
            assertTrue(allocationsOfFirstPlayer > 0);
            assertEquals(allocationsOfFirstPlayer, alloc.allocations.get(), "the second player reuses the encoding");
            ByteBuf cached = frame.encoded(RtmpEncoding.of(128, ChunkStreams.VIDEO, 1), alloc);
            assertEquals(a, cached);
            cached.release();
            assertEquals(allocationsOfFirstPlayer, alloc.allocations.get());
        } finally {
            a.release();
            b.release();
        }
        assertEquals(1, frame.refCnt());
        frame.release();
        assertNull(first.readOutbound());
        assertFalse(first.finish());
        assertFalse(second.finish());
    }

    /** Counts the buffers allocated (composites are built on top of these). */
    private static final class CountingAllocator extends AbstractByteBufAllocator {
        final AtomicInteger allocations = new AtomicInteger();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            allocations.incrementAndGet();
            return Unpooled.buffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            allocations.incrementAndGet();
            return Unpooled.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        @Override
        public CompositeByteBuf compositeBuffer(int maxNumComponents) {
            allocations.incrementAndGet();
            return super.compositeBuffer(maxNumComponents);
        }
    }

    @Test
    void canonicalEncodingsCompareByIdentity() {
        assertSame(RtmpEncoding.of(4096, 6, 1), RtmpEncoding.of(4096, 6, 1));
        assertFalse(RtmpEncoding.of(4096, 6, 1) == RtmpEncoding.of(4096, 6, 2));
    }

    @Test
    void manySmallChunksAreCopiedOnceIntoOneBuffer() {
        MediaMessage frame = media(MessageType.VIDEO, 0, Hex.pattern(128 * 40, 1));
        ByteBuf encoded = frame.encoded(RtmpEncoding.of(128, 6, 1), ByteBufAllocator.DEFAULT);
        try {
            assertEquals(1, encoded.nioBufferCount(), "one contiguous buffer");
            assertEquals(12 + 40 * 128 + 39, encoded.readableBytes());
            assertEquals((byte) 0xc6, encoded.getByte(12 + 128));
            assertEquals(ByteBufUtil.hexDump(frame.payload(), 128, 128), ByteBufUtil.hexDump(encoded, 12 + 129, 128));
        } finally {
            encoded.release();
            frame.release();
        }
    }
}
