package io.aqueduct.edge.ingest.internal;

/** One origin server of an edge vhost: {@code host[:port]}, {@code [v6]:port}. */
record Origin(String host, int port) {

    static final int DEFAULT_PORT = 1935;

    /** Parses {@code host}, {@code host:port} or {@code [ipv6]:port}, port 1935 by default. */
    static Origin parse(String value) {
        return parse(value, DEFAULT_PORT);
    }

    /** Parses {@code host}, {@code host:port} or {@code [ipv6]:port}; throws IllegalArgumentException. */
    static Origin parse(String value, int defaultPort) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty origin");
        }
        String host = v;
        int port = defaultPort;
        int close = v.indexOf(']');
        int colon = v.lastIndexOf(':');
        boolean bracketed = v.startsWith("[") && close > 0;
        if (bracketed ? colon > close : colon > 0 && v.indexOf(':') == colon) {
            host = v.substring(0, colon);
            try {
                port = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad origin port in '" + value + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("origin port out of range in '" + value + "'");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Origin(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
