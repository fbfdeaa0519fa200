package io.aqueduct.bench.publish;

import io.aqueduct.bench.flv.FlvFile;
import io.aqueduct.bench.flv.FlvTag;
import io.aqueduct.bench.flv.SeiStamp;
import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an FLV file over RTMP in a loop at real-time pace: configuration tags once, then the media tags with
 * timestamps that keep increasing across passes. Each H.264 frame gets a {@link SeiStamp} with the time it was sent.
 *
 * <p>The pacing runs on the calling thread ({@link #run}); sends hop to the connection's event loop.
 */
public final class LoopingPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(LoopingPublisher.class);

    private final FlvFile file;
    private final RtmpUrl url;
    private final boolean stamp;
    private volatile boolean stopped;
    private long sentBytes;
    private long sentTags;

    public LoopingPublisher(FlvFile file, RtmpUrl url, boolean stamp) {
        this.file = file;
        this.url = url;
        this.stamp = stamp;
    }

    /**
     * Connects, publishes and sends until {@code durationMillis} has passed (forever when 0), {@link #stop} is
     * called or the connection closes.
     */
    public void run(EventLoopGroup group, Class<? extends Channel> channelType, long durationMillis)
            throws Exception {
        RtmpClientSession session = RtmpClient.connect(group, channelType, url, RtmpClientOptions.DEFAULTS)
                .get(15, TimeUnit.SECONDS);
        try {
            session.publish(url.streamName()).get(15, TimeUnit.SECONDS);
            session.closeFuture().thenRun(() -> stopped = true);
            LOG.info("publishing {} to {} ({} kbit/s, loop {} ms)", file.path(), url,
                    Math.round(file.bitsPerSecond() / 1000), file.loopMillis());
            for (FlvTag tag : file.config()) {
                session.send(message(tag, 0, tag.data()));
            }
            pace(session, durationMillis);
        } finally {
            session.close().get(5, TimeUnit.SECONDS);
        }
    }

    private void pace(RtmpClientSession session, long durationMillis) {
        long start = System.nanoTime();
        long end = durationMillis > 0 ? start + TimeUnit.MILLISECONDS.toNanos(durationMillis) : Long.MAX_VALUE;
        int first = file.firstTimestamp();
        long loopOffset = 0;
        while (!stopped) {
            for (FlvTag tag : file.media()) {
                long ts = loopOffset + tag.timestamp() - first;
                long due = start + TimeUnit.MILLISECONDS.toNanos(ts);
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && !stopped) {
                    LockSupport.parkNanos(wait);
                }
                if (stopped || System.nanoTime() >= end) {
                    stopped = true;
                    return;
                }
                byte[] data = stamp && tag.isAvcNalus() ? SeiStamp.stamp(tag.data(), SeiStamp.nowMicros()) : tag.data();
                session.send(message(tag, (int) ts, data));
                sentBytes += data.length;
                sentTags++;
            }
            loopOffset += file.loopMillis();
        }
    }

    private static MediaMessage message(FlvTag tag, int timestamp, byte[] data) {
        MessageType type = switch (tag.type()) {
            case FlvTag.AUDIO -> MessageType.AUDIO;
            case FlvTag.VIDEO -> MessageType.VIDEO;
            default -> MessageType.METADATA;
        };
        return MediaMessage.of(type, timestamp, Unpooled.wrappedBuffer(data));
    }

    public void stop() {
        stopped = true;
    }

    public long sentBytes() {
        return sentBytes;
    }

    public long sentTags() {
        return sentTags;
    }
}
