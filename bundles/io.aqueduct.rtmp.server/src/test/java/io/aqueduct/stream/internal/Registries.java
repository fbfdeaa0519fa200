package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.StreamKey;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Drives a registry made by a test outside the framework, as SCR would. */
public final class Registries {

    private Registries() {
    }

    /** Configures the default vhost's merged-write window for players (play { mw_latency }), in ms. */
    public static void defaultVhostMergedWrite(LiveStreamRegistry registry, int millis) {
        defaultVhost(registry, Map.of("mw__latency", millis));
    }

    /** Configures the default vhost: the given {@link VhostConfig} values (by method name), defaults for the rest. */
    private static void defaultVhost(LiveStreamRegistry registry, Map<String, Object> values) {
        VhostConfig config = (VhostConfig) Proxy.newProxyInstance(VhostConfig.class.getClassLoader(),
                new Class<?>[] {VhostConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> StreamKey.DEFAULT_VHOST;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "VhostConfig" + values;
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
        registry.addVhost(new VhostComponent(config));
    }
}
