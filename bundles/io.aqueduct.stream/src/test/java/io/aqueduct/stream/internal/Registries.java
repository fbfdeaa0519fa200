package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.StreamKey;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Drives a registry made by a test outside the framework, as SCR would. The protocol bundles' tests use it too,
 * from this bundle's test jar.
 */
public final class Registries {

    private Registries() {
    }

    /** Deactivates the registry. */
    public static void stop(LiveStreamRegistry registry) {
        registry.deactivate();
    }

    /** Configures the default vhost with a short player queue, so a stalled player loses GOPs quickly. */
    public static void defaultVhostQueueLength(LiveStreamRegistry registry, int seconds) {
        defaultVhost(registry, Map.of("queue__length", seconds));
    }

    /** Configures the default vhost's merged-write window for players (play { mw_latency }), in ms. */
    public static void defaultVhostMergedWrite(LiveStreamRegistry registry, int millis) {
        defaultVhost(registry, Map.of("mw__latency", millis));
    }

    /** Configures the default vhost: the given {@link VhostConfig} values (by method name), defaults for the rest. */
    public static void defaultVhost(LiveStreamRegistry registry, Map<String, Object> values) {
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

    /** Makes every vhost an edge: a demand handler that supplies any stream (and does nothing). */
    public static void suppliesEveryStreamOnDemand(LiveStreamRegistry registry) {
        registry.addDemandHandler(new io.aqueduct.stream.api.StreamDemandHandler() {
            @Override
            public boolean handles(String vhost) {
                return true;
            }

            @Override
            public void demanded(StreamKey key) {
            }

            @Override
            public void released(StreamKey key) {
            }
        });
    }
}
