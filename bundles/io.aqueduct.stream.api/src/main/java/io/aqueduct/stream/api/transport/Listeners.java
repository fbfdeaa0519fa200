package io.aqueduct.stream.api.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening sockets of one protocol server, by SRS {@code listen} value ({@code 1935}, {@code 0.0.0.0:1935},
 * {@code [::1]:1935}). A new list closes the listeners that left it and binds the ones that joined; the others, and
 * every accepted connection, stay. A value that does not parse or a port that is taken is logged and skipped, so the
 * other listeners and a later configuration go on. Thread-safe.
 */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final String server;
    private final ServerBootstrap bootstrap;
    private final String transport;
    private final Map<String, Channel> bound = new LinkedHashMap<>();

    /**
     * @param server    names the server in log lines, e.g. {@code RTMP server}
     * @param bootstrap what to bind, usually from {@link ServerLoops#bootstrap}
     * @param transport for the log line, e.g. {@link ServerLoops#transport()}
     */
    public Listeners(String server, ServerBootstrap bootstrap, String transport) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.transport = transport;
    }

    /** Listens on exactly {@code addresses} (as configured, compared as strings), rebinding only what changed. */
    public synchronized void listen(Collection<String> addresses) {
        List<String> wanted = new ArrayList<>(addresses);
        for (String address : new ArrayList<>(bound.keySet())) {
            if (!wanted.contains(address)) {
                bound.remove(address).close().syncUninterruptibly();
                LOG.info("{} stopped listening on {}", server, address);
            }
        }
        for (String address : wanted) {
            if (!bound.containsKey(address)) {
                bind(address);
            }
        }
    }

    private void bind(String address) {
        InetSocketAddress socket;
        try {
            socket = parse(address);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: bad listen address '{}': {}", server, address, e.getMessage());
            return;
        }
        ChannelFuture future = bootstrap.bind(socket).awaitUninterruptibly();
        if (!future.isSuccess()) {
            LOG.error("{} cannot listen on {}: {}", server, address, future.cause().toString());
            return;
        }
        Channel ch = future.channel();
        bound.put(address, ch);
        LOG.info("{} listening on {} ({})", server, ch.localAddress(), transport);
    }

    /** Closes every listener; accepted connections are the server's to close. */
    public synchronized void closeAll() {
        listen(List.of());
    }

    /** The local addresses bound now (e.g. {@code /127.0.0.1:1935}), for the shell and tests. */
    public synchronized List<String> boundAddresses() {
        List<String> out = new ArrayList<>();
        for (Channel ch : bound.values()) {
            out.add(String.valueOf(ch.localAddress()));
        }
        return out;
    }

    /**
     * Parses one SRS {@code listen} value: a port alone binds every interface.
     *
     * @throws IllegalArgumentException when the port is not a number from 0 to 65535
     */
    public static InetSocketAddress parse(String value) {
        String v = value.trim();
        String host = null;
        String port = v;
        int colon = v.lastIndexOf(':');
        if (colon >= 0) {
            host = v.substring(0, colon);
            port = v.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range: " + p);
        }
        return host == null || host.isEmpty() ? new InetSocketAddress(p) : new InetSocketAddress(host, p);
    }
}
