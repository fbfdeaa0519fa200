package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.MediaMessage;
import java.util.function.BooleanSupplier;

/**
 * Passes an upstream's events on while it is still the one its session uses, and drops them (releasing media)
 * once the session replaced or closed it: a late callback of an old connection then does nothing. On the session's
 * event loop.
 */
final class GatedEvents implements UpstreamEvents {

    private final BooleanSupplier current;
    private final UpstreamEvents target;

    GatedEvents(BooleanSupplier current, UpstreamEvents target) {
        this.current = current;
        this.target = target;
    }

    @Override
    public void media(MediaMessage message) {
        if (current.getAsBoolean()) {
            target.media(message);
        } else {
            message.release();
        }
    }

    @Override
    public void unpublished() {
        if (current.getAsBoolean()) {
            target.unpublished();
        }
    }

    @Override
    public void republished() {
        if (current.getAsBoolean()) {
            target.republished();
        }
    }

    @Override
    public void closed(String reason) {
        if (current.getAsBoolean()) {
            target.closed(reason);
        }
    }
}
