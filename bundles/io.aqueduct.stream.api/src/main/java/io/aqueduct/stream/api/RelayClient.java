package io.aqueduct.stream.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A connection this server opens to relay a stream from or to another server (an edge's upstream, an edge's relay
 * of a publisher to its origin), as client listings and {@code aqueduct:kick} see it. Its owner sets the other
 * server, the state and the byte counts as they change; a kick calls the owner back, which decides what closing
 * means (switch origin, stop the relay). Thread-safe; each byte count has one writer.
 *
 * @since 1.4
 */
public final class RelayClient implements ClientSession {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String id;
    private final String protocol;
    private final Instant connectedAt = Instant.now();
    private final Consumer<String> onClose;
    private volatile SocketAddress remote;
    private volatile String state = "connecting";
    private volatile long bytesIn;
    private volatile long bytesOut;

    /**
     * @param id       from {@link ClientRegistry#nextId()}
     * @param protocol what listings show, e.g. {@code rtmp-edge-ingest}
     * @param onClose  called with the reason on {@link #close}; any thread
     */
    public RelayClient(String id, String protocol, Consumer<String> onClose) {
        this.id = id;
        this.protocol = protocol;
        this.onClose = onClose;
    }

    /** The server relayed from or to now; null while there is none. Never resolves a host name. */
    public void remote(String host, int port) {
        remote = host == null ? null : address(host, port);
    }

    /** An IP literal as listings show connected clients ({@code /127.0.0.1:1935}); a name unresolved. */
    private static InetSocketAddress address(String host, int port) {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
            } catch (UnknownHostException | SecurityException e) {
                // not a valid literal after all
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    public void state(String what) {
        state = what;
    }

    /** Adds received bytes; called by one thread at a time. */
    public void addBytesIn(long n) {
        bytesIn = bytesIn + n;
    }

    /** Adds sent bytes; called by one thread at a time. */
    public void addBytesOut(long n) {
        bytesOut = bytesOut + n;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    /** A kick: the owner's callback decides what it means for the relay. */
    @Override
    public void close(String reason) {
        onClose.accept(reason);
    }
}
