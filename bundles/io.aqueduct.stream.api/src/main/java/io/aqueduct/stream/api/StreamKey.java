package io.aqueduct.stream.api;

import java.util.Objects;

/**
 * The name of a live stream: virtual host, application and stream name, as in {@code rtmp://vhost/app/stream}.
 *
 * @param vhost  the virtual host, {@link #DEFAULT_VHOST} when the client named none that is configured
 * @param app    the application, e.g. {@code live}
 * @param stream the stream name without query parameters
 */
public record StreamKey(String vhost, String app, String stream) {

    /** The vhost that serves every client that names no configured vhost, as in SRS. */
    public static final String DEFAULT_VHOST = "__defaultVhost__";

    public StreamKey {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(stream, "stream");
    }

    /** Parses {@code vhost/app/stream}, the form {@link #toString()} gives. */
    public static StreamKey parse(String text) {
        String[] parts = text.split("/", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not a stream key (vhost/app/stream): " + text);
        }
        return new StreamKey(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return vhost + "/" + app + "/" + stream;
    }
}
