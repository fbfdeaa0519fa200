package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The assembled server as an RTMP origin, driven by ffmpeg, ffprobe, rtmpdump and many client players: refusal of
 * a second publisher, players before the publisher and across a republish, 50 players, bad clients.
 */
@Timeout(180)
class RtmpOriginIT {

    private static MultiThreadIoEventLoopGroup group;

    @BeforeAll
    static void loops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String url(int port, String stream) {
        return "rtmp://127.0.0.1:" + port + "/live/" + stream;
    }

    @Test
    void secondPublisherIsRefusedAndTheFirstGoesOn() throws Exception {
        int port = FreePorts.pick();
        try (AqueductProcess server = AqueductProcess.startListening("busy", Configs.rtmpServer("busy", port), port);
             BackgroundTool first = MediaTools.ffmpegPublish(url(port, "cam"), Duration.ofSeconds(40));
             RtmpTestPlayer player = awaitPlayer(url(port, "cam"), first)) {
            Await.until(Duration.ofSeconds(15), () -> player.video.get() > 10, "first publisher's video arrives");

            BackgroundTool second = MediaTools.ffmpegPublish(url(port, "cam"), Duration.ofSeconds(10));
            ToolResult refused = second.awaitExit(Duration.ofSeconds(20));
            assertNotEquals(0, refused.exitCode(), "the second publisher must fail:\n" + refused.output());
            assertTrue(server.log().contains("already published"), server.log());

            int before = player.video.get();
            Await.until(Duration.ofSeconds(10), () -> player.video.get() > before + 25,
                    "the first publisher's stream goes on after the refusal");
            assertTrue(first.isAlive(), first.output());
        }
    }

    @Test
    void playerBeforePublisherWaitsAndSurvivesARepublish() throws Exception {
        int port = FreePorts.pick();
        try (AqueductProcess server = AqueductProcess.startListening("early", Configs.rtmpServer("early", port), port);
             RtmpTestPlayer player = RtmpTestPlayer.play(group, url(port, "later"))) {
            assertEquals(0, player.video.get());

            try (BackgroundTool first = MediaTools.ffmpegPublish(url(port, "later"), Duration.ofSeconds(4))) {
                Await.until(Duration.ofSeconds(20), () -> player.video.get() > 25, "video after the publisher came");
                first.awaitExit(Duration.ofSeconds(20));
            }
            Await.until(Duration.ofSeconds(10), () -> player.statuses.contains("NetStream.Play.UnpublishNotify"),
                    () -> "unpublish notice, got " + player.statuses);
            int afterFirst = player.video.get();
            int lastTimestamp = player.lastVideoTimestamp();

            try (BackgroundTool again = MediaTools.ffmpegPublish(url(port, "later"), Duration.ofSeconds(20))) {
                Await.until(Duration.ofSeconds(20), () -> player.video.get() > afterFirst + 25,
                        "the same player receives the republished stream");
            }
            assertTrue(player.statuses.contains("NetStream.Play.PublishNotify"), player.statuses.toString());
            assertEquals(0, player.backwardsVideo.get(), "timestamps stay monotonic across the republish");
            assertTrue(player.lastVideoTimestamp() > lastTimestamp);
            assertTrue(!player.isClosed());
        }
    }

    @Test
    void fiftyPlayersOfOneStreamAllReceiveAndRtmpdumpRecordsIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        int port = FreePorts.pick();
        List<RtmpTestPlayer> players = new ArrayList<>();
        try (AqueductProcess server = AqueductProcess.startListening("fifty", Configs.rtmpServer("fifty", port), port);
             BackgroundTool publisher = MediaTools.ffmpegPublish(url(port, "many"), Duration.ofSeconds(60))) {
            players.add(awaitPlayer(url(port, "many"), publisher));
            for (int i = 1; i < 50; i++) {
                players.add(RtmpTestPlayer.play(group, url(port, "many")));
            }
            Await.until(Duration.ofSeconds(30), () -> players.stream().allMatch(p -> p.video.get() >= 50
                    && p.audio.get() >= 50 && p.metadata.get() >= 1), () -> "every player receives: "
                    + players.stream().map(p -> p.video.get() + "/" + p.audio.get()).toList());
            long[] firstFrame = players.stream().mapToLong(RtmpTestPlayer::millisToFirstVideo).sorted().toArray();
            System.out.printf("time to first video frame over RTMP, 50 players: min %d ms, median %d ms, max %d ms%n",
                    firstFrame[0], firstFrame[25], firstFrame[49]);
            assertTrue(players.stream().allMatch(p -> p.keyframes.get() >= 1), "each player starts with a key frame");

            Path flv = dir.resolve("dump.flv");
            MediaTools.rtmpdump(url(port, "many"), flv, Duration.ofSeconds(4));
            assertTrue(Files.size(flv) > 50_000, "rtmpdump recorded " + Files.size(flv) + " bytes");
            ToolResult probe = MediaTools.run(Duration.ofSeconds(30), "ffprobe", "-v", "error", "-count_frames",
                    "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", flv.toString());
            assertTrue(probe.output().contains("h264,") && probe.output().contains("aac,"), probe.output());
        } finally {
            players.forEach(RtmpTestPlayer::close);
        }
    }

    @Test
    void garbageAndTruncatedHandshakesDoNotHarmALiveStream() throws Exception {
        int port = FreePorts.pick();
        try (AqueductProcess server = AqueductProcess.startListening("bad", Configs.rtmpServer("bad", port), port);
             BackgroundTool publisher = MediaTools.ffmpegPublish(url(port, "safe"), Duration.ofSeconds(60));
             RtmpTestPlayer player = awaitPlayer(url(port, "safe"), publisher)) {
            Await.until(Duration.ofSeconds(15), () -> player.video.get() > 10, "video flows");

            sendAndExpectClose(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            byte[] badChunks = new byte[1 + 1536 + 1536 + 64];
            badChunks[0] = 3;
            java.util.Arrays.fill(badChunks, 1 + 3072, badChunks.length, (byte) 0xFF);
            sendAndExpectClose(port, badChunks);
            try (Socket truncated = new Socket("127.0.0.1", port)) {
                truncated.getOutputStream().write(new byte[] {3, 1, 2, 3});
            }
            Await.until(Duration.ofSeconds(10), () -> server.log().contains("unsupported RTMP version"),
                    "the log names the bad client and the reason");

            int before = player.video.get();
            Await.until(Duration.ofSeconds(10), () -> player.video.get() > before + 50, "the live stream goes on");
            assertTrue(publisher.isAlive(), publisher.output());
        }
    }

    private static void sendAndExpectClose(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            byte[] buf = new byte[8192];
            try {
                while (s.getInputStream().read(buf) >= 0) {
                    // the server may answer S0/S1/S2 first; read until it closes
                }
            } catch (java.net.SocketException reset) {
                // a reset is a close too
            }
        }
    }

    /** A player of a stream whose ffmpeg publisher may still be connecting. */
    private static RtmpTestPlayer awaitPlayer(String url, BackgroundTool publisher) throws Exception {
        RtmpTestPlayer player = RtmpTestPlayer.play(group, url);
        Await.until(Duration.ofSeconds(20), () -> player.video.get() > 0 || !publisher.isAlive(),
                () -> "publisher live:\n" + publisher.output());
        return player;
    }
}
