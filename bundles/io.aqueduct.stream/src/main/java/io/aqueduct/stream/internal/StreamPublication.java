package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamKey;
import java.util.concurrent.atomic.AtomicBoolean;

/** A publisher's hold on a stream. */
final class StreamPublication implements Publication {

    private final LiveStream stream;
    private final ClientSession publisher;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile RegistryContext context;

    StreamPublication(LiveStream stream, ClientSession publisher) {
        this.stream = stream;
        this.publisher = publisher;
    }

    void attach(RegistryContext registry) {
        this.context = registry;
    }

    ClientSession publisher() {
        return publisher;
    }

    @Override
    public StreamKey key() {
        return stream.key();
    }

    @Override
    public void send(MediaMessage message) {
        stream.send(this, message);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false) && stream.unpublish(this)) {
            context.unpublished(stream);
        }
    }
}
