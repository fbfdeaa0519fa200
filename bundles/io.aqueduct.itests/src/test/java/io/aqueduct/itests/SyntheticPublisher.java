package io.aqueduct.itests;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a synthetic 25 fps H.264-shaped stream (sequence headers, a key frame every second) over RTMP. Enough
 * for hot-swap tests, which count and time messages rather than decode them.
 */
final class SyntheticPublisher implements AutoCloseable {

    private final RtmpClientSession session;
    private final ScheduledFuture<?> ticker;
    private int frame;

    SyntheticPublisher(EventLoopGroup group, String url) throws Exception {
        RtmpUrl u = RtmpUrl.parse(url);
        session = RtmpClient.connect(group, NioSocketChannel.class, u, RtmpClientOptions.DEFAULTS).get(10, TimeUnit.SECONDS);
        session.publish(u.streamName()).get(10, TimeUnit.SECONDS);
        session.send(MediaMessage.of(MessageType.VIDEO, 0, Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64})));
        session.send(MediaMessage.of(MessageType.AUDIO, 0, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10})));
        ticker = group.next().scheduleAtFixedRate(this::tick, 0, 40, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        boolean key = frame % 25 == 0;
        ByteBuf body = Unpooled.buffer(2000);
        body.writeByte(key ? 0x17 : 0x27).writeByte(1).writeMedium(0).writeZero(1995);
        session.send(MediaMessage.of(MessageType.VIDEO, frame * 40, body));
        session.send(MediaMessage.of(MessageType.AUDIO, frame * 40,
                Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 1, 2, 3, 4})));
        frame++;
    }

    boolean isConnected() {
        return !session.closeFuture().isDone();
    }

    @Override
    public void close() {
        ticker.cancel(false);
        session.close();
    }
}
