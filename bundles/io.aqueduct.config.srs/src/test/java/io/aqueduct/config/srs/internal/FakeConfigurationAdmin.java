package io.aqueduct.config.srs.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * An in-memory Configuration Admin with just what the translator uses, counting update() and delete() calls. Like
 * the real one, a configuration has no properties (and is not listed) until its first update.
 */
final class FakeConfigurationAdmin implements ConfigurationAdmin {

    final Map<String, FakeConfiguration> configurations = new LinkedHashMap<>();
    final Map<String, Integer> updates = new HashMap<>();
    final List<String> deletions = new ArrayList<>();

    /** The stored properties of a PID, or null. */
    Dictionary<String, Object> properties(String pid) {
        FakeConfiguration c = configurations.get(pid);
        return c == null ? null : c.properties;
    }

    int updateCount(String pid) {
        return updates.getOrDefault(pid, 0);
    }

    /** Stores a configuration as if another party (FileInstall, a user) had written it. */
    void put(String pid, Map<String, Object> properties) {
        FakeConfiguration c = new FakeConfiguration(pid, null);
        c.properties = new Hashtable<>(properties);
        c.properties.put("service.pid", pid);
        configurations.put(pid, c);
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        return configurations.computeIfAbsent(pid, p -> new FakeConfiguration(p, null));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        return configurations.computeIfAbsent(factoryPid + "~" + name, p -> new FakeConfiguration(p, factoryPid));
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        Filter f = FrameworkUtil.createFilter(filter);
        Configuration[] found = configurations.values().stream()
                .filter(c -> c.properties != null && f.match(c.properties)).toArray(Configuration[]::new);
        return found.length == 0 ? null : found;
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getConfiguration(String pid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        throw new UnsupportedOperationException();
    }

    final class FakeConfiguration implements Configuration {
        private final String pid;
        private final String factoryPid;
        private boolean deleted;
        Hashtable<String, Object> properties;

        FakeConfiguration(String pid, String factoryPid) {
            this.pid = pid;
            this.factoryPid = factoryPid;
        }

        /** Like Felix's, a deleted configuration refuses to be used. */
        private void checkNotDeleted() {
            if (deleted) {
                throw new IllegalStateException("Configuration " + pid + " deleted");
            }
        }

        @Override
        public String getPid() {
            checkNotDeleted();
            return pid;
        }

        @Override
        public String getFactoryPid() {
            return factoryPid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            checkNotDeleted();
            return properties == null ? null : new Hashtable<>(properties);
        }

        @Override
        public void update(Dictionary<String, ?> newProperties) {
            checkNotDeleted();
            Hashtable<String, Object> copy = new Hashtable<>();
            for (Enumeration<String> keys = newProperties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                copy.put(key, newProperties.get(key));
            }
            copy.put("service.pid", pid);
            if (factoryPid != null) {
                copy.put("service.factoryPid", factoryPid);
            }
            properties = copy;
            updates.merge(pid, 1, Integer::sum);
        }

        @Override
        public void delete() {
            checkNotDeleted();
            deleted = true;
            configurations.remove(pid);
            deletions.add(pid);
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> newProperties) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBundleLocation(String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getBundleLocation() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getChangeCount() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }
    }
}
