package io.aqueduct.rtmp.server.internal;

import io.aqueduct.testing.Ffmpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.internal.ClientTable;
import io.aqueduct.stream.internal.LiveStreamRegistry;
import io.aqueduct.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RTMP server in this JVM, driven by real ffmpeg, ffprobe and rtmpdump processes. */
@Timeout(120)
class RtmpServerFfmpegTest {

    private LiveStreamRegistry registry;
    private ClientTable clients;
    private RtmpServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        registry = new LiveStreamRegistry();
        clients = new ClientTable();
        server = new RtmpServer(registry, clients, Annotations.of(RtmpServerConfig.class,
                Map.of("listen", new String[] {"127.0.0.1:" + port})));
    }

    @AfterEach
    void stop() {
        server.deactivate();
        registry.deactivate();
    }

    private String url(String stream) {
        return "rtmp://127.0.0.1:" + port + "/live/" + stream;
    }

    private static int frames(String ffmpegOutput) {
        Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(ffmpegOutput);
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    @Test
    void ffmpegPublishesAndFfmpegDecodesBothStreams() throws Exception {
        Process publisher = Ffmpeg.publish(url("cam"), 30);
        try {
            StreamKey key = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");
            Await.until(Duration.ofSeconds(15), () -> registry.stream(key).map(s -> !s.videoCodec().isEmpty()).orElse(false),
                    "publisher live with video");
            Ffmpeg.Result r = Ffmpeg.decode(url("cam"), 3);
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("Video: h264"), r.output());
            assertTrue(r.output().contains("Audio: aac"), r.output());
            int frames = frames(r.output());
            assertTrue(frames >= 60, "decoded " + frames + " video frames in 3 s at 25 fps:\n" + r.output());
            assertEquals("H264", registry.stream(key).orElseThrow().videoCodec());
            assertEquals("AAC", registry.stream(key).orElseThrow().audioCodec());
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void rtmpdumpPlaysALiveStream() throws Exception {
        Process publisher = Ffmpeg.publish(url("dump"), 30);
        try {
            StreamKey key = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "dump");
            Await.until(Duration.ofSeconds(15), () -> registry.stream(key).isPresent(), "publisher live");
            java.io.File flv = java.io.File.createTempFile("rtmpdump", ".flv");
            flv.deleteOnExit();
            Ffmpeg.Result r = Ffmpeg.run(Duration.ofSeconds(30), List.of("rtmpdump", "-v", "-r", url("dump"),
                    "-B", "3", "-o", flv.getPath()));
            assertTrue(flv.length() > 20_000, "rtmpdump wrote " + flv.length() + " bytes:\n" + r.output());
            Ffmpeg.Result probe = Ffmpeg.run(Duration.ofSeconds(30), List.of("ffprobe", "-v", "error",
                    "-count_frames", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", flv.getPath()));
            assertTrue(probe.output().contains("h264"), probe.output());
            assertTrue(probe.output().contains("aac"), probe.output());
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void garbageOnThePortClosesOnlyThatConnection() throws Exception {
        Process publisher = Ffmpeg.publish(url("safe"), 30);
        try {
            StreamKey key = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "safe");
            Await.until(Duration.ofSeconds(15), () -> registry.stream(key).isPresent(), "publisher live");
            try (Socket bad = new Socket("127.0.0.1", port)) {
                bad.setSoTimeout(5000);
                OutputStream out = bad.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(200).getBytes());
                out.flush();
                assertEquals(-1, drainUntilClosed(bad), "the server closes a connection that sends garbage");
            }
            try (Socket truncated = new Socket("127.0.0.1", port)) {
                truncated.getOutputStream().write(new byte[] {3, 0, 0, 0});
            }
            long before = registry.stream(key).orElseThrow().bytesIn();
            Await.until(Duration.ofSeconds(10), () -> registry.stream(key).orElseThrow().bytesIn() > before + 10_000,
                    "the live stream goes on");
            Ffmpeg.Result r = Ffmpeg.decode(url("safe"), 2);
            assertTrue(frames(r.output()) >= 40, r.output());
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int drainUntilClosed(Socket s) throws IOException {
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = s.getInputStream().read(buf)) >= 0) {
                if (n == 0) {
                    break;
                }
            }
            return -1;
        } catch (java.net.SocketException e) {
            return -1; // reset by peer also means closed
        }
    }
}
