package io.aqueduct.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP-FLV player that reads the response on its own thread, counting bytes and remembering the longest time
 * between two reads that returned data. The stream sends a frame every 40 ms, so a long pause between reads is a
 * gap the viewer would see.
 */
final class HttpFlvPlayer implements AutoCloseable {

    final AtomicLong bytes = new AtomicLong();
    private final Socket socket;
    private volatile long lastNanos;
    private volatile long maxGapNanos;
    private volatile boolean ended;

    HttpFlvPlayer(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        Thread reader = new Thread(this::read, "http-flv-player " + path);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buf = new byte[16384];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                long now = System.nanoTime();
                if (lastNanos != 0) {
                    maxGapNanos = Math.max(maxGapNanos, now - lastNanos);
                }
                lastNanos = now;
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // Reset by the server or closed by close(): either way the response ended.
        } finally {
            ended = true;
        }
    }

    /** Whether the response ended (the server closed the connection, or {@link #close} was called). */
    boolean hasEnded() {
        return ended;
    }

    /** Forgets the gaps seen so far. */
    void resetGap() {
        maxGapNanos = 0;
    }

    long maxGapMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxGapNanos);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
