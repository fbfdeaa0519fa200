package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.WriteWindows;
import io.aqueduct.stream.api.transport.Listeners;
import io.aqueduct.stream.api.transport.ServerLoops;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of SRS's {@code http_server}: serves live streams as HTTP-FLV at the mounts of the
 * {@link RemuxMount}s it tracks, and static files from {@code dir}.
 *
 * <p>A configuration change applies live: listeners that changed are rebound, others and their connections stay;
 * {@code enabled=false} closes everything. Deactivation (the bundle stopping) closes every HTTP connection and
 * frees the ports and threads; the stream registry and its RTMP players are not touched, and a new activation
 * serves the streams already live.
 */
@Component(service = HttpServer.class, immediate = true, configurationPid = "io.aqueduct.http.server")
@Designate(ocd = HttpServerConfig.class)
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final StreamRegistry streams;
    private final ClientRegistry clients;
    private final ServerLoops loops;
    private final Listeners listeners;
    private final AtomicInteger connections = new AtomicInteger();
    private final WriteWindows writeWindows = new WriteWindows();
    private final ChannelGroup channels = new DefaultChannelGroup("http-clients", GlobalEventExecutor.INSTANCE);
    private final CopyOnWriteArrayList<RemuxMount> mounts = new CopyOnWriteArrayList<>();
    private final Set<FlvPlayer> players = ConcurrentHashMap.newKeySet();
    private final TimestampBases timestampBases = new TimestampBases();
    private volatile HttpServerConfig config;
    private volatile StaticFiles staticFiles;

    @Activate
    public HttpServer(@Reference StreamRegistry streams, @Reference ClientRegistry clients, HttpServerConfig config) {
        this.streams = streams;
        this.clients = clients;
        this.loops = new ServerLoops("http", config.epoll(), config.threads());
        // Bounds what a slow player queues in its connection: past the high mark it stops draining its stream queue.
        this.listeners = new Listeners("HTTP server", loops.bootstrap(new HttpChannelInitializer(this),
                new WriteBufferWaterMark(128 * 1024, 512 * 1024)), loops.transport());
        configure(config);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMount(RemuxMount mount) {
        mounts.add(mount);
    }

    void removeMount(RemuxMount mount) {
        mounts.remove(mount);
    }

    /** SRS's configs name ./objs/nginx/html, which a fresh working directory lacks: create it, as SRS users expect. */
    private static void createIfMissing(String dir) {
        if (dir.isBlank()) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("HTTP server: cannot create dir {}: {}", dir, e.toString());
        }
    }

    @Modified
    synchronized void configure(HttpServerConfig newConfig) {
        this.config = newConfig;
        createIfMissing(newConfig.dir());
        StaticFiles files = new StaticFiles(newConfig.dir());
        if (!newConfig.dir().isBlank() && !files.enabled()) {
            LOG.warn("HTTP server: dir {} is not a directory, serving no static files", newConfig.dir());
        }
        boolean wasServing = staticFiles != null && staticFiles.enabled();
        if (newConfig.enabled() && files.enabled() && (!wasServing || !files.root().equals(staticFiles.root()))) {
            LOG.info("HTTP server: static files from {}", files.root());
        } else if (newConfig.enabled() && !files.enabled() && wasServing) {
            LOG.info("HTTP server: static files off");
        }
        staticFiles = files;
        if (!newConfig.enabled()) {
            listeners.closeAll();
            closeConnections("HTTP server disabled");
            return;
        }
        listeners.listen(Arrays.asList(newConfig.listen()));
    }

    private void closeConnections(String reason) {
        if (!channels.isEmpty()) {
            LOG.info("HTTP server closing {} connection(s): {}", channels.size(), reason);
            channels.close().awaitUninterruptibly(5_000);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        listeners.closeAll();
        closeConnections("HTTP server stopping");
        loops.shutdown();
        writeWindows.clear();
        LOG.info("HTTP server stopped");
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

    HttpServerConfig config() {
        return config;
    }

    StaticFiles staticFiles() {
        return staticFiles;
    }

    AtomicInteger connections() {
        return connections;
    }

    ChannelGroup channels() {
        return channels;
    }

    Set<FlvPlayer> players() {
        return players;
    }

    TimestampBases timestampBases() {
        return timestampBases;
    }

    /** The mounts now, enabled or not. */
    List<Mount> mounts() {
        List<Mount> list = new ArrayList<>(mounts.size());
        for (RemuxMount m : mounts) {
            list.add(m.mount());
        }
        return list;
    }

    /** The addresses bound now, for the shell and tests. */
    public List<String> boundAddresses() {
        return listeners.boundAddresses();
    }
}
