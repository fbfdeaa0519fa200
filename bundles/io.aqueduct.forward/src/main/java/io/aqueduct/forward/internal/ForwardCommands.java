package io.aqueduct.forward.internal;

import io.aqueduct.stream.api.shell.TextTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands of scope {@code forward}: {@code list} the forwards, {@code add} and {@code remove} destinations of
 * a vhost. Changes go through Configuration Admin, as a file change does, so they reach live streams the same way.
 */
@Component(service = ForwardCommands.class, property = {
    "osgi.command.scope=forward",
    "osgi.command.function=list",
    "osgi.command.function=add",
    "osgi.command.function=remove"
})
public final class ForwardCommands {

    /** The config file stays the source of truth, as in SRS: a shell change lasts until it is applied again. */
    static final String LIVE_ONLY = " (the config file is unchanged: where it has a forward block for this vhost, "
            + "aqueduct:reload or a restart applies the file's destinations again)";

    private final Forwarder forwarder;
    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public ForwardCommands(@Reference Forwarder forwarder, @Reference ConfigurationAdmin configurationAdmin) {
        this.forwarder = forwarder;
        this.configurationAdmin = configurationAdmin;
    }

    @Descriptor("list every stream x destination: state, bytes and messages sent, bytes still queued for "
            + "the destination, messages dropped for a slow destination, reconnects, last error")
    public String list() {
        List<ForwardSession> sessions = new ArrayList<>(forwarder.sessions());
        sessions.sort(Comparator.comparing((ForwardSession s) -> s.key().toString())
                .thenComparing(ForwardSession::destination));
        StringBuilder out = new StringBuilder();
        for (VhostForwarding v : forwarder.vhostSettings()) {
            out.append(v).append('\n');
        }
        if (sessions.isEmpty()) {
            return out.append("no forwards").toString();
        }
        TextTable t = new TextTable("STREAM", "DESTINATION", "STATE", "SINCE", "BYTES", "MESSAGES", "QUEUED",
                "DROPPED", "RECONNECTS", "LAST ERROR");
        for (ForwardSession s : sessions) {
            t.row(s.key().toString(), s.destination(), s.state().name().toLowerCase(Locale.ROOT),
                    TextTable.age(s.stateSince()), Long.toString(s.bytesSent()), Long.toString(s.messagesSent()),
                    Long.toString(s.queuedBytes()), Long.toString(s.droppedMessages()), Long.toString(s.reconnects()),
                    s.lastError().isEmpty() ? "-" : s.lastError());
        }
        return out.append(t).append(sessions.size()).append(" forward(s)").toString();
    }

    @Descriptor("add a forward destination to a vhost (creates and enables its forward configuration if needed)")
    public String add(@Descriptor("the vhost, e.g. __defaultVhost__") String vhost,
            @Descriptor("host:port, or an rtmp://host:port/[app]/[stream] template") String destination)
            throws IOException {
        String d = destination.trim();
        try {
            Destinations.resolve(d, new io.aqueduct.stream.api.StreamKey(vhost, "app", "stream"), "");
        } catch (IllegalArgumentException e) {
            // Thrown, not returned: the shell then reports a failure (the remote shell exits 1).
            throw new IllegalArgumentException("not added: " + e.getMessage(), e);
        }
        Configuration c = configurationAdmin.getFactoryConfiguration(ForwardVhost.FACTORY_PID, vhost, "?");
        Dictionary<String, Object> props = c.getProperties();
        boolean created = props == null;
        if (created) {
            props = new Hashtable<>();
            props.put("vhost", vhost);
            props.put("enabled", Boolean.TRUE);
        }
        List<String> destinations = destinations(props);
        if (destinations.contains(d)) {
            return "vhost " + vhost + " already forwards to " + d;
        }
        destinations.add(d);
        props.put("destination", destinations.toArray(String[]::new));
        c.update(props);
        boolean enabled = !Boolean.FALSE.equals(props.get("enabled")) && !"false".equals(props.get("enabled"));
        return "vhost " + vhost + ": added destination " + d + (created ? " (new forward configuration)" : "")
                + "; destinations now " + destinations + (enabled ? "" : "; note: forwarding is disabled (enabled=false)")
                + LIVE_ONLY;
    }

    @Descriptor("remove a forward destination from a vhost; live forwards to it are closed")
    public String remove(@Descriptor("the vhost, e.g. __defaultVhost__") String vhost,
            @Descriptor("the destination exactly as listed") String destination) throws IOException {
        Configuration c = configurationAdmin.getFactoryConfiguration(ForwardVhost.FACTORY_PID, vhost, "?");
        Dictionary<String, Object> props = c.getProperties();
        if (props == null) {
            c.delete();
            return "vhost " + vhost + " has no forward configuration";
        }
        List<String> destinations = destinations(props);
        if (!destinations.remove(destination.trim())) {
            return "vhost " + vhost + " does not forward to " + destination + "; destinations are " + destinations;
        }
        props.put("destination", destinations.toArray(String[]::new));
        c.update(props);
        return "vhost " + vhost + ": removed destination " + destination.trim() + "; destinations now "
                + destinations + LIVE_ONLY;
    }

    private static List<String> destinations(Dictionary<String, Object> props) {
        Object value = props.get("destination");
        if (value instanceof String[] array) {
            return VhostForwarding.clean(array);
        }
        if (value instanceof Iterable<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(o -> out.add(String.valueOf(o)));
            return VhostForwarding.clean(out.toArray(String[]::new));
        }
        if (value != null) {
            return VhostForwarding.clean(new String[] {value.toString()});
        }
        return new ArrayList<>();
    }

}
