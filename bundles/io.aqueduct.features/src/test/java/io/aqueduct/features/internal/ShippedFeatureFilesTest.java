package io.aqueduct.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.felix.feature.impl.FeatureServiceImpl;
import org.junit.jupiter.api.Test;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureExtension;

/**
 * The feature files the distribution ships (the top-level features/): each one is read by our reader and by the
 * reference implementation of the OSGi Feature Service (Apache Felix feature 1.0.2), and both agree.
 */
class ShippedFeatureFilesTest {

    private static final Path SOURCE = Path.of(System.getProperty("aqueduct.features.source", "../../features"));
    private static final String VERSION = System.getProperty("aqueduct.project.version", "0.1.0-SNAPSHOT");
    private static final Path REPOSITORY = Path.of("/opt/aqueduct/repository");

    @Test
    void everyFileIsAnAqueductFeatureNamedLikeItsFile() throws IOException {
        FeatureCatalog catalog = FeatureCatalog.read(SOURCE);

        assertEquals(List.of(), catalog.problems());
        assertEquals(List.of("edge", "forward", "http-flv", "origin"), List.copyOf(catalog.features().keySet()));
        for (Path file : files()) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            FeatureDescriptor feature = catalog.features().get(name);
            assertEquals("io.aqueduct:aqueduct-feature-" + name + ":osgifeature:" + VERSION, feature.id().toString());
            feature.bundles().forEach(b -> assertEquals(VERSION, b.version(), file + ": version of " + b));
        }
    }

    @Test
    void featuresNameTheBundlesAndTriggersOfTheDesign() {
        Map<String, FeatureDescriptor> features = FeatureCatalog.read(SOURCE).features();

        assertEquals(List.of("io.aqueduct.stream.api", "io.aqueduct.stream", "io.aqueduct.amf", "io.aqueduct.rtmp",
                "io.aqueduct.rtmp.server", "io.aqueduct.config.srs"), artifactIds(features.get("origin")));
        assertEquals(List.of("io.aqueduct.httpflv"), artifactIds(features.get("http-flv")));
        assertEquals(List.of("io.aqueduct.forward"), artifactIds(features.get("forward")));
        assertEquals(List.of("io.aqueduct.edge.ingest", "io.aqueduct.edge.publish"), artifactIds(features.get("edge")));

        assertEquals(Optional.empty(), features.get("origin").trigger());
        assertEquals("(&(service.factoryPid=io.aqueduct.httpflv.remux)(enabled=true))",
                features.get("http-flv").trigger().orElseThrow().configurationFilter());
        assertEquals("(&(service.factoryPid=io.aqueduct.forward)(enabled=true))",
                features.get("forward").trigger().orElseThrow().configurationFilter());
        assertEquals("(&(service.factoryPid=io.aqueduct.edge)(mode=remote))",
                features.get("edge").trigger().orElseThrow().configurationFilter());
        assertEquals(Map.of("enabled", false, "listen", List.of("8080"), "dir", ""),
                features.get("http-flv").configurations().get("io.aqueduct.http.server"));
    }

    @Test
    void bundlesMapToMavenLayoutPathsInTheRepository() {
        FeatureDescriptor httpFlv = FeatureCatalog.read(SOURCE).features().get("http-flv");

        assertEquals(REPOSITORY.resolve("io/aqueduct/io.aqueduct.httpflv/" + VERSION + "/io.aqueduct.httpflv-"
                + VERSION + ".jar"), httpFlv.bundles().get(0).pathIn(REPOSITORY));
    }

    @Test
    void theReferenceImplementationReadsEveryFileAsWeDo() throws IOException {
        FeatureServiceImpl reference = new FeatureServiceImpl();
        for (Path file : files()) {
            FeatureDescriptor ours = FeatureDescriptor.parse(Files.readString(file, StandardCharsets.UTF_8));
            Feature theirs;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                theirs = reference.readFeature(in);
            }

            assertEquals(ours.id().toString(), theirs.getID().toString(), file + ": id");
            assertEquals(Optional.of(ours.title()), theirs.getName(), file + ": name");
            assertEquals(ours.bundles().stream().map(ArtifactId::toString).toList(),
                    theirs.getBundles().stream().map(b -> b.getID().toString()).toList(), file + ": bundles");
            assertEquals(ours.configurations().keySet(), theirs.getConfigurations().keySet(), file + ": PIDs");
            FeatureExtension trigger = theirs.getExtensions().get(FeatureTrigger.EXTENSION);
            assertEquals(ours.trigger().isPresent(), trigger != null, file + ": trigger extension");
            if (trigger != null) {
                assertEquals(FeatureExtension.Type.JSON, trigger.getType());
                assertEquals(FeatureExtension.Kind.OPTIONAL, trigger.getKind());
                Map<String, Object> json = FeatureJson.asObject(JsonReader.parse(trigger.getJSON()), "trigger");
                assertEquals(ours.trigger().get(), FeatureTrigger.fromJson(json), file + ": trigger");
            }
        }
    }

    private static List<String> artifactIds(FeatureDescriptor feature) {
        return feature.bundles().stream().map(ArtifactId::artifactId).toList();
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(SOURCE)) {
            List<Path> files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(files.size() >= 4, "feature files in " + SOURCE.toAbsolutePath());
            return files;
        }
    }
}
