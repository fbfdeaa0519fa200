package io.aqueduct.features.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An artifact identifier as the OSGi Feature Service writes it, {@code groupId:artifactId[:type[:classifier]]:version}
 * (Maven coordinates; the type defaults to {@code jar}).
 */
record ArtifactId(String groupId, String artifactId, String version, String type, Optional<String> classifier) {

    static ArtifactId parse(String id) {
        String[] parts = id.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException("'" + id + "' is not groupId:artifactId[:type[:classifier]]:version");
        }
        for (String part : parts) {
            if (part.isBlank() || part.contains("/") || part.contains("\\")) {
                throw new IllegalArgumentException("'" + id + "' has an empty or invalid part");
            }
        }
        String type = parts.length >= 4 ? parts[2] : "jar";
        Optional<String> classifier = parts.length == 5 ? Optional.of(parts[3]) : Optional.empty();
        return new ArtifactId(parts[0], parts[1], parts[parts.length - 1], type, classifier);
    }

    /**
     * Where the artifact lies in a repository with the Maven layout:
     * {@code group/path/artifactId/version/artifactId-version[-classifier].type}.
     */
    Path pathIn(Path repository) {
        String file = artifactId + "-" + version + classifier.map(c -> "-" + c).orElse("") + "." + type;
        Path path = repository;
        for (String segment : groupId.split("\\.")) {
            path = path.resolve(segment);
        }
        return path.resolve(artifactId).resolve(version).resolve(file);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + (classifier.isPresent() || !type.equals("jar") ? ":" + type : "")
                + classifier.map(c -> ":" + c).orElse("") + ":" + version;
    }
}
