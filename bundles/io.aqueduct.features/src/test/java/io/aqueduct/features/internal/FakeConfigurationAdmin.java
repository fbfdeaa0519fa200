package io.aqueduct.features.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration Admin holding configurations in memory; {@link #listConfigurations(String)} applies the LDAP filter
 * as the real one does. Only listing is supported: the trigger never writes configurations.
 */
final class FakeConfigurationAdmin implements ConfigurationAdmin {

    private final List<Dictionary<String, Object>> configurations = new CopyOnWriteArrayList<>();

    /** Adds a factory configuration named {@code name}, as the SRS-style translator writes one per vhost. */
    void putFactory(String factoryPid, String name, Map<String, Object> properties) {
        Hashtable<String, Object> dictionary = new Hashtable<>(properties);
        dictionary.put(Constants.SERVICE_PID, factoryPid + "~" + name);
        dictionary.put(ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
        configurations.removeIf(c -> c.get(Constants.SERVICE_PID).equals(dictionary.get(Constants.SERVICE_PID)));
        configurations.add(dictionary);
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        Filter parsed = filter == null ? null : FrameworkUtil.createFilter(filter);
        List<Configuration> found = new ArrayList<>();
        for (Dictionary<String, Object> properties : configurations) {
            if (parsed == null || parsed.match(properties)) {
                found.add(configuration(properties));
            }
        }
        return found.isEmpty() ? null : found.toArray(new Configuration[0]);
    }

    private static Configuration configuration(Dictionary<String, Object> properties) {
        return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                new Class<?>[] { Configuration.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> properties.get(Constants.SERVICE_PID);
                    case "getFactoryPid" -> properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
                    case "getProperties" -> properties;
                    case "toString" -> "Configuration " + properties.get(Constants.SERVICE_PID);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
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
    public Configuration getConfiguration(String pid, String location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getConfiguration(String pid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        throw new UnsupportedOperationException();
    }
}
