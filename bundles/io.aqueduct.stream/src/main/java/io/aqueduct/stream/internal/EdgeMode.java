package io.aqueduct.stream.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * Marks a vhost configured as an edge, so the registry can tell a player that the edge bundle is missing instead of
 * letting it wait for a stream nobody will fetch.
 */
@Component(service = EdgeMode.class, configurationPid = "io.aqueduct.edge",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class EdgeMode {

    private volatile String vhost;
    private volatile boolean remote;

    @Activate
    public EdgeMode(EdgeModeConfig config) {
        configure(config);
    }

    @Modified
    void configure(EdgeModeConfig config) {
        vhost = config.vhost();
        remote = "remote".equalsIgnoreCase(config.mode());
    }

    boolean isEdge(String name) {
        return remote && name.equals(vhost);
    }
}
