package io.aqueduct.rtmp.handshake;

import io.aqueduct.rtmp.codec.RtmpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The server side of the RTMP handshake. Reads C0+C1, requires version 3, answers S0+S1+S2 at once, reads C2, fires
 * {@link HandshakeCompleted#INSTANCE} and leaves the pipeline, passing on any bytes that came after C2.
 *
 * <p>When C1 carries a valid Flash Player digest (schema 0 or 1), S1 and S2 are built the complex way, which clients
 * such as ffmpeg and Flash require; otherwise S2 echoes C1 (simple handshake). C2 is not checked: clients disagree on
 * it and it proves nothing. A wrong version raises {@link RtmpProtocolException}; the channel is left to the handler
 * that catches it. One instance per connection.
 */
public class RtmpServerHandshakeHandler extends ByteToMessageDecoder {

    /** The version the server announces in S1 when answering a complex handshake (as FMS 4.5 would). */
    private static final int SERVER_VERSION = 0x04050001;

    private boolean failed;
    private boolean awaitingC2;

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
        if (!awaitingC2) {
            if (!in.isReadable()) {
                return;
            }
            int version = in.getUnsignedByte(in.readerIndex());
            if (version != Handshakes.RTMP_VERSION) {
                throw new RtmpProtocolException("unsupported RTMP version " + version
                        + (version == 6 ? " (RTMPE)" : ""));
            }
            if (in.readableBytes() < 1 + HandshakeDigest.PACKET_SIZE) {
                return;
            }
            in.skipBytes(1);
            byte[] c1 = new byte[HandshakeDigest.PACKET_SIZE];
            in.readBytes(c1);
            ByteBuf reply = ctx.alloc().buffer(1 + 2 * HandshakeDigest.PACKET_SIZE);
            reply.writeByte(Handshakes.RTMP_VERSION);
            reply.writeBytes(s1(c1));
            reply.writeBytes(s2(c1));
            awaitingC2 = true;
            ctx.writeAndFlush(reply);
        }
        if (awaitingC2 && in.readableBytes() >= HandshakeDigest.PACKET_SIZE) {
            in.skipBytes(HandshakeDigest.PACKET_SIZE);
            ctx.fireUserEventTriggered(HandshakeCompleted.INSTANCE);
            ctx.pipeline().remove(this);
        }
    }

    private byte[] s1(byte[] c1) {
        byte[] s1 = Handshakes.randomPacket();
        int schema = clientSchema(c1);
        if (schema >= 0) {
            Handshakes.writeInt(s1, 4, SERVER_VERSION);
            HandshakeDigest.imprint(s1, schema, HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_S1_LENGTH);
        }
        return s1;
    }

    private static byte[] s2(byte[] c1) {
        int schema = clientSchema(c1);
        if (schema < 0) {
            return c1;
        }
        byte[] s2 = Handshakes.randomPacket();
        HandshakeDigest.imprintResponse(s2, HandshakeDigest.digestAt(c1, schema), HandshakeDigest.SERVER_KEY);
        return s2;
    }

    private static int clientSchema(byte[] c1) {
        // A zero version means a client of the simple handshake: its random bytes carry no digest.
        if (Handshakes.readInt(c1, 4) == 0) {
            return -1;
        }
        return HandshakeDigest.findSchema(c1, HandshakeDigest.CLIENT_KEY, HandshakeDigest.CLIENT_KEY_C1_LENGTH);
    }
}
