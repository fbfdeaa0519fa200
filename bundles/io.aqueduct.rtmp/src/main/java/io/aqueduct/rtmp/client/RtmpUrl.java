package io.aqueduct.rtmp.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * An {@code rtmp://host[:port]/app[/more]/stream[?query]} address. The application is the path up to the last
 * {@code /} (so it may contain slashes), the stream name is the last segment with the query kept on it (SRS reads
 * {@code ?vhost=} there).
 *
 * @param port 1935 unless given
 */
public record RtmpUrl(String host, int port, String app, String streamName) {

    public static final int DEFAULT_PORT = 1935;

    public RtmpUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(streamName, "streamName");
    }

    /** Parses an {@code rtmp://} URL; throws {@link IllegalArgumentException} when it is not one. */
    public static RtmpUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an RTMP URL: " + url, e);
        }
        if (!"rtmp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an rtmp://host/app/stream URL: " + url);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("RTMP URL without an application: " + url);
        }
        int slash = path.lastIndexOf('/');
        String app = slash < 0 ? path : path.substring(0, slash);
        String stream = slash < 0 ? "" : path.substring(slash + 1);
        if (uri.getRawQuery() != null) {
            stream += "?" + uri.getRawQuery();
        }
        return new RtmpUrl(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), app, stream);
    }

    /** The {@code tcUrl} of the {@code connect} command: the URL without the stream name. */
    public String tcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "rtmp://" + h + (port == DEFAULT_PORT ? "" : ":" + port) + "/" + app;
    }

    @Override
    public String toString() {
        return tcUrl() + "/" + streamName;
    }
}
