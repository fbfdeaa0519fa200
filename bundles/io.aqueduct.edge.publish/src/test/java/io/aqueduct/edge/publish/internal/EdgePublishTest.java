package io.aqueduct.edge.publish.internal;

import io.aqueduct.testing.Ffmpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.rtmp.server.internal.TestRtmpNode;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.internal.RegistryHooks;
import io.aqueduct.stream.internal.Registries;
import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.aqueduct.testing.Await;
import io.aqueduct.testing.StallingProxy;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Origins and an edge in this JVM; ffmpeg publishes to the edge and decodes from the origin. */
@Timeout(120)
class EdgePublishTest {

    private static final String APP = "live";
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // best effort: the others still need closing
            }
        }
    }

    private static StreamKey key(String stream) {
        return new StreamKey(StreamKey.DEFAULT_VHOST, APP, stream);
    }

    private TestRtmpNode node() throws Exception {
        TestRtmpNode n = new TestRtmpNode();
        resources.add(n);
        return n;
    }

    private EdgePublisher edge(TestRtmpNode node, int... originPorts) {
        EdgePublisher publisher = new EdgePublisher(node.registry, node.clients);
        publisher.addVhost(new EdgePublishVhost(config(originPorts)));
        RegistryHooks.bind(node.registry, publisher);
        resources.add(() -> stopEdge(node, publisher));
        return publisher;
    }

    private static void stopEdge(TestRtmpNode node, EdgePublisher publisher) {
        RegistryHooks.unbind(node.registry, publisher);
        publisher.deactivate();
    }

    private static EdgeConfig config(int... originPorts) {
        String[] origins = new String[originPorts.length];
        for (int i = 0; i < originPorts.length; i++) {
            origins[i] = "127.0.0.1:" + originPorts[i];
        }
        Map<String, Object> values = Map.of("mode", "remote", "origin", origins, "backoff__initial__ms", 200,
                "backoff__max__ms", 1000, "connect__timeout__ms", 1000);
        return (EdgeConfig) Proxy.newProxyInstance(EdgeConfig.class.getClassLoader(), new Class<?>[] {EdgeConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "EdgeConfig";
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /** A proxy in front of {@code origin} that can stop reading; the origin waits 30 s for a silent publisher. */
    private StallingProxy stallable(TestRtmpNode origin) throws Exception {
        // A stall must not look like a silent publisher (5 s by default) on a slow machine.
        Registries.defaultVhost(origin.registry, Map.of("publish__normal__timeout", 30_000));
        StallingProxy proxy = new StallingProxy(origin.port);
        resources.add(proxy);
        return proxy;
    }

    private Process publish(TestRtmpNode node, String stream) throws Exception {
        Process p = Ffmpeg.publish(node.url(APP, stream), 90);
        resources.add(() -> Ffmpeg.stop(p));
        return p;
    }

    private static boolean hasVideo(TestRtmpNode node, String stream) {
        return node.registry.stream(key(stream)).map(s -> !s.videoCodec().isEmpty()).orElse(false);
    }

    private static long bytesIn(TestRtmpNode node, String stream) {
        return node.registry.stream(key(stream)).map(StreamInfo::bytesIn).orElse(0L);
    }

    @Test
    void aPublisherOnTheEdgeAppearsOnTheOriginAndPlaysLocally() throws Exception {
        TestRtmpNode origin = node();
        TestRtmpNode edge = node();
        EdgePublisher publisher = edge(edge, origin.port);
        publish(edge, "up");
        Await.until(Duration.ofSeconds(20), () -> hasVideo(origin, "up"), "the stream reaches the origin");

        Ffmpeg.Result atOrigin = Ffmpeg.decode(origin.url(APP, "up"), 3);
        assertEquals(0, atOrigin.exitCode(), atOrigin.output());
        assertTrue(atOrigin.output().contains("Video: h264") && atOrigin.output().contains("Audio: aac"),
                atOrigin.output());
        assertTrue(atOrigin.frames() >= 60, "decoded " + atOrigin.frames() + " frames at the origin");
        Ffmpeg.Result atEdge = Ffmpeg.decode(edge.url(APP, "up"), 2);
        assertTrue(atEdge.frames() >= 40, "decoded " + atEdge.frames() + " frames at the edge");
        assertEquals("rtmp", edge.registry.stream(key("up")).orElseThrow().publisher().orElseThrow().protocol(),
                "the edge plays the local publication itself");

        String listing = new EdgePublishCommands(publisher).publishers();
        assertTrue(listing.contains("publishing") && listing.contains("127.0.0.1:" + origin.port), listing);
    }

    @Test
    void theOriginsRefusalDisconnectsTheEdgePublisher() throws Exception {
        TestRtmpNode origin = node();
        TestRtmpNode edge = node();
        EdgePublisher publisher = edge(edge, origin.port);
        publish(origin, "busy");
        Await.until(Duration.ofSeconds(20), () -> hasVideo(origin, "busy"), "the origin's own publisher is live");
        ClientSession owner = origin.registry.stream(key("busy")).orElseThrow().publisher().orElseThrow();

        Ffmpeg.Result refused = Ffmpeg.run(Duration.ofSeconds(30), Ffmpeg.publishCommand(edge.url(APP, "busy"), 90));
        assertTrue(refused.exitCode() > 0, "the edge publisher fails:\n" + refused.output());
        assertTrue(refused.output().contains("origin refused"), "the encoder is told why:\n" + refused.output());
        Await.until(Duration.ofSeconds(5), () -> edge.registry.stream(key("busy")).flatMap(StreamInfo::publisher)
                .isEmpty(), "the edge stream is unpublished");
        assertEquals(owner.id(), origin.registry.stream(key("busy")).orElseThrow().publisher().orElseThrow().id(),
                "the origin's publisher is untouched");
        Await.until(Duration.ofSeconds(5), () -> publisher.sessions().isEmpty(), "the relay is gone");
    }

    @Test
    void whenTheOriginInUseFailsTheRelaySwitchesAndThePublisherGoesOn() throws Exception {
        TestRtmpNode a = node();
        TestRtmpNode b = node();
        TestRtmpNode edge = node();
        EdgePublisher publisher = edge(edge, a.port, b.port);
        Process ffmpeg = publish(edge, "relay");
        Await.until(Duration.ofSeconds(20), () -> hasVideo(a, "relay"), "the stream reaches origin a");

        long switchStart = System.nanoTime();
        a.stopServer();
        Await.until(Duration.ofSeconds(20), () -> hasVideo(b, "relay") && bytesIn(b, "relay") > 50_000,
                "the stream goes on at origin b");
        System.out.println("edge publish failover: stream flowing at origin b "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - switchStart) + " ms after origin a died");
        assertTrue(ffmpeg.isAlive(), "the publisher goes on");
        RelaySession relay = publisher.sessions().get(0);
        assertEquals(RelayState.PUBLISHING, relay.state());
        assertEquals(b.port, relay.origin().port());
        assertEquals(1, relay.failovers());
        Ffmpeg.Result atB = Ffmpeg.decode(b.url(APP, "relay"), 2);
        assertTrue(atB.frames() >= 40, "decoded " + atB.frames() + " frames at origin b");
    }

    @Test
    void stoppingEdgePublishClosesRelayedPublishersAndNothingElse() throws Exception {
        TestRtmpNode origin = node();
        TestRtmpNode edge = node();
        EdgePublisher publisher = edge(edge, origin.port);
        Process relayed = publish(edge, "gone");
        Await.until(Duration.ofSeconds(20), () -> hasVideo(origin, "gone"), "relayed to the origin");

        stopEdge(edge, publisher);
        assertTrue(relayed.waitFor(20, TimeUnit.SECONDS), "the relayed publisher's connection is closed");
        Await.until(Duration.ofSeconds(5), () -> origin.registry.stream(key("gone")).flatMap(StreamInfo::publisher)
                .isEmpty(), "the origin's copy is unpublished");

        publish(edge, "local");
        Await.until(Duration.ofSeconds(20), () -> hasVideo(edge, "local"), "the edge still takes publishers");
        assertTrue(origin.registry.stream(key("local")).isEmpty(), "nothing is relayed any more");
    }

    @Test
    void anOriginThatReadsTooSlowlyMakesTheRelayDropGopsInsteadOfBufferingAndTheStreamGoesOn() throws Exception {
        TestRtmpNode origin = node();
        StallingProxy proxy = stallable(origin);
        TestRtmpNode edge = node();
        Registries.defaultVhostQueueLength(edge.registry, 1); // the relay's queue: 1 s, 4 MB of this stream
        EdgePublisher publisher = edge(edge, proxy.port());
        // 32 Mbit/s at real time: 4 MB a second, more than the kernel's socket buffers and the queue hold in the
        // 3 s stall.
        Process ffmpeg = Ffmpeg.start(Ffmpeg.publishCbrCommand(edge.url(APP, "heavy"), 90, 32));
        resources.add(() -> Ffmpeg.stop(ffmpeg));
        Await.until(Duration.ofSeconds(20), () -> bytesIn(origin, "heavy") > 1_000_000, "the stream reaches the origin");
        RelaySession relay = publisher.sessions().get(0);

        proxy.stall();
        long stalledAt = bytesIn(edge, "heavy");
        AtomicLong mostQueued = new AtomicLong();
        Await.until(Duration.ofSeconds(30), () -> {
            mostQueued.accumulateAndGet(relay.queuedBytes(), Math::max);
            return bytesIn(edge, "heavy") - stalledAt > 12_000_000;
        }, "the publisher sends 12 MB more while the origin reads nothing");
        System.out.println("edge publish, origin stalled: at most " + mostQueued.get() + " bytes queued for it while "
                + "the publisher sent " + (bytesIn(edge, "heavy") - stalledAt) + " bytes");
        long limit = RtmpClientOptions.DEFAULT_SEND_BUFFER_LIMIT;
        assertTrue(mostQueued.get() <= 2 * limit, "the relay queued at most about its send buffer limit of " + limit
                + " bytes, not all the publisher sent: at most " + mostQueued.get());
        assertTrue(mostQueued.get() >= limit / 2, "the origin's stall reached the relay: " + mostQueued.get());
        assertTrue(ffmpeg.isAlive(), "the publisher goes on while the origin stalls");

        long resumedAt = bytesIn(origin, "heavy");
        proxy.resume();
        Await.until(Duration.ofSeconds(20), () -> bytesIn(origin, "heavy") - resumedAt > 6_000_000,
                "the stream flows to the origin again");
        Await.until(Duration.ofSeconds(10), () -> relay.droppedMessages() > 0, "the relay counts what it dropped");
        assertEquals(RelayState.PUBLISHING, relay.state());
        assertEquals(0, relay.failovers(), "the same connection goes on");
        Ffmpeg.Result atOrigin = Ffmpeg.decode(origin.url(APP, "heavy"), 2);
        assertTrue(atOrigin.frames() >= 40, "decoded " + atOrigin.frames() + " frames at the origin\n"
                + atOrigin.output());
        long dropped = relay.droppedMessages();
        String listing = new EdgePublishCommands(publisher).publishers();
        assertTrue(listing.contains("DROPPED") && listing.contains("  " + dropped + "  "), listing);
    }

    @Test
    void aConnectionToAnOriginThatStoppedReadingClosesAtOnceWithoutWaitingForItsGoodbye() throws Exception {
        TestRtmpNode origin = node();
        StallingProxy proxy = stallable(origin);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        resources.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        RtmpClientSession session = RtmpClient.connect(group, NioSocketChannel.class,
                new RtmpUrl("127.0.0.1", proxy.port(), APP, "stalled"), RtmpClientOptions.DEFAULTS)
                .get(10, TimeUnit.SECONDS);
        session.publish("stalled").get(10, TimeUnit.SECONDS);
        proxy.stall();
        byte[] frame = new byte[64 * 1024];
        frame[0] = 0x17; // AVC key frame, NAL units
        frame[1] = 0x01;
        int sent = 0;
        int ts = 0;
        // Send while the connection takes it: the kernel's buffers fill first, then the client's own.
        while (sent < 64_000_000 && writableWithin(session, Duration.ofSeconds(1))) {
            session.send(MediaMessage.of(MessageType.VIDEO, ts, Unpooled.wrappedBuffer(frame.clone())));
            sent += frame.length;
            ts += 40;
        }
        assertTrue(!session.isWritable() && session.queuedBytes() > 0, "the connection stopped taking after "
                + sent + " bytes");

        long closing = System.nanoTime();
        session.close();
        session.closeFuture().get(3, TimeUnit.SECONDS); // the response timeout is 10 s
        System.out.println("RTMP client to a stalled server: closed in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing) + " ms with " + sent + " bytes sent");
    }

    /** Whether the session is writable now or becomes so within {@code wait}. */
    private static boolean writableWithin(RtmpClientSession session, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!session.isWritable()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        return true;
    }
}
