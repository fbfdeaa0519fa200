package io.aqueduct.httpflv.internal;

import java.net.InetSocketAddress;

/** Parses SRS {@code listen} values: {@code 8080}, {@code 0.0.0.0:8080}, {@code [::1]:8080}. */
final class ListenAddress {

    private ListenAddress() {
    }

    static InetSocketAddress parse(String value) {
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
