package io.aqueduct.rtmp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkRoundTripTest {

    @ParameterizedTest
    @ValueSource(ints = {128, 4096, 65536})
    void decoderReadsWhatTheEncoderWrote(int chunkSize) {
        EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
        EmbeddedChannel decoder = new EmbeddedChannel(new ChunkDecoder());
        int[] sizes = {0, 1, 127, 128, 129, 4095, 4096, 4097, 65536, 65537, 200_000};
        int[] timestamps = {0, 40, 0xFFFFFE, 0xFFFFFF, 0x7FFFFFFF, 0xFFFFFFFF};
        List<RtmpMessage> control = List.of(new SetChunkSize(chunkSize), new WindowAcknowledgementSize(2_500_000),
                new UserControl(UserControlEvent.STREAM_BEGIN, 1));
        control.forEach(encoder::writeOutbound);
        for (int i = 0; i < sizes.length; i++) {
            MessageType type = i % 2 == 0 ? MessageType.VIDEO : MessageType.AUDIO;
            int timestamp = timestamps[i % timestamps.length];
            encoder.writeOutbound(new MediaPacket(1 + i % 3,
                    MediaMessage.of(type, timestamp, Unpooled.wrappedBuffer(Hex.pattern(sizes[i], i)))));
        }
        for (ByteBuf out; (out = encoder.readOutbound()) != null; ) {
            decoder.writeInbound(out);
        }
        for (RtmpMessage expected : control) {
            assertEquals(expected, decoder.readInbound());
        }
        for (int i = 0; i < sizes.length; i++) {
            Object msg = decoder.readInbound();
            assertTrue(msg instanceof MediaPacket, "message " + i + ": " + msg);
            MediaPacket packet = (MediaPacket) msg;
            try {
                assertEquals(i % 2 == 0 ? MessageType.VIDEO : MessageType.AUDIO, packet.media().type());
                assertEquals(1 + i % 3, packet.streamId());
                assertEquals(timestamps[i % timestamps.length], packet.timestamp());
                assertArrayEquals(Hex.pattern(sizes[i], i), ByteBufUtil.getBytes(packet.media().payload()));
            } finally {
                packet.release();
            }
        }
        assertNull(decoder.readInbound());
        assertFalse(encoder.finish());
        assertFalse(decoder.finish());
    }
}
