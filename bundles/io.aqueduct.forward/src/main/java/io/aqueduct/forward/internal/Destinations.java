package io.aqueduct.forward.internal;

import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.transport.ServerAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a configured destination into the URL one stream is published to, as SRS does: {@code host[:port]}
 * publishes the same app and stream there; an {@code rtmp://} URL is a template in which {@code [vhost]},
 * {@code [app]} and {@code [stream]} are replaced. The vhost travels as {@code ?vhost=} (left out for the default
 * vhost), and {@code aqueduct_via} lists the servers the stream came through, so a loop is refused downstream.
 */
final class Destinations {

    /** The publish parameter that carries the ids of the servers a forwarded stream passed through. */
    static final String VIA = "aqueduct_via";

    private Destinations() {
    }

    /**
     * The URL to publish {@code key} to.
     *
     * @param destination a configured destination
     * @param via         the value of {@code aqueduct_via} to send
     * @throws IllegalArgumentException when the destination is neither host[:port] nor an rtmp:// URL
     */
    static RtmpUrl resolve(String destination, StreamKey key, String via) {
        String d = destination.trim();
        if (d.toLowerCase(Locale.ROOT).startsWith("rtmp://")) {
            String url = d.replace("[vhost]", key.vhost()).replace("[app]", key.app()).replace("[stream]", key.stream());
            RtmpUrl parsed = RtmpUrl.parse(url);
            String stream = parsed.streamName();
            if (stream.isEmpty() || stream.startsWith("?")) {
                stream = key.stream() + stream;
            }
            return withParameters(new RtmpUrl(parsed.host(), parsed.port(), parsed.app(), stream), key.vhost(), via);
        }
        ServerAddress server;
        try {
            server = ServerAddress.parse(d, RtmpUrl.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (want host:port or an rtmp:// URL)", e);
        }
        return withParameters(new RtmpUrl(server.host(), server.port(), key.app(), key.stream()), key.vhost(), via);
    }

    /**
     * Adds {@code vhost} (unless default or already given) and {@code aqueduct_via} to the stream name's query. Used
     * for backend URLs too, which are otherwise taken as they are.
     */
    static RtmpUrl withParameters(RtmpUrl url, String vhost, String via) {
        StringBuilder stream = new StringBuilder(url.streamName());
        String query = url.streamName().contains("?") ? url.streamName().substring(url.streamName().indexOf('?') + 1)
                : "";
        if (vhost != null && !StreamKey.DEFAULT_VHOST.equals(vhost) && !hasParameter(query, "vhost")) {
            append(stream, "vhost", vhost);
        }
        if (via != null && !via.isEmpty() && !hasParameter(query, VIA)) {
            append(stream, VIA, via);
        }
        return new RtmpUrl(url.host(), url.port(), url.app(), stream.toString());
    }

    private static boolean hasParameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    private static void append(StringBuilder stream, String name, String value) {
        stream.append(stream.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /**
     * The {@code aqueduct_via} to send on: the publisher's own list plus this server.
     *
     * @param incoming the publisher's {@code aqueduct_via}, empty when it is an encoder
     */
    static String via(String incoming, String serverId) {
        return incoming == null || incoming.isEmpty() ? serverId : incoming + "." + serverId;
    }

    /** Whether a publisher's {@code aqueduct_via} already names this server: forwarding it would loop. */
    static boolean passedThrough(String incoming, String serverId) {
        if (incoming == null || incoming.isEmpty()) {
            return false;
        }
        for (String id : incoming.split("\\.")) {
            if (id.equals(serverId)) {
                return true;
            }
        }
        return false;
    }
}
