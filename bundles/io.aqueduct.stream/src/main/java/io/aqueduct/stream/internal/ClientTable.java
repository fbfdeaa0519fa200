package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;

/** Every client connection of this server, for listings, limits and kicks. */
@Component(service = ClientRegistry.class)
public final class ClientTable implements ClientRegistry {

    private final ConcurrentHashMap<String, ClientSession> clients = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    @Override
    public AutoCloseable register(ClientSession client) {
        clients.put(client.id(), client);
        return () -> clients.remove(client.id(), client);
    }

    @Override
    public List<ClientSession> clients() {
        List<ClientSession> list = new ArrayList<>(clients.values());
        list.sort(Comparator.comparingLong(c -> parseId(c.id())));
        return list;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public Optional<ClientSession> client(String id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public int count() {
        return clients.size();
    }
}
