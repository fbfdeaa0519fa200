package io.aqueduct.features.internal;

import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * When the configuration asks for a feature: a configuration with that PID (or factory PID) whose properties
 * match an LDAP filter exists in Configuration Admin. Read from the feature's {@value #EXTENSION} extension:
 *
 * <pre>
 * "io.aqueduct.trigger": { "type": "json", "kind": "optional", "json": {
 *     "directive": "http_remux", "factoryPid": "io.aqueduct.httpflv.remux", "filter": "(enabled=true)" } }
 * </pre>
 *
 * @param directive what an operator writes in the SRS-style file to ask for the feature (shown by feature:list)
 * @param pidKey    {@link Constants#SERVICE_PID} or {@link ConfigurationAdmin#SERVICE_FACTORYPID}
 * @param pid       the PID or factory PID
 * @param filter    an LDAP filter on the configuration's properties
 */
record FeatureTrigger(String directive, String pidKey, String pid, String filter) {

    /** The name of the feature extension holding the trigger. */
    static final String EXTENSION = "io.aqueduct.trigger";

    /** The filter for {@link ConfigurationAdmin#listConfigurations(String)}. */
    String configurationFilter() {
        return "(&(" + pidKey + "=" + pid + ")" + filter + ")";
    }

    /** Reads the {@code json} member of the extension. */
    static FeatureTrigger fromJson(Map<String, Object> json) {
        String directive = FeatureJson.requiredString(json, "directive", EXTENSION);
        // Every configuration has a service.pid: without a filter, any configuration with that PID counts.
        String filter = FeatureJson.optionalString(json, "filter", EXTENSION)
                .orElse("(" + Constants.SERVICE_PID + "=*)");
        if (!filter.startsWith("(") || !filter.endsWith(")")) {
            throw new IllegalArgumentException(EXTENSION + ": filter '" + filter + "' is not an LDAP filter");
        }
        var factoryPid = FeatureJson.optionalString(json, "factoryPid", EXTENSION);
        var pid = FeatureJson.optionalString(json, "pid", EXTENSION);
        if (factoryPid.isPresent() == pid.isPresent()) {
            throw new IllegalArgumentException(EXTENSION + ": give exactly one of \"pid\" and \"factoryPid\"");
        }
        return factoryPid.map(f -> new FeatureTrigger(directive, ConfigurationAdmin.SERVICE_FACTORYPID, f, filter))
                .orElseGet(() -> new FeatureTrigger(directive, Constants.SERVICE_PID, pid.get(), filter));
    }
}
