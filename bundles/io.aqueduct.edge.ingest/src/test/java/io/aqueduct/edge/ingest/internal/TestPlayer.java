package io.aqueduct.edge.ingest.internal;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpPlayListener;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An RTMP player for tests: counts what it receives and when. */
final class TestPlayer implements RtmpPlayListener, AutoCloseable {

    final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<long[]> video = new ArrayList<>();
    private volatile int videoCount;
    private volatile int keyframes;
    private volatile int audioCount;
    private volatile long playNanos;
    private volatile long firstKeyframeNanos = -1;
    private RtmpClientSession session;

    static TestPlayer play(EventLoopGroup group, int port, String app, String stream) throws Exception {
        TestPlayer p = new TestPlayer();
        p.session = RtmpClient.connect(group, NioSocketChannel.class, new RtmpUrl("127.0.0.1", port, app, stream),
                RtmpClientOptions.DEFAULTS).get(10, TimeUnit.SECONDS);
        p.playNanos = System.nanoTime();
        p.session.play(stream, p).get(10, TimeUnit.SECONDS);
        return p;
    }

    @Override
    public void onMedia(MediaMessage m) {
        try {
            if (m.type() == MessageType.VIDEO && !m.isSequenceHeader()) {
                synchronized (video) {
                    video.add(new long[] {System.nanoTime(), Integer.toUnsignedLong(m.timestamp())});
                }
                videoCount++;
                if (m.isKeyframe()) {
                    if (firstKeyframeNanos < 0) {
                        firstKeyframeNanos = System.nanoTime();
                    }
                    keyframes++;
                }
            } else if (m.type() == MessageType.AUDIO) {
                audioCount++;
            }
        } finally {
            m.release();
        }
    }

    @Override
    public void onStatus(String code, String description) {
        statuses.add(code);
    }

    int videoCount() {
        return videoCount;
    }

    int keyframes() {
        return keyframes;
    }

    int audioCount() {
        return audioCount;
    }

    boolean heard(String code) {
        return statuses.contains(code);
    }

    /** Milliseconds from play to the first key frame, -1 before one came. */
    long timeToFirstKeyframeMillis() {
        long k = firstKeyframeNanos;
        return k < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(k - playNanos);
    }

    /** Video arrivals as {nanoTime, timestamp}, in order. */
    List<long[]> videoArrivals() {
        synchronized (video) {
            return new ArrayList<>(video);
        }
    }

    boolean isOpen() {
        return !session.closeFuture().isDone();
    }

    @Override
    public void close() throws Exception {
        session.close().get(10, TimeUnit.SECONDS);
    }
}
