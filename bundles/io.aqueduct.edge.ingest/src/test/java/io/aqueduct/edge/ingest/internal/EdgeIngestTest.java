package io.aqueduct.edge.ingest.internal;

import io.aqueduct.testing.Ffmpeg;
import static io.aqueduct.edge.ingest.internal.EdgeCluster.APP;
import static io.aqueduct.edge.ingest.internal.EdgeCluster.GRACE_MS;
import static io.aqueduct.edge.ingest.internal.EdgeCluster.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.rtmp.server.internal.TestRtmpNode;
import io.aqueduct.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Origins and edges in this JVM, fed by real ffmpeg, played by ffmpeg and RTMP client players. */
@Timeout(120)
class EdgeIngestTest {

    private static final String UNPUBLISH = IngestSession.UNPUBLISH_NOTIFY;
    private static final String PUBLISH = IngestSession.PUBLISH_NOTIFY;

    private EdgeCluster cluster;

    @BeforeEach
    void start() {
        cluster = new EdgeCluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void twentyPlayersOnAColdEdgeShareOneUpstreamThatClosesAfterTheGracePeriod() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.edge(edge, origin.port);
        cluster.publish(origin, "cam");

        TestPlayer first = cluster.player(edge, "cam");
        Await.until(Duration.ofSeconds(10), () -> first.keyframes() > 0, "first player's key frame");
        System.out.println("cold edge: first key frame " + first.timeToFirstKeyframeMillis() + " ms after play");

        List<TestPlayer> players = new ArrayList<>(List.of(first));
        for (int i = 1; i < 20; i++) {
            players.add(cluster.player(edge, "cam"));
        }
        Ffmpeg.Result decoded = Ffmpeg.decode(edge.url(APP, "cam"), 3);
        assertEquals(0, decoded.exitCode(), decoded.output());
        assertTrue(decoded.output().contains("Video: h264"), decoded.output());
        assertTrue(decoded.output().contains("Audio: aac"), decoded.output());
        assertTrue(decoded.frames() >= 60, "ffmpeg decoded " + decoded.frames() + " frames in 3 s");
        for (TestPlayer p : players) {
            Await.until(Duration.ofSeconds(10), () -> p.keyframes() > 0 && p.audioCount() > 0, "every player plays");
        }
        assertEquals(1, origin.rtmpPlayers().size(), "one upstream for 20 RTMP players and ffmpeg");
        assertEquals(1, ingester.sessions().size());
        String upstream = origin.rtmpPlayers().get(0).id();

        for (TestPlayer p : players) {
            p.close();
        }
        Await.until(Duration.ofSeconds(5), () -> edge.registry.stream(key("cam")).map(s -> s.players() == 0)
                .orElse(true), "players gone");
        TestPlayer back = cluster.player(edge, "cam");
        Await.until(Duration.ofSeconds(10), () -> back.keyframes() > 0, "a player back within the grace period plays");
        assertEquals(List.of(upstream), origin.rtmpPlayers().stream().map(c -> c.id()).toList(),
                "a player back within the grace period reuses the upstream");

        back.close();
        long left = System.nanoTime();
        Await.until(Duration.ofMillis(GRACE_MS + 1000L + 500), () -> origin.rtmpPlayers().isEmpty(),
                "upstream closed after the grace period");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left);
        System.out.println("upstream closed " + tookMillis + " ms after the last player left (grace " + GRACE_MS + ")");
        assertTrue(tookMillis >= GRACE_MS - 100, "upstream kept during the grace period, closed after " + tookMillis);
        Await.until(Duration.ofSeconds(2), () -> ingester.sessions().isEmpty(), "session gone");
    }

    @Test
    void originUnpublishReachesEdgePlayersWhoResumeOnRepublish() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestRtmpNode edge = cluster.node();
        cluster.edge(edge, origin.port);
        Process publisher = cluster.publish(origin, "show");
        TestPlayer p = cluster.player(edge, "show");
        Await.until(Duration.ofSeconds(10), () -> p.keyframes() > 0, "player plays");

        Ffmpeg.stop(publisher);
        Await.until(Duration.ofSeconds(5), () -> p.heard(UNPUBLISH), "edge player hears the unpublish");
        assertTrue(p.isOpen());
        assertEquals(1, origin.rtmpPlayers().size(), "the upstream waits for a republish");

        int before = p.videoCount();
        cluster.publish(origin, "show");
        Await.until(Duration.ofSeconds(20), () -> p.heard(PUBLISH) && p.videoCount() > before + 25,
                "edge player resumes on republish");
        assertEquals(1, origin.rtmpPlayers().size());
    }

    @Test
    void playersWaitForAStreamNotYetPublishedWhileTheFirstOriginIsDown() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.edge(edge, TestRtmpNode.deadPort(), origin.port);
        TestPlayer quitter = cluster.player(edge, "later");
        TestPlayer stayer = cluster.player(edge, "later");
        Await.until(Duration.ofSeconds(10), () -> ingester.sessions().size() == 1
                && ingester.sessions().get(0).state() == IngestState.WAITING
                && ingester.sessions().get(0).origin().port() == origin.port, "upstream waits at the second origin");
        assertFalse(ingester.sessions().get(0).lastError().isEmpty(), "the dead origin's failure is recorded");

        quitter.close();
        assertTrue(stayer.isOpen(), "a player that gives up ends only itself");
        cluster.publish(origin, "later");
        Await.until(Duration.ofSeconds(20), () -> stayer.keyframes() > 0, "the waiting player gets the stream");
        assertEquals(1, origin.rtmpPlayers().size());
    }

    @Test
    void killingTheOriginInUseSwitchesToTheNextWhilePlayersKeepPlaying() throws Exception {
        TestRtmpNode a = cluster.node();
        TestRtmpNode b = cluster.node();
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.edge(edge, a.port, b.port);
        cluster.publish(a, "cam");
        cluster.publish(b, "cam");
        TestPlayer p = cluster.player(edge, "cam");
        Await.until(Duration.ofSeconds(10), () -> p.videoCount() >= 50, "player plays from origin a");
        assertEquals(1, a.rtmpPlayers().size());
        assertEquals(0, b.rtmpPlayers().size());

        int before = p.videoCount();
        long killed = System.nanoTime();
        a.stopServer();
        Await.until(Duration.ofSeconds(20), () -> p.videoCount() >= before + 75, "player goes on from origin b");

        long gapMillis = 0;
        long lastNanos = 0;
        for (long[] arrival : p.videoArrivals()) {
            if (arrival[0] >= killed - TimeUnit.SECONDS.toNanos(1) && lastNanos != 0) {
                gapMillis = Math.max(gapMillis, TimeUnit.NANOSECONDS.toMillis(arrival[0] - lastNanos));
            }
            lastNanos = arrival[0];
        }
        System.out.println("failover: longest gap between video frames at the player " + gapMillis + " ms");
        assertTrue(gapMillis < 3000, "failover gap " + gapMillis + " ms");
        assertTrue(p.isOpen());
        assertFalse(p.heard(UNPUBLISH), "players do not see the origin switch as an unpublish");
        assertTimestampsContinuous(p.videoArrivals());
        IngestSession s = ingester.sessions().get(0);
        assertEquals(b.port, s.origin().port());
        assertEquals(1, s.failovers());
        assertEquals(1, b.rtmpPlayers().size());
        String listing = new EdgeCommands(ingester).list();
        assertTrue(listing.contains("playing") && listing.contains("127.0.0.1:" + b.port), listing);
    }

    private static void assertTimestampsContinuous(List<long[]> arrivals) {
        for (int i = 1; i < arrivals.size(); i++) {
            long step = arrivals.get(i)[1] - arrivals.get(i - 1)[1];
            assertTrue(step > -300 && step < 1000, "timestamp step " + step + " ms at video frame " + i);
        }
    }

    @Test
    void anEdgeCanPullFromAnotherEdge() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestRtmpNode edge1 = cluster.node();
        TestRtmpNode edge2 = cluster.node();
        EdgeIngester first = cluster.edge(edge1, origin.port);
        cluster.edge(edge2, edge1.port);
        cluster.publish(origin, "deep");
        Ffmpeg.Result decoded = Ffmpeg.decode(edge2.url(APP, "deep"), 3);
        assertEquals(0, decoded.exitCode(), decoded.output());
        assertTrue(decoded.output().contains("Video: h264") && decoded.output().contains("Audio: aac"),
                decoded.output());
        assertTrue(decoded.frames() >= 60, "decoded " + decoded.frames() + " frames through two edges");
        assertEquals(1, origin.rtmpPlayers().size());
        assertEquals(1, first.sessions().size());
    }

    @Test
    void stoppingEdgeIngestClosesUpstreamsAndStartingItResumesThem() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.edge(edge, origin.port);
        cluster.publish(origin, "swap");
        TestPlayer p = cluster.player(edge, "swap");
        Await.until(Duration.ofSeconds(10), () -> p.keyframes() > 0, "player plays");

        EdgeCluster.stop(edge, ingester);
        Await.until(Duration.ofSeconds(5), () -> p.heard(UNPUBLISH), "players hear the unpublish");
        Await.until(Duration.ofSeconds(5), () -> origin.rtmpPlayers().isEmpty(), "upstream closed");
        assertTrue(p.isOpen(), "players wait");

        int before = p.videoCount();
        cluster.edge(edge, origin.port);
        Await.until(Duration.ofSeconds(15), () -> p.heard(PUBLISH) && p.videoCount() > before + 25,
                "upstream resumed for the waiting player");
        assertEquals(1, origin.rtmpPlayers().size());
    }
}
