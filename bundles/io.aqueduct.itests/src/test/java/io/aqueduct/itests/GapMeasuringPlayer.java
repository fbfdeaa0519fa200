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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An RTMP player that counts video messages, remembers the longest time between two of them and records the
 * {@code onStatus} codes of its stream (such as {@code NetStream.Play.UnpublishNotify}).
 */
final class GapMeasuringPlayer implements RtmpPlayListener, AutoCloseable {

    final AtomicInteger video = new AtomicInteger();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
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
    public void onStatus(String code, String description) {
        statuses.add(code);
    }

    @Override
    public void onClose() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** How many times the stream said {@code code} so far. */
    int statusCount(String code) {
        int n = 0;
        for (String s : statuses) {
            if (s.equals(code)) {
                n++;
            }
        }
        return n;
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
