package io.aqueduct.features.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The features of a directory: every {@code *.json} file in it, read at once. A file that cannot be read is left
 * out and reported in {@link #problems()}; the others stay usable.
 *
 * @param features name to feature, sorted by name
 * @param problems one message per file left out, naming the file
 */
record FeatureCatalog(SortedMap<String, FeatureDescriptor> features, List<String> problems) {

    static FeatureCatalog read(Path directory) {
        SortedMap<String, FeatureDescriptor> features = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list the features directory " + directory + ": " + e);
            return new FeatureCatalog(Collections.unmodifiableSortedMap(features), List.copyOf(problems));
        }
        for (Path file : files) {
            try {
                FeatureDescriptor feature = FeatureDescriptor.parse(Files.readString(file, StandardCharsets.UTF_8));
                FeatureDescriptor other = features.putIfAbsent(feature.name(), feature);
                if (other != null) {
                    problems.add(file + ": feature " + feature.name() + " is already defined by another file");
                }
            } catch (IllegalArgumentException e) {
                problems.add(file + ": " + e.getMessage());
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e);
            }
        }
        return new FeatureCatalog(Collections.unmodifiableSortedMap(features), List.copyOf(problems));
    }
}
