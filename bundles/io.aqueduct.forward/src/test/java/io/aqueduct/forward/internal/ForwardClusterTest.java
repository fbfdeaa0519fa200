package io.aqueduct.forward.internal;

import io.aqueduct.testing.Ffmpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.stream.internal.Registries;
import io.aqueduct.stream.internal.TestRegistries;
import io.aqueduct.testing.Await;
import io.aqueduct.testing.StallingProxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forwarding between RTMP servers in this JVM, fed by a real ffmpeg publisher and checked by decoding with ffmpeg.
 */
@Timeout(150)
class ForwardClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Node master;

    @BeforeEach
    void startMaster() throws Exception {
        master = node(Node.started());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private Node node(Node n) {
        cleanup.add(n);
        return n;
    }

    private Process publish(Node to, String stream) throws Exception {
        Process p = Ffmpeg.publish(to.url("live", stream), 90);
        cleanup.add(() -> Ffmpeg.stop(p));
        return p;
    }

    /** A forwarder on {@code on} with these vhost configurations, registered with its registry as DS would. */
    private Forwarder forwarder(Node on, ForwardVhost... vhosts) {
        Forwarder f = new Forwarder(on.registry, on.clients);
        for (ForwardVhost v : vhosts) {
            f.addVhost(v);
        }
        TestRegistries.addListener(on.registry, f);
        cleanup.add(() -> {
            TestRegistries.removeListener(on.registry, f);
            f.deactivate();
        });
        return f;
    }

    private static ForwardSession session(Forwarder f, String destination) {
        return f.sessions().stream().filter(s -> s.destination().equals(destination)).findFirst().orElse(null);
    }

    private static void awaitGrowing(Node n, String stream) {
        long before = n.bytesIn("live", stream);
        Await.until(WAIT, () -> n.bytesIn("live", stream) > before + 20_000, () -> "bytes into " + stream + " on port "
                + n.port + " keep growing (were " + before + ")");
    }

    private static void assertDecodes(String url) throws Exception {
        Ffmpeg.Result r = Ffmpeg.decode(url, 3);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Video: h264"), r.output());
        assertTrue(r.output().contains("Audio: aac"), r.output());
        assertTrue(r.frames() >= 50, "decoded " + r.frames() + " frames in 3 s at 25 fps:\n" + r.output());
    }

    /** Video frames on the slave are byte for byte those of the master; prints the added latency. */
    private void assertFramesArriveUnchanged(Node slave) throws Exception {
        StreamKey key = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");
        try (StreamProbe onMaster = new StreamProbe(master.registry, key, "probe-m");
                StreamProbe onSlave = new StreamProbe(slave.registry, key, "probe-s")) {
            // Frames of the GOP caches arrive at once when a probe subscribes: only time frames after that.
            long live = System.nanoTime() + 200_000_000L;
            Await.until(WAIT, () -> matched(onMaster, onSlave, live).size() >= 50,
                    () -> "50 video frames seen on both servers, got " + matched(onMaster, onSlave, live).size());
            List<Long> delays = matched(onMaster, onSlave, live);
            Collections.sort(delays);
            System.out.printf("forward: %d frames matched byte for byte, added latency median %.2f ms, max %.2f ms%n",
                    delays.size(), delays.get(delays.size() / 2) / 1e6, delays.get(delays.size() - 1) / 1e6);
        }
    }

    private static List<Long> matched(StreamProbe master, StreamProbe slave, long after) {
        List<Long> delays = new ArrayList<>();
        for (Map.Entry<ByteBuffer, Long> e : slave.arrivals().entrySet()) {
            Long sent = master.arrivals().get(e.getKey());
            if (sent != null && sent - after > 0) {
                delays.add(e.getValue() - sent);
            }
        }
        return delays;
    }

    @Test
    void everyPublishedStreamReachesBothSlavesAndStopsAndReturnsWithItsPublisher() throws Exception {
        Node slave1 = node(Node.started());
        Node slave2 = node(Node.started());
        Forwarder f = forwarder(master, ForwardConfigs.defaultVhost(slave1.destination(), slave2.destination()));
        Process publisher = publish(master, "cam");

        Await.until(WAIT, () -> slave1.hasAvStream("live", "cam") && slave2.hasAvStream("live", "cam"),
                "both slaves receive live/cam with H264 and AAC");
        awaitGrowing(slave1, "cam");
        awaitGrowing(slave2, "cam");
        ClientSession incoming = slave1.stream("live", "cam").flatMap(StreamInfo::publisher).orElseThrow();
        assertEquals("rtmp", incoming.protocol());
        assertEquals(master.registry.serverId(), incoming.parameters().get(Destinations.VIA));
        assertDecodes(slave1.url("live", "cam"));
        assertFramesArriveUnchanged(slave1);

        assertEquals(2, f.sessions().size());
        for (ForwardSession s : f.sessions()) {
            assertEquals(ForwardState.FORWARDING, s.state());
            assertTrue(s.messagesSent() > 100 && s.bytesSent() > 50_000, s.messagesSent() + " messages");
        }
        String listing = new ForwardCommands(f, null).list();
        assertTrue(listing.contains("forwarding") && listing.contains(slave2.destination()), listing);
        assertEquals(2, master.clients.clients().stream().filter(c -> c.protocol().equals("rtmp-forward")).count());

        // As aqueduct:clients shows a forward, and what aqueduct:kick does to it: the connection drops and returns.
        ForwardSession toSlave1 = f.sessions().stream()
                .filter(s -> s.destination().equals(slave1.destination())).findFirst().orElseThrow();
        ClientSession shown = master.clients.clients().stream()
                .filter(c -> c.protocol().equals("rtmp-forward") && c.state().contains(slave1.destination()))
                .findFirst().orElseThrow();
        assertEquals("forward __defaultVhost__/live/cam -> " + slave1.destination() + " (forwarding)", shown.state());
        assertEquals("/" + slave1.destination(), shown.remoteAddress().toString());
        assertTrue(shown.bytesOut() > 50_000 && shown.bytesOut() <= toSlave1.bytesSent(), shown.bytesOut() + " bytes");
        long reconnects = toSlave1.reconnects();
        shown.close("kicked from the shell");
        Await.until(WAIT, () -> toSlave1.reconnects() > reconnects && toSlave1.state() == ForwardState.FORWARDING
                && shown.state().endsWith("(forwarding)"), "the kicked forward reconnects");

        Ffmpeg.stop(publisher);
        Await.until(WAIT, () -> slave1.stream("live", "cam").isEmpty() && slave2.stream("live", "cam").isEmpty()
                && f.sessions().isEmpty(), "the forwards end with the publisher");
        assertEquals(0, master.clients.clients().stream().filter(c -> c.protocol().equals("rtmp-forward")).count());

        publish(master, "cam");
        Await.until(WAIT, () -> slave1.hasAvStream("live", "cam") && slave2.hasAvStream("live", "cam"),
                "the forwards come back on republish");
    }

    @Test
    void aDeadSlaveIsRetriedAndARestartedSlaveReceivesAgainWithoutDisturbingThePublisher() throws Exception {
        Node slave = node(Node.onFreePort());
        Forwarder f = forwarder(master, ForwardConfigs.defaultVhost(slave.destination()));
        publish(master, "cam");
        Await.until(WAIT, () -> master.hasAvStream("live", "cam"), "master live");
        Await.until(WAIT, () -> session(f, slave.destination()) != null
                && session(f, slave.destination()).reconnects() >= 2
                && session(f, slave.destination()).lastError().contains("refused"), "the dead slave is retried");
        assertNotEquals(ForwardState.FORWARDING, session(f, slave.destination()).state(), "retrying or connecting");
        assertDecodes(master.url("live", "cam"));

        long started = System.nanoTime();
        slave.start();
        Await.until(WAIT, () -> slave.hasAvStream("live", "cam"), "a slave started later receives the stream");
        long lateStartMillis = (System.nanoTime() - started) / 1_000_000;
        awaitGrowing(slave, "cam");

        StreamInfo onMaster = master.stream("live", "cam").orElseThrow();
        String publisherId = onMaster.publisher().orElseThrow().id();
        Object since = onMaster.publishedSince().orElseThrow();
        long reconnectsBefore = session(f, slave.destination()).reconnects();
        slave.stop();
        Await.until(WAIT, () -> session(f, slave.destination()).state() != ForwardState.FORWARDING,
                "the forward notices the slave went away");
        long restarted = System.nanoTime();
        slave.start();
        Await.until(WAIT, () -> slave.hasAvStream("live", "cam"), "the restarted slave receives again");
        long reconnectMillis = (System.nanoTime() - restarted) / 1_000_000;
        System.out.printf("forward: slave started late received after %d ms; restarted slave after %d ms%n",
                lateStartMillis, reconnectMillis);
        assertTrue(reconnectMillis < 5_000, "reconnect took " + reconnectMillis + " ms");
        assertTrue(session(f, slave.destination()).reconnects() > reconnectsBefore);
        assertDecodes(slave.url("live", "cam"));

        StreamInfo after = master.stream("live", "cam").orElseThrow();
        assertEquals(publisherId, after.publisher().orElseThrow().id(), "the master's publisher stayed connected");
        assertEquals(since, after.publishedSince().orElseThrow());
    }

    @Test
    void aSlaveThatReadsTooSlowlyLosesGopsAtTheMasterInsteadOfBeingBufferedAndTheOtherSlaveIsUntouched()
            throws Exception {
        Node slow = node(Node.started());
        // The stall must not look like a silent publisher (5 s by default) on a slow machine.
        Registries.defaultVhost(slow.registry, Map.of("publish__normal__timeout", 30_000));
        Node fast = node(Node.started());
        StallingProxy proxy = new StallingProxy(slow.port);
        cleanup.add(proxy);
        Registries.defaultVhostQueueLength(master.registry, 1); // a forward's queue: 1 s, 4 MB of this stream
        Forwarder f = forwarder(master, ForwardConfigs.defaultVhost("127.0.0.1:" + proxy.port(), fast.destination()));
        // 32 Mbit/s at real time: 4 MB a second, more than the kernel's socket buffers and the queue hold in the
        // 3 s stall.
        Process ffmpeg = Ffmpeg.start(Ffmpeg.publishCbrCommand(master.url("live", "heavy"), 90, 32));
        cleanup.add(() -> Ffmpeg.stop(ffmpeg));
        Await.until(WAIT, () -> slow.bytesIn("live", "heavy") > 1_000_000 && fast.bytesIn("live", "heavy") > 1_000_000,
                "both slaves receive");
        ForwardSession stalled = session(f, "127.0.0.1:" + proxy.port());

        proxy.stall();
        long stalledAt = master.bytesIn("live", "heavy");
        long fastAt = fast.bytesIn("live", "heavy");
        AtomicLong mostQueued = new AtomicLong();
        Await.until(WAIT, () -> {
            mostQueued.accumulateAndGet(stalled.queuedBytes(), Math::max);
            return master.bytesIn("live", "heavy") - stalledAt > 12_000_000;
        }, "the publisher sends 12 MB more while the slave reads nothing");
        System.out.println("forward, slave stalled: at most " + mostQueued.get() + " bytes queued for it while the "
                + "publisher sent " + (master.bytesIn("live", "heavy") - stalledAt) + " bytes");
        long limit = RtmpClientOptions.DEFAULT_SEND_BUFFER_LIMIT;
        assertTrue(mostQueued.get() <= 2 * limit, "the forward queued at most about its send buffer limit of "
                + limit + " bytes, not all the publisher sent: at most " + mostQueued.get());
        assertTrue(mostQueued.get() >= limit / 2, "the slave's stall reached the forward: " + mostQueued.get());
        assertTrue(fast.bytesIn("live", "heavy") - fastAt > 10_000_000, "the other slave kept receiving");

        long resumedAt = slow.bytesIn("live", "heavy");
        proxy.resume();
        Await.until(WAIT, () -> slow.bytesIn("live", "heavy") - resumedAt > 6_000_000,
                "the stream flows to the slow slave again");
        Await.until(WAIT, () -> stalled.droppedMessages() > 0, "the forward counts what it dropped");
        assertEquals(ForwardState.FORWARDING, stalled.state());
        assertEquals(0, stalled.reconnects(), "the same connection goes on");
        assertTrue(ffmpeg.isAlive(), "the publisher goes on");
        Ffmpeg.Result atSlow = Ffmpeg.decode(slow.url("live", "heavy"), 2);
        assertTrue(atSlow.frames() >= 40, "decoded " + atSlow.frames() + " frames at the slow slave\n"
                + atSlow.output());
    }

    @Test
    void forwardLoopsAreRefusedAndDoNotMultiplyTheStream() throws Exception {
        Node other = node(Node.started());
        String self = "rtmp://127.0.0.1:" + master.port + "/[app]/[stream]_x";
        Forwarder onMaster = forwarder(master, ForwardConfigs.defaultVhost(self, other.destination()));
        Forwarder onOther = forwarder(other, ForwardConfigs.defaultVhost(master.destination()));
        publish(master, "cam");

        Await.until(WAIT, () -> other.hasAvStream("live", "cam"), "the other master receives the stream");
        Await.until(Duration.ofSeconds(30), () -> session(onMaster, self) != null
                && session(onMaster, self).reconnects() >= 2 && session(onOther, master.destination()) != null
                && session(onOther, master.destination()).reconnects() >= 2,
                "both loops were tried and refused more than once");
        assertTrue(session(onMaster, self).lastError().contains("NetStream.Publish.BadName"),
                session(onMaster, self).lastError());
        assertTrue(session(onOther, master.destination()).lastError().contains("loop"),
                session(onOther, master.destination()).lastError());
        assertEquals(1, master.registry.streams().size(), "only live/cam on the master");
        assertEquals(1, other.registry.streams().size(), "only live/cam on the other master");
        assertEquals(ForwardState.FORWARDING, session(onMaster, other.destination()).state());
    }

    @Test
    void startingAndReconfiguringTheForwardReachesALiveStreamWithoutARepublish() throws Exception {
        Node slave1 = node(Node.started());
        Node slave2 = node(Node.started());
        publish(master, "cam");
        Await.until(WAIT, () -> master.hasAvStream("live", "cam"), "master live");
        StreamInfo onMaster = master.stream("live", "cam").orElseThrow();
        String publisherId = onMaster.publisher().orElseThrow().id();

        ForwardVhost vhost = ForwardConfigs.defaultVhost(slave1.destination());
        long installed = System.nanoTime();
        Forwarder f = forwarder(master, vhost);
        Await.until(WAIT, () -> slave1.hasAvStream("live", "cam"), "a forwarder started while live forwards at once");
        System.out.printf("forward: started while live, slave received after %d ms%n",
                (System.nanoTime() - installed) / 1_000_000);

        vhost.configure(ForwardConfigs.of("__defaultVhost__", true, "", slave1.destination(), slave2.destination()));
        f.updatedVhost(vhost);
        Await.until(WAIT, () -> slave2.hasAvStream("live", "cam"), "an added destination receives the live stream");

        vhost.configure(ForwardConfigs.of("__defaultVhost__", true, "", slave2.destination()));
        f.updatedVhost(vhost);
        Await.until(WAIT, () -> slave1.stream("live", "cam").isEmpty(), "a removed destination is unpublished");
        awaitGrowing(slave2, "cam");

        f.deactivate();
        Await.until(WAIT, () -> slave2.stream("live", "cam").isEmpty(), "stopping the forwarder unpublishes");
        awaitGrowing(master, "cam");
        assertEquals(publisherId, master.stream("live", "cam").orElseThrow().publisher().orElseThrow().id(),
                "the publisher was never touched");
    }

    @Test
    void theBackendHookAddsTheUrlsItReturns() throws Exception {
        Node slave = node(Node.started());
        AtomicReference<String> request = new AtomicReference<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/api/v1/forward", exchange -> {
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = ("{\"code\":0,\"data\":{\"urls\":[\"" + slave.url("relay", "fromhook") + "\"]}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        hook.start();
        cleanup.add(() -> hook.stop(0));
        String backend = "http://127.0.0.1:" + hook.getAddress().getPort() + "/api/v1/forward";
        forwarder(master, new ForwardVhost(ForwardConfigs.of("__defaultVhost__", true, backend)));
        publish(master, "cam");

        Await.until(WAIT, () -> slave.hasAvStream("relay", "fromhook"), "the URL from the hook receives the stream");
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = (Map<String, Object>) Json.parse(request.get());
        assertEquals("on_forward", sent.get("action"));
        assertEquals("__defaultVhost__", sent.get("vhost"));
        assertEquals("live", sent.get("app"));
        assertEquals("cam", sent.get("stream"));
        assertEquals(master.registry.serverId(), sent.get("server_id"));
        assertEquals("127.0.0.1", sent.get("ip"));
    }
}
