package io.aqueduct.stream.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerRotationTest {

    @Test
    void triesEveryServerThenBacksOffDoublingUpToTheMaximum() {
        List<ServerAddress> servers = List.of(new ServerAddress("a", 1), new ServerAddress("b", 2));
        ServerRotation r = new ServerRotation();
        assertEquals("a", r.current(servers).host());
        assertEquals(0, r.failed(servers, 100, 1000));
        assertEquals("b", r.current(servers).host());
        assertEquals(100, r.failed(servers, 100, 1000));
        assertEquals("a", r.current(servers).host());
        assertEquals(0, r.failed(servers, 100, 1000));
        assertEquals(200, r.failed(servers, 100, 1000));
        assertEquals(0, r.failed(servers, 100, 1000));
        assertEquals(400, r.failed(servers, 100, 1000));
        assertEquals(0, r.failed(servers, 100, 1000));
        assertEquals(800, r.failed(servers, 100, 1000));
        assertEquals(0, r.failed(servers, 100, 1000));
        assertEquals(1000, r.failed(servers, 100, 1000));
        r.succeeded();
        assertEquals(0, r.failed(servers, 100, 1000), "a success starts a new round");
    }

    @Test
    void aServerWithoutTheStreamIsAskedAgainWithDoublingWaitsUntilItSendsIt() {
        ServerRotation r = new ServerRotation();
        assertEquals(100, r.absent(100, 300));
        assertEquals(200, r.absent(100, 300));
        assertEquals(300, r.absent(100, 300));
        r.succeeded();
        assertEquals(100, r.absent(100, 300));
    }

    @Test
    void noServerConfiguredIsNone() {
        ServerRotation r = new ServerRotation();
        assertNull(r.current(List.of()));
        assertEquals(100, r.failed(List.of(), 100, 1000), "a round of none failed: back off");
    }
}
