package io.aqueduct.stream.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayClientTest {

    @Test
    void showsTheServerItRelaysToAsListingsShowClients() {
        List<String> kicked = new ArrayList<>();
        RelayClient c = new RelayClient("7", "rtmp-edge-ingest", kicked::add);
        assertNull(c.remoteAddress());
        assertEquals("connecting", c.state());

        c.remote("127.0.0.1", 19350);
        assertEquals("/127.0.0.1:19350", c.remoteAddress().toString());
        c.remote("::1", 1935);
        assertEquals("/[0:0:0:0:0:0:0:1]:1935", c.remoteAddress().toString());
        c.remote("origin.example", 1935);
        assertEquals("origin.example/<unresolved>:1935", c.remoteAddress().toString(), "a name is never looked up");

        c.state("playing live/cam");
        c.addBytesIn(100);
        c.addBytesIn(20);
        c.addBytesOut(5);
        assertEquals("playing live/cam", c.state());
        assertEquals(120, c.bytesIn());
        assertEquals(5, c.bytesOut());

        c.close("kicked from the shell");
        assertEquals(List.of("kicked from the shell"), kicked);
    }
}
