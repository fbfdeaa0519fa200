package io.aqueduct.config.srs.internal;

import static io.aqueduct.config.srs.internal.TranslationAssertions.assertProperties;
import static io.aqueduct.config.srs.internal.TranslationAssertions.fromFile;
import static io.aqueduct.config.srs.internal.TranslationAssertions.props;
import static io.aqueduct.config.srs.internal.TranslationAssertions.translate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigTranslationTest {

    private static final String F = "/etc/aqueduct/test.conf";

    private static List<String> messages(Translation t) {
        return t.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.toList());
    }

    @Test
    void emptyFileGivesTheServerDefaultsAndNoLoggingConfiguration() throws Exception {
        Translation t = translate("");

        assertEquals(List.of(), t.diagnostics());
        assertEquals(2, t.configurations().size());
        assertProperties(fromFile(props("listen", new String[] {"1935"}, "max_connections", 1000, "chunk_size",
                60000)), t.get("io.aqueduct.rtmp.server"));
        assertProperties(fromFile(props("pid", "/srv/aqueduct/objs/srs.pid", "daemon", false, "srs_log_tank",
                "console", "srs_log_level", "trace", "srs_log_file", "/srv/aqueduct/objs/srs.log")),
                t.get("io.aqueduct.server"));
    }

    @Test
    void unknownDirectivesOnlyWarn() throws Exception {
        Translation t = translate("listen 1936;\nfoo bar;\nvhost v { baz 1; play { qux; } }\nmax_connections 5;");

        assertEquals(List.of("WARNING " + F + ":2: unknown directive 'foo' ignored",
                "WARNING " + F + ":3: unknown directive 'baz' ignored",
                "WARNING " + F + ":3: unknown directive 'qux' ignored"), messages(t));
        assertArrayEquals(new String[] {"1936"}, (String[]) t.get("io.aqueduct.rtmp.server").get("listen"));
        assertEquals(5, t.get("io.aqueduct.rtmp.server").get("max_connections"));
        assertEquals("v", t.get("io.aqueduct.vhost~v").get("name"));
    }

    @Test
    void unsupportedFeaturesWarnOncePerLine() throws Exception {
        Translation t = translate("http_api { enabled on; listen 1985; }\nstats { network 0; }\n"
                + "vhost v {\n hls { enabled on; }\n dvr { enabled off; }\n}\nff_log_dir ./objs;");

        assertEquals(List.of("WARNING " + F + ":1: 'http_api' is not supported, ignored",
                "WARNING " + F + ":2: 'stats' is not supported, ignored",
                "WARNING " + F + ":4: 'hls' is not supported, ignored",
                "WARNING " + F + ":5: 'dvr' is not supported, ignored"), messages(t));
    }

    @Test
    void badListenRejectsThatLineOnly() throws Exception {
        Translation t = translate("listen abc;\nmax_connections 7;");

        assertEquals(List.of("ERROR " + F + ":1: bad value for 'listen': 'abc' is not a port, host:port or "
                + "[ipv6]:port; line rejected, default kept"), messages(t));
        assertArrayEquals(new String[] {"1935"}, (String[]) t.get("io.aqueduct.rtmp.server").get("listen"));
        assertEquals(7, t.get("io.aqueduct.rtmp.server").get("max_connections"));
    }

    @Test
    void listenAcceptsPortsAddressesAndBracketedIpv6() throws Exception {
        Translation t = translate("listen 1935 0.0.0.0:19350 [::1]:1936;");

        assertEquals(List.of(), t.diagnostics());
        assertArrayEquals(new String[] {"1935", "0.0.0.0:19350", "[::1]:1936"},
                (String[]) t.get("io.aqueduct.rtmp.server").get("listen"));
    }

    @Test
    void listenRefusesBadPortsAndUnbracketedIpv6() throws Exception {
        assertEquals(List.of("ERROR " + F + ":1: bad value for 'listen': '70000': port 70000 is out of range "
                + "1..65535; line rejected, default kept"), messages(translate("listen 70000;")));
        assertEquals(List.of("ERROR " + F + ":1: bad value for 'listen': '::1:1935' is not a port, host:port or "
                + "[ipv6]:port; line rejected, default kept"), messages(translate("listen ::1:1935;")));
        assertEquals(List.of("ERROR " + F + ":1: bad value for 'listen': 'host:x' has no valid port; line "
                + "rejected, default kept"), messages(translate("listen 1935 host:x;")));
    }

    @Test
    void chunkSizeOutOfRangeIsRejectedAndVhostsInheritTheGlobalValue() throws Exception {
        Translation bad = translate("chunk_size 10;\nvhost a {}");
        assertEquals(List.of("ERROR " + F + ":1: bad value for 'chunk_size': 10 is out of range 128..65536; "
                + "line rejected, default kept"), messages(bad));
        assertEquals(60000, bad.get("io.aqueduct.rtmp.server").get("chunk_size"));
        assertEquals(60000, bad.get("io.aqueduct.vhost~a").get("chunk_size"));

        Translation inherited = translate("chunk_size 4096;\nvhost a {}\nvhost b { chunk_size 128; }");
        assertEquals(4096, inherited.get("io.aqueduct.vhost~a").get("chunk_size"));
        assertEquals(128, inherited.get("io.aqueduct.vhost~b").get("chunk_size"));
    }

    @Test
    void playAndPublishSettingsGoToTheVhost() throws Exception {
        Translation t = translate("vhost live.example.com {\n enabled off;\n play { gop_cache off; queue_length 10; "
                + "time_jitter zero; mw_latency 350; }\n publish { normal_timeout 7000; firstpkt_timeout 9000; }\n}");

        assertEquals(List.of(), t.diagnostics());
        assertProperties(fromFile(props("name", "live.example.com", "enabled", false, "chunk_size", 60000,
                "gop_cache", false, "queue_length", 10, "time_jitter", "zero", "mw_latency", 350,
                "publish_normal_timeout", 7000, "publish_firstpkt_timeout", 9000)),
                t.get("io.aqueduct.vhost~live.example.com"));
    }

    @Test
    void playersAreMergedEvery90MillisecondsUnlessMinLatencyOrAnExplicitWindowSaysOtherwise() throws Exception {
        Translation t = translate("vhost a {}\nvhost b { min_latency on; }\nvhost c { min_latency on; "
                + "play { mw_latency 350; } }\nvhost d { min_latency off; }");

        assertEquals(List.of(), t.diagnostics());
        assertEquals(90, t.get("io.aqueduct.vhost~a").get("mw_latency"));
        assertEquals(0, t.get("io.aqueduct.vhost~b").get("mw_latency"), "min_latency on writes at once");
        assertEquals(350, t.get("io.aqueduct.vhost~c").get("mw_latency"), "an explicit mw_latency wins");
        assertEquals(90, t.get("io.aqueduct.vhost~d").get("mw_latency"));
    }

    @Test
    void oldStylePlaySettingsDirectlyInTheVhostAreAccepted() throws Exception {
        Translation t = translate("vhost a { gop_cache off; queue_length 5; }");

        assertEquals(List.of(), t.diagnostics());
        assertEquals(false, t.get("io.aqueduct.vhost~a").get("gop_cache"));
        assertEquals(5, t.get("io.aqueduct.vhost~a").get("queue_length"));
    }

    @Test
    void theFirstOfTwoValuesWinsAsInSrs() throws Exception {
        Translation t = translate("listen 1935;\nlisten 1936;\nvhost a {\n gop_cache off;\n play { gop_cache on; }\n}");

        assertEquals(List.of("WARNING " + F + ":2: duplicate 'listen' ignored, already set at " + F + ":1",
                "WARNING " + F + ":5: duplicate 'gop_cache' ignored, already set at " + F + ":4"), messages(t));
        assertArrayEquals(new String[] {"1935"}, (String[]) t.get("io.aqueduct.rtmp.server").get("listen"));
        assertEquals(false, t.get("io.aqueduct.vhost~a").get("gop_cache"));
    }

    @Test
    void badValuesOfEachKind() throws Exception {
        Translation t = translate("daemon maybe;\nsrs_log_tank syslog;\nvhost a { play { queue_length x; } "
                + "cluster { origin a:b; } }\nmax_connections;\nmax_connections 1 2;");

        assertEquals(List.of(
                "ERROR " + F + ":1: bad value for 'daemon': 'maybe' is not on or off; line rejected, default kept",
                "ERROR " + F + ":2: bad value for 'srs_log_tank': 'syslog' is not one of console|file; line "
                        + "rejected, default kept",
                "ERROR " + F + ":3: bad value for 'queue_length': 'x' is not a number; line rejected, default kept",
                "ERROR " + F + ":3: bad value for 'origin': 'a:b' has no valid port; line rejected, default kept",
                "ERROR " + F + ":4: missing value for 'max_connections'; line rejected, default kept",
                "ERROR " + F + ":5: bad value for 'max_connections': expects one value, got 2; line rejected, "
                        + "default kept"), messages(t));
        assertEquals(30, t.get("io.aqueduct.vhost~a").get("queue_length"));
        assertArrayEquals(new String[0], (String[]) t.get("io.aqueduct.edge~a").get("origin"));
    }

    @Test
    void blocksAndValuesUsedTheWrongWayAreRejected() throws Exception {
        Translation t = translate("vhost;\nlisten { }\nvhost a b { }\nvhost c { play x { } }");

        assertEquals(List.of("ERROR " + F + ":1: 'vhost' expects a block { ... }; line rejected",
                "ERROR " + F + ":2: 'listen' does not take a block; line rejected, default kept",
                "ERROR " + F + ":3: 'vhost' expects one name, got 2; block rejected",
                "ERROR " + F + ":4: 'play' takes no arguments; block rejected"), messages(t));
        assertNull(t.get("io.aqueduct.vhost~a"));
        assertEquals("c", t.get("io.aqueduct.vhost~c").get("name"));
    }

    @Test
    void daemonOnWarnsThatWeRunInTheForeground() throws Exception {
        Translation t = translate("daemon on;");

        assertEquals(List.of("WARNING " + F + ":1: daemon on is not supported, running in the foreground"),
                messages(t));
    }

    @Test
    void aForwardDestinationThatIsNeitherHostNorRtmpUrlIsRejectedWithItsLine() throws Exception {
        Translation t = translate("vhost a {\n forward { enabled on;\n destination rtmp://nohost; }\n}");

        assertEquals(1, t.diagnostics().size(), t.diagnostics().toString());
        assertTrue(t.diagnostics().get(0).toString().contains(":3: bad value for 'destination'"),
                t.diagnostics().toString());
    }

    @Test
    void forwardAndClusterWithAllValues() throws Exception {
        Translation t = translate("vhost a {\n forward { enabled on; destination 10.0.0.1:19350 10.0.0.2 "
                + "rtmp://10.0.0.3:1936/[app]/[stream]_copy; "
                + "backend http://127.0.0.1:8085/api/v1/forward; }\n cluster { mode remote; origin [::1]:1935 o2; "
                + "vhost up.example.com; protocol flv; }\n}");

        assertEquals(List.of(), t.diagnostics());
        assertProperties(fromFile(props("vhost", "a", "enabled", true, "destination",
                new String[] {"10.0.0.1:19350", "10.0.0.2", "rtmp://10.0.0.3:1936/[app]/[stream]_copy"}, "backend", "http://127.0.0.1:8085/api/v1/forward")),
                t.get("io.aqueduct.forward~a"));
        assertProperties(fromFile(props("vhost", "a", "mode", "remote", "origin", new String[] {"[::1]:1935", "o2"},
                "upstream_vhost", "up.example.com", "protocol", "flv")), t.get("io.aqueduct.edge~a"));
    }

    @Test
    void httpBlocksWithDefaults() throws Exception {
        Translation t = translate("http_server { }\nvhost a { http_remux { } forward { } }");

        assertProperties(fromFile(props("enabled", false, "listen", new String[] {"8080"}, "dir",
                "/srv/aqueduct/objs/nginx/html", "max_connections", 1000)), t.get("io.aqueduct.http.server"));
        assertProperties(fromFile(props("vhost", "a", "enabled", false, "mount", "[vhost]/[app]/[stream].flv",
                "hstrs", true)), t.get("io.aqueduct.httpflv.remux~a"));
        assertProperties(fromFile(props("vhost", "a", "enabled", false, "destination", new String[0])),
                t.get("io.aqueduct.forward~a"));
    }

    @Test
    void logToFileWithLevel() throws Exception {
        Translation t = translate("srs_log_tank file;\nsrs_log_level warn;\nsrs_log_file ./logs/aqueduct.log;");

        assertEquals("/srv/aqueduct/logs/aqueduct.log", t.get("io.aqueduct.server").get("srs_log_file"));
        assertProperties(fromFile(props("log4j2.rootLogger.level", "WARN", "log4j2.logger.aqueduct.name",
                "io.aqueduct", "log4j2.logger.aqueduct.level", "WARN", "log4j2.rootLogger.appenderRef.srs.ref",
                "srs", "log4j2.appender.srs.name", "srs", "log4j2.appender.srs.type", "File",
                "log4j2.appender.srs.fileName", "/srv/aqueduct/logs/aqueduct.log", "log4j2.appender.srs.append",
                "true", "log4j2.appender.srs.layout.type", "PatternLayout", "log4j2.appender.srs.layout.pattern",
                PaxLoggingProperties.PATTERN)), t.get("org.ops4j.pax.logging"));
    }

    @Test
    void srsLevelsMapOneStepBecauseTraceIsSrsNormalLevel() {
        assertEquals(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
                List.of("verbose", "info", "trace", "warn", "error").stream().map(PaxLoggingProperties::log4jLevel)
                        .collect(Collectors.toList()));
    }

    @Test
    void absolutePathsStayAsTheyAre() throws Exception {
        assertEquals("/run/aqueduct.pid", translate("pid /run/aqueduct.pid;").get("io.aqueduct.server").get("pid"));
    }
}
