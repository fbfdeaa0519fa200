package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad and idle clients, static files, and the server's life: hot swap and live reconfiguration. */
@Timeout(60)
class HttpServerRobustnessTest extends HttpServerTestBase {

    private String answer(String request) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            return c.send(request).readHead();
        }
    }

    @Test
    void garbageRequestLineIsAnswered400AndClosed() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String head = c.send("\u0001\u0002 garbage\r\n\r\n").readHead();
            assertTrue(head.startsWith("HTTP/1.1 400"), head);
            assertTrue(c.closedByPeer());
        }
        assertTrue(answer("GET\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(answer("GET live/x.flv HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400"), "target without /");
    }

    @Test
    void hugeRequestLineOrHeadersAreAnswered400() throws Exception {
        assertTrue(answer("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(answer("GET / HTTP/1.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n").startsWith("HTTP/1.1 400"));
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 1000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertTrue(answer(many + "\r\n").startsWith("HTTP/1.1 400"));
    }

    @Test
    void otherMethodsAndBodiesAreRefused() throws Exception {
        String head = answer("POST /live/x.flv HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        assertTrue(head.startsWith("HTTP/1.1 405"), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("allow: get, head, options"), head);
        assertTrue(answer("GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc").startsWith("HTTP/1.1 400"));
    }

    @Test
    void silentConnectionIsClosedAfterTheRequestTimeout() throws Exception {
        long start = System.nanoTime();
        try (RawHttp c = new RawHttp(port)) {
            assertTrue(c.closedByPeer(), "closed within the socket timeout");
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 900 && waited < 5000, "closed after " + waited + " ms; request_timeout_ms is 1000");
    }

    @Test
    void requestTricklingInIsClosedAfterTheRequestTimeout() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /index.html HTTP/1.1\r\n");
            c.send("Host: 127.0.0.1\r\n"); // never the blank line
            assertTrue(c.closedByPeer());
        }
        assertTrue(answer(get("/index.html")).startsWith("HTTP/1.1 200"), "others are served all along");
    }

    @Test
    void staticFilesAreServedWithTheirTypesAndKeepAlive() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String head = c.send(get("/")).readHead().toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 200"), head);
            assertTrue(head.contains("content-type: text/html"), head);
            assertTrue(head.contains("content-length: 34"), head);
            byte[] body = new byte[34];
            assertEquals(34, c.readExactly(body));
            assertEquals("<html><body>aqueduct</body></html>", new String(body, StandardCharsets.UTF_8));
            head = c.send(get("/crossdomain.xml")).readHead().toLowerCase(Locale.ROOT);
            assertTrue(head.contains("content-type: text/xml"), head);
        }
    }

    @Test
    void traversalOutOfTheDirectoryIsRefused() throws Exception {
        assertTrue(answer(get("/../etc/passwd")).startsWith("HTTP/1.1 403"));
        assertTrue(answer(get("/%2e%2e/%2e%2e/etc/passwd")).startsWith("HTTP/1.1 403"));
        assertTrue(answer(get("/..%2f..%2fetc%2fpasswd")).startsWith("HTTP/1.1 403"));
        assertTrue(answer(get("/etc/passwd")).startsWith("HTTP/1.1 404"));
        assertTrue(answer(get("//etc/passwd")).startsWith("HTTP/1.1 404"));
        assertTrue(answer(get("/%zz")).startsWith("HTTP/1.1 400"));
    }

    @Test
    void http10PlayerGetsACloseDelimitedBody() throws Exception {
        publish("old");
        try (RawHttp c = new RawHttp(port)) {
            String head = c.send("GET /live/old.flv HTTP/1.0\r\n\r\n").readHead().toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.0 200"), head);
            assertTrue(!head.contains("transfer-encoding"), head);
            byte[] start = new byte[13];
            assertEquals(13, c.readExactly(start));
            assertEquals("FLV", new String(start, 0, 3, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void stoppingTheServerClosesPlayersFreesThePortAndKeepsTheStream() throws Exception {
        publish("swap");
        try (RawHttp c = new RawHttp(port)) {
            assertTrue(c.send(get("/live/swap.flv")).readHead().startsWith("HTTP/1.1 200"));
            c.readChunked(10_000);
            server.deactivate();
            assertTrue(c.closedByPeer(), "the player is closed");
        }
        try (ServerSocket s = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort(), "the port is free");
        }
        assertTrue(registry.stream(key("swap")).orElseThrow().publisher().isPresent(), "publishing goes on");
        Await.until(Duration.ofSeconds(5), () -> clients.count() == 0, "HTTP clients unregistered");

        server = newServer(port);
        try (RawHttp c = new RawHttp(port)) {
            assertTrue(c.send(get("/live/swap.flv")).readHead().startsWith("HTTP/1.1 200"));
            FlvFile flv = FlvFile.parse(c.readChunked(50_000), true);
            assertEquals(18, flv.tags().get(0).type(), "the new server starts the live stream with its metadata");
        }
    }

    @Test
    void changingListenRebindsWhileTheServerRuns() throws Exception {
        int newPort = freePort();
        server.configure(config(newPort, Map.of()));
        assertEquals(1, server.boundAddresses().size());
        int oldPort = port;
        Await.until(Duration.ofSeconds(5), () -> refuses(oldPort), "the old port is closed");
        port = newPort;
        assertTrue(answer(get("/index.html")).startsWith("HTTP/1.1 200"));

        server.configure(config(newPort, Map.of("enabled", false)));
        assertTrue(server.boundAddresses().isEmpty());
        Await.until(Duration.ofSeconds(5), () -> refuses(newPort), "disabled: nothing listens");
    }

    /**
     * Whether a connection to the port is refused. Right after a listener closes, the kernel may still complete a
     * handshake and then reset it, so callers wait for the refusal with a deadline.
     */
    private static boolean refuses(int port) {
        try (RawHttp c = new RawHttp(port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (Exception other) {
            return false;
        }
    }

    @Test
    void connectionsOverTheLimitAreClosed() throws Exception {
        server.configure(config(port, Map.of("max__connections", 2)));
        try (RawHttp a = new RawHttp(port); RawHttp b = new RawHttp(port)) {
            // Connections are counted on two worker loops: let both be counted before the third arrives.
            Await.until(Duration.ofSeconds(5), () -> server.connections().get() == 2, "two connections counted");
            RawHttp over = new RawHttp(port);
            assertTrue(over.closedByPeer(), "the third connection is closed");
            over.close();
            assertTrue(a.send(get("/index.html")).readHead().startsWith("HTTP/1.1 200"));
            assertTrue(b.send(get("/index.html")).readHead().startsWith("HTTP/1.1 200"));
        }
    }
}
