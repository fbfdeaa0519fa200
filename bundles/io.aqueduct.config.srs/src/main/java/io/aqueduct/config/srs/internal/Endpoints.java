package io.aqueduct.config.srs.internal;

/** Validation of the address forms SRS accepts in {@code listen}, {@code destination} and {@code origin}. */
final class Endpoints {

    private Endpoints() {
    }

    /** {@code 1935}, {@code 0.0.0.0:1935} or {@code [::1]:1935}. */
    static void checkListen(String value) throws InvalidValueException {
        if (value.chars().allMatch(Character::isDigit)) {
            checkPort(value, value);
            return;
        }
        int colon = hostEnd(value);
        if (colon < 0) {
            throw new InvalidValueException("'" + value + "' is not a port, host:port or [ipv6]:port");
        }
        checkPort(value, value.substring(colon + 1));
    }

    /** {@code host}, {@code host:port} or {@code [ipv6]:port}. */
    /** An {@code rtmp://host[:port]/app[/stream]} URL; {@code [app]}, {@code [stream]}, {@code [vhost]} may stand in it. */
    static void checkRtmpUrl(String value) throws InvalidValueException {
        String rest = value.substring("rtmp://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new InvalidValueException("'" + value + "' is not rtmp://host[:port]/app/stream");
        }
        checkServer(rest.substring(0, slash));
    }

    static void checkServer(String value) throws InvalidValueException {
        int colon = hostEnd(value);
        if (colon >= 0) {
            checkPort(value, value.substring(colon + 1));
        } else if (value.isEmpty() || value.indexOf(':') >= 0 || value.startsWith("[")) {
            throw new InvalidValueException("'" + value + "' is not a host, host:port or [ipv6]:port");
        }
    }

    /** The index of the ':' separating a non-empty host from the port, or -1. */
    private static int hostEnd(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf("]:");
            return close > 1 ? close + 1 : -1;
        }
        int colon = value.indexOf(':');
        // A second ':' means an IPv6 address without brackets: ambiguous, so refused.
        return colon > 0 && colon == value.lastIndexOf(':') ? colon : -1;
    }

    private static void checkPort(String value, String port) throws InvalidValueException {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("'" + value + "' has no valid port");
        }
        if (number < 1 || number > 65535) {
            throw new InvalidValueException("'" + value + "': port " + number + " is out of range 1..65535");
        }
    }
}
