package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.internal.ClientTable;
import io.aqueduct.stream.internal.LiveStreamRegistry;
import io.aqueduct.stream.internal.Registries;
import io.aqueduct.testing.Await;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * An HTTP server in this JVM over a real stream registry, serving the default vhost at the SRS default mount, with
 * a static directory; streams are published from an FLV file that ffmpeg made (H.264 + AAC, 2 s, one GOP a second).
 */
abstract class HttpServerTestBase {

    static FlvFile source;
    static Path html;

    LiveStreamRegistry registry;
    ClientTable clients;
    HttpServer server;
    int port;
    final List<FlvFilePublisher> publishers = new ArrayList<>();

    @BeforeAll
    static void makeMedia() throws Exception {
        Path dir = Files.createTempDirectory("httpflv-test");
        dir.toFile().deleteOnExit();
        Path flv = dir.resolve("source.flv");
        // Lossless video makes about 1 Mbit/s, so a stalled player fills its buffers within seconds.
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-qp", "0",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "flv", flv.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ffmpeg did not finish");
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("ffmpeg.log")));
        source = FlvFile.read(flv);
        html = Files.createDirectories(dir.resolve("html"));
        Files.writeString(html.resolve("index.html"), "<html><body>aqueduct</body></html>");
        Files.writeString(html.resolve("crossdomain.xml"), "<cross-domain-policy/>");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        port = freePort();
        registry = new LiveStreamRegistry();
        clients = new ClientTable();
        server = newServer(port);
    }

    HttpServer newServer(int listenPort) {
        HttpServer s = new HttpServer(registry, clients, config(listenPort, Map.of()));
        s.addMount(new RemuxMount(Annotations.of(RemuxMountConfig.class, Map.of("enabled", true))));
        return s;
    }

    HttpServerConfig config(int listenPort, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("enabled", true,
                "listen", new String[] {"127.0.0.1:" + listenPort}, "dir", html.toString(),
                "request__timeout__ms", 1000, "play__wait__ms", 500, "threads", 2));
        values.putAll(overrides);
        return Annotations.of(HttpServerConfig.class, values);
    }

    @AfterEach
    void stopServer() throws Exception {
        for (FlvFilePublisher p : publishers) {
            p.close();
        }
        server.deactivate();
        Registries.stop(registry);
    }

    static StreamKey key(String stream) {
        return new StreamKey(StreamKey.DEFAULT_VHOST, "live", stream);
    }

    /** Publishes the source in a loop as live/{@code stream} and waits until its codecs are known. */
    FlvFilePublisher publish(String stream) throws Exception {
        return publish(stream, source);
    }

    /** Publishes {@code file} in a loop as live/{@code stream} and waits until its codecs are known. */
    FlvFilePublisher publish(String stream, FlvFile file) throws Exception {
        FlvFilePublisher p = new FlvFilePublisher(registry, key(stream), file, 60_000);
        publishers.add(p);
        Await.until(Duration.ofSeconds(10), () -> registry.stream(key(stream))
                .map(s -> !s.videoCodec().isEmpty() && !s.audioCodec().isEmpty()).orElse(false), "stream live");
        return p;
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }
}
