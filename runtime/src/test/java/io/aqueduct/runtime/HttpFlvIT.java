package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP-FLV from the assembled server with the seed's slave and origin configs, played by curl, ffprobe and 50 players. */
@Timeout(180)
class HttpFlvIT {

    @Test
    void seedSlaveConfigServesHttpFlvToCurlAndFfprobe(@TempDir Path dir) throws Exception {
        int rtmp = FreePorts.pick();
        int http = FreePorts.pick();
        String config = SeedConfigs.withPorts("forward.slave.conf", new int[] {19350, 8080}, new int[] {rtmp, http});
        String flvUrl = "http://127.0.0.1:" + http + "/live/livestream.flv";
        try (AqueductProcess server = AqueductProcess.startListening("slave", config, rtmp).awaitListening(http);
             BackgroundTool publisher = MediaTools.ffmpegPublish("rtmp://127.0.0.1:" + rtmp + "/live/livestream",
                     Duration.ofSeconds(40))) {
            Await.until(Duration.ofSeconds(20), () -> server.log().contains("published by client"),
                    () -> "publisher live:\n" + publisher.output());

            Path headers = dir.resolve("headers.txt");
            Path body = dir.resolve("body.flv");
            MediaTools.run(Duration.ofSeconds(15), "curl", "-s", "-m", "3", "-D", headers.toString(), "-o",
                    body.toString(), flvUrl);
            String head = Files.readString(headers).toLowerCase();
            assertTrue(head.startsWith("http/1.1 200"), head);
            assertTrue(head.contains("content-type: video/x-flv"), head);
            assertTrue(head.contains("access-control-allow-origin: *"), head);
            byte[] flv = Files.readAllBytes(body);
            assertTrue(flv.length > 30_000, "3 s of stream, got " + flv.length + " bytes");
            assertEquals("FLV", new String(flv, 0, 3, StandardCharsets.US_ASCII));
            assertEquals(0x05, flv[4], "FLV header flags: audio and video");

            List<StreamFrames> streams = MediaTools.ffprobeCountFrames(flvUrl, 3);
            StreamFrames video = MediaTools.stream(streams, "video").orElseThrow();
            StreamFrames audio = MediaTools.stream(streams, "audio").orElseThrow();
            assertEquals("h264", video.codecName());
            assertEquals("aac", audio.codecName());
            assertTrue(video.frames() >= 50 && audio.frames() >= 80, streams.toString());
        }
    }

    @Test
    void seedOriginConfigAnswers404AtOnceAnd400ForGarbageAndServesFiftyPlayers() throws Exception {
        int rtmp = FreePorts.pick();
        int http = FreePorts.pick();
        String config = SeedConfigs.withPorts("origin.conf", new int[] {19350, 8081}, new int[] {rtmp, http});
        try (AqueductProcess server = AqueductProcess.startListening("origin", config, rtmp).awaitListening(http);
             BackgroundTool publisher = MediaTools.ffmpegPublish("rtmp://127.0.0.1:" + rtmp + "/live/many",
                     Duration.ofSeconds(60))) {
            long start = System.nanoTime();
            ToolResult missing = MediaTools.run(Duration.ofSeconds(10), "curl", "-s", "-o", "/dev/null", "-w",
                    "%{http_code}", "http://127.0.0.1:" + http + "/live/nobody.flv");
            assertEquals("404", missing.output().trim());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000, "404 at once");

            try (Socket bad = new Socket("127.0.0.1", http)) {
                bad.getOutputStream().write("\u0001\u0002garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(bad.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.0 400"), answer);
            }
            Await.until(Duration.ofSeconds(20), () -> server.log().contains("published by client"),
                    () -> "publisher live:\n" + publisher.output());

            ExecutorService pool = Executors.newFixedThreadPool(50);
            try {
                List<Future<long[]>> players = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    players.add(pool.submit(() -> play(http, "/live/many.flv", 200_000)));
                }
                List<Long> firstVideo = new ArrayList<>();
                for (Future<long[]> p : players) {
                    long[] r = p.get(60, TimeUnit.SECONDS);
                    assertTrue(r[0] >= 200_000, "a player received only " + r[0] + " bytes");
                    firstVideo.add(r[1]);
                }
                firstVideo.sort(null);
                System.out.printf("time to first video tag over HTTP-FLV, 50 players: min %d ms, median %d ms, "
                        + "max %d ms%n", firstVideo.get(0), firstVideo.get(25), firstVideo.get(49));
            } finally {
                pool.shutdownNow();
            }
            assertTrue(publisher.isAlive(), publisher.output());
        }
    }

    /**
     * Plays an HTTP-FLV URL until {@code wanted} body bytes arrived.
     *
     * @return bytes received and milliseconds from connect to the first video tag's header
     */
    private static long[] play(int port, String path, int wanted) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            long total = 0;
            long firstVideo = -1;
            while (total < wanted) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                if (firstVideo < 0 && containsVideoTag(buf, n)) {
                    firstVideo = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
                total += n;
            }
            return new long[] {total, firstVideo};
        }
    }

    /** A rough look for an FLV video tag with an AVC key frame (type 9, ..., 0x17) in what arrived. */
    private static boolean containsVideoTag(byte[] b, int n) {
        for (int i = 0; i + 11 < n; i++) {
            if (b[i] == 9 && b[i + 8] == 0 && b[i + 9] == 0 && b[i + 10] == 0 && (b[i + 11] & 0xFF) == 0x17) {
                return true;
            }
        }
        return false;
    }
}
