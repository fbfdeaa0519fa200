package io.aqueduct.example.flvfile.internal;

import io.aqueduct.stream.api.StreamKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo commands {@code flvfile:list}, {@code flvfile:publish} and {@code flvfile:unpublish}. Publish and unpublish
 * only create and delete factory configurations, as a {@code .cfg} file in {@code deploy/} would: Configuration
 * Admin and SCR then activate or deactivate the {@link FlvFilePublisher}. (Not {@code start}/{@code stop}: Gogo
 * would pick them for the framework's {@code start}/{@code stop} commands typed without a scope, e.g. {@code stop 0}.)
 */
@Component(service = FlvFileCommands.class, property = {
    "osgi.command.scope=flvfile",
    "osgi.command.function=list",
    "osgi.command.function=publish",
    "osgi.command.function=unpublish"
})
public final class FlvFileCommands {

    private final ConfigurationAdmin configAdmin;
    private final List<FlvFilePublisher> publishers = new CopyOnWriteArrayList<>();

    @Activate
    public FlvFileCommands(@Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPublisher(FlvFilePublisher publisher) {
        publishers.add(publisher);
    }

    void removePublisher(FlvFilePublisher publisher) {
        publishers.remove(publisher);
    }

    @Descriptor("list FLV file publishers: stream, client, file, state (and why it ended), tags sent, passes")
    public String list() throws IOException, InvalidSyntaxException {
        StringBuilder out = new StringBuilder();
        List<FlvFilePublisher> running = new ArrayList<>(publishers);
        running.sort(Comparator.comparing(FlvFilePublisher::streamName));
        List<StreamKey> live = new ArrayList<>();
        for (FlvFilePublisher p : running) {
            live.add(p.key());
            out.append(p.key() != null ? p.key() : p.streamName()).append("  client ").append(p.id()).append("  ").append(p.file()).append("  ")
                    .append(p.playState().name().toLowerCase(java.util.Locale.ROOT));
            if (!p.endReason().isEmpty()) {
                out.append(" (").append(p.endReason()).append(')');
            }
            out.append("  ").append(p.tagsSent()).append(" tags sent, pass ").append(p.passes())
                    .append(p.loops() ? ", looping" : "").append(System.lineSeparator());
        }
        for (Configuration c : configurations()) {
            String stream = String.valueOf(c.getProperties().get("stream"));
            if (!live.contains(keyOrNull(stream))) {
                out.append(stream).append("  ").append(c.getProperties().get("file"))
                        .append("  no publisher component: is the bundle active? (")
                        .append(c.getPid()).append(')').append(System.lineSeparator());
            }
        }
        return out.length() == 0 ? "no FLV file publishers" : out.toString();
    }

    @Descriptor("publish an FLV file as a live stream, looping")
    public String publish(@Descriptor("absolute path of the FLV file") String file,
            @Descriptor("vhost/app/stream, or app/stream on the default vhost") String stream)
            throws IOException, InvalidSyntaxException {
        return publish(file, stream, true);
    }

    @Descriptor("publish an FLV file as a live stream")
    public String publish(@Descriptor("absolute path of the FLV file") String file,
            @Descriptor("vhost/app/stream, or app/stream on the default vhost") String stream,
            @Descriptor("start again at the end of the file") boolean loop) throws IOException, InvalidSyntaxException {
        Path path = Path.of(file);
        if (!path.isAbsolute() || !Files.isReadable(path)) {
            throw new IllegalArgumentException("not an absolute path of a readable file: " + file);
        }
        StreamKey key = FlvFilePublisher.parseKey(stream);
        if (find(key) != null) {
            throw new IllegalArgumentException("stream " + key + " already has an FLV file publisher; "
                    + "flvfile:unpublish it first");
        }
        Configuration c = configAdmin.createFactoryConfiguration(FlvFilePublisher.PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("file", path.toString());
        props.put("stream", stream);
        props.put("loop", loop);
        c.update(props);
        return "publishing " + path + " as stream " + key + " (configuration " + c.getPid()
                + "); flvfile:list shows whether it runs";
    }

    @Descriptor("stop publishing a stream started by flvfile:publish or a .cfg file (its configuration is deleted)")
    public String unpublish(@Descriptor("vhost/app/stream, or app/stream on the default vhost") String stream)
            throws IOException, InvalidSyntaxException {
        StreamKey key = FlvFilePublisher.parseKey(stream);
        Configuration c = find(key);
        if (c == null) {
            throw new IllegalArgumentException("no FLV file publisher for stream " + key + "; see flvfile:list");
        }
        String pid = c.getPid();
        c.delete();
        return "stopped stream " + key + " (configuration " + pid + " deleted)";
    }

    private Configuration find(StreamKey key) throws IOException, InvalidSyntaxException {
        for (Configuration c : configurations()) {
            if (key.equals(keyOrNull(String.valueOf(c.getProperties().get("stream"))))) {
                return c;
            }
        }
        return null;
    }

    private List<Configuration> configurations() throws IOException, InvalidSyntaxException {
        Configuration[] found = configAdmin.listConfigurations(
                "(service.factoryPid=" + FlvFilePublisher.PID + ")");
        List<Configuration> list = new ArrayList<>();
        if (found != null) {
            for (Configuration c : found) {
                if (c.getProperties() != null) {
                    list.add(c);
                }
            }
        }
        return list;
    }

    private static StreamKey keyOrNull(String stream) {
        try {
            return FlvFilePublisher.parseKey(stream);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
