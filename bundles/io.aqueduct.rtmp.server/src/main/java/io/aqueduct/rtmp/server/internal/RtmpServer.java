package io.aqueduct.rtmp.server.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.WriteWindows;
import io.aqueduct.stream.api.transport.Listeners;
import io.aqueduct.stream.api.transport.ServerLoops;
import io.netty.channel.WriteBufferWaterMark;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP server: listens on the configured addresses and serves publishers and players through the stream
 * registry. A configuration change rebinds only the listeners that changed; live connections stay.
 */
@Component(service = RtmpServer.class, immediate = true, configurationPid = "io.aqueduct.rtmp.server")
@Designate(ocd = RtmpServerConfig.class)
public final class RtmpServer {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);

    private final StreamRegistry streams;
    private final ClientRegistry clients;
    private final ServerLoops loops;
    private final Listeners listeners;
    private final AtomicInteger connections = new AtomicInteger();
    private final WriteWindows writeWindows = new WriteWindows();
    private volatile RtmpServerConfig config;

    @Activate
    public RtmpServer(@Reference StreamRegistry streams, @Reference ClientRegistry clients, RtmpServerConfig config) {
        this.streams = streams;
        this.clients = clients;
        this.loops = new ServerLoops("rtmp", config.epoll(), config.threads());
        // Bounds what a slow player queues in its connection: past the high mark it stops draining its stream queue.
        this.listeners = new Listeners("RTMP server", loops.bootstrap(new RtmpChannelInitializer(this),
                new WriteBufferWaterMark(64 * 1024, 256 * 1024)), loops.transport());
        configure(config);
    }

    @Modified
    void configure(RtmpServerConfig newConfig) {
        this.config = newConfig;
        listeners.listen(Arrays.asList(newConfig.listen()));
    }

    @Deactivate
    void deactivate() {
        listeners.closeAll();
        loops.shutdown();
        writeWindows.clear();
        LOG.info("RTMP server stopped");
    }

    StreamRegistry streams() {
        return streams;
    }

    ClientRegistry clients() {
        return clients;
    }

    WriteWindows writeWindows() {
        return writeWindows;
    }

    RtmpServerConfig config() {
        return config;
    }

    AtomicInteger connections() {
        return connections;
    }

    /** The addresses bound now, for the shell and tests. */
    public List<String> boundAddresses() {
        return listeners.boundAddresses();
    }
}
