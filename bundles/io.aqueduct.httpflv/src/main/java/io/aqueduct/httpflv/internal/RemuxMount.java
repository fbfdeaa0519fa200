package io.aqueduct.httpflv.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vhost's HTTP-FLV mount, from a factory configuration {@code io.aqueduct.httpflv.remux}. The
 * {@link HttpServer} tracks every instance (a whiteboard), so mounts come and go and change while the server runs.
 */
@Component(service = RemuxMount.class, configurationPid = "io.aqueduct.httpflv.remux",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RemuxMountConfig.class, factory = true)
public final class RemuxMount {

    private static final Logger LOG = LoggerFactory.getLogger(RemuxMount.class);

    private volatile Mount mount;

    @Activate
    public RemuxMount(RemuxMountConfig config) {
        configure(config);
    }

    @Modified
    void configure(RemuxMountConfig config) {
        MountPattern pattern;
        boolean enabled = config.enabled();
        try {
            pattern = MountPattern.parse(config.mount());
        } catch (IllegalArgumentException e) {
            LOG.error("vhost {}: bad http_remux mount, HTTP-FLV off for it: {}", config.vhost(), e.getMessage());
            pattern = MountPattern.parse("[vhost]/[app]/[stream].flv");
            enabled = false;
        }
        mount = new Mount(config.vhost(), enabled, pattern);
        LOG.info("vhost {}: HTTP-FLV {} at {}", config.vhost(), enabled ? "on" : "off", pattern);
    }

    /** The mount now; changes when the configuration does. */
    Mount mount() {
        return mount;
    }
}
