package io.aqueduct.stream.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void parsesTheFormsSrsConfigsUseWithTheDefaultPort() {
        assertEquals(new ServerAddress("10.0.0.1", 1935), ServerAddress.parse("10.0.0.1", 1935));
        assertEquals(new ServerAddress("origin.example", 80), ServerAddress.parse("origin.example", 80));
        assertEquals(new ServerAddress("127.0.0.1", 19350), ServerAddress.parse(" 127.0.0.1:19350 ", 1935));
        assertEquals(new ServerAddress("::1", 19351), ServerAddress.parse("[::1]:19351", 1935));
        assertEquals(new ServerAddress("::1", 1935), ServerAddress.parse("[::1]", 1935));
        assertEquals(new ServerAddress("fe80::1", 1935), ServerAddress.parse("fe80::1", 1935),
                "an IPv6 address without brackets names no port");
    }

    @Test
    void printsAnIpv6HostInBrackets() {
        assertEquals("[::1]:19351", ServerAddress.parse("[::1]:19351", 1935).toString());
        assertEquals("127.0.0.1:1935", ServerAddress.parse("127.0.0.1", 1935).toString());
    }

    @Test
    void refusesWhatIsNotAServerWithTheReason() {
        assertMessage("out of range", "host:99999");
        assertMessage("out of range", "host:0");
        assertMessage("bad port 'x'", "host:x");
        assertMessage("unclosed [", "[::1:1935");
        assertMessage("after ]", "[::1]1935");
        assertMessage("is not host", "");
        assertMessage("is not host", ":1935");
        assertMessage("bad port", "http://h/x");
    }

    private static void assertMessage(String expected, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerAddress.parse(value, 1935), value);
        assertTrue(e.getMessage().contains(expected), value + ": " + e.getMessage());
    }
}
