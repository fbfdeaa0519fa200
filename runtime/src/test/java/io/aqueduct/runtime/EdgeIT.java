package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed's edge cluster with real processes: origin, edge, a second-level edge, failover between origins. */
@Timeout(240)
class EdgeIT {

    private static MultiThreadIoEventLoopGroup group;

    @BeforeAll
    static void loops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static int count(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void twentyEdgePlayersShareOneUpstreamThatClosesAfterTheLastLeaves() throws Exception {
        int origin = FreePorts.pick();
        int originHttp = FreePorts.pick();
        int edge = FreePorts.pick();
        int edgeHttp = FreePorts.pick();
        String originConfig = SeedConfigs.withPorts("origin.conf", new int[] {19350, 8081},
                new int[] {origin, originHttp});
        String edgeConfig = SeedConfigs.withPorts("edge.conf", new int[] {19350, 1935, 8080},
                new int[] {origin, edge, edgeHttp});
        String plays = "plays stream __defaultVhost__/live/livestream";
        List<RtmpTestPlayer> players = new ArrayList<>();
        try (AqueductProcess o = AqueductProcess.startListening("origin", originConfig, origin);
             AqueductProcess e = AqueductProcess.startListening("edge", edgeConfig, edge).awaitListening(edgeHttp);
             BackgroundTool publisher = MediaTools.ffmpegPublish("rtmp://127.0.0.1:" + origin + "/live/livestream",
                     Duration.ofSeconds(90))) {
            Await.until(Duration.ofSeconds(20), () -> o.log().contains("published by client"),
                    () -> "publisher:\n" + publisher.output());

            RtmpTestPlayer first = RtmpTestPlayer.play(group, "rtmp://127.0.0.1:" + edge + "/live/livestream");
            players.add(first);
            Await.until(Duration.ofSeconds(20), () -> first.video.get() > 0, () -> "edge:\n" + e.log());
            System.out.printf("cold edge: first video frame %d ms after the play began%n", first.millisToFirstVideo());
            for (int i = 1; i < 20; i++) {
                players.add(RtmpTestPlayer.play(group, "rtmp://127.0.0.1:" + edge + "/live/livestream"));
            }
            Await.until(Duration.ofSeconds(30), () -> players.stream().allMatch(p -> p.video.get() >= 50),
                    "20 edge players receive");
            long[] warm = players.stream().skip(1).mapToLong(RtmpTestPlayer::millisToFirstVideo).sorted().toArray();
            System.out.printf("warm edge: first video frame median %d ms, max %d ms%n", warm[9], warm[18]);
            assertEquals(1, count(o.log(), Pattern.quote(plays)), "one upstream at the origin for 20 edge players:\n"
                    + o.log());

            assertDecodes(MediaTools.ffprobeCountFrames("rtmp://127.0.0.1:" + edge + "/live/livestream", 3));
            assertDecodes(MediaTools.ffprobeCountFrames("http://127.0.0.1:" + edgeHttp + "/live/livestream.flv", 3));
            assertEquals(1, count(o.log(), Pattern.quote(plays)), "still one upstream with RTMP and HTTP-FLV players");

            players.forEach(RtmpTestPlayer::close);
            long left = System.nanoTime();
            Await.until(Duration.ofSeconds(10), () -> o.log().contains("stopped playing stream __defaultVhost__/live/livestream"),
                    () -> "the upstream is closed after the grace period:\n" + e.log());
            long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left);
            System.out.printf("upstream closed %d ms after the last edge player left%n", closedAfter);
            assertTrue(closedAfter < 3000 + 1000 + 500, "grace period (3 s) plus a second, was " + closedAfter);
        } finally {
            players.forEach(RtmpTestPlayer::close);
        }
    }

    @Test
    void publishToTheEdgePlaysFromTheOriginAndASecondLevelEdgePlaysIt() throws Exception {
        int origin = FreePorts.pick();
        int originHttp = FreePorts.pick();
        int edge = FreePorts.pick();
        int edgeHttp = FreePorts.pick();
        int edge2 = FreePorts.pick();
        String originConfig = SeedConfigs.withPorts("origin.conf", new int[] {19350, 8081},
                new int[] {origin, originHttp});
        String edgeConfig = SeedConfigs.withPorts("edge.conf", new int[] {19350, 1935, 8080},
                new int[] {origin, edge, edgeHttp});
        // edge2 of the seed, pulling from the first edge: a two-level edge
        String edge2Config = SeedConfigs.withPorts("edge2.conf", new int[] {19350, 1935}, new int[] {edge, edge2});
        try (AqueductProcess o = AqueductProcess.startListening("origin", originConfig, origin);
             AqueductProcess e = AqueductProcess.startListening("edge", edgeConfig, edge);
             AqueductProcess e2 = AqueductProcess.startListening("edge2", edge2Config, edge2);
             BackgroundTool publisher = MediaTools.ffmpegPublish("rtmp://127.0.0.1:" + edge + "/live/up",
                     Duration.ofSeconds(60))) {
            List<StreamFrames> atOrigin = Retry.until(Duration.ofSeconds(30), publisher::isAlive,
                    () -> MediaTools.ffprobeCountFrames("rtmp://127.0.0.1:" + origin + "/live/up", 3),
                    () -> "edge:\n" + e.log() + "\norigin:\n" + o.log());
            assertDecodes(atOrigin);
            assertDecodes(MediaTools.ffprobeCountFrames("rtmp://127.0.0.1:" + edge2 + "/live/up", 3));
        }
    }

    @Test
    void anEdgePlayerKeepsReceivingWhenTheOriginInUseDies() throws Exception {
        int master = FreePorts.pick();
        int originA = FreePorts.pick();
        int originB = FreePorts.pick();
        int edge = FreePorts.pick();
        String masterConfig = """
                listen %d;
                pid ./objs/feeder.pid;
                vhost __defaultVhost__ {
                    forward { enabled on; destination 127.0.0.1:%d 127.0.0.1:%d; }
                }
                """.formatted(master, originA, originB);
        String edgeConfig = """
                listen %d;
                pid ./objs/edge-failover.pid;
                vhost __defaultVhost__ {
                    cluster { mode remote; origin 127.0.0.1:%d 127.0.0.1:%d; }
                }
                """.formatted(edge, originA, originB);
        try (AqueductProcess b = AqueductProcess.startListening("origin-b", Configs.rtmpServer("origin-b", originB), originB);
             AqueductProcess m = AqueductProcess.startListening("feeder", masterConfig, master);
             AqueductProcess e = AqueductProcess.startListening("edge-failover", edgeConfig, edge);
             BackgroundTool publisher = MediaTools.ffmpegPublish("rtmp://127.0.0.1:" + master + "/live/ha",
                     Duration.ofSeconds(90))) {
            AqueductProcess a = AqueductProcess.startListening("origin-a", Configs.rtmpServer("origin-a", originA), originA);
            try (RtmpTestPlayer player = RtmpTestPlayer.play(group, "rtmp://127.0.0.1:" + edge + "/live/ha")) {
                Await.until(Duration.ofSeconds(30), () -> player.video.get() > 50,
                        () -> "edge player:\n" + e.log() + "\nfeeder:\n" + m.log());
                assertTrue(a.log().contains("plays stream __defaultVhost__/live/ha"), "the edge uses origin A first");

                a.stop();
                int atKill = player.video.get();
                long killed = System.nanoTime();
                Await.until(Duration.ofSeconds(20), () -> player.video.get() > atKill + 50,
                        () -> "the player keeps receiving through origin B:\n" + e.log());
                assertTrue(b.log().contains("plays stream __defaultVhost__/live/ha"), b.log());
                assertTrue(!player.isClosed());
                assertEquals(0, player.backwardsVideo.get(), "timestamps stay monotonic across the switch");
                System.out.printf("failover: 50 more frames %d ms after origin A was stopped%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            } finally {
                a.close();
            }
        }
    }

    private static void assertDecodes(List<StreamFrames> streams) {
        StreamFrames video = MediaTools.stream(streams, "video").orElseThrow(() -> new AssertionError(streams));
        StreamFrames audio = MediaTools.stream(streams, "audio").orElseThrow(() -> new AssertionError(streams));
        assertEquals("h264", video.codecName());
        assertEquals("aac", audio.codecName());
        assertTrue(video.frames() >= 50 && audio.frames() >= 80, streams.toString());
    }
}
