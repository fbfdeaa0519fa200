package io.aqueduct.runtime;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A player made with Aqueduct's RTMP client, for tests that need many players or a close look at what one
 * receives: message counts, statuses, time to the first video frame and timestamp order.
 */
final class RtmpTestPlayer implements RtmpPlayListener, AutoCloseable {

    final AtomicInteger video = new AtomicInteger();
    final AtomicInteger keyframes = new AtomicInteger();
    final AtomicInteger audio = new AtomicInteger();
    final AtomicInteger metadata = new AtomicInteger();
    final AtomicInteger backwardsVideo = new AtomicInteger();
    final AtomicLong firstVideoNanos = new AtomicLong();
    final List<String> statuses = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile int lastVideoTimestamp = -1;
    private volatile boolean closed;
    private final RtmpClientSession session;

    private RtmpTestPlayer(EventLoopGroup group, String url) throws Exception {
        RtmpUrl u = RtmpUrl.parse(url);
        session = RtmpClient.connect(group, NioSocketChannel.class, u, RtmpClientOptions.DEFAULTS)
                .get(10, TimeUnit.SECONDS);
        session.play(u.streamName(), this).get(10, TimeUnit.SECONDS);
    }

    static RtmpTestPlayer play(EventLoopGroup group, String url) throws Exception {
        return new RtmpTestPlayer(group, url);
    }

    @Override
    public void onMedia(MediaMessage m) {
        try {
            if (m.type() == MessageType.VIDEO && !m.isSequenceHeader()) {
                firstVideoNanos.compareAndSet(0, System.nanoTime());
                if (m.isKeyframe()) {
                    keyframes.incrementAndGet();
                }
                if (lastVideoTimestamp >= 0 && m.timestamp() < lastVideoTimestamp) {
                    backwardsVideo.incrementAndGet();
                }
                lastVideoTimestamp = m.timestamp();
                video.incrementAndGet();
            } else if (m.type() == MessageType.AUDIO) {
                audio.incrementAndGet();
            } else if (m.type() == MessageType.METADATA) {
                metadata.incrementAndGet();
            }
        } finally {
            m.release();
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

    int lastVideoTimestamp() {
        return lastVideoTimestamp;
    }

    /** Milliseconds from the start of the connect to the first video frame, or -1. */
    long millisToFirstVideo() {
        long t = firstVideoNanos.get();
        return t == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(t - startNanos);
    }

    @Override
    public void close() {
        session.close();
    }
}
