package io.aqueduct.edge.ingest.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The cluster settings of one vhost (factory configuration {@code io.aqueduct.edge~NAME}) as edge ingest reads
 * them. A change applies live: a running upstream uses the new origin list at its next connection attempt.
 */
@Component(service = EdgeVhostComponent.class, configurationPid = EdgeVhostComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EdgeConfig.class, factory = true)
public final class EdgeVhostComponent {

    static final String PID = "io.aqueduct.edge";

    private volatile EdgeVhost settings;

    @Activate
    public EdgeVhostComponent(EdgeConfig config) {
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
