package io.aqueduct.stream.internal;

import static io.aqueduct.stream.internal.LiveStreamRegistryTest.audio;
import static io.aqueduct.stream.internal.LiveStreamRegistryTest.audioHeader;
import static io.aqueduct.stream.internal.LiveStreamRegistryTest.metadata;
import static io.aqueduct.stream.internal.LiveStreamRegistryTest.video;
import static io.aqueduct.stream.internal.LiveStreamRegistryTest.videoHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.StreamItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamStartTest {

    @Test
    void aNewPlayerGetsTheLatestHeadersThenTheGopAndEveryReferenceIsReleasedOnClear() {
        StreamStart start = new StreamStart();
        MediaMessage oldHeader = videoHeader();
        MediaMessage header = videoHeader();
        MediaMessage meta = metadata();
        MediaMessage aac = audioHeader();
        MediaMessage key = video(40, true);
        MediaMessage sound = audio(45);
        List<MediaMessage> sent = List.of(meta, oldHeader, header, aac, key, sound);
        for (MediaMessage m : sent) {
            start.add(m, true);
        }
        assertEquals(1, oldHeader.refCnt(), "a replaced sequence header is let go");

        List<StreamItem> forPlayer = new ArrayList<>();
        start.addAll(forPlayer, true);

        assertEquals(List.of(meta, header, aac, key, sound), forPlayer);
        assertTrue(start.hasVideo());
        assertEquals(2, start.gopCacheSize());
        forPlayer.forEach(item -> ((MediaMessage) item).release());
        start.clear();
        for (MediaMessage m : sent) {
            assertEquals(1, m.refCnt(), "only the publisher's own reference is left");
            m.release();
        }
        assertFalse(start.hasVideo());
        assertEquals("", start.videoCodec());
        List<StreamItem> afterClear = new ArrayList<>();
        start.addAll(afterClear, true);
        assertEquals(List.of(), afterClear);
    }

    @Test
    void withoutGopCacheOnlyTheHeadersAreKept() {
        StreamStart start = new StreamStart();
        MediaMessage header = videoHeader();
        MediaMessage key = video(40, true);
        start.add(header, false);
        start.add(key, false);

        List<StreamItem> forPlayer = new ArrayList<>();
        start.addAll(forPlayer, false);

        assertEquals(1, forPlayer.size());
        assertSame(header, forPlayer.get(0));
        assertEquals(0, start.gopCacheSize());
        assertEquals(1, key.refCnt(), "not cached");
        start.clear();
        ((MediaMessage) forPlayer.get(0)).release();
        header.release();
        key.release();
    }
}
