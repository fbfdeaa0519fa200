package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.StreamKey;
import java.lang.reflect.Proxy;

/** Drives a registry made by a test outside the framework, as SCR would. */
public final class Registries {

    private Registries() {
    }

    /** Deactivates the registry. */
    public static void stop(LiveStreamRegistry registry) {
        registry.deactivate();
    }

    /** Configures the default vhost with a short player queue, so a stalled player loses GOPs quickly. */
    public static void defaultVhostQueueLength(LiveStreamRegistry registry, int seconds) {
        VhostConfig config = (VhostConfig) Proxy.newProxyInstance(VhostConfig.class.getClassLoader(),
                new Class<?>[] {VhostConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> StreamKey.DEFAULT_VHOST;
                    case "queue__length" -> seconds;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "VhostConfig";
                    default -> method.getDefaultValue();
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
