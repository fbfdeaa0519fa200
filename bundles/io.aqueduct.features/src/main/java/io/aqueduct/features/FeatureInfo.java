package io.aqueduct.features;

import java.util.List;
import java.util.Optional;

/**
 * What a feature is and its state in the framework at the time it was asked.
 *
 * @param name      the short name ({@code http-flv}), used by {@link FeatureService#install(String)}
 * @param id        the feature id ({@code io.aqueduct:aqueduct-feature-http-flv:osgifeature:0.1.0-SNAPSHOT})
 * @param bundles   the symbolic names of its bundles
 * @param installed whether every one of its bundles is installed
 * @param active    how many of its bundles are active
 * @param trigger   the configuration directive that installs it at start ({@code http_remux}), if any
 */
public record FeatureInfo(String name, String id, List<String> bundles, boolean installed, Activity active,
        Optional<String> trigger) {

    public FeatureInfo {
        bundles = List.copyOf(bundles);
    }

    /** How many of a feature's bundles are active (started; a fragment counts when resolved). */
    public enum Activity {
        /** All of them. */
        YES,
        /** Some of them. */
        PARTIAL,
        /** None of them (so also a feature that is not installed). */
        NO
    }
}
