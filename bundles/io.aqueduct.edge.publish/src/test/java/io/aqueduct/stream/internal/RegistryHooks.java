package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.StreamDemandHandler;
import io.aqueduct.stream.api.StreamListener;

/** Binds whiteboard services to a registry in a test, as Declarative Services would. */
public final class RegistryHooks {

    private RegistryHooks() {
    }

    public static void bind(LiveStreamRegistry registry, Object service) {
        if (service instanceof StreamDemandHandler h) {
            registry.addDemandHandler(h);
        }
        if (service instanceof StreamListener l) {
            registry.addListener(l);
        }
    }

    public static void unbind(LiveStreamRegistry registry, Object service) {
        if (service instanceof StreamDemandHandler h) {
            registry.removeDemandHandler(h);
        }
        if (service instanceof StreamListener l) {
            registry.removeListener(l);
        }
    }
}
