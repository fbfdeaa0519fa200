package io.aqueduct.httpflv.internal;

import io.aqueduct.testing.Ffmpeg;
import io.aqueduct.stream.internal.Registries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.testing.Await;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live streams played over HTTP-FLV by curl, ffprobe and raw sockets. */
@Timeout(90)
class HttpFlvPlayTest extends HttpServerTestBase {

    @Test
    void curlDownloadsAnFlvThatFfprobeDecodes() throws Exception {
        publish("cam");
        File out = File.createTempFile("httpflv", ".flv");
        File headers = File.createTempFile("httpflv", ".headers");
        out.deleteOnExit();
        headers.deleteOnExit();
        Ffmpeg.run(Duration.ofSeconds(20), List.of("curl", "-s", "-m", "3", "-D", headers.getPath(),
                "-o", out.getPath(), "http://127.0.0.1:" + port + "/live/cam.flv"));
        String head = Files.readString(headers.toPath()).toLowerCase(Locale.ROOT);
        assertTrue(head.startsWith("http/1.1 200"), head);
        assertTrue(head.contains("content-type: video/x-flv"), head);
        assertTrue(head.contains("access-control-allow-origin: *"), head);
        assertTrue(head.contains("transfer-encoding: chunked"), head);

        FlvFile flv = FlvFile.parse(Files.readAllBytes(out.toPath()), true);
        assertEquals(0x05, flv.flags(), "audio and video flags");
        assertEquals(18, flv.tags().get(0).type(), "metadata first");
        FlvFile.Tag firstFrame = flv.tags().stream().filter(t -> t.type() == 9 && t.body()[1] == 1).findFirst()
                .orElseThrow();
        assertEquals(0, firstFrame.timestamp(), "a player's timestamps start at 0");
        assertEquals(0x17, firstFrame.body()[0] & 0xff, "the first frame is a key frame");
        assertTrue(flv.tags().size() > 100, flv.tags().size() + " tags in 3 s");

        Ffmpeg.Result probe = Ffmpeg.run(Duration.ofSeconds(30), List.of("ffprobe", "-v", "error",
                "-count_frames", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0",
                out.getPath()));
        assertTrue(probe.output().contains("h264"), probe.output());
        assertTrue(probe.output().contains("aac"), probe.output());
        for (String line : probe.output().strip().split("\n")) {
            int frames = Integer.parseInt(line.split(",")[1].trim());
            assertTrue(frames > 25, "decoded frames: " + probe.output());
        }
    }

    @Test
    void withTimeJitterOffAPlayerGetsTheStreamsTimestamps() throws Exception {
        Registries.defaultVhost(registry, Map.of("time__jitter", "off"));
        publish("late");
        // Past the source's second GOP (a key frame a second): a player joining now starts at that key frame.
        long firstSecond = source.tags().stream().filter(t -> t.timestamp() <= 1200).mapToLong(t -> t.body().length)
                .sum();
        Await.until(Duration.ofSeconds(10), () -> registry.stream(key("late")).map(s -> s.bytesIn() > firstSecond)
                .orElse(false), "1.2 s of the stream published");
        File out = curlTwoSeconds("/live/late.flv");
        FlvFile flv = FlvFile.parse(Files.readAllBytes(out.toPath()), true);
        FlvFile.Tag firstFrame = flv.tags().stream().filter(t -> t.type() == 9 && t.body()[1] == 1).findFirst()
                .orElseThrow();
        assertEquals(0x17, firstFrame.body()[0] & 0xff, "the first frame is a key frame");
        assertTrue(firstFrame.timestamp() >= 1000, "the stream's time of a later key frame, not 0: "
                + firstFrame.timestamp());
        Ffmpeg.Result probe = Ffmpeg.run(Duration.ofSeconds(30), List.of("ffprobe", "-v", "error",
                "-count_frames", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0",
                out.getPath()));
        assertTrue(probe.output().contains("h264,") && probe.output().contains("aac,"), probe.output());
    }

    @Test
    void aPlayerArrivingBetweenThePublishersSequenceHeadersIsToldAudioAndVideo() throws Exception {
        // What ffmpeg has sent just after publishing: metadata and the video sequence header, no audio yet.
        List<FlvFile.Tag> start = new ArrayList<>();
        for (FlvFile.Tag t : source.tags()) {
            if (t.type() == 8) {
                break;
            }
            start.add(t);
        }
        assertTrue(start.size() == 2 && start.get(1).type() == 9 && start.get(1).body()[1] == 0,
                "metadata and the video sequence header: " + start.size() + " tags");
        publishers.add(new FlvFilePublisher(registry, key("starting"), new FlvFile(0x05, start), 60_000, false));
        Await.until(Duration.ofSeconds(10), () -> registry.stream(key("starting"))
                .map(s -> !s.videoCodec().isEmpty()).orElse(false), "the video sequence header published");
        try (RawHttp c = new RawHttp(port)) {
            assertTrue(c.send(get("/live/starting.flv")).readHead().startsWith("HTTP/1.1 200"));
            FlvFile flv = FlvFile.parse(c.readChunked(13), true);
            assertEquals(0x05, flv.flags(), "no frame yet: audio may still come");
        }
    }

    @Test
    void aVideoOnlyStreamIsAnnouncedAsVideoOnly() throws Exception {
        List<FlvFile.Tag> video = source.tags().stream().filter(t -> t.type() != 8).toList();
        publishers.add(new FlvFilePublisher(registry, key("mute"), new FlvFile(0x01, video), 60_000));
        long headers = video.get(0).body().length + video.get(1).body().length;
        Await.until(Duration.ofSeconds(10), () -> registry.stream(key("mute")).map(s -> s.bytesIn() > headers)
                .orElse(false), "a frame published");
        File out = curlTwoSeconds("/live/mute.flv");
        FlvFile flv = FlvFile.parse(Files.readAllBytes(out.toPath()), true);
        assertEquals(0x01, flv.flags(), "video only, the GOP cache shows frames without audio");
        assertTrue(flv.tags().stream().noneMatch(t -> t.type() == 8));
        assertTrue(flv.tags().stream().filter(t -> t.type() == 9).count() > 25, flv.tags().size() + " tags");
    }

    @Test
    void playersShareRunsOnlyWhenEnoughOfThemHaveTheirTimestampBase() throws Exception {
        // One base for all (the stream's timestamps) and a window that merges several frames into each run.
        Registries.defaultVhost(registry, Map.of("time__jitter", "off", "mw__latency", 100));
        publish("shared");
        int few = 8;
        int many = TimestampBases.MIN_PLAYERS_TO_SHARE_RUNS;
        ExecutorService pool = Executors.newFixedThreadPool(few + many);
        List<RawHttp> connections = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int i = 0; i < few + many; i++) {
                if (i == few) {
                    Await.until(Duration.ofSeconds(20), () -> server.players().size() == few
                            && server.players().stream().allMatch(pl -> pl.bytesOut() > 100_000), "8 players playing");
                    long runs = server.players().stream().mapToLong(FlvPlayer::sharedRuns).sum();
                    assertEquals(0, runs, "8 players of a base write message by message");
                }
                RawHttp c = new RawHttp(port);
                connections.add(c);
                readers.add(pool.submit(() -> {
                    assertTrue(c.send(get("/live/shared.flv")).readHead().startsWith("HTTP/1.1 200"));
                    long read = 0;
                    while (reading.get()) {
                        read += c.readChunked(16_384).length;
                    }
                    return read;
                }));
            }
            Await.until(Duration.ofSeconds(30), () -> server.players().size() == few + many
                    && server.players().stream().allMatch(pl -> pl.sharedRuns() > 3),
                    () -> "72 players of one base share runs: " + server.players().stream()
                            .mapToLong(FlvPlayer::sharedRuns).boxed().toList());
            reading.set(false);
            for (Future<Long> r : readers) {
                assertTrue(r.get(20, TimeUnit.SECONDS) > 0);
            }
        } finally {
            reading.set(false);
            for (RawHttp c : connections) {
                c.close();
            }
            pool.shutdownNow();
        }
        Await.until(Duration.ofSeconds(10), () -> server.timestampBases().size() == 0, "bases gone with the players");
    }

    /** What curl saves of {@code path} in two seconds. */
    private File curlTwoSeconds(String path) throws Exception {
        File out = File.createTempFile("httpflv", ".flv");
        out.deleteOnExit();
        Ffmpeg.run(Duration.ofSeconds(20), List.of("curl", "-s", "-m", "2", "-o", out.getPath(),
                "http://127.0.0.1:" + port + path));
        return out;
    }

    @Test
    void unknownStreamAnswers404AtOnceOnAnOrigin() throws Exception {
        long start = System.nanoTime();
        try (RawHttp c = new RawHttp(port)) {
            String head = c.send(get("/live/nobody.flv")).readHead();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(head.startsWith("HTTP/1.1 404"), head);
            assertTrue(waited < 450, "answered after " + waited + " ms: an origin does not wait");
        }
        Await.until(Duration.ofSeconds(5), () -> registry.stream(key("nobody")).isEmpty(), "no stream left behind");
    }

    @Test
    void unknownStreamAnswers404AfterThePlayWaitOnAnEdge() throws Exception {
        Registries.suppliesEveryStreamOnDemand(registry);
        long start = System.nanoTime();
        try (RawHttp c = new RawHttp(port)) {
            String head = c.send(get("/live/nobody.flv")).readHead();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(head.startsWith("HTTP/1.1 404"), head);
            assertTrue(waited >= 450 && waited < 5000, "answered after " + waited + " ms; play_wait_ms is 500");
        }
        Await.until(Duration.ofSeconds(5), () -> registry.stream(key("nobody")).isEmpty(), "no stream left behind");
        assertEquals(0, clients.count());
    }

    @Test
    void aPlayerWaitingForAPublisherGetsTheStreamWhenItComes() throws Exception {
        Registries.suppliesEveryStreamOnDemand(registry);
        server.configure(config(port, Map.of("play__wait__ms", 20_000)));
        try (RawHttp c = new RawHttp(port)) {
            c.send(get("/live/late.flv"));
            Await.until(Duration.ofSeconds(5), () -> registry.stream(key("late")).map(s -> s.players() == 1)
                    .orElse(false), "the request subscribed (an edge would now pull the stream)");
            publish("late");
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            FlvFile flv = FlvFile.parse(c.readChunked(50_000), true);
            assertTrue(flv.tags().size() > 5);
        }
    }

    @Test
    void unpublishEndsTheResponse() throws Exception {
        FlvFilePublisher publisher = publish("ends");
        try (RawHttp c = new RawHttp(port)) {
            assertTrue(c.send(get("/live/ends.flv")).readHead().startsWith("HTTP/1.1 200"));
            c.readChunked(20_000);
            publisher.close();
            c.readChunked(Integer.MAX_VALUE); // returns at the last, empty chunk
            assertTrue(c.closedByPeer(), "the connection closes after the last chunk");
        }
    }

    @Test
    void fiftyPlayersAllReceiveTheStream() throws Exception {
        publish("many");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<RawHttp> connections = new ArrayList<>();
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                RawHttp c = new RawHttp(port);
                connections.add(c);
                results.add(pool.submit(() -> {
                    assertTrue(c.send(get("/live/many.flv")).readHead().startsWith("HTTP/1.1 200"));
                    return c.readChunked(300_000);
                }));
            }
            Await.until(Duration.ofSeconds(20), () -> registry.stream(key("many")).orElseThrow().players() == 50
                    && server.players().size() == 50 && clients.count() == 50, "50 players");
            String listing = new HttpFlvCommands(server).http();
            assertTrue(listing.contains("50 HTTP player(s)"), listing);
            assertTrue(listing.contains(key("many").toString()), listing);
            assertEquals(50, clients.clients().stream().filter(s -> s.protocol().equals("http-flv")).count());
            for (Future<byte[]> r : results) {
                byte[] body = r.get(60, TimeUnit.SECONDS);
                assertTrue(body.length >= 300_000);
                FlvFile flv = FlvFile.parse(body, true);
                assertEquals(0x05, flv.flags());
            }
        } finally {
            for (RawHttp c : connections) {
                c.close();
            }
            pool.shutdownNow();
        }
        Await.until(Duration.ofSeconds(10), () -> server.players().isEmpty() && clients.count() == 0,
                "players gone after their clients left");
    }

    @Test
    void aStalledPlayerLosesGopsWhileOthersAndThePublisherGoOn() throws Exception {
        io.aqueduct.stream.internal.Registries.defaultVhostQueueLength(registry, 1);
        server.configure(config(port, Map.of("send__buffer__bytes", 65_536)));
        FlvFilePublisher publisher = publish("slow");
        try (RawHttp stalled = new RawHttp(port, 4096); RawHttp healthy = new RawHttp(port)) {
            stalled.send(get("/live/slow.flv"));
            Await.until(Duration.ofSeconds(5), () -> server.players().size() == 1, "stalled player playing");
            FlvPlayer stalledPlayer = server.players().iterator().next();
            healthy.send(get("/live/slow.flv")).readHead();
            long sentBefore = publisher.sent();
            Await.until(Duration.ofSeconds(30), () -> {
                try {
                    healthy.readChunked(16_000); // the healthy player keeps reading all along
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                return stalledPlayer.droppedMessages() > 0;
            }, "the stalled player drops GOPs");
            assertTrue(publisher.sent() > sentBefore, "the publisher went on");
            assertTrue(healthy.readChunked(100_000).length >= 100_000, "the healthy player still plays");
        }
    }

    @Test
    void headAndOptionsAreAnswered() throws Exception {
        publish("head");
        try (RawHttp c = new RawHttp(port)) {
            String head = c.send("HEAD /live/head.flv HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertTrue(head.toLowerCase(Locale.ROOT).contains("content-type: video/x-flv"), head);
            assertTrue(!head.toLowerCase(Locale.ROOT).contains("content-length"), head);
            head = c.send("HEAD /live/absent.flv HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
            assertTrue(head.startsWith("HTTP/1.1 404"), head);
            head = c.send("OPTIONS /live/head.flv HTTP/1.1\r\nHost: x\r\nOrigin: http://page\r\n"
                    + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: range\r\n\r\n")
                    .readHead().toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 204"), head);
            assertTrue(head.contains("access-control-allow-origin: *"), head);
            assertTrue(head.contains("access-control-allow-methods: get, head, options"), head);
            assertTrue(head.contains("access-control-allow-headers: range"), head);
        }
    }

    @Test
    void kickingAnHttpPlayerClosesItsConnection() throws Exception {
        publish("kick");
        try (RawHttp c = new RawHttp(port)) {
            assertTrue(c.send(get("/live/kick.flv")).readHead().startsWith("HTTP/1.1 200"));
            ClientSession player = clients.clients().stream().filter(s -> s.protocol().equals("http-flv"))
                    .findFirst().orElseThrow();
            assertEquals("play " + key("kick"), player.state());
            player.close("kicked by the test");
            assertTrue(c.closedByPeer());
        }
    }
}
