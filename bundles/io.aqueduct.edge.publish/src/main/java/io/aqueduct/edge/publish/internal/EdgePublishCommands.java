package io.aqueduct.edge.publish.internal;

import io.aqueduct.stream.api.shell.TextTable;
import java.util.Comparator;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command of edge publishing: {@code edge:publishers}. */
@Component(service = EdgePublishCommands.class, property = {
    "osgi.command.scope=edge",
    "osgi.command.function=publishers"
})
public final class EdgePublishCommands {

    private final EdgePublisher publisher;

    @Activate
    public EdgePublishCommands(@Reference EdgePublisher publisher) {
        this.publisher = publisher;
    }

    @Descriptor("list the publishers relayed to the origins: state, origin in use, bytes out and still queued for the origin, messages dropped for a slow origin, failovers, last error")
    public String publishers() {
        List<RelaySession> relays = publisher.sessions();
        if (relays.isEmpty()) {
            return "no relayed publishers";
        }
        relays.sort(Comparator.comparing(r -> r.key().toString()));
        TextTable t = new TextTable("STREAM", "PUBLISHER", "STATE", "ORIGIN", "BYTES OUT", "QUEUED",
                "DROPPED", "FAILOVERS", "LAST ERROR");
        for (RelaySession r : relays) {
            t.row(r.key().toString(), r.publisher().id(), r.state().name().toLowerCase().replace('_', ' '),
                    r.origin() == null ? "-" : r.origin().toString(), Long.toString(r.bytesOut()),
                    Long.toString(r.queuedBytes()), Long.toString(r.droppedMessages()),
                    Integer.toString(r.failovers()), r.lastError().isEmpty() ? "-" : r.lastError());
        }
        return t.toString();
    }
}
