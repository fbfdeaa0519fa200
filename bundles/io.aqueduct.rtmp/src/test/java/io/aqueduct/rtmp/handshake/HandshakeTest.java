package io.aqueduct.rtmp.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.rtmp.codec.RtmpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    /** Records user events and passes messages on to the channel's inbound queue. */
    private static final class EventRecorder extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }
    }

    private static ByteBuf readAllOutbound(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
            all.writeBytes(out);
        }
        return all;
    }

    private static byte[] bytes(ByteBuf buf, int index, int length) {
        return ByteBufUtil.getBytes(buf, index, length);
    }

    @Test
    void clientAndServerCompleteTheDigestHandshake() {
        EventRecorder clientEvents = new EventRecorder();
        EventRecorder serverEvents = new EventRecorder();
        EmbeddedChannel client = new EmbeddedChannel(new RtmpClientHandshakeHandler(), clientEvents);
        EmbeddedChannel server = new EmbeddedChannel(new RtmpServerHandshakeHandler(), serverEvents);

        ByteBuf c0c1 = readAllOutbound(client);
        assertEquals(1 + 1536, c0c1.readableBytes());
        assertEquals(3, c0c1.getByte(0));
        byte[] c1 = bytes(c0c1, 1, 1536);
        assertEquals(HandshakeDigest.SCHEMA_0,
                HandshakeDigest.findSchema(c1, HandshakeDigest.CLIENT_KEY, HandshakeDigest.CLIENT_KEY_C1_LENGTH));
        server.writeInbound(c0c1);

        ByteBuf s0s1s2 = readAllOutbound(server);
        assertEquals(1 + 2 * 1536, s0s1s2.readableBytes());
        byte[] s1 = bytes(s0s1s2, 1, 1536);
        byte[] s2 = bytes(s0s1s2, 1 + 1536, 1536);
        assertEquals(HandshakeDigest.SCHEMA_0,
                HandshakeDigest.findSchema(s1, HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_S1_LENGTH));
        assertTrue(HandshakeDigest.isValidResponse(s2, HandshakeDigest.digestAt(c1, 0), HandshakeDigest.SERVER_KEY));
        client.writeInbound(s0s1s2);

        assertEquals(List.of(HandshakeCompleted.INSTANCE), clientEvents.events);
        assertNull(client.pipeline().get(RtmpClientHandshakeHandler.class), "client handler removed itself");
        ByteBuf c2 = readAllOutbound(client);
        assertEquals(1536, c2.readableBytes());
        assertTrue(HandshakeDigest.isValidResponse(bytes(c2, 0, 1536), HandshakeDigest.digestAt(s1, 0),
                HandshakeDigest.CLIENT_KEY));

        ByteBuf firstChunk = Unpooled.copiedBuffer("first chunk", StandardCharsets.US_ASCII);
        server.writeInbound(Unpooled.wrappedBuffer(c2, firstChunk));
        assertEquals(List.of(HandshakeCompleted.INSTANCE), serverEvents.events);
        assertNull(server.pipeline().get(RtmpServerHandshakeHandler.class), "server handler removed itself");
        ByteBuf passedOn = server.readInbound();
        assertEquals("first chunk", passedOn.toString(StandardCharsets.US_ASCII));
        passedOn.release();

        assertNull(server.readInbound());
        assertFalse(client.finish());
        assertFalse(server.finish());
    }

    @Test
    void serverAnswersASchema1ClientInSchema1() {
        byte[] c1 = Handshakes.randomPacket();
        Handshakes.writeInt(c1, 4, 0x80000702);
        HandshakeDigest.imprint(c1, HandshakeDigest.SCHEMA_1, HandshakeDigest.CLIENT_KEY,
                HandshakeDigest.CLIENT_KEY_C1_LENGTH);
        EmbeddedChannel server = new EmbeddedChannel(new RtmpServerHandshakeHandler());
        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {3}, c1));
        ByteBuf reply = readAllOutbound(server);
        byte[] s1 = bytes(reply, 1, 1536);
        assertEquals(HandshakeDigest.SCHEMA_1,
                HandshakeDigest.findSchema(s1, HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_S1_LENGTH));
        assertTrue(HandshakeDigest.isValidResponse(bytes(reply, 1537, 1536),
                HandshakeDigest.digestAt(c1, HandshakeDigest.SCHEMA_1), HandshakeDigest.SERVER_KEY));
        reply.release();
        assertFalse(server.finishAndReleaseAll());
    }

    @Test
    void serverEchoesC1ToASimpleHandshakeClient() {
        byte[] c1 = Handshakes.randomPacket();   // version 0: no digest
        EmbeddedChannel server = new EmbeddedChannel(new RtmpServerHandshakeHandler());
        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {3}, c1));
        ByteBuf reply = readAllOutbound(server);
        assertEquals(3, reply.getByte(0));
        assertArrayEquals(c1, bytes(reply, 1537, 1536), "S2 echoes C1");
        reply.release();
        assertFalse(server.finishAndReleaseAll());
    }

    @Test
    void serverRejectsVersionOtherThan3() {
        EventRecorder events = new EventRecorder();
        EmbeddedChannel server = new EmbeddedChannel(new RtmpServerHandshakeHandler(), events);
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class,
                () -> server.writeInbound(Unpooled.wrappedBuffer(new byte[] {6, 0, 0, 0})));
        assertTrue(e.getMessage().contains("version 6"), e.getMessage());
        assertNull(server.readOutbound(), "nothing answered");
        assertTrue(events.events.isEmpty());
        server.finishAndReleaseAll();
    }

    @Test
    void truncatedHandshakeAnswersNothing() {
        EventRecorder events = new EventRecorder();
        EmbeddedChannel server = new EmbeddedChannel(new RtmpServerHandshakeHandler(), events);
        server.writeInbound(Unpooled.wrappedBuffer(new byte[1000]).setByte(0, 3));
        assertNull(server.readOutbound());
        assertFalse(server.finish());
        assertTrue(events.events.isEmpty(), "no completion on a truncated handshake");
    }

    @Test
    void clientRejectsServerVersionOtherThan3() {
        EmbeddedChannel client = new EmbeddedChannel(new RtmpClientHandshakeHandler());
        readAllOutbound(client).release();
        assertThrows(RtmpProtocolException.class, () -> client.writeInbound(Unpooled.wrappedBuffer(new byte[] {9})));
        client.finishAndReleaseAll();
    }
}
