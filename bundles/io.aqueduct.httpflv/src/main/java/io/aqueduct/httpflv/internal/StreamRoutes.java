package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.StreamKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Maps a request path and Host header to a stream through the configured mounts.
 *
 * <p>Mounts are tried in this order: the mount of the vhost the Host header names, then the default vhost's, then
 * the other vhosts'. A pattern with {@code [vhost]} matches its own vhost's name in the path, or, as SRS's HTTP mux
 * does, a path without it when the Host header names that vhost. The default vhost's pattern is matched without its
 * {@code [vhost]/} part (SRS strips the default vhost from URLs); such a request belongs to the vhost the Host
 * header names when that vhost is configured and has no mount of its own, else to the default vhost. A Host that
 * names a vhost with its own mount (even a disabled one) is never served through the default vhost's mount, so
 * {@code http_remux off} in a vhost really hides its streams. A pattern without {@code [vhost]} maps to its own
 * vhost.
 */
final class StreamRoutes {

    private StreamRoutes() {
    }

    /**
     * @param mounts         every configured mount, enabled or not
     * @param path           the decoded request path without query, e.g. {@code /live/cam.flv}
     * @param host           the Host header without port, or null
     * @param vhostConfigured whether a vhost of that name is configured in the registry
     */
    static Optional<StreamKey> resolve(List<Mount> mounts, String path, String host,
            Predicate<String> vhostConfigured) {
        List<Mount> ordered = new ArrayList<>(mounts);
        ordered.sort(Comparator.comparingInt(m -> rank(m, host)));
        for (Mount mount : ordered) {
            if (!mount.enabled()) {
                continue;
            }
            Optional<StreamKey> key = resolve(mount, mounts, path, host, vhostConfigured);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    private static int rank(Mount m, String host) {
        if (m.vhost().equals(host)) {
            return 0;
        }
        return m.vhost().equals(StreamKey.DEFAULT_VHOST) ? 1 : 2;
    }

    private static Optional<StreamKey> resolve(Mount mount, List<Mount> all, String path, String host,
            Predicate<String> vhostConfigured) {
        MountPattern pattern = mount.pattern();
        if (!mount.vhost().equals(StreamKey.DEFAULT_VHOST)) {
            Optional<MountPattern.Match> m = pattern.match(path)
                    .filter(match -> match.vhost() == null || match.vhost().equals(mount.vhost()));
            if (m.isEmpty() && mount.vhost().equals(host)) {
                m = pattern.matchWithoutVhost(path);
            }
            return m.map(match -> new StreamKey(mount.vhost(), match.app(), match.stream()));
        }
        boolean hostHasOwnMount = host != null && all.stream().anyMatch(other -> other.vhost().equals(host));
        if (hostHasOwnMount) {
            return Optional.empty();
        }
        Optional<MountPattern.Match> m = pattern.hasVhost() ? pattern.matchWithoutVhost(path) : pattern.match(path);
        String vhost = host != null && vhostConfigured.test(host) ? host : StreamKey.DEFAULT_VHOST;
        return m.map(match -> new StreamKey(vhost, match.app(), match.stream()));
    }

    /**
     * The host part of a Host header: {@code example.com:8080} gives {@code example.com}, {@code [::1]:80} gives
     * {@code ::1}; null for none.
     */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        int colon = h.indexOf(':');
        return colon >= 0 ? h.substring(0, colon) : h;
    }
}
