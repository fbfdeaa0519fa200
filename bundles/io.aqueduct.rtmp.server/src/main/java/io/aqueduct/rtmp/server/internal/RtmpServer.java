package io.aqueduct.rtmp.server.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.MediaBuffers;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.WriteWindows;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final EventLoops loops;
    private final AtomicInteger connections = new AtomicInteger();
    private final WriteWindows writeWindows = new WriteWindows();
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private volatile RtmpServerConfig config;

    @Activate
    public RtmpServer(@Reference StreamRegistry streams, @Reference ClientRegistry clients, RtmpServerConfig config) {
        this.streams = streams;
        this.clients = clients;
        this.loops = new EventLoops(config.epoll(), config.threads());
        configure(config);
    }

    @Modified
    synchronized void configure(RtmpServerConfig newConfig) {
        this.config = newConfig;
        List<String> wanted = new ArrayList<>(Arrays.asList(newConfig.listen()));
        for (String address : new ArrayList<>(listeners.keySet())) {
            if (!wanted.contains(address)) {
                listeners.remove(address).close().syncUninterruptibly();
                LOG.info("RTMP server stopped listening on {}", address);
            }
        }
        for (String address : wanted) {
            if (!listeners.containsKey(address)) {
                bind(address);
            }
        }
    }

    private void bind(String address) {
        InetSocketAddress socket;
        try {
            socket = ListenAddress.parse(address);
        } catch (IllegalArgumentException e) {
            LOG.error("RTMP server: bad listen address '{}': {}", address, e.getMessage());
            return;
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss, loops.workers)
                .channel(loops.serverChannel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOCATOR, MediaBuffers.allocator())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new RtmpChannelInitializer(this));
        ChannelFuture bound = b.bind(socket).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            // A port in use must not fail the component: the other listeners and a later reconfiguration go on.
            LOG.error("RTMP server cannot listen on {}: {}", address, bound.cause().toString());
            return;
        }
        Channel ch = bound.channel();
        listeners.put(address, ch);
        LOG.info("RTMP server listening on {} ({})", ch.localAddress(), loops.transport);
    }

    @Deactivate
    synchronized void deactivate() {
        for (Channel ch : listeners.values()) {
            ch.close().syncUninterruptibly();
        }
        listeners.clear();
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
    public synchronized List<String> boundAddresses() {
        List<String> out = new ArrayList<>();
        for (Channel ch : listeners.values()) {
            out.add(String.valueOf(ch.localAddress()));
        }
        return out;
    }
}
