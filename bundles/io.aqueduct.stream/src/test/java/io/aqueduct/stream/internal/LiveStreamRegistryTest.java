package io.aqueduct.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.RunKey;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveStreamRegistryTest {

    private static final StreamKey KEY = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");

    private final LiveStreamRegistry registry = new LiveStreamRegistry();

    @AfterEach
    void stop() {
        registry.deactivate();
    }

    static MediaMessage video(int ts, boolean key) {
        return MediaMessage.of(MessageType.VIDEO, ts, Unpooled.wrappedBuffer(new byte[] {(byte) (key ? 0x17 : 0x27), 1, 0, 0, 0, 9}));
    }

    static MediaMessage videoHeader() {
        return MediaMessage.of(MessageType.VIDEO, 0, Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1}));
    }

    static MediaMessage audioHeader() {
        return MediaMessage.of(MessageType.AUDIO, 0, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10}));
    }

    static MediaMessage audio(int ts) {
        return MediaMessage.of(MessageType.AUDIO, ts, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 7, 7}));
    }

    static MediaMessage metadata() {
        return MediaMessage.of(MessageType.METADATA, 0, Unpooled.wrappedBuffer(new byte[] {2, 0, 1, 'x'}));
    }

    /** Polls everything queued, releasing media and returning a description of each item. */
    static List<String> drain(Subscription s) {
        List<String> items = new ArrayList<>();
        StreamItem item;
        while ((item = s.poll()) != null) {
            if (item instanceof MediaMessage m) {
                items.add(m.type() + (m.isSequenceHeader() ? "-hdr" : m.isKeyframe() ? "-key" : "") + "@" + m.timestamp());
                m.release();
            } else {
                items.add(item.toString());
            }
        }
        return items;
    }

    @Test
    void newPlayerGetsMetadataHeadersAndGopFirst() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        p.send(metadata());
        p.send(videoHeader());
        p.send(audioHeader());
        p.send(video(0, true));
        p.send(audio(10));
        p.send(video(40, false));
        p.send(video(80, true));
        p.send(video(120, false));

        AtomicInteger wakeups = new AtomicInteger();
        Subscription s = registry.subscribe(KEY, new TestClient("2"), wakeups::incrementAndGet);
        assertEquals(List.of("METADATA@0", "VIDEO-hdr@0", "AUDIO-hdr@0", "VIDEO-key@80", "VIDEO@120"), drain(s));
        assertTrue(wakeups.get() >= 1);

        p.send(audio(130));
        assertEquals(List.of("AUDIO@130"), drain(s));
        s.close();
        p.close();
        assertTrue(registry.streams().isEmpty(), "a stream with neither publisher nor players is dropped");
    }

    @Test
    void secondPublisherIsRefusedAndFirstGoesOn() throws Exception {
        Publication first = registry.publish(KEY, new TestClient("1"));
        assertThrows(StreamBusyException.class, () -> registry.publish(KEY, new TestClient("2")));
        assertTrue(first.isOpen());
        Subscription s = registry.subscribe(KEY, new TestClient("3"), () -> { });
        first.send(video(0, true));
        assertEquals(List.of("VIDEO-key@0"), drain(s));
        assertEquals("1", registry.stream(KEY).orElseThrow().publisher().orElseThrow().id());
        s.close();
        first.close();
    }

    @Test
    void playerBeforePublisherWaitsAndSurvivesRepublish() throws Exception {
        Subscription s = registry.subscribe(KEY, new TestClient("9"), () -> { });
        assertFalse(s.isPublished());
        assertNull(s.poll());

        Publication p = registry.publish(KEY, new TestClient("1"));
        p.send(video(1000, true));
        p.send(video(1040, false));
        p.close();
        Publication again = registry.publish(KEY, new TestClient("2"));
        again.send(video(0, true));
        again.send(video(40, false));

        List<String> items = drain(s);
        assertEquals(List.of("PUBLISH", "VIDEO-key@0", "VIDEO@40", "UNPUBLISH", "PUBLISH", "VIDEO-key@50", "VIDEO@90"),
                items, "timestamps stay monotonic across the republish (time_jitter full)");
        s.close();
        again.close();
    }

    @Test
    void slowPlayerLosesWholeGopsAndStaysBounded() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        p.send(videoHeader());
        Subscription slow = registry.subscribe(KEY, new TestClient("2"), () -> { });
        Subscription fast = registry.subscribe(KEY, new TestClient("3"), () -> { });
        assertEquals(List.of("VIDEO-hdr@0"), drain(slow));
        assertEquals(List.of("VIDEO-hdr@0"), drain(fast));
        int fastReceived = 0;
        // 60 s of 25 fps video with a key frame every 2 s; the slow player reads nothing.
        for (int i = 0; i < 1500; i++) {
            p.send(video(i * 40, i % 50 == 0));
            fastReceived += drain(fast).size();
        }
        assertEquals(1500, fastReceived, "a fast player loses nothing");
        assertTrue(slow.droppedMessages() > 0);

        // queue_length (30 s by default) is checked at each key frame: the slow player kept at most that much
        // plus a GOP, and resumes at a key frame with the marker and the sequence header first.
        List<String> got = drain(slow);
        assertEquals(List.of("SKIPPED", "VIDEO-hdr@0"), got.subList(0, 2), "after the gap: marker, header replayed");
        assertTrue(got.get(2).startsWith("VIDEO-key@"), "media resumes at a key frame: " + got.get(2));
        int resumedAt = Integer.parseInt(got.get(2).substring("VIDEO-key@".length()));
        assertTrue(resumedAt >= (60_000 - 30_000 - 2_000), "at most queue_length and a GOP behind, resumed at "
                + resumedAt);
        assertEquals("VIDEO@" + 1499 * 40, got.get(got.size() - 1), "then every frame up to the newest");
        assertEquals(2 + (1500 - resumedAt / 40), got.size(), "no frame after the resume point is lost");
        assertEquals(1500 - (1500 - resumedAt / 40), slow.droppedMessages(), "the frames before it are counted");
        for (int i = 1500; i < 1560; i++) {
            p.send(video(i * 40, i % 50 == 0));
        }
        assertEquals(60, drain(slow).size(), "a player that caught up loses nothing");
        slow.close();
        fast.close();
        p.close();
    }

    @Test
    void aPlayerThatReadsNothingHoldsNoMoreThanQueueLengthAndAGop() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        Subscription stalled = registry.subscribe(KEY, new TestClient("2"), () -> { });
        List<MediaMessage> sent = new ArrayList<>();
        for (int i = 0; i < 1500; i++) { // 60 s, key frame every 2 s
            MediaMessage m = video(i * 40, i % 50 == 0);
            sent.add(m.retain());
            p.send(m);
        }
        // queue_length 30 s, checked at each key frame: what is older than 30 s and a GOP is no longer held.
        for (int i = 0; i < 1500 - (30_000 + 2_000) / 40; i++) {
            assertEquals(1, sent.get(i).refCnt(), "frame " + i + " was released");
        }
        assertTrue(sent.get(1499).refCnt() > 1, "the newest frames are kept for the player");
        stalled.close();
        p.close();
        assertTrue(sent.stream().allMatch(m -> m.refCnt() == 1), "nothing held after the player and publisher left");
        sent.forEach(MediaMessage::release);
    }

    @Test
    void thePublisherWakesAPlayerOnceUntilItHasReadEverything() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        AtomicInteger wakeups = new AtomicInteger();
        Subscription s = registry.subscribe(KEY, new TestClient("2"), wakeups::incrementAndGet);
        for (int i = 0; i < 100; i++) {
            p.send(video(i * 40, i == 0));
        }
        assertEquals(1, wakeups.get(), "one wake-up for 100 messages the player has not read");
        assertEquals(100, drain(s).size());
        p.send(video(4000, false));
        assertEquals(2, wakeups.get(), "woken again after it read everything");
        s.close();
        p.close();
    }

    @Test
    void aPlayerBehindAGopLongerThanTheLogResumesAtTheNextKeyFrame() throws Exception {
        Registries.defaultVhostQueueLength(registry, 100_000); // only the log's size bounds the player here
        Publication p = registry.publish(KEY, new TestClient("1"));
        p.send(videoHeader());
        Subscription slow = registry.subscribe(KEY, new TestClient("2"), () -> { });
        p.send(video(0, true));
        for (int i = 1; i < StreamLog.MAX_ITEMS + 100; i++) {
            p.send(video(i * 40, false)); // one endless GOP
        }
        assertEquals(List.of(), drain(slow), "moved past everything it had, and no key frame to resume at yet");
        int key = (StreamLog.MAX_ITEMS + 100) * 40;
        p.send(video(key, true));
        p.send(video(key + 40, false));
        assertEquals(List.of("SKIPPED", "VIDEO-hdr@0", "VIDEO-key@" + key, "VIDEO@" + (key + 40)), drain(slow));
        assertTrue(slow.droppedMessages() >= StreamLog.MAX_ITEMS / 2);
        slow.close();
        p.close();
    }

    @Test
    void anAudioOnlyPlayerThatFellBehindResumesAtOnce() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        p.send(audioHeader());
        Subscription slow = registry.subscribe(KEY, new TestClient("2"), () -> { });
        assertEquals(List.of("AUDIO-hdr@0"), drain(slow));
        for (int i = 0; i < 3000; i++) { // 69 s of AAC frames, 23 ms apart
            p.send(audio(i * 23));
        }
        List<String> got = drain(slow);
        assertEquals(List.of("SKIPPED", "AUDIO-hdr@0"), got.subList(0, 2));
        int resumedAt = Integer.parseInt(got.get(2).substring("AUDIO@".length()));
        assertTrue(2999 * 23 - resumedAt <= 30_000 + 64 * 23, "at most queue_length behind, resumed at " + resumedAt);
        assertEquals("AUDIO@" + 2999 * 23, got.get(got.size() - 1));
        slow.close();
        p.close();
    }

    @Test
    void aPlayerThatFellBehindStillLearnsThatTheStreamEndedAndBeganAgain() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        Subscription slow = registry.subscribe(KEY, new TestClient("2"), () -> { });
        for (int i = 0; i < 100; i++) {
            p.send(video(i * 40, i % 50 == 0));
        }
        p.close();
        Publication again = registry.publish(KEY, new TestClient("3"));
        again.send(videoHeader());
        for (int i = 0; i < 1500; i++) { // 60 s: the slow player is moved to a key frame past both events
            again.send(video(i * 40, i % 50 == 0));
        }
        List<String> got = drain(slow);
        assertEquals(List.of("UNPUBLISH", "PUBLISH", "SKIPPED"), got.subList(0, 3),
                "events kept, in order: " + got.subList(0, 5));
        assertTrue(got.get(3).startsWith("VIDEO-hdr@") && got.get(4).startsWith("VIDEO-key@"),
                got.subList(0, 5).toString());
        slow.close();
        again.close();
    }

    @Test
    void aStreamDroppedWhilePlayersStillReadKeepsWhatTheyHaveNotRead() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        Subscription s = registry.subscribe(KEY, new TestClient("2"), () -> { });
        p.send(video(0, true));
        p.send(video(40, false));
        registry.deactivate(); // the registry stops first; the player's connection closes later
        assertEquals(List.of("VIDEO-key@0", "VIDEO@40", "UNPUBLISH"), drain(s));
        s.close();
    }

    @Test
    void playersLeavingInAnyOrderLeaveTheOthersPlaying() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        List<Subscription> players = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            players.add(registry.subscribe(KEY, new TestClient("p" + i), () -> { }));
        }
        // first, last, and every third in between: each leaver's place is taken by another player
        List<Integer> leavers = new ArrayList<>(List.of(0, 99));
        for (int i = 3; i < 99; i += 3) {
            leavers.add(i);
        }
        for (int i : leavers) {
            players.get(i).close();
        }
        for (int i = 0; i < 5; i++) { // newcomers take slots after the reshuffle
            players.add(registry.subscribe(KEY, new TestClient("n" + i), () -> { }));
        }
        assertEquals(105 - leavers.size(), registry.stream(KEY).orElseThrow().players());
        for (int gop = 0; gop < 3; gop++) {
            for (int i = 0; i < 50; i++) {
                p.send(video((gop * 50 + i) * 40, i == 0));
            }
            // Drained after each GOP: the log is trimmed at each key frame to the slowest player it knows of, so a
            // player the list lost would find its frames gone.
            for (int i = 0; i < players.size(); i++) {
                List<String> got = drain(players.get(i));
                assertEquals(leavers.contains(i) ? 0 : 50, got.size(), "player " + i + " in GOP " + gop);
                if (!leavers.contains(i)) {
                    assertEquals("VIDEO-key@" + gop * 2000, got.get(0));
                }
            }
        }
        players.forEach(Subscription::close);
        assertEquals(0, registry.stream(KEY).map(s -> s.players()).orElse(0));
        p.close();
    }

    @Test
    void runsOnMessagesThatCameWithNoPlayerAreDroppedToo() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        MediaMessage key = video(0, true);
        p.send(key.retain()); // no player yet: only the GOP cache (and the test) keep it
        // A player joining later reads the GOP cache and caches a run on its messages.
        ByteBuf taken = key.sharedRun(new RunKey().setLogRun("flv", key, 1, key.size(), 0, 0),
                ByteBufAllocator.DEFAULT, (m, alloc) -> alloc.directBuffer(1).writeByte(1));
        ByteBuf cached = taken.unwrap();
        taken.release();
        assertEquals(1, cached.refCnt());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int ts = 40; cached.refCnt() > 0 && System.nanoTime() < deadline; ts += 40) {
            p.send(video(ts, false)); // the run goes once the message is older than its lifetime or 256 newer came
        }
        assertEquals(0, cached.refCnt(), "the run of a GOP cache message is dropped like any other");
        p.close();
        key.release();
    }

    @Test
    void closingSubscriptionReleasesQueuedMessages() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        Subscription s = registry.subscribe(KEY, new TestClient("2"), () -> { });
        MediaMessage m = video(0, true);
        p.send(m.retain());
        assertEquals(4, m.refCnt(), "held by the test, the GOP cache, the player's queue and the recent runs");
        s.close();
        assertEquals(2, m.refCnt());
        p.close();
        assertEquals(1, m.refCnt());
        m.release();
    }

    @Test
    void listenerAddedLateSeesLiveStreams() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("1"));
        List<StreamKey> seen = new ArrayList<>();
        registry.addListener(new io.aqueduct.stream.api.StreamListener() {
            @Override
            public void onPublish(io.aqueduct.stream.api.StreamInfo stream) {
                seen.add(stream.key());
            }

            @Override
            public void onUnpublish(io.aqueduct.stream.api.StreamInfo stream) {
                seen.add(null);
            }
        });
        assertEquals(List.of(KEY), seen);
        p.close();
        assertEquals(2, seen.size());
        assertSame(null, seen.get(1));
    }

    @Test
    void unknownVhostUsesDefaultSettings() {
        assertEquals("example.com", registry.vhost("example.com").name());
        assertTrue(registry.vhost("example.com").gopCache());
        assertFalse(registry.isVhostConfigured("example.com"));
        assertSame(StreamEvent.PUBLISH, StreamEvent.valueOf("PUBLISH"));
    }
}
