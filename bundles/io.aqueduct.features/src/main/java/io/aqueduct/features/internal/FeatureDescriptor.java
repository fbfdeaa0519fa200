package io.aqueduct.features.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One feature file: an OSGi Feature Service JSON document (OSGi Compendium R8, chapter 160) whose id is
 * {@code io.aqueduct:aqueduct-feature-NAME:osgifeature:VERSION}.
 *
 * <p>Aqueduct reads {@code id}, {@code name}, {@code description}, {@code bundles}, {@code configurations} and the
 * {@value FeatureTrigger#EXTENSION} extension; other members of the format are allowed and ignored.
 *
 * @param name           the short name operators type ({@code http-flv}): the id's artifactId without the prefix
 * @param id             the feature id
 * @param title          the {@code name} member of the file (a human-readable title), or the short name
 * @param description    the {@code description} member, or empty
 * @param bundles        the bundles, in start order
 * @param configurations PID to properties: the configurations the feature's bundles read, with their defaults.
 *                       Informative: the SRS-style file is the one writer of Configuration Admin
 * @param trigger        when the configuration asks for the feature
 */
record FeatureDescriptor(String name, ArtifactId id, String title, String description, List<ArtifactId> bundles,
        Map<String, Map<String, Object>> configurations, Optional<FeatureTrigger> trigger) {

    static final String GROUP_ID = "io.aqueduct";
    static final String ARTIFACT_PREFIX = "aqueduct-feature-";
    static final String TYPE = "osgifeature";

    /**
     * Reads a feature file's text.
     *
     * @throws IllegalArgumentException with a message naming the problem when the text is not valid JSON, not a
     *                                  feature, or not an Aqueduct feature
     */
    static FeatureDescriptor parse(String json) {
        Map<String, Object> root = FeatureJson.asObject(JsonReader.parse(json), "the document");
        FeatureJson.optionalString(root, "feature-resource-version", "feature").ifPresent(v -> {
            if (!v.equals("1.0")) {
                throw new IllegalArgumentException("feature-resource-version " + v + " is not supported (1.0 is)");
            }
        });
        ArtifactId id = ArtifactId.parse(FeatureJson.requiredString(root, "id", "feature"));
        if (!id.groupId().equals(GROUP_ID) || !id.artifactId().startsWith(ARTIFACT_PREFIX)
                || !id.type().equals(TYPE) || id.artifactId().length() == ARTIFACT_PREFIX.length()) {
            throw new IllegalArgumentException("feature id " + id + " is not " + GROUP_ID + ":" + ARTIFACT_PREFIX
                    + "NAME:" + TYPE + ":VERSION");
        }
        String name = id.artifactId().substring(ARTIFACT_PREFIX.length());
        String where = "feature " + name;
        return new FeatureDescriptor(name, id,
                FeatureJson.optionalString(root, "name", where).orElse(name),
                FeatureJson.optionalString(root, "description", where).orElse(""),
                bundles(root, where), configurations(root, where), trigger(root, where));
    }

    private static List<ArtifactId> bundles(Map<String, Object> root, String where) {
        List<ArtifactId> bundles = new ArrayList<>();
        for (Object entry : FeatureJson.requiredArray(root, "bundles", where)) {
            // A bundle is its id, or an object with an "id" and metadata.
            String id = entry instanceof String s ? s
                    : FeatureJson.requiredString(FeatureJson.asObject(entry, where + ": a bundle"), "id", where);
            ArtifactId bundle = ArtifactId.parse(id);
            if (bundles.stream().anyMatch(b -> b.artifactId().equals(bundle.artifactId()))) {
                throw new IllegalArgumentException(where + ": bundle " + bundle.artifactId() + " listed twice");
            }
            bundles.add(bundle);
        }
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException(where + ": no bundles");
        }
        return List.copyOf(bundles);
    }

    private static Map<String, Map<String, Object>> configurations(Map<String, Object> root, String where) {
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        FeatureJson.optionalObject(root, "configurations", where).forEach((pid, properties) -> configurations.put(pid,
                Collections.unmodifiableMap(FeatureJson.asObject(properties, where + ": configuration " + pid))));
        return Collections.unmodifiableMap(configurations);
    }

    private static Optional<FeatureTrigger> trigger(Map<String, Object> root, String where) {
        Object extension = FeatureJson.optionalObject(root, "extensions", where).get(FeatureTrigger.EXTENSION);
        if (extension == null) {
            return Optional.empty();
        }
        Map<String, Object> ext = FeatureJson.asObject(extension, where + ": extension " + FeatureTrigger.EXTENSION);
        if (!"json".equals(ext.get("type"))) {
            throw new IllegalArgumentException(where + ": extension " + FeatureTrigger.EXTENSION
                    + " must have \"type\": \"json\"");
        }
        Map<String, Object> json = FeatureJson.asObject(ext.get("json"),
                where + ": the \"json\" member of extension " + FeatureTrigger.EXTENSION);
        return Optional.of(FeatureTrigger.fromJson(json));
    }
}
