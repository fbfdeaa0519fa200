package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqueduct.stream.api.StreamKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamRoutesTest {

    private static final String DEFAULT = StreamKey.DEFAULT_VHOST;
    private static final String SRS_MOUNT = "[vhost]/[app]/[stream].flv";

    private static Mount mount(String vhost, boolean enabled, String pattern) {
        return new Mount(vhost, enabled, MountPattern.parse(pattern));
    }

    private static Optional<StreamKey> resolve(List<Mount> mounts, String path, String host, String... configured) {
        return StreamRoutes.resolve(mounts, path, host, Set.of(configured)::contains);
    }

    private static Optional<StreamKey> key(String vhost, String app, String stream) {
        return Optional.of(new StreamKey(vhost, app, stream));
    }

    @Test
    void defaultVhostServesAppAndStreamWithoutVhostInTheUrl() {
        List<Mount> mounts = List.of(mount(DEFAULT, true, SRS_MOUNT));
        assertEquals(key(DEFAULT, "live", "stream"), resolve(mounts, "/live/stream.flv", "127.0.0.1"));
        assertEquals(Optional.empty(), resolve(mounts, "/live/stream.ts", "127.0.0.1"));
        assertEquals(Optional.empty(), resolve(mounts, "/index.html", null));
    }

    @Test
    void disabledMountServesNothing() {
        assertEquals(Optional.empty(), resolve(List.of(mount(DEFAULT, false, SRS_MOUNT)), "/live/s.flv", null));
        assertEquals(Optional.empty(), resolve(List.of(), "/live/s.flv", null));
    }

    @Test
    void namedVhostIsReachedByPathOrByHostHeader() {
        List<Mount> mounts = List.of(mount(DEFAULT, true, SRS_MOUNT), mount("example.com", true, SRS_MOUNT));
        assertEquals(key("example.com", "live", "s"), resolve(mounts, "/example.com/live/s.flv", null, "example.com"));
        assertEquals(key("example.com", "live", "s"), resolve(mounts, "/live/s.flv", "example.com", "example.com"));
        assertEquals(key(DEFAULT, "live", "s"), resolve(mounts, "/live/s.flv", "other.org", "example.com"));
        assertEquals(Optional.empty(), resolve(mounts, "/other.org/live/s.flv", null, "example.com"),
                "a [vhost] segment only matches the mount's own vhost");
    }

    @Test
    void hostNamingAConfiguredVhostWithoutMountUsesTheDefaultMount() {
        List<Mount> mounts = List.of(mount(DEFAULT, true, SRS_MOUNT));
        assertEquals(key("cdn.example.com", "live", "s"),
                resolve(mounts, "/live/s.flv", "cdn.example.com", "cdn.example.com"));
    }

    @Test
    void vhostWithRemuxOffIsNotReachableThroughTheDefaultMount() {
        List<Mount> mounts = List.of(mount(DEFAULT, true, SRS_MOUNT), mount("private.com", false, SRS_MOUNT));
        assertEquals(Optional.empty(), resolve(mounts, "/live/s.flv", "private.com", "private.com"));
        assertEquals(Optional.empty(), resolve(mounts, "/private.com/live/s.flv", null, "private.com"));
    }

    @Test
    void mountWithoutVhostVariableMapsToItsOwnVhost() {
        List<Mount> mounts = List.of(mount("example.com", true, "/hls/[app]/[stream].flv"));
        assertEquals(key("example.com", "live", "s"), resolve(mounts, "/hls/live/s.flv", null, "example.com"));
    }

    @Test
    void hostHeaderLosesItsPort() {
        assertEquals("example.com", StreamRoutes.hostName("example.com:8080"));
        assertEquals("::1", StreamRoutes.hostName("[::1]:8080"));
        assertEquals("h", StreamRoutes.hostName("h"));
        assertEquals(null, StreamRoutes.hostName(""));
    }
}
