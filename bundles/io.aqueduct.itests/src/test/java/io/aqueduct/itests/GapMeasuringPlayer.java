package io.aqueduct.itests;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpPlayListener;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An RTMP player that counts video messages and remembers the longest time between two of them. */
final class GapMeasuringPlayer implements RtmpPlayListener, AutoCloseable {

    final AtomicInteger video = new AtomicInteger();
    private final RtmpClientSession session;
    private volatile long lastNanos;
    private volatile long maxGapNanos;
    private volatile boolean closed;

    GapMeasuringPlayer(EventLoopGroup group, String url) throws Exception {
        RtmpUrl u = RtmpUrl.parse(url);
        session = RtmpClient.connect(group, NioSocketChannel.class, u, RtmpClientOptions.DEFAULTS).get(10, TimeUnit.SECONDS);
        session.play(u.streamName(), this).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void onMedia(MediaMessage message) {
        try {
            if (message.type() == MessageType.VIDEO) {
                long now = System.nanoTime();
                if (lastNanos != 0) {
                    maxGapNanos = Math.max(maxGapNanos, now - lastNanos);
                }
                lastNanos = now;
                video.incrementAndGet();
            }
        } finally {
            message.release();
        }
    }

    @Override
    public void onClose() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Forgets the gaps seen so far. */
    void resetGap() {
        maxGapNanos = 0;
    }

    long maxGapMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxGapNanos);
    }

    @Override
    public void close() {
        session.close();
    }
}
