package io.aqueduct.rtmp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RtmpUrlTest {

    @Test
    void parsesHostPortAppAndStream() {
        RtmpUrl url = RtmpUrl.parse("rtmp://example.org:1936/live/cam1?vhost=v1");
        assertEquals(new RtmpUrl("example.org", 1936, "live", "cam1?vhost=v1"), url);
        assertEquals("rtmp://example.org:1936/live", url.tcUrl());
    }

    @Test
    void defaultsToPort1935AndKeepsNestedApplications() {
        RtmpUrl url = RtmpUrl.parse("rtmp://127.0.0.1/a/b/stream");
        assertEquals(new RtmpUrl("127.0.0.1", 1935, "a/b", "stream"), url);
        assertEquals("rtmp://127.0.0.1/a/b", url.tcUrl());
    }

    @Test
    void acceptsAnApplicationWithoutStream() {
        assertEquals(new RtmpUrl("h", 1935, "live", ""), RtmpUrl.parse("rtmp://h/live"));
    }

    @Test
    void rejectsOtherSchemesAndMissingApplication() {
        assertThrows(IllegalArgumentException.class, () -> RtmpUrl.parse("http://h/live/s"));
        assertThrows(IllegalArgumentException.class, () -> RtmpUrl.parse("rtmp://h/"));
    }
}
