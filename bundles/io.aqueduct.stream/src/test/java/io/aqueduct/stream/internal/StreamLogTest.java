package io.aqueduct.stream.internal;

import static io.aqueduct.stream.internal.LiveStreamRegistryTest.video;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamLogTest {

    @Test
    void itemsKeepTheirNumbersAcrossGrowthAndTrimsReleaseMessages() {
        StreamLog log = new StreamLog();
        List<MediaMessage> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            MediaMessage m = video(i * 40, i % 50 == 0);
            sent.add(m);
            assertEquals(i, log.append(m, m.timestamp()));
            log.trimTo(i - 599); // the oldest leave while the ring grows and wraps
        }
        assertEquals(400, log.first());
        assertEquals(1000, log.head());
        for (long s = log.first(); s < log.head(); s++) {
            assertSame(sent.get((int) s), log.get(s));
            assertEquals(s * 40, log.timestamp(s));
        }
        int size = sent.get(0).size();
        assertEquals(600L * size, log.bytes(400, 1000), "a run's payload bytes, across the wrapped ring");
        assertEquals(3L * size, log.bytes(997, 1000));
        assertEquals(0, log.bytes(500, 500));
        for (int i = 0; i < 1000; i++) {
            assertEquals(i < 400 ? 1 : 2, sent.get(i).refCnt(), "trimmed messages were released by the log: " + i);
        }
        log.append(StreamEvent.UNPUBLISH, 40_000);
        log.clear();
        assertEquals(log.head(), log.first());
        assertTrue(sent.stream().allMatch(m -> m.refCnt() == 1), "clear releases everything");
        sent.forEach(MediaMessage::release);
    }

    @Test
    void aFullLogRefusesMoreItems() {
        StreamLog log = new StreamLog();
        for (int i = 0; i < StreamLog.MAX_ITEMS; i++) {
            log.append(StreamEvent.PUBLISH, i);
        }
        assertTrue(log.isFull());
        assertThrows(IllegalStateException.class, () -> log.append(StreamEvent.PUBLISH, 0));
        log.trimTo(1);
        assertEquals(StreamLog.MAX_ITEMS, log.append(StreamEvent.PUBLISH, 0));
    }
}
