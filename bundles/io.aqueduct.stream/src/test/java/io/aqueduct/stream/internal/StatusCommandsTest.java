package io.aqueduct.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.Subscription;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class StatusCommandsTest {

    private static final StreamKey KEY = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");

    private final LiveStreamRegistry registry = new LiveStreamRegistry();
    private final ClientTable clients = new ClientTable();

    @AfterEach
    void stop() {
        registry.deactivate();
    }

    @Test
    void statusCountsStreamsClientsAndBytes() throws Exception {
        StatusCommands commands = new StatusCommands(registry, clients, "1.2.3", () -> List.of("rtmp 1935 (default)"));
        TestClient publisher = new TestClient("1");
        TestClient player = new TestClient("2");
        clients.register(publisher);
        clients.register(player);
        Publication p = registry.publish(KEY, publisher);
        Subscription s = registry.subscribe(KEY, player, () -> { });
        p.send(LiveStreamRegistryTest.video(0, true));
        p.send(LiveStreamRegistryTest.audio(10));
        LiveStreamRegistryTest.drain(s);

        String status = commands.status();
        assertEquals("1.2.3 (io.aqueduct.stream), server id " + registry.serverId(), value(status, "version"));
        assertTrue(value(status, "uptime").matches("\\d+h\\d\\dm\\d\\ds \\(JVM started .+\\)"), status);
        assertEquals("rtmp 1935 (default)", value(status, "listeners"));
        assertEquals("1 (1 published, 1 players)", value(status, "streams"));
        assertEquals("2 (test 2)", value(status, "clients"));
        assertEquals("in 10 B, out 10 B (streams live now)", value(status, "bytes"), "6 + 4 bytes of payload");
        assertTrue(value(status, "heap").matches("[\\d.]+ (B|KiB|MiB|GiB) used of [\\d.]+ (B|KiB|MiB|GiB) max"), status);
        assertTrue(value(status, "direct").contains("in JVM direct buffers"), status);
        assertTrue(value(status, "threads").matches("\\d+ live \\(\\d+ daemon, peak \\d+\\)"), status);
        s.close();
        p.close();
    }

    @Test
    void listenersComeFromConfigurationAdminWithTheServersDefaults() {
        assertEquals(List.of("rtmp 1935 (default)", "http off"),
                StatusCommands.configuredListeners(configAdmin(Map.of())));
        Hashtable<String, Object> rtmp = new Hashtable<>(Map.of("listen", new String[] {"1935", "127.0.0.1:19350"}));
        Hashtable<String, Object> http = new Hashtable<>(Map.of("enabled", true, "listen", new String[] {"8080"}));
        assertEquals(List.of("rtmp 1935,127.0.0.1:19350 (configured)", "http 8080 (configured)"),
                StatusCommands.configuredListeners(configAdmin(Map.of(StatusCommands.RTMP_PID, rtmp,
                        StatusCommands.HTTP_PID, http))));
        assertEquals(List.of("unknown (no Configuration Admin)"), StatusCommands.configuredListeners(null));
    }

    @Test
    void sizesAreHumanReadable() {
        assertEquals("512 B", StatusCommands.size(512));
        assertEquals("1.5 KiB", StatusCommands.size(1536));
        assertEquals("3.0 GiB", StatusCommands.size(3L << 30));
        assertEquals("unknown", StatusCommands.size(-1));
    }

    /** The value of one "name  value" line. */
    private static String value(String status, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " +(.*)$").matcher(status);
        assertTrue(m.find(), "no line " + name + " in:\n" + status);
        return m.group(1).trim();
    }

    /** A Configuration Admin that answers listConfigurations("(service.pid=PID)") from a map. */
    private static ConfigurationAdmin configAdmin(Map<String, Hashtable<String, Object>> byPid) {
        return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("listConfigurations")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String pid = ((String) args[0]).replace("(service.pid=", "").replace(")", "");
                    Hashtable<String, Object> props = byPid.get(pid);
                    return props == null ? null : new Configuration[] {configuration(props)};
                });
    }

    private static Configuration configuration(Dictionary<String, Object> props) {
        return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperties")) {
                        return props;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
