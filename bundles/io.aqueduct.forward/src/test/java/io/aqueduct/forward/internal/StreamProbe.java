package io.aqueduct.forward.internal;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.Subscription;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays a stream inside a server and notes when each video frame arrived, keyed by its exact payload bytes, so
 * two probes on two servers show that frames arrive unchanged and how long forwarding took.
 */
final class StreamProbe implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Map<ByteBuffer, Long> arrivals = new ConcurrentHashMap<>();
    private volatile Subscription subscription;

    StreamProbe(StreamRegistry registry, StreamKey key, String id) {
        subscription = registry.subscribe(key, new TestClient(id, "127.0.0.1", Map.of()),
                () -> thread.execute(this::drain));
        thread.execute(this::drain);
    }

    private void drain() {
        Subscription s = subscription;
        if (s == null) {
            return; // called back during subscribe; the drain queued after it follows
        }
        StreamItem item;
        while ((item = s.poll()) != null) {
            if (item instanceof MediaMessage m) {
                if (m.type() == MessageType.VIDEO && !m.isSequenceHeader()) {
                    arrivals.putIfAbsent(ByteBuffer.wrap(ByteBufUtil.getBytes(m.payload())), System.nanoTime());
                }
                m.release();
            }
        }
    }

    /** Arrival times by payload. */
    Map<ByteBuffer, Long> arrivals() {
        return arrivals;
    }

    @Override
    public void close() throws InterruptedException {
        thread.execute(subscription::close);
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
