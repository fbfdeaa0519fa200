package io.aqueduct.stream.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured vhost (factory configuration {@code io.aqueduct.vhost~NAME}). The registry tracks these
 * components and looks vhosts up by name; a configuration change applies live through {@link #configure}.
 */
@Component(service = VhostComponent.class, configurationPid = "io.aqueduct.vhost",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = VhostConfig.class, factory = true)
public final class VhostComponent {

    private volatile Vhost vhost = Vhost.DEFAULT;

    @Activate
    public VhostComponent(VhostConfig config) {
        configure(config);
    }

    @Modified
    void configure(VhostConfig config) {
        vhost = Vhost.of(config);
    }

    Vhost vhost() {
        return vhost;
    }
}
