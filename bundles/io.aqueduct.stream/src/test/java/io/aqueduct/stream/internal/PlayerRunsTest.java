package io.aqueduct.stream.internal;

import static io.aqueduct.stream.internal.LiveStreamRegistryTest.audio;
import static io.aqueduct.stream.internal.LiveStreamRegistryTest.drain;
import static io.aqueduct.stream.internal.LiveStreamRegistryTest.metadata;
import static io.aqueduct.stream.internal.LiveStreamRegistryTest.video;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.RunEncoder;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Subscription#pollRun}: players in step share the bytes of a run of the stream's log. */
class PlayerRunsTest {

    private static final StreamKey KEY = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "runs");

    private final LiveStreamRegistry registry = new LiveStreamRegistry();

    @AfterEach
    void stop() {
        registry.deactivate();
    }

    @Test
    void playersInStepShareOneRunThatOnlyTheFirstEncodes() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        Subscription first = registry.subscribe(KEY, new TestClient("1"), () -> { });
        Subscription second = registry.subscribe(KEY, new TestClient("2"), () -> { });
        MediaMessage frame = video(40, false);
        p.send(video(0, true));
        p.send(audio(10));
        p.send(frame.retain());
        int logged = frame.refCnt();

        Recorder one = new Recorder(0);
        Recorder two = new Recorder(0);
        ByteBuf a = first.pollRun("fmt", 0, 256, one);
        ByteBuf b = second.pollRun("fmt", 0, 256, two);
        try {
            assertEquals(List.of("VIDEO@0 AUDIO@10 VIDEO@40"), one.encoded);
            assertEquals(List.of(), two.encoded, "the second player encodes nothing");
            assertEquals("VIDEO@0 AUDIO@10 VIDEO@40", text(a));
            assertEquals(text(a), text(b));
            assertEquals(List.of("3 messages, 16 bytes"), one.taken);
            assertEquals(one.taken, two.taken, "both count what they were handed");
            assertEquals(logged, frame.refCnt(), "a player that shares a run holds no message");
        } finally {
            a.release();
            b.release();
        }
        assertNull(first.pollRun("fmt", 0, 256, one));
        assertNull(first.poll(), "read everything");
        first.close();
        second.close();
        p.close();
        frame.release();
    }

    @Test
    void anotherBaseOrFormatIsAnotherRun() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        List<Subscription> players = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            players.add(registry.subscribe(KEY, new TestClient("p" + i), () -> { }));
        }
        p.send(video(1000, true));
        p.send(video(1040, false));
        Recorder base0 = new Recorder(0);
        Recorder base10 = new Recorder(10);
        Recorder otherFormat = new Recorder(0);
        ByteBuf a = players.get(0).pollRun("fmt", 0, 256, base0);
        ByteBuf b = players.get(1).pollRun("fmt", 10, 256, base10);
        ByteBuf c = players.get(2).pollRun("other", 0, 256, otherFormat);
        try {
            assertEquals(List.of("VIDEO@0 VIDEO@40"), base0.encoded);
            assertEquals(List.of("VIDEO@-10 VIDEO@30"), base10.encoded, "its own base: its own run");
            assertEquals(1, otherFormat.encoded.size(), "its own format: its own run");
            assertEquals("VIDEO@-10 VIDEO@30", text(b));
        } finally {
            a.release();
            b.release();
            c.release();
        }
        players.forEach(Subscription::close);
        p.close();
    }

    @Test
    void runsStopAtEventsAndSingleMessagesArePolled() throws Exception {
        Subscription s = registry.subscribe(KEY, new TestClient("1"), () -> { });
        Recorder r = new Recorder(0);
        Publication p = registry.publish(KEY, new TestClient("pub"));
        p.send(video(0, true));
        p.send(video(40, false));
        assertNull(s.pollRun("fmt", 0, 256, r), "the next item is an event");
        assertEquals(List.of("PUBLISH", "VIDEO-key@0", "VIDEO@40"), drain(s), "poll() hands out what follows");
        p.send(video(40, false));
        p.send(video(80, false));
        ByteBuf run = s.pollRun("fmt", 0, 256, r);
        assertNotNull(run);
        assertEquals("VIDEO@40 VIDEO@80", text(run));
        run.release();

        p.send(video(120, false));
        p.close();
        assertNull(s.pollRun("fmt", 0, 256, r), "one message, then an event: no run");
        assertEquals(List.of("VIDEO@120", "UNPUBLISH"), drain(s));
        assertEquals(1, r.encoded.size());
        s.close();
    }

    @Test
    void aRunStopsAtItsMaximum() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        Subscription s = registry.subscribe(KEY, new TestClient("1"), () -> { });
        for (int i = 0; i < 5; i++) {
            p.send(video(i * 40, i == 0));
        }
        Recorder r = new Recorder(0);
        ByteBuf run = s.pollRun("fmt", 0, 3, r);
        assertEquals("VIDEO@0 VIDEO@40 VIDEO@80", text(run));
        run.release();
        run = s.pollRun("fmt", 0, 3, r);
        assertEquals("VIDEO@120 VIDEO@160", text(run));
        run.release();
        s.close();
        p.close();
    }

    @Test
    void aPlayerThatCannotShareARunPollsItsMessages() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        Subscription s = registry.subscribe(KEY, new TestClient("1"), () -> { });
        MediaMessage frame = video(40, false);
        p.send(video(0, true));
        p.send(frame.retain());
        int logged = frame.refCnt();
        RunEncoder refuses = run -> null;
        assertNull(s.pollRun("fmt", 0, 256, refuses));
        assertEquals(logged + 1, frame.refCnt(), "the player holds the messages it will poll");
        assertEquals(List.of("VIDEO-key@0", "VIDEO@40"), drain(s));
        assertEquals(logged, frame.refCnt());
        s.close();
        p.close();
        frame.release();
    }

    @Test
    void pastTheRunsAMessageCachesAPlayerPollsItsMessagesInsteadOfCopyingThem() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        List<Subscription> players = new ArrayList<>();
        for (int i = 0; i <= MediaMessage.MAX_CACHED_RUNS; i++) {
            players.add(registry.subscribe(KEY, new TestClient("p" + i), () -> { }));
        }
        MediaMessage last = video(40, false);
        p.send(video(0, true));
        p.send(last.retain());
        List<ByteBuf> runs = new ArrayList<>();
        try {
            for (int base = 0; base < MediaMessage.MAX_CACHED_RUNS; base++) {
                runs.add(players.get(base).pollRun("fmt", base, 256, new Recorder(base)));
            }
            assertFalse(last.canCacheRun(0));
            Recorder beyond = new Recorder(MediaMessage.MAX_CACHED_RUNS);
            Subscription s = players.get(MediaMessage.MAX_CACHED_RUNS);

            assertNull(s.pollRun("fmt", MediaMessage.MAX_CACHED_RUNS, 256, beyond));
            assertEquals(List.of(), beyond.encoded, "no copy of its own");
            assertEquals(List.of(), beyond.taken);
            assertEquals(List.of("VIDEO-key@0", "VIDEO@40"), drain(s), "poll() hands the messages out");
        } finally {
            runs.forEach(ByteBuf::release);
        }
        players.forEach(Subscription::close);
        p.close();
        last.release();
    }

    @Test
    void aRunLargerThanTheCacheMayHoldIsNotCopied() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        Subscription s = registry.subscribe(KEY, new TestClient("1"), () -> { });
        int half = MediaMessage.MAX_CACHED_RUN_BYTES / 2 + 1; // two of them: past the budget, however encoded
        p.send(MediaMessage.of(MessageType.VIDEO, 0, Unpooled.buffer(half).writeZero(half)));
        p.send(MediaMessage.of(MessageType.VIDEO, 40, Unpooled.buffer(half).writeZero(half)));
        Recorder r = new Recorder(0);

        assertNull(s.pollRun("fmt", 0, 256, r));
        assertEquals(List.of(), r.encoded, "a player that fell this far behind writes message by message");
        assertEquals(2, drain(s).size());
        s.close();
        p.close();
    }

    @Test
    void aLongRunIsCopiedOnlyWhenASecondPlayerAsksForIt() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        List<Subscription> players = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            players.add(registry.subscribe(KEY, new TestClient("p" + i), () -> { }));
        }
        drain(players.get(0));
        drain(players.get(1));
        drain(players.get(2)); // the publish event: all three are in step, at the log's head
        int half = MediaMessage.MAX_RUN_BYTES_ON_FIRST_ASK / 2 + 1; // two of them: a long run
        p.send(MediaMessage.of(MessageType.VIDEO, 0, Unpooled.buffer(half).writeZero(half)));
        p.send(MediaMessage.of(MessageType.VIDEO, 40, Unpooled.buffer(half).writeZero(half)));
        Recorder first = new Recorder(0);
        Recorder second = new Recorder(0);
        Recorder third = new Recorder(0);

        assertNull(players.get(0).pollRun("fmt", 0, 256, first), "the first to ask copies nothing");
        assertEquals(List.of(), first.encoded);
        assertEquals(2, drain(players.get(0)).size(), "it writes the messages one by one");
        ByteBuf a = players.get(1).pollRun("fmt", 0, 256, second);
        ByteBuf b = players.get(2).pollRun("fmt", 0, 256, third);
        try {
            assertEquals(1, second.encoded.size(), "the second computes the run");
            assertEquals(List.of(), third.encoded, "the third shares it");
            assertEquals(text(a), text(b));
        } finally {
            a.release();
            b.release();
        }
        players.forEach(Subscription::close);
        p.close();
    }

    @Test
    void aRunThatFailsToEncodeLosesNoMessage() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        Subscription s = registry.subscribe(KEY, new TestClient("1"), () -> { });
        p.send(video(0, true));
        p.send(video(40, false));
        RunEncoder fails = run -> {
            throw new IllegalStateException("out of direct memory");
        };
        assertThrows(IllegalStateException.class, () -> s.pollRun("fmt", 0, 256, fails));
        assertEquals(List.of("VIDEO-key@0", "VIDEO@40"), drain(s), "the player still reads them");
        s.close();
        p.close();
    }

    @Test
    void aNewPlayerReadsItsStartBeforeAnyRun() throws Exception {
        Publication p = registry.publish(KEY, new TestClient("pub"));
        p.send(metadata());
        p.send(video(0, true));
        p.send(video(40, false));
        Subscription s = registry.subscribe(KEY, new TestClient("1"), () -> { });
        Recorder r = new Recorder(0);
        assertNull(s.pollRun("fmt", 0, 256, r), "the metadata and the GOP are this player's own");
        assertEquals(List.of("METADATA@0", "VIDEO-key@0", "VIDEO@40"), drain(s));
        p.send(video(80, false));
        p.send(video(120, false));
        ByteBuf run = s.pollRun("fmt", 0, 256, r);
        assertEquals("VIDEO@80 VIDEO@120", text(run));
        run.release();
        s.close();
        p.close();
    }

    private static String text(ByteBuf b) {
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Encodes a run as the rebased timestamps of its messages, and records what it was asked. */
    private static final class Recorder implements RunEncoder {
        final int base;
        final List<String> encoded = new ArrayList<>();
        final List<String> taken = new ArrayList<>();

        Recorder(int base) {
            this.base = base;
        }

        @Override
        public ByteBuf encodeRun(List<MediaMessage> run) {
            List<String> parts = new ArrayList<>();
            for (MediaMessage m : run) {
                parts.add(m.type() + "@" + (m.timestamp() - base));
            }
            String text = String.join(" ", parts);
            encoded.add(text);
            return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        }

        @Override
        public void runTaken(int messages, long payloadBytes) {
            taken.add(messages + " messages, " + payloadBytes + " bytes");
        }
    }
}
