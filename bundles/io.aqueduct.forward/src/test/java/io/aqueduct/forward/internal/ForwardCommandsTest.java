package io.aqueduct.forward.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** forward:add and forward:remove write the vhost's factory configuration as a file change would. */
class ForwardCommandsTest {

    /** name of the factory configuration -> its properties (null until the first update). */
    private final Map<String, Dictionary<String, Object>> stored = new HashMap<>();
    private Node node;
    private Forwarder forwarder;
    private ForwardCommands commands;

    @BeforeEach
    void start() throws Exception {
        node = Node.onFreePort();
        node.start();
        forwarder = new Forwarder(node.registry, node.clients);
        commands = new ForwardCommands(forwarder, configurationAdmin());
    }

    @AfterEach
    void stop() throws Exception {
        forwarder.deactivate();
        node.stop();
    }

    @Test
    void addCreatesAnEnabledConfigurationAndRemoveTakesTheDestinationOut() throws Exception {
        String added = commands.add("__defaultVhost__", "127.0.0.1:19350");
        assertTrue(added.contains("added destination 127.0.0.1:19350"), added);
        assertTrue(added.endsWith(ForwardCommands.LIVE_ONLY), "says the config file is unchanged: " + added);
        Dictionary<String, Object> props = stored.get("__defaultVhost__");
        assertEquals("__defaultVhost__", props.get("vhost"));
        assertEquals(Boolean.TRUE, props.get("enabled"));
        assertArrayEquals(new String[] {"127.0.0.1:19350"}, (String[]) props.get("destination"));

        commands.add("__defaultVhost__", "rtmp://10.0.0.9/[app]/[stream]");
        assertArrayEquals(new String[] {"127.0.0.1:19350", "rtmp://10.0.0.9/[app]/[stream]"},
                (String[]) stored.get("__defaultVhost__").get("destination"));
        assertTrue(commands.add("__defaultVhost__", "127.0.0.1:19350").contains("already forwards"));

        String removed = commands.remove("__defaultVhost__", "127.0.0.1:19350");
        assertTrue(removed.contains("removed destination 127.0.0.1:19350"), removed);
        assertArrayEquals(new String[] {"rtmp://10.0.0.9/[app]/[stream]"},
                (String[]) stored.get("__defaultVhost__").get("destination"));
        assertTrue(commands.remove("__defaultVhost__", "nowhere:1").contains("does not forward to"));
    }

    @Test
    void badInputIsAnsweredWithAMessage() throws Exception {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> commands.add("__defaultVhost__", "http://x/y"));
        assertTrue(refused.getMessage().startsWith("not added:"), refused.getMessage());
        assertNull(stored.get("__defaultVhost__"));
        assertTrue(commands.remove("other.vhost", "a:1").contains("has no forward configuration"));
        assertTrue(commands.list().contains("no forwards"));
    }

    private ConfigurationAdmin configurationAdmin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getFactoryConfiguration") && args.length == 3) {
                        assertEquals(ForwardVhost.FACTORY_PID, args[0]);
                        return configuration((String) args[1]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private Configuration configuration(String name) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> stored.get(name) == null ? null : new Hashtable<>((Map<String, Object>)
                            (Map<?, ?>) stored.get(name));
                    case "update" -> {
                        stored.put(name, (Dictionary<String, Object>) args[0]);
                        yield null;
                    }
                    case "delete" -> {
                        stored.remove(name);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
