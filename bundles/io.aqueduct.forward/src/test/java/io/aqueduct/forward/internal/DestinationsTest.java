package io.aqueduct.forward.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.StreamKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    private static final StreamKey DEFAULT = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");
    private static final StreamKey NAMED = new StreamKey("example.com", "live", "cam");

    @Test
    void hostAndPortPublishesTheSameAppAndStreamWithTheVia() {
        RtmpUrl url = Destinations.resolve("127.0.0.1:19350", DEFAULT, "m1");
        assertEquals(new RtmpUrl("127.0.0.1", 19350, "live", "cam?aqueduct_via=m1"), url);
        assertEquals("rtmp://127.0.0.1:19350/live", url.tcUrl());
    }

    @Test
    void portDefaultsTo1935() {
        assertEquals(1935, Destinations.resolve("slave.example", DEFAULT, "m1").port());
        assertEquals("::1", Destinations.resolve("[::1]:19350", DEFAULT, "m1").host());
        assertEquals(19350, Destinations.resolve("[::1]:19350", DEFAULT, "m1").port());
    }

    @Test
    void aNamedVhostTravelsAsAParameter() {
        RtmpUrl url = Destinations.resolve("10.0.0.2", NAMED, "a.b");
        assertEquals("cam?vhost=example.com&aqueduct_via=a.b", url.streamName());
    }

    @Test
    void aTemplateSubstitutesAppStreamAndVhost() {
        RtmpUrl url = Destinations.resolve("rtmp://10.0.0.3:1936/[app]_bak/[stream]_x?token=1", NAMED, "m1");
        assertEquals("10.0.0.3", url.host());
        assertEquals(1936, url.port());
        assertEquals("live_bak", url.app());
        assertEquals("cam_x?token=1&vhost=example.com&aqueduct_via=m1", url.streamName());
        RtmpUrl withVhost = Destinations.resolve("rtmp://[vhost]:1937/[app]/[stream]", NAMED, "m1");
        assertEquals("example.com", withVhost.host());
    }

    @Test
    void aTemplateWithoutAStreamNameUsesTheStreamsOwn() {
        assertEquals("cam?aqueduct_via=m1", Destinations.resolve("rtmp://h/live2", DEFAULT, "m1").streamName());
        assertEquals("live2", Destinations.resolve("rtmp://h/live2", DEFAULT, "m1").app());
    }

    @Test
    void backendUrlsKeepTheirParametersAndGainTheVia() {
        RtmpUrl url = Destinations.withParameters(RtmpUrl.parse("rtmp://h:1/app/s?vhost=v&aqueduct_via=x"), null,
                "m1");
        assertEquals("s?vhost=v&aqueduct_via=x", url.streamName());
        assertEquals("s?aqueduct_via=m1",
                Destinations.withParameters(RtmpUrl.parse("rtmp://h:1/app/s"), null, "m1").streamName());
    }

    @Test
    void badDestinationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Destinations.resolve("host:notaport", DEFAULT, "m"));
        assertThrows(IllegalArgumentException.class, () -> Destinations.resolve("host:0", DEFAULT, "m"));
        assertThrows(IllegalArgumentException.class, () -> Destinations.resolve("http://h/x", DEFAULT, "m"));
        assertThrows(IllegalArgumentException.class, () -> Destinations.resolve("rtmp://h", DEFAULT, "m"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Destinations.resolve("host/app", DEFAULT, "m"));
        assertEquals("'host/app' is not host, host:port or [ipv6]:port (want host:port or an rtmp:// URL)",
                e.getMessage());
    }

    @Test
    void theViaGrowsAndALoopIsRecognised() {
        assertEquals("m1", Destinations.via("", "m1"));
        assertEquals("e1.m1", Destinations.via("e1", "m1"));
        assertTrue(Destinations.passedThrough("a.m1.b", "m1"));
        assertFalse(Destinations.passedThrough("a.m11.b", "m1"));
        assertFalse(Destinations.passedThrough("", "m1"));
    }

    @Test
    void destinationListsAreSplitTrimmedAndDeduplicated() {
        assertEquals(List.of("a:1", "b:2", "c"),
                VhostForwarding.clean(new String[] {" a:1  b:2", "a:1", "c,", "", null}));
    }
}
