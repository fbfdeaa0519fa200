package io.aqueduct.forward.internal;

import java.lang.reflect.Proxy;

/** Builds {@link ForwardConfig} instances as DS would from a configuration. */
final class ForwardConfigs {

    private ForwardConfigs() {
    }

    static ForwardConfig of(String vhost, boolean enabled, String backend, String... destinations) {
        return (ForwardConfig) Proxy.newProxyInstance(ForwardConfig.class.getClassLoader(),
                new Class<?>[] {ForwardConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "vhost" -> vhost;
                    case "enabled" -> enabled;
                    case "destination" -> destinations.clone();
                    case "backend" -> backend;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "ForwardConfig";
                });
    }

    /** A ForwardVhost of the default vhost, enabled, with static destinations. */
    static ForwardVhost defaultVhost(String... destinations) {
        return new ForwardVhost(of("__defaultVhost__", true, "", destinations));
    }
}
