package io.aqueduct.example.flvfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.example.flvfile.internal.RecordingPlayer.Received;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.internal.ClientTable;
import io.aqueduct.stream.internal.LiveStreamRegistry;
import io.aqueduct.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishes real ffmpeg-made FLV files into the core's real registry and plays them with a test player. */
class FlvFilePublisherTest {

    private static final StreamKey KEY = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "file");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static Path threeSeconds;
    private static Path oneSecond;

    private final LiveStreamRegistry registry = new LiveStreamRegistry();
    private final ClientTable clients = new ClientTable();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void makeFiles() throws Exception {
        threeSeconds = MediaFiles.flv(dir, "three.flv", 3);
        oneSecond = MediaFiles.flv(dir, "one.flv", 1);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        registry.deactivate();
    }

    private FlvFilePublisher publish(Path file, StreamKey key, boolean loop) throws Exception {
        FlvFilePublisher p = new FlvFilePublisher(registry, clients, file.toString(), key.toString(), loop,
                FlvFileReader.DEFAULT_MAX_TAG_SIZE);
        toClose.add(p::deactivate);
        return p;
    }

    private RecordingPlayer play(StreamKey key) {
        RecordingPlayer player = new RecordingPlayer(registry, key);
        toClose.add(player);
        return player;
    }

    @Test
    void playerGetsMetadataHeadersKeyFramesAndCodecsAtRealTimePace() throws Exception {
        RecordingPlayer player = play(KEY);
        long start = System.nanoTime();
        FlvFilePublisher publisher = publish(threeSeconds, KEY, false);
        FlvFileSummary summary = publisher.summary();

        Await.until(WAIT, () -> registry.stream(KEY).map(s -> s.videoCodec().equals("H264")
                && s.audioCodec().equals("AAC")).orElse(false), "codecs H264 and AAC seen by the registry");
        StreamInfo info = registry.stream(KEY).orElseThrow();
        assertEquals("flv-file", info.publisher().orElseThrow().protocol());
        ClientSession client = clients.client(publisher.id()).orElseThrow();
        assertEquals("publish " + KEY + " from " + threeSeconds, client.state());
        assertEquals("file:" + threeSeconds, client.remoteAddress().toString());

        Await.until(WAIT, () -> player.got(StreamEvent.UNPUBLISH), "the stream ends at the end of the file");
        List<Received> media = player.media();
        assertEquals(StreamEvent.PUBLISH, player.received().get(0).event());
        assertEquals(MessageType.METADATA, media.get(0).type(), "onMetaData comes first");
        assertEquals(summary.audioTags() + summary.videoTags() + 1, media.size(), "every tag, none lost");
        int firstFrame = indexOf(media, r -> r.type() == MessageType.VIDEO && !r.sequenceHeader());
        assertTrue(media.subList(0, firstFrame).stream().anyMatch(r -> r.type() == MessageType.VIDEO
                && r.sequenceHeader() && r.codec().equals("H264")), "AVC sequence header before the first frame");
        assertTrue(media.stream().anyMatch(r -> r.type() == MessageType.AUDIO && r.sequenceHeader()
                && r.codec().equals("AAC")), "AAC sequence header");
        assertTrue(media.get(firstFrame).keyframe(), "video starts with a key frame");
        assertEquals(3, media.stream().filter(r -> r.keyframe() && r.size() > 5).count(), "a key frame each second");
        Received endOfSequence = media.stream().filter(r -> r.type() == MessageType.VIDEO).reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(5, endOfSequence.size(), "without a loop the file's AVC end of sequence is sent last");

        Received last = media.get(media.size() - 1);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(last.nanos() - start);
        assertTrue(summary.durationMillis() >= 2_900, "the file holds 3 s, got " + summary.durationMillis());
        assertTrue(elapsedMillis >= summary.durationMillis() - 100,
                "real-time pace: " + summary.durationMillis() + " ms of media took " + elapsedMillis + " ms");
        int maxTimestamp = media.stream().mapToInt(Received::timestamp).max().orElseThrow();
        assertTrue(maxTimestamp >= summary.durationMillis() - 50, "timestamps span the file: " + maxTimestamp);

        assertEquals(FlvFilePublisher.State.ENDED, publisher.playState());
        assertTrue(clients.client(publisher.id()).isEmpty(), "the client leaves at the end of the file");
    }

    @Test
    void loopingContinuesTimestampsAndSendsHeadersOnce() throws Exception {
        RecordingPlayer player = play(KEY);
        FlvFilePublisher publisher = publish(oneSecond, KEY, true);
        long loopLength = publisher.summary().loopLengthMillis();

        Await.until(WAIT, () -> player.media().stream().anyMatch(r -> r.timestamp() > loopLength + 500),
                "media of the second pass");
        assertTrue(publisher.passes() >= 2);
        publisher.deactivate();
        Await.until(WAIT, () -> player.got(StreamEvent.UNPUBLISH), "deactivation ends the stream");

        List<Received> media = player.media();
        for (MessageType type : List.of(MessageType.AUDIO, MessageType.VIDEO)) {
            int previous = -1;
            for (Received r : media) {
                if (r.type() == type) {
                    assertTrue(r.timestamp() >= previous, type + " timestamps go back: " + previous + " then "
                            + r.timestamp());
                    previous = r.timestamp();
                }
            }
        }
        assertEquals(1, media.stream().filter(r -> r.type() == MessageType.METADATA).count());
        assertEquals(2, media.stream().filter(Received::sequenceHeader).count(), "one AVC and one AAC header");
        assertTrue(media.stream().allMatch(r -> r.type() != MessageType.VIDEO || r.size() > 5),
                "no AVC end of sequence between passes");
        assertTrue(media.stream().filter(Received::keyframe).anyMatch(r -> r.timestamp() >= loopLength - 50),
                "the second pass starts with its key frame, one frame after the first pass");
        assertEquals(FlvFilePublisher.State.STOPPED, publisher.playState());
    }

    @Test
    void truncatedFileIsRefusedWithFileAndOffsetAndNothingElseCloses() throws Exception {
        RecordingPlayer player = play(KEY);
        StreamKey other = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "other");
        FlvFilePublisher good = publish(oneSecond, other, true);
        Path broken = MediaFiles.truncated(threeSeconds, dir, 100);

        FlvFilePublisher refused = publish(broken, KEY, true);
        assertEquals(FlvFilePublisher.State.FAILED, refused.playState());
        assertTrue(refused.endReason().startsWith(broken + " at offset "), refused.endReason());
        assertTrue(refused.endReason().contains("truncated tag"), refused.endReason());

        assertFalse(registry.stream(KEY).orElseThrow().publisher().isPresent(), "nothing published for the broken file");
        assertTrue(player.received().isEmpty(), "its waiting player got nothing");
        assertEquals(1, clients.count(), "only the good publisher is a client");
        assertEquals(FlvFilePublisher.State.PLAYING, good.playState());
        assertTrue(registry.stream(other).orElseThrow().publisher().isPresent(), "the other stream goes on");
    }

    @Test
    void busyStreamIsRefusedAndTheFirstPublisherGoesOn() throws Exception {
        Publication first = registry.publish(KEY, new HoldingPublisher());
        toClose.add(first);
        FlvFilePublisher refused = publish(oneSecond, KEY, true);
        assertEquals(FlvFilePublisher.State.FAILED, refused.playState());
        assertEquals(new StreamBusyException(KEY).getMessage(), refused.endReason());
        assertTrue(first.isOpen());
        assertEquals(0, clients.count());
    }

    @Test
    void kickStopsPublishingAndUnregisters() throws Exception {
        RecordingPlayer player = play(KEY);
        FlvFilePublisher publisher = publish(oneSecond, KEY, true);
        Await.until(WAIT, () -> !player.media().isEmpty(), "media");
        clients.client(publisher.id()).orElseThrow().close("kicked from the shell");
        Await.until(WAIT, () -> player.got(StreamEvent.UNPUBLISH), "the kick ends the stream");
        // The publisher's own thread ends the stream first and unregisters right after: wait for both.
        Await.until(WAIT, () -> clients.client(publisher.id()).isEmpty(), "the kicked client is unregistered");
        assertEquals(FlvFilePublisher.State.STOPPED, publisher.playState());
        assertEquals("kicked from the shell", publisher.endReason());
        assertFalse(registry.stream(KEY).orElseThrow().publisher().isPresent());
    }

    @Test
    void streamNamesWithoutVhostUseTheDefaultVhost() throws Exception {
        assertEquals(KEY, FlvFilePublisher.parseKey("live/file"));
        assertEquals(new StreamKey("example.com", "live", "file"), FlvFilePublisher.parseKey("example.com/live/file"));
        assertThrows(IllegalArgumentException.class, () -> FlvFilePublisher.parseKey("file"));
        assertEquals("file must be an absolute path: relative.flv",
                publish(Path.of("relative.flv"), KEY, true).endReason());
        assertTrue(new FlvFilePublisher(registry, clients, oneSecond.toString(), null, true, 1000).endReason()
                .contains("needs 'stream'"));
        assertNull(registry.stream(KEY).orElse(null));
        assertEquals(0, clients.count());
    }

    private static int indexOf(List<Received> list, java.util.function.Predicate<Received> p) {
        for (int i = 0; i < list.size(); i++) {
            if (p.test(list.get(i))) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** A publisher of another protocol that only holds a stream. */
    private static final class HoldingPublisher implements ClientSession {
        @Override
        public String id() {
            return "other";
        }

        @Override
        public String protocol() {
            return "test";
        }

        @Override
        public java.net.SocketAddress remoteAddress() {
            return new java.net.InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public java.time.Instant connectedAt() {
            return java.time.Instant.EPOCH;
        }

        @Override
        public String state() {
            return "publish";
        }

        @Override
        public long bytesIn() {
            return 0;
        }

        @Override
        public long bytesOut() {
            return 0;
        }

        @Override
        public void close(String reason) {
        }
    }
}
