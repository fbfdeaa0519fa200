package io.aqueduct.rtmp.server.internal;

import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves what a client names (tcUrl, app, stream name with {@code ?params}) into a {@link StreamKey}, as SRS does:
 * the vhost is a {@code vhost=} parameter if present (in the stream name, the app or the tcUrl), else the tcUrl host;
 * a vhost that is not configured falls back to {@code __defaultVhost__}.
 */
final class StreamNames {

    private StreamNames() {
    }

    /** What the client said at connect. */
    record ConnectInfo(String app, String tcUrl, String host, Map<String, String> params) {
    }

    static ConnectInfo connect(String app, String tcUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        String host = "";
        if (tcUrl != null) {
            try {
                URI uri = URI.create(tcUrl.trim());
                host = uri.getHost() != null ? uri.getHost() : "";
                if (uri.getRawQuery() != null) {
                    parseParams(uri.getRawQuery(), params);
                }
            } catch (IllegalArgumentException e) {
                host = "";
            }
        }
        String cleanApp = app == null ? "" : app;
        int q = cleanApp.indexOf('?');
        if (q >= 0) {
            parseParams(cleanApp.substring(q + 1), params);
            cleanApp = cleanApp.substring(0, q);
        }
        // SRS also accepts the old form app...vhost...name
        int dots = cleanApp.indexOf("...vhost...");
        if (dots >= 0) {
            params.put("vhost", cleanApp.substring(dots + "...vhost...".length()));
            cleanApp = cleanApp.substring(0, dots);
        }
        while (cleanApp.endsWith("/")) {
            cleanApp = cleanApp.substring(0, cleanApp.length() - 1);
        }
        return new ConnectInfo(cleanApp, tcUrl, host, params);
    }

    /** What a publish or play names: the stream and every parameter (from the tcUrl, the app and the name). */
    record Target(StreamKey key, Map<String, String> params) {
    }

    /** The stream key and parameters for a publish or play of {@code name} on a connection. */
    static Target target(ConnectInfo connect, String name, StreamRegistry registry) {
        Map<String, String> params = new LinkedHashMap<>(connect.params());
        String stream = name == null ? "" : name;
        int q = stream.indexOf('?');
        if (q >= 0) {
            parseParams(stream.substring(q + 1), params);
            stream = stream.substring(0, q);
        }
        String vhost = params.getOrDefault("vhost", params.getOrDefault("domain", connect.host()));
        if (vhost == null || vhost.isEmpty() || !registry.isVhostConfigured(vhost)) {
            vhost = StreamKey.DEFAULT_VHOST;
        }
        return new Target(new StreamKey(vhost, connect.app(), stream), Map.copyOf(params));
    }

    /** The vhost a connect names, for the {@code enabled} check. */
    static String vhost(ConnectInfo connect, StreamRegistry registry) {
        String vhost = connect.params().getOrDefault("vhost", connect.host());
        return vhost != null && registry.isVhostConfigured(vhost) ? vhost : StreamKey.DEFAULT_VHOST;
    }

    private static void parseParams(String query, Map<String, String> into) {
        for (String pair : query.split("[&?]")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
    }
}
