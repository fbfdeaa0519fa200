package io.aqueduct.forward.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What one vhost's forward configuration says, immutable.
 *
 * @param destinations the configured destinations, trimmed, without duplicates, in order
 * @param backend      the on_forward hook URL, empty when none
 */
record VhostForwarding(String vhost, boolean enabled, List<String> destinations, String backend) {

    VhostForwarding {
        destinations = List.copyOf(destinations);
        backend = backend == null ? "" : backend.trim();
    }

    static VhostForwarding of(ForwardConfig config) {
        return new VhostForwarding(config.vhost().trim(), config.enabled(), clean(config.destination()),
                config.backend());
    }

    /**
     * Splits, trims and de-duplicates destination entries; an entry may itself hold several destinations separated
     * by blanks or commas, as SRS's {@code destination a b;} does when it arrives as one string.
     */
    static List<String> clean(String[] entries) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (entries != null) {
            for (String entry : entries) {
                if (entry == null) {
                    continue;
                }
                for (String one : entry.trim().split("[\\s,]+")) {
                    if (!one.isEmpty()) {
                        out.add(one);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public String toString() {
        return "vhost " + vhost + ": forward " + (enabled ? "on" : "off") + " to " + destinations
                + (backend.isEmpty() ? "" : " and backend " + backend);
    }
}
