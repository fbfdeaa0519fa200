package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Features start from what the configuration needs: the HTTP-FLV bundle is not in the distribution's bundle/ but in
 * its repository/, and an enabled {@code http_remux} installs it at start.
 */
class FeaturesIT {

    private static final Duration FEATURE_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void distributionShipsFeatureBundlesInTheRepositoryAndTheFeatureFiles() throws Exception {
        Path home = AqueductProcess.distribution();

        assertTrue(Files.isRegularFile(home.resolve("repository/io/aqueduct/io.aqueduct.httpflv/0.1.0-SNAPSHOT/"
                + "io.aqueduct.httpflv-0.1.0-SNAPSHOT.jar")), "http-flv bundle not in " + home.resolve("repository"));
        try (Stream<Path> bundles = Files.list(home.resolve("bundle"))) {
            List<String> names = bundles.map(p -> p.getFileName().toString()).toList();
            for (String origin : List.of("io.aqueduct.stream.api", "io.aqueduct.stream", "io.aqueduct.amf",
                    "io.aqueduct.rtmp", "io.aqueduct.rtmp.server", "io.aqueduct.config.srs", "io.aqueduct.features")) {
                assertTrue(names.contains(origin + "-0.1.0-SNAPSHOT.jar"), origin + " not in bundle/: " + names);
            }
            for (String onDemand : List.of("io.aqueduct.httpflv", "io.aqueduct.forward", "io.aqueduct.edge.ingest",
                    "io.aqueduct.edge.publish")) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(onDemand + "-")),
                        onDemand + " must start through features, not from bundle/: " + names);
            }
        }
        for (String feature : List.of("origin", "http-flv", "forward", "edge")) {
            assertTrue(Files.isRegularFile(home.resolve("features/" + feature + ".json")), feature);
        }
    }

    @Test
    void anEnabledHttpRemuxStartsTheHttpFlvFeature() {
        int rtmpPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        String config = httpServer("withremux", rtmpPort, httpPort, """
                    http_remux {
                        enabled     on;
                        mount       [vhost]/[app]/[stream].flv;
                    }
                """);
        try (AqueductProcess server = AqueductProcess.startListening("withremux", config, httpPort)) {
            server.awaitLog("feature http-flv installed", FEATURE_TIMEOUT);

            assertTrue(server.log().contains("feature http-flv: the configuration asks for it (http_remux: "
                    + "io.aqueduct.httpflv.remux~__defaultVhost__)"), server.log());
            server.awaitListening(rtmpPort);
            assertEquals(List.of(), server.problemLines(), server.log());
        }
    }

    @Test
    void withoutHttpRemuxNothingListensOnHttp() {
        int rtmpPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        String config = httpServer("noremux", rtmpPort, httpPort, "");
        try (AqueductProcess server = AqueductProcess.startListening("noremux", config, rtmpPort)) {
            // The configuration has been written to Configuration Admin once the RTMP server listens.
            server.awaitLog("Applied ", FEATURE_TIMEOUT);

            assertFalse(AqueductProcess.accepts(httpPort), "HTTP port open without http_remux:\n" + server.log());
            assertFalse(server.log().contains("feature http-flv"), server.log());
            assertEquals(List.of(), server.problemLines(), server.log());
        }
    }

    /** A server with http_server enabled on {@code httpPort}; {@code vhostBody} goes into the default vhost. */
    private static String httpServer(String name, int rtmpPort, int httpPort, String vhostBody) {
        return """
                listen              %d;
                pid                 ./objs/%s.pid;
                daemon              off;
                srs_log_tank        console;
                http_server {
                    enabled         on;
                    listen          %d;
                }
                vhost __defaultVhost__ {
                %s}
                """.formatted(rtmpPort, name, httpPort, vhostBody);
    }
}
