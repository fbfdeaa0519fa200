package io.aqueduct.rtmp.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpPlayListener;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.transport.ServerLoops;
import io.aqueduct.stream.internal.ClientTable;
import io.aqueduct.stream.internal.LiveStreamRegistry;
import io.aqueduct.stream.internal.Registries;
import io.aqueduct.testing.Await;
import io.aqueduct.testing.Bursts;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The merged-write window ({@code play { mw_latency }}) for RTMP players: a synthetic stream with one video frame
 * every 20 ms, published over RTMP, reaches an RTMP player in one burst per window, whole and in order; without a
 * window frame by frame.
 *
 * <p>A burst is a run of frames that arrived less than {@link #BURST_GAP_MILLIS} after the previous one. That gap
 * is below the publisher's frame spacing, so frames only share a burst when the server held them back and wrote
 * them together.
 */
@Timeout(60)
class RtmpMergedWriteTest {

    static final int FRAMES = 100;
    static final int FRAME_MILLIS = 20;
    static final int WINDOW_MILLIS = 300;
    static final long BURST_GAP_MILLIS = 10;

    private static final byte[] AVC_SEQUENCE_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, (byte) 0xff};
    private static final byte[] AAC_SEQUENCE_HEADER = {(byte) 0xaf, 0, 0x12, 0x10};

    private LiveStreamRegistry registry;
    private ClientTable clients;
    private RtmpServer server;
    private int port;
    private EventLoopGroup group;
    private ScheduledExecutorService pacer;
    private final List<RtmpClientSession> sessions = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        registry = new LiveStreamRegistry();
        clients = new ClientTable();
        server = new RtmpServer(registry, clients, Annotations.of(RtmpServerConfig.class,
                Map.of("listen", new String[] {"127.0.0.1:" + port}, "threads", 2)));
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-publisher-pacer");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stop() throws Exception {
        pacer.shutdownNow();
        assertTrue(pacer.awaitTermination(10, TimeUnit.SECONDS), "the publisher stopped");
        for (RtmpClientSession s : sessions) {
            s.close();
            s.closeFuture().get(10, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.deactivate();
        registry.deactivate();
    }

    @Test
    void aPlayerWaitingForThePublisherGetsOneBurstPerWindowAndEveryFrameInOrder() throws Exception {
        Registries.defaultVhostMergedWrite(registry, WINDOW_MILLIS);
        Played played = play("mw", true);
        assertAllFramesInOrder(played);
        int bound = burstBound(played);
        List<Integer> bursts = bursts(played.arrivalNanos());
        assertTrue(bursts.size() <= bound, bursts.size() + " bursts, at most " + bound + " expected with a "
                + WINDOW_MILLIS + " ms window over " + played.durationMillis() + " ms: " + describe(played));
    }

    @Test
    void withoutAWindowFramesArriveOneByOne() throws Exception {
        Played played = play("nomw", true);
        assertAllFramesInOrder(played);
        int bound = burstBound(played);
        List<Integer> bursts = bursts(played.arrivalNanos());
        assertTrue(bursts.size() > 2 * bound, bursts.size() + " bursts, more than " + 2 * bound
                + " expected without a window over " + played.durationMillis() + " ms: " + describe(played));
    }

    /** A player that joins a live stream (headers and GOP first) still gets one burst per window. */
    @Test
    void aPlayerJoiningALiveStreamGetsOneBurstPerWindowAndEveryFrameInOrder() throws Exception {
        Registries.defaultVhostMergedWrite(registry, WINDOW_MILLIS);
        Played played = play("mwlive", false);
        assertAllFramesInOrder(played);
        int bound = burstBound(played);
        List<Integer> bursts = bursts(played.arrivalNanos());
        assertTrue(bursts.size() <= bound, bursts.size() + " bursts, at most " + bound + " expected with a "
                + WINDOW_MILLIS + " ms window over " + played.durationMillis() + " ms: " + describe(played));
    }

    /** The frames one player received (bodies and timestamps) and when each arrived. */
    private record Played(List<byte[]> bodies, int[] timestamps, long[] arrivalNanos, long publishStartNanos) {

        /** From the start of publishing to the arrival of the last frame. */
        long durationMillis() {
            return TimeUnit.NANOSECONDS.toMillis(arrivalNanos[arrivalNanos.length - 1] - publishStartNanos);
        }
    }

    /** Records each video frame a player receives, with its arrival time; releases every message. */
    private static final class Recorder implements RtmpPlayListener {

        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final List<Integer> timestamps = new CopyOnWriteArrayList<>();
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        final AtomicInteger frames = new AtomicInteger();

        @Override
        public void onMedia(MediaMessage message) {
            long now = System.nanoTime();
            try {
                if (message.type() == MessageType.VIDEO && !message.isSequenceHeader()) {
                    bodies.add(ByteBufUtil.getBytes(message.payload()));
                    timestamps.add(message.timestamp());
                    arrivals.add(now);
                    frames.incrementAndGet();
                }
            } finally {
                message.release();
            }
        }
    }

    private RtmpClientSession connect(String stream) throws Exception {
        RtmpClientSession s = RtmpClient.connect(group, NioSocketChannel.class,
                RtmpUrl.parse("rtmp://127.0.0.1:" + port + "/live/" + stream), RtmpClientOptions.DEFAULTS)
                .get(10, TimeUnit.SECONDS);
        sessions.add(s);
        return s;
    }

    /**
     * Plays live/{@code stream} while the synthetic stream is published over RTMP: with {@code playerFirst} the
     * player subscribes before the publisher comes, else it joins the live stream.
     */
    private Played play(String stream, boolean playerFirst) throws Exception {
        Recorder recorder = new Recorder();
        if (playerFirst) {
            connect(stream).play(stream, recorder).get(10, TimeUnit.SECONDS);
            StreamKey key = new StreamKey(StreamKey.DEFAULT_VHOST, "live", stream);
            Await.until(Duration.ofSeconds(5), () -> registry.stream(key).map(s -> s.players() == 1).orElse(false),
                    "the player subscribed");
            serverEventLoopsRanAQueuedTask();
        }
        RtmpClientSession publisher = connect(stream);
        publisher.publish(stream).get(10, TimeUnit.SECONDS);
        long publishStart = System.nanoTime();
        publisher.send(MediaMessage.of(MessageType.VIDEO, 0, Unpooled.wrappedBuffer(AVC_SEQUENCE_HEADER)));
        publisher.send(MediaMessage.of(MessageType.AUDIO, 0, Unpooled.wrappedBuffer(AAC_SEQUENCE_HEADER)));
        AtomicInteger next = new AtomicInteger();
        // Fixed delay, not fixed rate: a late tick never makes the publisher catch up with a burst of its own.
        ScheduledFuture<?> ticker = pacer.scheduleWithFixedDelay(() -> {
            int i = next.get();
            if (i < FRAMES) {
                publisher.send(MediaMessage.of(MessageType.VIDEO, i * FRAME_MILLIS, Unpooled.wrappedBuffer(frame(i))));
                next.set(i + 1);
            }
        }, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        try {
            if (!playerFirst) {
                Await.until(Duration.ofSeconds(5), () -> next.get() >= 3, "the publisher is live");
                connect(stream).play(stream, recorder).get(10, TimeUnit.SECONDS);
            }
            Await.until(Duration.ofSeconds(30), () -> recorder.frames.get() >= FRAMES,
                    () -> "the player received " + recorder.frames.get() + " of " + FRAMES + " frames");
        } finally {
            ticker.cancel(false);
        }
        return new Played(List.copyOf(recorder.bodies), recorder.timestamps.stream().mapToInt(Integer::intValue)
                .toArray(), recorder.arrivals.stream().mapToLong(Long::longValue).toArray(), publishStart);
    }

    /**
     * The play command subscribes, then drains at once, in one task on the connection's event loop: once every
     * server event loop ran a task queued behind it, that immediate drain is over and only the window's follow.
     */
    private void serverEventLoopsRanAQueuedTask() throws Exception {
        Field field = RtmpServer.class.getDeclaredField("loops");
        field.setAccessible(true);
        for (EventExecutor loop : ((ServerLoops) field.get(server)).workers()) {
            loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
        }
    }

    /** Frame {@code i}: an AVC NAL unit (a key frame for the first, so the GOP cache holds them all). */
    static byte[] frame(int i) {
        byte[] b = new byte[300];
        b[0] = (byte) (i == 0 ? 0x17 : 0x27);
        b[1] = 1;
        ByteBuffer.wrap(b, 5, 4).putInt(i);
        for (int j = 9; j < b.length; j++) {
            b[j] = (byte) (i * 31 + j);
        }
        return b;
    }

    /** No frame lost, duplicated or reordered: the bytes and the relative timestamps the publisher sent. */
    private static void assertAllFramesInOrder(Played played) {
        assertEquals(FRAMES, played.bodies().size(), "frames received");
        int first = played.timestamps()[0];
        for (int i = 0; i < FRAMES; i++) {
            assertArrayEquals(frame(i), played.bodies().get(i), "frame " + i);
            assertEquals(i * FRAME_MILLIS, played.timestamps()[i] - first, "timestamp of frame " + i);
        }
    }

    private static int burstBound(Played played) {
        return Bursts.bound(played.durationMillis(), WINDOW_MILLIS);
    }

    private static List<Integer> bursts(long[] arrivalNanos) {
        return Bursts.sizes(arrivalNanos, BURST_GAP_MILLIS);
    }

    private static String describe(Played played) {
        return Bursts.describe(played.arrivalNanos(), played.publishStartNanos(), BURST_GAP_MILLIS);
    }
}
