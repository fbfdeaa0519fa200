package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes an FLV file's tags into the registry at real-time pace from its own thread, looping with shifted
 * timestamps (headers only on the first pass), as a live encoder would; or plays it once and stays published. Stops
 * after a bound or on {@link #close()}.
 */
final class FlvFilePublisher implements AutoCloseable, ClientSession {

    private final FlvFile file;
    private final Publication publication;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final boolean looping;
    private volatile boolean running = true;

    FlvFilePublisher(StreamRegistry registry, StreamKey key, FlvFile file, long maxMillis) throws Exception {
        this(registry, key, file, maxMillis, true);
    }

    FlvFilePublisher(StreamRegistry registry, StreamKey key, FlvFile file, long maxMillis, boolean loop)
            throws Exception {
        this.file = file;
        this.looping = loop;
        this.publication = registry.publish(key, this);
        this.thread = new Thread(() -> run(maxMillis), "flv-publisher-" + key.stream());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(long maxMillis) {
        long start = System.nanoTime();
        int last = file.tags().get(file.tags().size() - 1).timestamp();
        int loopLength = last + 40;
        try {
            for (int loop = 0; running; loop++) {
                for (FlvFile.Tag tag : file.tags()) {
                    MediaMessage m = message(tag, loop * loopLength);
                    if (loop > 0 && (m.type() == MessageType.METADATA || m.isSequenceHeader())) {
                        m.release();
                        continue;
                    }
                    long due = start + TimeUnit.MILLISECONDS.toNanos(m.timestamp());
                    while (running && System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    if (!running || System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(maxMillis)) {
                        m.release();
                        return;
                    }
                    publication.send(m);
                    sent.incrementAndGet();
                }
                while (!looping && running) {
                    LockSupport.park(); // published until closed
                }
            }
        } finally {
            publication.close();
        }
    }

    private static MediaMessage message(FlvFile.Tag tag, int offset) {
        MessageType type = switch (tag.type()) {
            case 8 -> MessageType.AUDIO;
            case 9 -> MessageType.VIDEO;
            default -> MessageType.METADATA;
        };
        return MediaMessage.of(type, tag.timestamp() + offset, Unpooled.wrappedBuffer(tag.body()));
    }

    long sent() {
        return sent.get();
    }

    /** Stops publishing (the stream is unpublished) and waits for the thread. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    @Override
    public String id() {
        return "test-publisher";
    }

    @Override
    public String protocol() {
        return "test";
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public Instant connectedAt() {
        return Instant.EPOCH;
    }

    @Override
    public String state() {
        return "publish " + publication.key();
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return 0;
    }

    @Override
    public void close(String reason) {
        running = false;
    }
}
