package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.aqueduct.stream.internal.Registries;
import io.aqueduct.testing.Await;
import io.aqueduct.testing.Bursts;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The merged-write window ({@code play { mw_latency }}) for HTTP-FLV players: a synthetic stream with one video
 * frame every 20 ms reaches a player in one burst per window, whole and in order; without a window frame by frame.
 *
 * <p>A burst is a run of frames whose HTTP chunks arrived less than {@link #BURST_GAP_MILLIS} after the previous
 * one. That gap is below the publisher's frame spacing, so frames only share a burst when the server held them
 * back and wrote them together.
 */
@Timeout(60)
class HttpFlvMergedWriteTest extends HttpServerTestBase {

    static final int FRAMES = 100;
    static final int FRAME_MILLIS = 20;
    static final int WINDOW_MILLIS = 300;
    static final long BURST_GAP_MILLIS = 10;

    private static final byte[] AVC_SEQUENCE_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, (byte) 0xff};
    private static final byte[] AAC_SEQUENCE_HEADER = {(byte) 0xaf, 0, 0x12, 0x10};

    @Test
    void aWaitingPlayerGetsOneBurstPerWindowAndEveryFrameInOrder() throws Exception {
        Registries.defaultVhostMergedWrite(registry, WINDOW_MILLIS);
        Played played = play("mw", true);
        assertAllFramesInOrder(played);
        int bound = burstBound(played);
        List<Integer> bursts = bursts(played.arrivalNanos());
        assertTrue(bursts.size() <= bound, bursts.size() + " bursts, at most " + bound + " expected with a "
                + WINDOW_MILLIS + " ms window over " + played.durationMillis() + " ms: " + describe(played));
    }

    @Test
    void withoutAWindowFramesArriveOneByOne() throws Exception {
        Played played = play("nomw", true);
        assertAllFramesInOrder(played);
        int bound = burstBound(played);
        List<Integer> bursts = bursts(played.arrivalNanos());
        assertTrue(bursts.size() > 2 * bound, bursts.size() + " bursts, more than " + 2 * bound
                + " expected without a window over " + played.durationMillis() + " ms: " + describe(played));
    }

    @Test
    void aRelayingServerIsWrittenAtOnceWhateverTheWindow() throws Exception {
        Registries.defaultVhostMergedWrite(registry, WINDOW_MILLIS);
        Played played = play("relay", true, "?aqueduct_relay=1");
        assertAllFramesInOrder(played);
        int bound = burstBound(played);
        List<Integer> bursts = bursts(played.arrivalNanos());
        assertTrue(bursts.size() > 2 * bound, bursts.size() + " bursts, more than " + 2 * bound
                + " expected for an edge's upstream (no window) over " + played.durationMillis() + " ms: "
                + describe(played));
    }

    /** A player that joins a live stream (headers and GOP first) still gets one burst per window. */
    @Test
    void aPlayerJoiningALiveStreamGetsOneBurstPerWindowAndEveryFrameInOrder() throws Exception {
        Registries.defaultVhostMergedWrite(registry, WINDOW_MILLIS);
        Played played = play("mwlive", false);
        assertAllFramesInOrder(played);
        int bound = burstBound(played);
        List<Integer> bursts = bursts(played.arrivalNanos());
        assertTrue(bursts.size() <= bound, bursts.size() + " bursts, at most " + bound + " expected with a "
                + WINDOW_MILLIS + " ms window over " + played.durationMillis() + " ms: " + describe(played));
    }

    /**
     * The first pass of the synthetic stream as one player received it: each video frame and when the chunk that
     * completed it arrived.
     */
    private record Played(List<FlvFile.Tag> frames, long[] arrivalNanos, long publishStartNanos) {

        /** From the start of publishing to the arrival of the last frame. */
        long durationMillis() {
            return TimeUnit.NANOSECONDS.toMillis(arrivalNanos[arrivalNanos.length - 1] - publishStartNanos);
        }
    }

    /**
     * Plays live/{@code stream} while the synthetic stream is published: with {@code waitingPlayer} the request
     * comes first and waits for the publisher (the vhost supplies streams on demand), else it joins the live stream.
     */
    private Played play(String stream, boolean waitingPlayer) throws Exception {
        return play(stream, waitingPlayer, "");
    }

    private Played play(String stream, boolean waitingPlayer, String query) throws Exception {
        if (waitingPlayer) {
            Registries.suppliesEveryStreamOnDemand(registry);
            server.configure(config(port, Map.of("play__wait__ms", 20_000)));
        }
        try (RawHttp c = new RawHttp(port)) {
            long publishStart;
            if (waitingPlayer) {
                c.send(get("/live/" + stream + ".flv" + query));
                Await.until(Duration.ofSeconds(5), () -> registry.stream(key(stream)).map(s -> s.players() == 1)
                        .orElse(false), "the request waits for a publisher");
                // The player subscribes, then drains at once, in one task on its connection's event loop: once a
                // task queued behind that one ran, the immediate drain is over and only the window's drains follow.
                for (Channel ch : server.channels()) {
                    ch.eventLoop().submit(() -> { }).get(5, TimeUnit.SECONDS);
                }
                publishStart = System.nanoTime();
                publish(stream, synthetic());
            } else {
                publishStart = System.nanoTime();
                publish(stream, synthetic());
                c.send(get("/live/" + stream + ".flv" + query));
            }
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            List<Long> tagArrivals = new ArrayList<>();
            List<FlvFile.Tag> frames = new ArrayList<>();
            List<Long> frameArrivals = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (frames.size() < FRAMES) {
                if (System.nanoTime() - deadline > 0) {
                    fail("only " + frames.size() + " of " + FRAMES + " frames within 30 s");
                }
                byte[] chunk = c.readChunked(1); // one chunk: one batch the server wrote
                long now = System.nanoTime();
                if (chunk.length == 0) {
                    fail("the response ended after " + frames.size() + " frames");
                }
                body.write(chunk);
                List<FlvFile.Tag> tags = FlvFile.parse(body.toByteArray(), true).tags();
                for (int i = tagArrivals.size(); i < tags.size(); i++) {
                    tagArrivals.add(now);
                    FlvFile.Tag t = tags.get(i);
                    if (isFrame(t) && frames.size() < FRAMES) {
                        frames.add(t);
                        frameArrivals.add(now);
                    }
                }
            }
            return new Played(frames, frameArrivals.stream().mapToLong(Long::longValue).toArray(), publishStart);
        }
    }

    /** A video seq header, an audio seq header, then {@link #FRAMES} frames {@link #FRAME_MILLIS} apart. */
    static FlvFile synthetic() {
        List<FlvFile.Tag> tags = new ArrayList<>();
        tags.add(new FlvFile.Tag(9, 0, AVC_SEQUENCE_HEADER));
        tags.add(new FlvFile.Tag(8, 0, AAC_SEQUENCE_HEADER));
        for (int i = 0; i < FRAMES; i++) {
            tags.add(new FlvFile.Tag(9, i * FRAME_MILLIS, frame(i)));
        }
        return new FlvFile(0x05, tags);
    }

    /** Frame {@code i}: an AVC NAL unit (a key frame for the first, so the GOP cache holds them all). */
    static byte[] frame(int i) {
        byte[] b = new byte[300];
        b[0] = (byte) (i == 0 ? 0x17 : 0x27);
        b[1] = 1;
        ByteBuffer.wrap(b, 5, 4).putInt(i);
        for (int j = 9; j < b.length; j++) {
            b[j] = (byte) (i * 31 + j);
        }
        return b;
    }

    static boolean isFrame(FlvFile.Tag t) {
        return t.type() == 9 && t.body().length > 1 && t.body()[1] == 1;
    }

    /** No frame lost, duplicated or reordered: the bytes and the relative timestamps the publisher sent. */
    private static void assertAllFramesInOrder(Played played) {
        List<FlvFile.Tag> frames = played.frames();
        assertEquals(FRAMES, frames.size());
        int first = frames.get(0).timestamp();
        for (int i = 0; i < FRAMES; i++) {
            FlvFile.Tag t = frames.get(i);
            assertArrayEquals(frame(i), t.body(), "frame " + i);
            assertEquals(i * FRAME_MILLIS, t.timestamp() - first, "timestamp of frame " + i);
        }
    }

    private static int burstBound(Played played) {
        return Bursts.bound(played.durationMillis(), WINDOW_MILLIS);
    }

    private static List<Integer> bursts(long[] arrivalNanos) {
        return Bursts.sizes(arrivalNanos, BURST_GAP_MILLIS);
    }

    private static String describe(Played played) {
        return Bursts.describe(played.arrivalNanos(), played.publishStartNanos(), BURST_GAP_MILLIS);
    }
}
