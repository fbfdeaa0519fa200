package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.StreamListener;

/** Registers stream listeners with a registry as DS would (the bind methods are package-private). */
public final class TestRegistries {

    private TestRegistries() {
    }

    public static void addListener(LiveStreamRegistry registry, StreamListener listener) {
        registry.addListener(listener);
    }

    public static void removeListener(LiveStreamRegistry registry, StreamListener listener) {
        registry.removeListener(listener);
    }
}
