package io.aqueduct.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.RunKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RecentRunsTest {

    private static final long MS = 1_000_000L;
    private static final Encoding RUN = (m, alloc) -> alloc.directBuffer(1).writeByte(1);

    private static MediaMessage audio(int timestamp) {
        return MediaMessage.of(MessageType.AUDIO, timestamp, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 2}));
    }

    /** Caches a run ending with {@code last} and returns the cached buffer (the player's reference released). */
    private static ByteBuf cacheRun(MediaMessage last, RunKey key) {
        ByteBuf taken = last.sharedRun(key, ByteBufAllocator.DEFAULT, RUN);
        assertNotNull(taken);
        ByteBuf cached = taken.unwrap();
        taken.release();
        return cached;
    }

    @Test
    void aMessagesRunsGoOnceItIsOlderThanTwoWindowsAndAMargin() {
        long lifetime = RecentRuns.lifetimeNanos(90);
        assertEquals(380 * MS, lifetime);
        RecentRuns recent = new RecentRuns();
        MediaMessage first = audio(0);
        RunKey key = new RunKey().setLogRun("flv", first, 2, 6, 0, 0);
        recent.add(first, 0, lifetime);
        ByteBuf run = cacheRun(first, key);
        MediaMessage second = audio(23);
        recent.add(second, 380 * MS, lifetime);
        assertEquals(1, run.refCnt(), "kept while players in step may still drain it");
        ByteBuf again = first.cachedRun(key);
        assertNotNull(again, "and found");
        again.release();
        MediaMessage third = audio(46);
        recent.add(third, 381 * MS, lifetime);
        assertEquals(0, run.refCnt(), "released once older than its lifetime");
        assertNull(first.cachedRun(key));
        assertNull(first.sharedRun(key, ByteBufAllocator.DEFAULT, RUN), "and not computed again");
        assertEquals(2, recent.size());
        recent.clear();
        assertEquals(0, recent.size());
        for (MediaMessage m : new MediaMessage[] {first, second, third}) {
            assertEquals(1, m.refCnt(), "the tracker's references are released");
            m.release();
        }
    }

    @Test
    void atMostMaxMessagesAreTrackedAndTheOldestLosesItsRunsEarly() {
        RecentRuns recent = new RecentRuns();
        long lifetime = RecentRuns.lifetimeNanos(350);
        MediaMessage first = audio(0);
        RunKey key = new RunKey().setLogRun("flv", first, 2, 6, 0, 0);
        recent.add(first, 0, lifetime);
        ByteBuf run = cacheRun(first, key);
        MediaMessage[] burst = new MediaMessage[RecentRuns.MAX_MESSAGES];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = audio(i + 1);
            recent.add(burst[i], 1, lifetime); // a burst within a millisecond
        }
        assertEquals(RecentRuns.MAX_MESSAGES, recent.size());
        assertEquals(0, run.refCnt(), "the oldest made room");
        recent.clear();
        first.release();
        for (MediaMessage m : burst) {
            m.release();
        }
    }
}
