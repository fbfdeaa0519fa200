package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.shell.TextTable;
import java.util.Comparator;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command of edge ingest: {@code edge:list}. */
@Component(service = EdgeCommands.class, property = {
    "osgi.command.scope=edge",
    "osgi.command.function=list"
})
public final class EdgeCommands {

    private final EdgeIngester ingester;

    @Activate
    public EdgeCommands(@Reference EdgeIngester ingester) {
        this.ingester = ingester;
    }

    @Descriptor("list the edge upstreams: state, origin in use, players, bytes in, failovers, last error")
    public String list() {
        List<IngestSession> sessions = ingester.sessions();
        if (sessions.isEmpty()) {
            return "no edge upstreams";
        }
        sessions.sort(Comparator.comparing(s -> s.key().toString()));
        TextTable t = new TextTable("STREAM", "STATE", "ORIGIN", "PLAYERS", "BYTES IN", "FAILOVERS", "LAST ERROR");
        for (IngestSession s : sessions) {
            t.row(s.key().toString(), s.state().name().toLowerCase().replace('_', ' '),
                    s.origin() == null ? "-" : s.origin().toString(), Integer.toString(s.playerCount()),
                    Long.toString(s.bytesIn()), Integer.toString(s.failovers()),
                    s.lastError().isEmpty() ? "-" : s.lastError());
        }
        return t.toString();
    }
}
