package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.shell.TextTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command {@code aqueduct:http}: the HTTP-FLV players with address, stream, bytes sent and duration. */
@Component(service = HttpFlvCommands.class, property = {
    "osgi.command.scope=aqueduct",
    "osgi.command.function=http"
})
public final class HttpFlvCommands {

    private final HttpServer server;

    @Activate
    public HttpFlvCommands(@Reference HttpServer server) {
        this.server = server;
    }

    @Descriptor("list HTTP-FLV players: address, stream, bytes sent, duration")
    public String http() {
        List<FlvPlayer> list = new ArrayList<>(server.players());
        list.sort(Comparator.comparing(FlvPlayer::connectedAt));
        String where = server.boundAddresses().isEmpty() ? "not listening"
                : "listening on " + String.join(", ", server.boundAddresses());
        if (list.isEmpty()) {
            return "no HTTP players (" + where + ")";
        }
        TextTable t = new TextTable("ID", "ADDRESS", "STREAM", "STATE", "BYTES SENT", "DROPPED", "DURATION");
        for (FlvPlayer p : list) {
            t.row(p.id(), HttpResponses.address(p.remoteAddress()), p.key().toString(),
                    p.playState().name().toLowerCase(java.util.Locale.ROOT), Long.toString(p.bytesOut()),
                    Long.toString(p.droppedMessages()), TextTable.age(p.playingSince()));
        }
        return t.toString() + list.size() + " HTTP player(s), " + where;
    }

}
