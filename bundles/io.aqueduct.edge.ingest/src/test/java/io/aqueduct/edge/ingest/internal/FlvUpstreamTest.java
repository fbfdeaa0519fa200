package io.aqueduct.edge.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.transport.ServerAddress;
import io.aqueduct.testing.Await;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP side of {@link FlvUpstream} against scripted origins: request, status, body end and failures. */
@Timeout(30)
class FlvUpstreamTest {

    /** FLV header, then a metadata tag (ts 0) and an AVC key frame (ts 40), each with its PreviousTagSize. */
    private static final byte[] FLV = FlvBytes.bytes(FlvBytes.FILE_HEADER + FlvBytes.tag(18, 0, FlvBytes.METADATA)
            + FlvBytes.tag(9, 40, FlvBytes.KEYFRAME));

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final Recorder events = new Recorder();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aNamedVhostTravelsAsQueryAndHostAndTheLastChunkEndsThePlay() throws Exception {
        byte[] response = concat("HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunk(FLV, 0, 20), chunk(FLV, 20, FLV.length), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (ScriptedHttpOrigin origin = new ScriptedHttpOrigin(response, false)) {
            FlvUpstream up = upstream(origin.port(), "a.com");
            assertEquals("http://127.0.0.1:" + origin.port() + "/live/cam%20one.flv?vhost=a.com&aqueduct_relay=1", up.target());
            open(up).get(10, TimeUnit.SECONDS);
            String request = origin.request();
            assertTrue(request.startsWith("GET /live/cam%20one.flv?vhost=a.com&aqueduct_relay=1 HTTP/1.1\r\n"), request);
            assertTrue(request.contains("\r\nhost: a.com\r\n"), request);
            Await.until(Duration.ofSeconds(5), () -> events.log.contains("unpublished"), "the body's end");
            assertEquals(List.of("METADATA@0", "VIDEO@40", "unpublished"), events.log);
            onLoop(up::close);
        }
    }

    @Test
    void theDefaultVhostNamesTheOriginAsHostAnd404MeansNotThere() throws Exception {
        byte[] response = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found".getBytes(
                StandardCharsets.US_ASCII);
        try (ScriptedHttpOrigin origin = new ScriptedHttpOrigin(response, false)) {
            FlvUpstream up = upstream(origin.port(), StreamKey.DEFAULT_VHOST);
            ExecutionException e = assertThrows(ExecutionException.class, () -> open(up).get(10, TimeUnit.SECONDS));
            assertInstanceOf(StreamNotAtOriginException.class, e.getCause());
            String request = origin.request();
            assertTrue(request.startsWith("GET /live/cam%20one.flv?aqueduct_relay=1 HTTP/1.1\r\n"), request);
            assertTrue(request.contains("\r\nhost: 127.0.0.1:" + origin.port() + "\r\n"), request);
            assertEquals(List.of(), events.log);
        }
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheOriginCloses() throws Exception {
        byte[] response = concat("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", FLV);
        try (ScriptedHttpOrigin origin = new ScriptedHttpOrigin(response, true)) {
            open(upstream(origin.port(), StreamKey.DEFAULT_VHOST)).get(10, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(5), () -> events.log.contains("unpublished"), "the body's end");
            assertEquals(List.of("METADATA@0", "VIDEO@40", "unpublished"), events.log);
        }
    }

    @Test
    void aChunkedBodyCutShortIsAFailureOfTheOrigin() throws Exception {
        byte[] response = concat("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunk(FLV, 0, FLV.length));
        try (ScriptedHttpOrigin origin = new ScriptedHttpOrigin(response, true)) {
            open(upstream(origin.port(), StreamKey.DEFAULT_VHOST)).get(10, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(5), () -> events.log.size() == 3, "the connection's end");
            assertEquals(List.of("METADATA@0", "VIDEO@40", "closed: origin closed the connection inside the FLV body"),
                    events.log);
        }
    }

    @Test
    void aBodyThatIsNotFlvClosesTheUpstream() throws Exception {
        byte[] response = concat("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunk("<html></html>".getBytes(StandardCharsets.US_ASCII), 0, 13));
        try (ScriptedHttpOrigin origin = new ScriptedHttpOrigin(response, false)) {
            open(upstream(origin.port(), StreamKey.DEFAULT_VHOST)).get(10, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(5), () -> events.log.size() == 1, "the upstream closes");
            assertTrue(events.log.get(0).startsWith("closed: not an FLV stream"), events.log.toString());
        }
    }

    @Test
    void otherStatusesAreFailures() throws Exception {
        byte[] response = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".getBytes(
                StandardCharsets.US_ASCII);
        try (ScriptedHttpOrigin origin = new ScriptedHttpOrigin(response, false)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> open(upstream(origin.port(), StreamKey.DEFAULT_VHOST)).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("503"), e.getCause().getMessage());
        }
    }

    private FlvUpstream upstream(int port, String vhost) {
        return new FlvUpstream(loop, new ServerAddress("127.0.0.1", port), "live", "cam one", vhost, 1000, events);
    }

    private CompletableFuture<Void> open(FlvUpstream up) throws Exception {
        return loop.submit(up::open).get(5, TimeUnit.SECONDS);
    }

    private void onLoop(Runnable r) throws Exception {
        loop.submit(r).get(5, TimeUnit.SECONDS);
    }

    private static byte[] chunk(byte[] data, int from, int to) {
        return concat(Integer.toHexString(to - from) + "\r\n", java.util.Arrays.copyOfRange(data, from, to),
                "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.US_ASCII) : (byte[]) p;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** Records events as text; media are released at once. */
    private static final class Recorder implements UpstreamEvents {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void media(MediaMessage message) {
            log.add(message.type() + "@" + message.timestamp());
            message.release();
        }

        @Override
        public void unpublished() {
            log.add("unpublished");
        }

        @Override
        public void republished() {
            log.add("republished");
        }

        @Override
        public void closed(String reason) {
            log.add("closed: " + reason);
        }
    }
}
