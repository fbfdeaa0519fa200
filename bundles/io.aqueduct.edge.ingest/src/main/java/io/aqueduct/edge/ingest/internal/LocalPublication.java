package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.RelayClient;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;

/**
 * The local side of an edge upstream: the publication its media go to, opened by the first audio, video or
 * metadata, kept across origin switches, closed when the origin unpublishes the stream. Counts the bytes received.
 * Not thread-safe: used on the session's event loop ({@link #bytesIn()} excepted).
 */
final class LocalPublication {

    private final StreamRegistry registry;
    private final StreamKey key;
    private final RelayClient client;
    private Publication publication;
    private volatile long bytesIn;

    LocalPublication(StreamRegistry registry, StreamKey key, RelayClient client) {
        this.registry = registry;
        this.key = key;
        this.client = client;
    }

    /**
     * Publishes a message from the origin, taking it.
     *
     * @return false when it was dropped: script data while no publication is open (the RTMP play reply's
     *         |RtmpSampleAccess and onStatus, or data of an unpublished stream), which opens none
     * @throws StreamBusyException when another client publishes the stream locally; the message is released
     */
    boolean send(MediaMessage m) throws StreamBusyException {
        int size = m.size();
        bytesIn += size;
        client.addBytesIn(size);
        if (publication == null || !publication.isOpen()) {
            if (m.type() == MessageType.DATA) {
                m.release();
                return false;
            }
            try {
                publication = registry.publish(key, client);
            } catch (StreamBusyException e) {
                m.release();
                throw e;
            }
        }
        publication.send(m);
        return true;
    }

    /** Ends the local stream: players hear of the unpublish and wait. Idempotent. */
    void close() {
        if (publication != null) {
            publication.close();
            publication = null;
        }
    }

    long bytesIn() {
        return bytesIn;
    }
}
