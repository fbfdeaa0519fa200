package io.aqueduct.config.srs.internal;

import static io.aqueduct.config.srs.internal.TranslationAssertions.assertProperties;
import static io.aqueduct.config.srs.internal.TranslationAssertions.fromFile;
import static io.aqueduct.config.srs.internal.TranslationAssertions.props;
import static io.aqueduct.config.srs.internal.TranslationAssertions.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aqueduct.config.srs.SeedConfigs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The article's five configurations, verbatim, translate to the expected PIDs, keys, types and defaults. */
class SeedTranslationTest {

    private static final String VHOST = "__defaultVhost__";

    private static Map<String, Object> rtmpServer(String port) {
        return fromFile(props("listen", new String[] {port}, "max_connections", 1000, "chunk_size", 60000));
    }

    private static Map<String, Object> server(String pidFile) {
        return fromFile(props("pid", pidFile, "daemon", false, "srs_log_tank", "console", "srs_log_level", "trace",
                "srs_log_file", "/srv/aqueduct/objs/srs.log"));
    }

    private static Map<String, Object> defaultVhost() {
        return fromFile(props("name", VHOST, "enabled", true, "chunk_size", 60000, "gop_cache", true, "queue_length",
                30, "time_jitter", "full", "mw_latency", 90, "publish_normal_timeout", 5000,
                "publish_firstpkt_timeout", 20000));
    }

    private static Map<String, Object> httpServer(String port) {
        // The seed's max_connections (1000) limits HTTP connections too, as in SRS.
        return fromFile(props("enabled", true, "listen", new String[] {port}, "dir", "/srv/aqueduct/objs/nginx/html",
                "max_connections", 1000));
    }

    private static Map<String, Object> remux() {
        return fromFile(props("vhost", VHOST, "enabled", true, "mount", "[vhost]/[app]/[stream].flv", "hstrs", true));
    }

    private static Map<String, Object> remoteEdge() {
        return fromFile(props("vhost", VHOST, "mode", "remote", "origin", new String[] {"127.0.0.1:19350"},
                "upstream_vhost", VHOST, "protocol", "rtmp"));
    }

    private static Set<String> pids(Translation t) {
        return t.configurations().keySet().stream().map(ConfigTarget::pid).collect(Collectors.toSet());
    }

    @Test
    void master() throws Exception {
        Translation t = translate(SeedConfigs.text(SeedConfigs.MASTER));

        assertEquals(List.of(), t.diagnostics());
        assertEquals(Set.of("io.aqueduct.rtmp.server", "io.aqueduct.server",
                "io.aqueduct.vhost~" + VHOST, "io.aqueduct.forward~" + VHOST), pids(t));
        assertProperties(rtmpServer("1935"), t.get("io.aqueduct.rtmp.server"));
        assertProperties(server("/srv/aqueduct/objs/srs.master.pid"), t.get("io.aqueduct.server"));
        assertNull(t.get("org.ops4j.pax.logging"), "console at level trace is the distribution's default: no change");
        assertProperties(defaultVhost(), t.get("io.aqueduct.vhost~" + VHOST));
        assertProperties(fromFile(props("vhost", VHOST, "enabled", true, "destination",
                new String[] {"127.0.0.1:19350"})), t.get("io.aqueduct.forward~" + VHOST));
    }

    @Test
    void slaveKeepsDefaultsForTheDirectivesItsCommentsSwallowed() throws Exception {
        Translation t = translate(SeedConfigs.text(SeedConfigs.SLAVE));

        assertEquals(List.of(), t.diagnostics());
        assertEquals(Set.of("io.aqueduct.rtmp.server", "io.aqueduct.server",
                "io.aqueduct.http.server", "io.aqueduct.vhost~" + VHOST, "io.aqueduct.httpflv.remux~" + VHOST),
                pids(t));
        assertProperties(rtmpServer("19350"), t.get("io.aqueduct.rtmp.server"));
        assertProperties(server("/srv/aqueduct/objs/srs.slave.pid"), t.get("io.aqueduct.server"));
        assertProperties(httpServer("8080"), t.get("io.aqueduct.http.server"));
        assertProperties(defaultVhost(), t.get("io.aqueduct.vhost~" + VHOST));
        assertProperties(remux(), t.get("io.aqueduct.httpflv.remux~" + VHOST));
    }

    @Test
    void origin() throws Exception {
        Translation t = translate(SeedConfigs.text(SeedConfigs.ORIGIN));

        assertEquals(List.of(), t.diagnostics());
        assertEquals(Set.of("io.aqueduct.rtmp.server", "io.aqueduct.server",
                "io.aqueduct.http.server", "io.aqueduct.vhost~" + VHOST, "io.aqueduct.httpflv.remux~" + VHOST),
                pids(t));
        assertProperties(rtmpServer("19350"), t.get("io.aqueduct.rtmp.server"));
        assertProperties(server("/srv/aqueduct/objs/origin.pid"), t.get("io.aqueduct.server"));
        assertProperties(httpServer("8081"), t.get("io.aqueduct.http.server"));
        assertProperties(remux(), t.get("io.aqueduct.httpflv.remux~" + VHOST));
    }

    @Test
    void edge() throws Exception {
        Translation t = translate(SeedConfigs.text(SeedConfigs.EDGE));

        assertEquals(List.of(), t.diagnostics());
        assertEquals(Set.of("io.aqueduct.rtmp.server", "io.aqueduct.server",
                "io.aqueduct.http.server", "io.aqueduct.vhost~" + VHOST, "io.aqueduct.httpflv.remux~" + VHOST,
                "io.aqueduct.edge~" + VHOST), pids(t));
        assertProperties(rtmpServer("1935"), t.get("io.aqueduct.rtmp.server"));
        assertProperties(server("/srv/aqueduct/objs/edge.pid"), t.get("io.aqueduct.server"));
        assertProperties(httpServer("8080"), t.get("io.aqueduct.http.server"));
        assertProperties(defaultVhost(), t.get("io.aqueduct.vhost~" + VHOST));
        assertProperties(remux(), t.get("io.aqueduct.httpflv.remux~" + VHOST));
        assertProperties(remoteEdge(), t.get("io.aqueduct.edge~" + VHOST));
    }

    @Test
    void edge2() throws Exception {
        Translation t = translate(SeedConfigs.text(SeedConfigs.EDGE2));

        assertEquals(List.of(), t.diagnostics());
        assertEquals(Set.of("io.aqueduct.rtmp.server", "io.aqueduct.server",
                "io.aqueduct.vhost~" + VHOST, "io.aqueduct.edge~" + VHOST), pids(t));
        assertProperties(server("/srv/aqueduct/objs/edge2.pid"), t.get("io.aqueduct.server"));
        assertProperties(remoteEdge(), t.get("io.aqueduct.edge~" + VHOST));
    }
}
