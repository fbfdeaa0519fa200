package io.aqueduct.edge.ingest.internal;

import io.aqueduct.testing.Ffmpeg;
import static io.aqueduct.edge.ingest.internal.EdgeCluster.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.httpflv.internal.TestHttpFlvServer;
import io.aqueduct.rtmp.server.internal.TestRtmpNode;
import io.aqueduct.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Edges that pull over HTTP-FLV ({@code protocol flv}): origins in this JVM take ffmpeg's stream over RTMP and serve
 * it over HTTP; edge players play over RTMP.
 */
@Timeout(120)
class EdgeFlvPullTest {

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
    void fivePlayersOnAColdEdgeShareOneHttpUpstreamAndFfmpegDecodesIt() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestHttpFlvServer originHttp = cluster.http(origin);
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.flvEdge(edge, originHttp.port);
        cluster.publish(origin, "cam");

        TestPlayer first = cluster.player(edge, "cam");
        Await.until(Duration.ofSeconds(10), () -> first.keyframes() > 0, "first player's key frame");
        System.out.println("cold edge over flv: first key frame " + first.timeToFirstKeyframeMillis()
                + " ms after play, first media from the origin "
                + ingester.sessions().get(0).firstMediaMillis() + " ms after the demand");

        List<TestPlayer> players = new ArrayList<>(List.of(first));
        for (int i = 1; i < 5; i++) {
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
        assertEquals(1, originHttp.flvPlayers().size(), "one HTTP upstream for 5 RTMP players and ffmpeg");
        assertTrue(originHttp.flvPlayers().get(0).state().startsWith("play "), originHttp.flvPlayers().toString());
        assertEquals(0, origin.rtmpPlayers().size(), "nothing pulled over RTMP");
        IngestSession s = ingester.sessions().get(0);
        assertEquals(IngestState.PLAYING, s.state());
        assertEquals(originHttp.port, s.origin().port());
        assertTrue(s.bytesIn() > 10_000, "bytes in " + s.bytesIn());
    }

    @Test
    void originUnpublishEndsTheUpstreamAndEdgePlayersResumeOnRepublish() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestHttpFlvServer originHttp = cluster.http(origin);
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.flvEdge(edge, originHttp.port);
        Process publisher = cluster.publish(origin, "show");
        TestPlayer p = cluster.player(edge, "show");
        Await.until(Duration.ofSeconds(10), () -> p.keyframes() > 0, "player plays");

        Ffmpeg.stop(publisher);
        Await.until(Duration.ofSeconds(5), () -> p.heard(UNPUBLISH), "edge player hears the unpublish");
        Await.until(Duration.ofSeconds(5), () -> originHttp.flvPlayers().isEmpty(), "the FLV response ended");
        assertTrue(p.isOpen(), "the edge player waits");
        assertEquals(IngestState.WAITING, ingester.sessions().get(0).state());
        assertEquals(0, ingester.sessions().get(0).failovers(), "an unpublish is not a failure of the origin");

        int before = p.videoCount();
        cluster.publish(origin, "show");
        Await.until(Duration.ofSeconds(20), () -> p.heard(PUBLISH) && p.videoCount() > before + 25,
                "edge player resumes on republish");
        assertEquals(1, originHttp.flvPlayers().size());
        assertEquals(1, ingester.sessions().size());
    }

    @Test
    void playersWaitWhileTheOriginAnswers404AndReceiveOncePublished() throws Exception {
        TestRtmpNode origin = cluster.node();
        TestHttpFlvServer originHttp = cluster.http(origin);
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.flvEdge(edge, originHttp.port);
        TestPlayer quitter = cluster.player(edge, "later");
        TestPlayer stayer = cluster.player(edge, "later");
        Await.until(Duration.ofSeconds(10), () -> ingester.sessions().size() == 1
                && ingester.sessions().get(0).state() == IngestState.WAITING, "upstream waits for the stream");
        IngestSession s = ingester.sessions().get(0);
        assertEquals(originHttp.port, s.origin().port(), "a 404 keeps the origin");
        assertEquals(0, s.failovers());
        Await.until(Duration.ofSeconds(5), () -> originHttp.flvPlayers().isEmpty(), "a 404 ends each request");

        quitter.close();
        assertTrue(stayer.isOpen(), "a player that gives up ends only itself");
        cluster.publish(origin, "later");
        Await.until(Duration.ofSeconds(20), () -> stayer.keyframes() > 0, "the waiting player gets the stream");
        assertEquals(1, originHttp.flvPlayers().size());
        assertEquals(1, ingester.sessions().size());
    }

    @Test
    void aDeadOriginIsSkippedAndKillingTheOriginInUseSwitchesToTheNext() throws Exception {
        TestRtmpNode a = cluster.node();
        TestHttpFlvServer aHttp = cluster.http(a);
        TestRtmpNode b = cluster.node();
        TestHttpFlvServer bHttp = cluster.http(b);
        TestRtmpNode edge = cluster.node();
        EdgeIngester ingester = cluster.flvEdge(edge, TestRtmpNode.deadPort(), aHttp.port, bHttp.port);
        cluster.publish(a, "cam");
        cluster.publish(b, "cam");
        TestPlayer p = cluster.player(edge, "cam");
        Await.until(Duration.ofSeconds(10), () -> p.videoCount() >= 50, "player plays from origin a");
        IngestSession s = ingester.sessions().get(0);
        assertEquals(aHttp.port, s.origin().port(), "the dead first origin was skipped");
        assertFalse(s.lastError().isEmpty(), "the dead origin's failure is recorded");
        assertEquals(1, aHttp.flvPlayers().size());
        assertEquals(0, bHttp.flvPlayers().size());

        int before = p.videoCount();
        aHttp.close();
        Await.until(Duration.ofSeconds(20), () -> p.videoCount() >= before + 75, "player goes on from origin b");
        assertTrue(p.isOpen());
        assertFalse(p.heard(UNPUBLISH), "players do not see the origin switch as an unpublish");
        assertEquals(bHttp.port, s.origin().port());
        assertEquals(1, s.failovers());
        assertEquals(1, bHttp.flvPlayers().size());
    }
}
