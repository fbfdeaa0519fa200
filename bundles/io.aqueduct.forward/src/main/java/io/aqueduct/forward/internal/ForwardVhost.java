package io.aqueduct.forward.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vhost's forward configuration (factory configuration {@code io.aqueduct.forward~VHOST}). The
 * {@link Forwarder} tracks every instance; a change is applied to live streams through its {@code updated}
 * callback, without a republish.
 */
@Component(service = ForwardVhost.class, configurationPid = ForwardVhost.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ForwardConfig.class, factory = true)
public final class ForwardVhost {

    static final String FACTORY_PID = "io.aqueduct.forward";

    private static final Logger LOG = LoggerFactory.getLogger(ForwardVhost.class);

    private volatile VhostForwarding settings;

    @Activate
    public ForwardVhost(ForwardConfig config) {
        configure(config);
    }

    @Modified
    void configure(ForwardConfig config) {
        settings = VhostForwarding.of(config);
        LOG.info("{}", settings);
    }

    /** The settings now; replaced (never mutated) when the configuration changes. */
    VhostForwarding settings() {
        return settings;
    }
}
