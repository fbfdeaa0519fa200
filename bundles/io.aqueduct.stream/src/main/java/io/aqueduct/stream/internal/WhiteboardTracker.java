package io.aqueduct.stream.internal;

import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Tracks the services of a whiteboard and hands each one to the registry as it comes and goes. */
final class WhiteboardTracker<S> extends ServiceTracker<S, S> {

    private final Consumer<S> added;
    private final Consumer<S> removed;

    WhiteboardTracker(BundleContext context, Class<S> type, Consumer<S> added, Consumer<S> removed) {
        super(context, type, null);
        this.added = added;
        this.removed = removed;
    }

    @Override
    public S addingService(ServiceReference<S> reference) {
        S service = super.addingService(reference);
        if (service != null) {
            added.accept(service);
        }
        return service;
    }

    @Override
    public void removedService(ServiceReference<S> reference, S service) {
        removed.accept(service);
        super.removedService(reference, service);
    }
}
