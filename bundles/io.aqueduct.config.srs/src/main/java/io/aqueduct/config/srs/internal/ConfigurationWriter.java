package io.aqueduct.config.srs.internal;

import io.aqueduct.config.srs.SrsConfigService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Makes Configuration Admin hold exactly the configurations of a translation: creates the missing ones, updates
 * only those whose properties changed (an update restarts the consuming components, so needless ones are
 * avoided), and deletes those written from the file earlier that the file no longer produces.
 *
 * <p>A configuration owned by Felix FileInstall (a {@code .cfg} file in the watched directory) is left alone: two
 * writers would fight, and FileInstall would write our values back into its file.
 */
final class ConfigurationWriter {

    /** The property Felix FileInstall sets on configurations it reads from files. */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    /** Configuration properties that Configuration Admin or FileInstall add; not part of the comparison. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of(Constants.SERVICE_PID,
            ConfigurationAdmin.SERVICE_FACTORYPID, ConfigurationAdmin.SERVICE_BUNDLELOCATION, FILEINSTALL_FILENAME);
    private static final String OURS = "(" + SrsConfigService.SOURCE_KEY + "=" + SrsConfigService.SOURCE_VALUE + ")";

    /** What an apply changed, as PIDs; {@code skipped} holds messages about foreign configurations. */
    record Outcome(List<String> added, List<String> updated, List<String> deleted, List<String> unchanged,
            List<String> skipped) {
    }

    private final ConfigurationAdmin configurationAdmin;

    ConfigurationWriter(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    Outcome apply(Map<ConfigTarget, Map<String, Object>> desired) throws IOException {
        Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        Set<String> produced = new HashSet<>();
        for (Map.Entry<ConfigTarget, Map<String, Object>> entry : desired.entrySet()) {
            ConfigTarget target = entry.getKey();
            Configuration configuration = target.isFactory()
                    ? configurationAdmin.getFactoryConfiguration(target.factoryPid(), target.name(), "?")
                    : configurationAdmin.getConfiguration(target.pid(), "?");
            produced.add(configuration.getPid());
            Dictionary<String, Object> current = configuration.getProperties();
            if (current == null) {
                configuration.update(new Hashtable<>(entry.getValue()));
                outcome.added().add(configuration.getPid());
            } else if (isForeign(current)) {
                outcome.skipped().add(configuration.getPid() + " is configured by " + current.get(FILEINSTALL_FILENAME)
                        + "; the values from the configuration file are not applied");
            } else if (sameProperties(current, entry.getValue())) {
                outcome.unchanged().add(configuration.getPid());
            } else {
                configuration.update(new Hashtable<>(entry.getValue()));
                outcome.updated().add(configuration.getPid());
            }
        }
        for (Configuration configuration : ours()) {
            String pid = configuration.getPid();
            if (!produced.contains(pid)) {
                // Read the PID first: a deleted configuration refuses every call.
                configuration.delete();
                outcome.deleted().add(pid);
            }
        }
        return outcome;
    }

    /** The configurations written from the file, PID to properties (without framework keys), sorted. */
    SortedMap<String, SortedMap<String, Object>> current() throws IOException {
        SortedMap<String, SortedMap<String, Object>> result = new TreeMap<>();
        for (Configuration configuration : ours()) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null) {
                result.put(configuration.getPid(), withoutFrameworkKeys(properties));
            }
        }
        return result;
    }

    private List<Configuration> ours() throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(OURS);
            return found == null ? List.of() : Arrays.asList(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter " + OURS + " rejected", e);
        }
    }

    private static boolean isForeign(Dictionary<String, Object> current) {
        return current.get(FILEINSTALL_FILENAME) != null
                && !SrsConfigService.SOURCE_VALUE.equals(current.get(SrsConfigService.SOURCE_KEY));
    }

    static boolean sameProperties(Dictionary<String, Object> current, Map<String, Object> desired) {
        SortedMap<String, Object> existing = withoutFrameworkKeys(current);
        if (!existing.keySet().equals(new HashSet<>(desired.keySet()))) {
            return false;
        }
        return desired.entrySet().stream().allMatch(e -> Objects.deepEquals(e.getValue(), existing.get(e.getKey())));
    }

    private static SortedMap<String, Object> withoutFrameworkKeys(Dictionary<String, Object> properties) {
        SortedMap<String, Object> map = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!FRAMEWORK_KEYS.contains(key)) {
                map.put(key, properties.get(key));
            }
        }
        return Collections.unmodifiableSortedMap(map);
    }
}
