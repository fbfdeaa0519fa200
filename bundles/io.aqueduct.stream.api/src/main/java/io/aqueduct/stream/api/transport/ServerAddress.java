package io.aqueduct.stream.api.transport;

import java.util.Objects;

/**
 * A server this one connects to, as SRS configs name it ({@code origin}, {@code destination}): {@code host},
 * {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}. An IPv6 address without brackets is a host without a
 * port. Names are kept as given, never resolved here.
 *
 * @since 1.1
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 1..65535");
        }
    }

    /**
     * Parses {@code value} (surrounding blanks ignored), with {@code defaultPort} when it names none.
     *
     * @throws IllegalArgumentException with the reason, when the value is not one of the forms above
     */
    public static ServerAddress parse(String value, int defaultPort) {
        String v = value.trim();
        String host = v;
        String port = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + value + "': unclosed [");
            }
            host = v.substring(1, close);
            String rest = v.substring(close + 1);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("'" + value + "': unexpected '" + rest + "' after ]");
            }
        } else {
            int colon = v.indexOf(':');
            if (colon >= 0 && colon == v.lastIndexOf(':')) {
                host = v.substring(0, colon);
                port = v.substring(colon + 1);
            }
        }
        if (host.isEmpty() || host.contains("/")) {
            throw new IllegalArgumentException("'" + value + "' is not host, host:port or [ipv6]:port");
        }
        return new ServerAddress(host, port == null ? defaultPort : port(port, value));
    }

    private static int port(String digits, String value) {
        int p;
        try {
            p = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "': bad port '" + digits + "'");
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("'" + value + "': port " + p + " out of range 1..65535");
        }
        return p;
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
