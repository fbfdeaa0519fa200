package io.aqueduct.rtmp.handshake;

import io.aqueduct.rtmp.codec.RtmpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the RTMP handshake. Sends C0+C1 (with a Flash Player digest, schema 0, as ffmpeg does, so servers
 * that require the complex handshake accept it) as soon as the channel is active, answers S1 with C2 (the complex
 * answer when S1 carries a valid server digest, else an echo of S1), waits for S2, fires
 * {@link HandshakeCompleted#INSTANCE} and leaves the pipeline, passing on any bytes that came after S2.
 *
 * <p>S2 is checked leniently: a mismatch is logged, not fatal, because many servers echo C1 instead. A wrong S0
 * version raises {@link RtmpProtocolException}. One instance per connection.
 */
public class RtmpClientHandshakeHandler extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpClientHandshakeHandler.class);

    /** The Flash Player version ffmpeg announces (9.0.124.2); a non-zero version asks for the digest handshake. */
    private static final int CLIENT_VERSION = 0x09007C02;

    private byte[] c1;
    private byte[] serverDigest;
    private boolean failed;
    private boolean awaitingS2;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            sendC0C1(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        sendC0C1(ctx);
        super.channelActive(ctx);
    }

    private void sendC0C1(ChannelHandlerContext ctx) {
        if (c1 != null) {
            return;
        }
        c1 = Handshakes.randomPacket();
        Handshakes.writeInt(c1, 4, CLIENT_VERSION);
        HandshakeDigest.imprint(c1, HandshakeDigest.SCHEMA_0, HandshakeDigest.CLIENT_KEY,
                HandshakeDigest.CLIENT_KEY_C1_LENGTH);
        ByteBuf c0c1 = ctx.alloc().buffer(1 + HandshakeDigest.PACKET_SIZE);
        c0c1.writeByte(Handshakes.RTMP_VERSION);
        c0c1.writeBytes(c1);
        ctx.writeAndFlush(c0c1);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            handshake(ctx, in);
        } catch (RuntimeException e) {
            // Nothing after a failed handshake is RTMP: drop it rather than fail again on every read.
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void handshake(ChannelHandlerContext ctx, ByteBuf in) {
        if (!awaitingS2) {
            if (!in.isReadable()) {
                return;
            }
            int version = in.getUnsignedByte(in.readerIndex());
            if (version != Handshakes.RTMP_VERSION) {
                throw new RtmpProtocolException("server answered RTMP version " + version);
            }
            if (in.readableBytes() < 1 + HandshakeDigest.PACKET_SIZE) {
                return;
            }
            in.skipBytes(1);
            byte[] s1 = new byte[HandshakeDigest.PACKET_SIZE];
            in.readBytes(s1);
            awaitingS2 = true;
            ctx.writeAndFlush(ctx.alloc().buffer(HandshakeDigest.PACKET_SIZE).writeBytes(c2(s1)));
        }
        if (awaitingS2 && in.readableBytes() >= HandshakeDigest.PACKET_SIZE) {
            byte[] s2 = new byte[HandshakeDigest.PACKET_SIZE];
            in.readBytes(s2);
            if (serverDigest != null && !HandshakeDigest.isValidResponse(s2,
                    HandshakeDigest.digestAt(c1, HandshakeDigest.SCHEMA_0), HandshakeDigest.SERVER_KEY)) {
                LOG.debug("RTMP server {} sent an S2 without a valid digest; accepted", ctx.channel().remoteAddress());
            }
            ctx.fireUserEventTriggered(HandshakeCompleted.INSTANCE);
            ctx.pipeline().remove(this);
        }
    }

    private byte[] c2(byte[] s1) {
        if (Handshakes.readInt(s1, 4) != 0) {
            int schema = HandshakeDigest.findSchema(s1, HandshakeDigest.SERVER_KEY,
                    HandshakeDigest.SERVER_KEY_S1_LENGTH);
            if (schema >= 0) {
                serverDigest = HandshakeDigest.digestAt(s1, schema);
                byte[] c2 = Handshakes.randomPacket();
                HandshakeDigest.imprintResponse(c2, serverDigest, HandshakeDigest.CLIENT_KEY);
                return c2;
            }
        }
        return s1;
    }
}
