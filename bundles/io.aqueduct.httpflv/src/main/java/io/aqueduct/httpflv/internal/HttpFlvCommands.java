package io.aqueduct.httpflv.internal;

import java.time.Duration;
import java.time.Instant;
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
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "ADDRESS", "STREAM", "STATE", "BYTES SENT", "DROPPED", "DURATION"});
        for (FlvPlayer p : list) {
            rows.add(new String[] {p.id(), HttpResponses.address(p.remoteAddress()), p.key().toString(),
                p.playState().name().toLowerCase(java.util.Locale.ROOT), Long.toString(p.bytesOut()),
                Long.toString(p.droppedMessages()), duration(p.playingSince())});
        }
        return table(rows) + list.size() + " HTTP player(s), " + where;
    }

    static String duration(Instant since) {
        long s = Duration.between(since, Instant.now()).getSeconds();
        return String.format("%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
