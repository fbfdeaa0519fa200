package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.shell.TextTable;
import java.util.Comparator;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo commands of the core: {@code aqueduct:streams}, {@code aqueduct:clients}, {@code aqueduct:kick}. */
@Component(service = StreamCommands.class, property = {
    "osgi.command.scope=aqueduct",
    "osgi.command.function=streams",
    "osgi.command.function=clients",
    "osgi.command.function=kick"
})
public final class StreamCommands {

    private final StreamRegistry registry;
    private final ClientRegistry clients;

    @Activate
    public StreamCommands(@Reference StreamRegistry registry, @Reference ClientRegistry clients) {
        this.registry = registry;
        this.clients = clients;
    }

    @Descriptor("list live streams: publisher, players, bitrates, codecs, uptime")
    public String streams() {
        List<StreamInfo> list = registry.streams();
        list.sort(Comparator.comparing(s -> s.key().toString()));
        TextTable t = new TextTable("STREAM", "PUBLISHER", "PLAYERS", "KBPS IN", "KBPS OUT", "VIDEO", "AUDIO", "UPTIME");
        for (StreamInfo s : list) {
            t.row(s.key().toString(),
                    s.publisher().map(p -> p.id() + " " + p.remoteAddress()).orElse("-"),
                    Integer.toString(s.players()), Long.toString(s.kbpsIn()), Long.toString(s.kbpsOut()),
                    orDash(s.videoCodec()), orDash(s.audioCodec()),
                    s.publishedSince().map(TextTable::age).orElse("-"));
        }
        return list.isEmpty() ? "no streams" : t.toString();
    }

    @Descriptor("list client connections of every protocol")
    public String clients() {
        List<ClientSession> list = clients.clients();
        TextTable t = new TextTable("ID", "PROTOCOL", "ADDRESS", "STATE", "BYTES IN", "BYTES OUT", "CONNECTED");
        for (ClientSession c : list) {
            t.row(c.id(), c.protocol(), String.valueOf(c.remoteAddress()), c.state(), Long.toString(c.bytesIn()),
                    Long.toString(c.bytesOut()), TextTable.age(c.connectedAt()));
        }
        return list.isEmpty() ? "no clients" : t.toString();
    }

    @Descriptor("close a client connection")
    public String kick(@Descriptor("client id, as aqueduct:clients shows it") String id) {
        return clients.client(id).map(c -> {
            c.close("kicked from the shell");
            return "kicked client " + id + " (" + c.remoteAddress() + ")";
        }).orElseThrow(() -> new IllegalArgumentException("no client with id " + id + "; see aqueduct:clients"));
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
