package io.aqueduct.features.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A features directory and a Maven-layout repository in a temporary directory, filled with feature files and tiny
 * bundles (a manifest and nothing else) written by the test.
 */
final class TestRepository {

    static final String VERSION = "0.1.0-SNAPSHOT";

    final Path features;
    final Path repository;

    TestRepository(Path root) throws IOException {
        features = Files.createDirectories(root.resolve("features"));
        repository = Files.createDirectories(root.resolve("repository"));
    }

    /** Writes a bundle with that symbolic name where the feature id io.aqueduct:NAME:VERSION points. */
    Path addBundle(String symbolicName) throws IOException {
        return addBundle(symbolicName, symbolicName, null);
    }

    /**
     * Writes a bundle jar at the repository path of {@code io.aqueduct:artifactId:VERSION}.
     *
     * @param importPackage an Import-Package header, or null for none
     */
    Path addBundle(String artifactId, String symbolicName, String importPackage) throws IOException {
        Path jar = ArtifactId.parse("io.aqueduct:" + artifactId + ":" + VERSION).pathIn(repository);
        Files.createDirectories(jar.getParent());
        writeBundle(jar, symbolicName, importPackage);
        return jar;
    }

    static void writeBundle(Path jar, String symbolicName, String importPackage) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "0.1.0.SNAPSHOT");
        if (importPackage != null) {
            main.putValue("Import-Package", importPackage);
        }
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
    }

    /** Writes features/NAME.json: a feature of those bundles, with a trigger when {@code triggerJson} is not null. */
    void addFeature(String name, List<String> bundles, String triggerJson) throws IOException {
        String bundleIds = bundles.stream().map(b -> "\"io.aqueduct:" + b + ":" + VERSION + "\"")
                .collect(Collectors.joining(", "));
        String extensions = triggerJson == null ? ""
                : ",\n  \"extensions\": { \"io.aqueduct.trigger\": { \"type\": \"json\", \"kind\": \"optional\", "
                        + "\"json\": " + triggerJson + " } }";
        Files.writeString(features.resolve(name + ".json"), """
                {
                  "feature-resource-version": "1.0",
                  "id": "io.aqueduct:aqueduct-feature-%s:osgifeature:%s",
                  "bundles": [ %s ]%s
                }
                """.formatted(name, VERSION, bundleIds, extensions), StandardCharsets.UTF_8);
    }
}
