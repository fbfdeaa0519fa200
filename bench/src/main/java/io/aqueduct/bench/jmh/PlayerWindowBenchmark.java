package io.aqueduct.bench.jmh;

import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaBuffers;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.RelayClient;
import io.aqueduct.stream.api.RunEncoder;
import io.aqueduct.stream.api.RunKey;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.Subscription;
import io.aqueduct.stream.internal.LiveStreamRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One merged-write window of a 1 Mbit/s stream (24 messages: 9 video, 15 audio, as in 350 ms) read by every player
 * of the stream, without sockets: what the players' own reads cost per window. {@code pollRun} is what players in
 * step do ({@link Subscription#pollRun}: the stream hands out the run's cached bytes, no message touched);
 * {@code pollAndShare} reads the messages one by one and looks the run up by its messages
 * ({@link MediaMessage#sharedRun}), as a player does at its start or after an event. Time is per window (all
 * players); the run's bytes are computed once in both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlayerWindowBenchmark {

    private static final StreamKey KEY = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "bench");
    private static final int VIDEO_BYTES = 4_500;
    private static final int AUDIO_BYTES = 370;

    @Param({"1000", "4000"})
    public int players;

    private final ByteBufAllocator alloc = MediaBuffers.allocator();
    private LiveStreamRegistry registry;
    private Publication publication;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private ByteBuf video;
    private ByteBuf audio;
    private int timestamp;

    private final List<MediaMessage> run = new ArrayList<>();
    private final RunKey key = new RunKey();
    private final Encoding runEncoding = (last, a) -> copy(run);
    private final RunEncoder runEncoder = this::copy;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        video = alloc.directBuffer(VIDEO_BYTES).writeByte(0x27).writeZero(VIDEO_BYTES - 1);
        audio = alloc.directBuffer(AUDIO_BYTES).writeByte(0xAF).writeByte(1).writeZero(AUDIO_BYTES - 2);
        registry = new LiveStreamRegistry();
        publication = registry.publish(KEY, new RelayClient("publisher", "bench", reason -> { }));
        for (int i = 0; i < players; i++) {
            RelayClient player = new RelayClient("player " + i, "bench", reason -> { });
            subscriptions.add(registry.subscribe(KEY, player, () -> { }));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        subscriptions.forEach(Subscription::close);
        publication.close();
        registry.deactivate();
        video.release();
        audio.release();
    }

    @Benchmark
    public long pollRun() {
        publishWindow();
        long bytes = 0;
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            ByteBuf shared;
            while ((shared = s.pollRun(Boolean.TRUE, 0, 256, runEncoder)) != null) {
                bytes += shared.readableBytes();
                shared.release(); // the socket's write
            }
            bytes += pollRest(s);
        }
        return bytes;
    }

    @Benchmark
    public long pollAndShare() {
        publishWindow();
        long bytes = 0;
        for (int i = 0; i < subscriptions.size(); i++) {
            bytes += pollRest(subscriptions.get(i));
        }
        return bytes;
    }

    /** Reads one by one, then writes the run shared by its messages, as players did before pollRun. */
    private long pollRest(Subscription s) {
        StreamItem item;
        while ((item = s.poll()) != null) {
            if (item instanceof MediaMessage m) {
                run.add(m);
            }
        }
        if (run.isEmpty()) {
            return 0;
        }
        long bytes;
        try {
            ByteBuf shared = run.get(run.size() - 1).sharedRun(key.set(Boolean.TRUE, run, 0), alloc, runEncoding);
            bytes = shared.readableBytes();
            shared.release();
        } finally {
            for (int i = 0; i < run.size(); i++) {
                run.get(i).release();
            }
            run.clear();
        }
        return bytes;
    }

    private void publishWindow() {
        for (int i = 0; i < 24; i++) {
            boolean isVideo = i % 8 < 3;
            ByteBuf payload = isVideo ? video : audio;
            publication.send(MediaMessage.of(isVideo ? MessageType.VIDEO : MessageType.AUDIO, timestamp,
                    payload.retainedDuplicate()));
            timestamp += 14;
        }
    }

    private ByteBuf copy(List<MediaMessage> messages) {
        int size = 0;
        for (MediaMessage m : messages) {
            size += m.size();
        }
        ByteBuf all = alloc.directBuffer(size);
        for (MediaMessage m : messages) {
            all.writeBytes(m.payload(), m.payload().readerIndex(), m.size());
        }
        return all;
    }
}
