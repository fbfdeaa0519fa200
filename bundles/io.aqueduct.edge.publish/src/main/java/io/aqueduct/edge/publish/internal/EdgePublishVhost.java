package io.aqueduct.edge.publish.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * The cluster settings of one vhost (factory configuration {@code io.aqueduct.edge~NAME}) as edge publishing reads
 * them. A change applies live: a relay uses the new origin list at its next connection attempt.
 */
@Component(service = EdgePublishVhost.class, configurationPid = "io.aqueduct.edge",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class EdgePublishVhost {

    private volatile EdgeVhost settings;

    @Activate
    public EdgePublishVhost(EdgeConfig config) {
        configure(config);
    }

    @Modified
    void configure(EdgeConfig config) {
        settings = EdgeVhost.of(config);
    }

    EdgeVhost settings() {
        return settings;
    }
}
