package io.aqueduct.rtmp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aqueduct.amf.EcmaArray;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmfMessagesTest {

    @Test
    void decodesAConnectCommand() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkDecoder());
        channel.writeInbound(Hex.buf(
                "03 000000 000024 14 00000000",            // csid 3, length 36, AMF0 command, stream 0
                "02 0007 636f6e6e656374",                  // string "connect"
                "00 3ff0000000000000",                     // number 1 (transaction id)
                "03 0003 617070 02 0004 6c697665 000009",  // object {app: "live"}
                "05"));                                    // null argument
        CommandMessage command = channel.readInbound();
        assertEquals("connect", command.name());
        assertEquals(1.0, command.transactionId());
        assertEquals(Map.of("app", "live"), command.commandObject());
        assertEquals(Arrays.asList((Object) null), command.arguments());
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void decodesAnAmf3CommandAfterItsFormatByte() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkDecoder());
        channel.writeInbound(Hex.buf(
                "03 000000 000012 11 01000000",   // AMF3 command (17), length 18, stream 1
                "00",                             // format byte
                "02 0004 706c6179",               // "play"
                "00 0000000000000000",            // transaction 0
                "05"));                           // null command object
        CommandMessage command = channel.readInbound();
        assertEquals("play", command.name());
        assertEquals(1, command.streamId());
        assertNull(command.commandObject());
        assertEquals(List.of(), command.arguments());
        assertFalse(channel.finish());
    }

    @Test
    void rejectsUndecodableAmf() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkDecoder());
        assertThrows(RtmpProtocolException.class,
                () -> channel.writeInbound(Hex.buf("03 000000 000002 14 00000000 02ff")));
        channel.finishAndReleaseAll();
    }

    @Test
    void commandsAndDataSurviveARoundTrip() {
        EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
        EmbeddedChannel decoder = new EmbeddedChannel(new ChunkDecoder());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "status");
        info.put("code", "NetStream.Publish.Start");
        EcmaArray metadata = new EcmaArray();
        metadata.put("width", 320.0);
        CommandMessage status = CommandMessage.of(1, "onStatus", 0, null, info);
        DataMessage data = new DataMessage(1, 0, List.of("onMetaData", metadata));
        encoder.writeOutbound(status, data);
        for (ByteBuf out; (out = encoder.readOutbound()) != null; ) {
            decoder.writeInbound(out);
        }
        assertEquals(status, decoder.readInbound());
        assertEquals(data, decoder.readInbound());
        assertEquals("onMetaData", data.name());
        assertFalse(encoder.finish());
        assertFalse(decoder.finish());
    }

    @Test
    void writesCommandsOnChunkStream3() {
        EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
        encoder.writeOutbound(CommandMessage.of(0, "createStream", 4, null));
        ByteBuf out = encoder.readOutbound();
        ByteBuf expected = Hex.buf(
                "03 000000 000019 14 00000000",       // csid 3, length 25, AMF0 command, stream 0
                "02 000c 63726561746553747265616d",   // "createStream"
                "00 4010000000000000",                // 4
                "05");                                // null
        assertEquals(expected, out);
        out.release();
        expected.release();
        assertFalse(encoder.finish());
    }
}
