package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaBuffers;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.shell.TextTable;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo command {@code aqueduct:status}: one screen on the whole server (version, uptime, listeners, streams,
 * clients, bytes, memory, threads).
 *
 * <p>Listeners are the {@code listen} addresses configured in Configuration Admin for the RTMP server
 * ({@code io.aqueduct.rtmp.server}) and the HTTP server ({@code io.aqueduct.http.server}), with the defaults those
 * servers use when no configuration exists. The core cannot see the sockets the protocol bundles bind, so a bind
 * that failed shows in the log, not here; the line says "configured" to be honest about that.
 */
@Component(service = StatusCommands.class, property = {
    "osgi.command.scope=aqueduct",
    "osgi.command.function=status"
})
public final class StatusCommands {

    static final String RTMP_PID = "io.aqueduct.rtmp.server";
    static final String HTTP_PID = "io.aqueduct.http.server";

    private final StreamRegistry registry;
    private final ClientRegistry clients;
    private final String version;
    private final Supplier<List<String>> listeners;

    @Activate
    public StatusCommands(@Reference StreamRegistry registry, @Reference ClientRegistry clients,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ConfigurationAdmin configAdmin, BundleContext context) {
        this(registry, clients, context.getBundle().getVersion().toString(), () -> configuredListeners(configAdmin));
    }

    StatusCommands(StreamRegistry registry, ClientRegistry clients, String version,
            Supplier<List<String>> listeners) {
        this.registry = registry;
        this.clients = clients;
        this.version = version;
        this.listeners = listeners;
    }

    @Descriptor("server status: version, uptime, listeners, streams, clients, bytes, memory, threads")
    public String status() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("version", version + " (io.aqueduct.stream), server id " + registry.serverId()));
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        rows.add(row("uptime", TextTable.age(Instant.now().minusMillis(uptime)) + " (JVM started "
                + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()) + ")"));
        rows.add(row("listeners", String.join("; ", listeners.get())));
        rows.add(row("streams", streams()));
        rows.add(row("clients", clients()));
        rows.add(row("bytes", bytes()));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        rows.add(row("heap", size(heap.getUsed()) + " used of " + size(heap.getMax()) + " max"));
        rows.add(row("direct", direct()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        rows.add(row("threads", threads.getThreadCount() + " live (" + threads.getDaemonThreadCount() + " daemon, peak "
                + threads.getPeakThreadCount() + ")"));
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append(String.format("%-10s %s%n", r[0], r[1]));
        }
        return out.toString();
    }

    private String streams() {
        List<StreamInfo> list = registry.streams();
        long published = list.stream().filter(s -> s.publisher().isPresent()).count();
        int players = list.stream().mapToInt(StreamInfo::players).sum();
        return list.size() + " (" + published + " published, " + players + " players)";
    }

    private String clients() {
        Map<String, Integer> byProtocol = new TreeMap<>();
        for (ClientSession c : clients.clients()) {
            byProtocol.merge(c.protocol(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder().append(clients.count());
        if (!byProtocol.isEmpty()) {
            List<String> parts = new ArrayList<>();
            byProtocol.forEach((protocol, n) -> parts.add(protocol + " " + n));
            out.append(" (").append(String.join(", ", parts)).append(')');
        }
        return out.toString();
    }

    /** Summed over the streams that exist now: a stream's counters go when it has neither publisher nor players. */
    private String bytes() {
        long in = 0;
        long out = 0;
        for (StreamInfo s : registry.streams()) {
            in += s.bytesIn();
            out += s.bytesOut();
        }
        return "in " + size(in) + ", out " + size(out) + " (streams live now)";
    }

    /** The media allocator's count, the default allocator's, Netty's own where it keeps one, the JVM's (NIO). */
    private static String direct() {
        List<String> parts = new ArrayList<>();
        if (MediaBuffers.allocator() instanceof ByteBufAllocatorMetricProvider p) {
            parts.add(size(p.metric().usedDirectMemory()) + " in Netty's allocator (media)");
        }
        if (ByteBufAllocator.DEFAULT != MediaBuffers.allocator()
                && ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p) {
            parts.add(size(p.metric().usedDirectMemory()) + " in its default allocator (other channels)");
        }
        long counted = PlatformDependent.usedDirectMemory();
        if (counted >= 0) {
            parts.add(size(counted) + " counted by Netty");
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                parts.add(size(pool.getMemoryUsed()) + " in JVM direct buffers");
            }
        }
        return String.join(", ", parts) + " (max " + size(PlatformDependent.maxDirectMemory()) + ")";
    }

    /**
     * The configured listen addresses of the RTMP and HTTP servers, or their defaults (RTMP 1935; HTTP off) when
     * no configuration exists. Reads without creating configurations.
     */
    static List<String> configuredListeners(ConfigurationAdmin configAdmin) {
        if (configAdmin == null) {
            return List.of("unknown (no Configuration Admin)");
        }
        List<String> out = new ArrayList<>();
        Dictionary<String, Object> rtmp = properties(configAdmin, RTMP_PID);
        out.add("rtmp " + listen(rtmp, "1935") + " (" + (rtmp == null ? "default" : "configured") + ")");
        Dictionary<String, Object> http = properties(configAdmin, HTTP_PID);
        boolean httpOn = http != null && Boolean.parseBoolean(String.valueOf(http.get("enabled")));
        out.add(httpOn ? "http " + listen(http, "8080") + " (configured)" : "http off");
        return out;
    }

    private static Dictionary<String, Object> properties(ConfigurationAdmin configAdmin, String pid) {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }

    /** A {@code listen} value: a String[], a collection or a plain string, as Configuration Admin may hold it. */
    private static String listen(Dictionary<String, Object> props, String fallback) {
        Object value = props == null ? null : props.get("listen");
        if (value instanceof String[] array) {
            return array.length == 0 ? "none" : String.join(",", array);
        }
        if (value instanceof Iterable<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(String.valueOf(v)));
            return parts.isEmpty() ? "none" : String.join(",", parts);
        }
        return value == null ? fallback : String.valueOf(value);
    }

    private static String[] row(String name, String value) {
        return new String[] {name, value};
    }

    /** A byte count as B, KiB, MiB or GiB with one decimal. */
    static String size(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
