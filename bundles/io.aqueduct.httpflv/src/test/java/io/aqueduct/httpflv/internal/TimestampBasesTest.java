package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aqueduct.stream.api.StreamKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimestampBasesTest {

    private static final StreamKey CAM = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");
    private static final StreamKey OTHER = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "other");

    @Test
    void playersOfOneStreamAndBaseShareOneCountThatGoesWithTheLast() {
        TimestampBases bases = new TimestampBases();
        AtomicInteger a = bases.join(CAM, 2000);
        AtomicInteger b = bases.join(CAM, 2000);
        assertSame(a, b);
        assertEquals(2, a.get());
        AtomicInteger laterGop = bases.join(CAM, 4000);
        AtomicInteger otherStream = bases.join(OTHER, 2000);
        assertNotSame(a, laterGop);
        assertNotSame(a, otherStream);
        assertEquals(1, laterGop.get());
        assertEquals(3, bases.size());

        bases.leave(CAM, 2000, a);
        assertEquals(1, b.get());
        bases.leave(CAM, 2000, b);
        bases.leave(CAM, 4000, laterGop);
        bases.leave(OTHER, 2000, otherStream);
        assertEquals(0, bases.size(), "no entry left behind");
        assertEquals(1, bases.join(CAM, 2000).get(), "a player coming back starts a new count");
    }
}
