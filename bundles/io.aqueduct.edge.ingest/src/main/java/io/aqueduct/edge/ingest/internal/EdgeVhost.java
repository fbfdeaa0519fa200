package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.WriteWindows;
import io.aqueduct.stream.api.transport.ServerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parsed, immutable cluster settings of one vhost. */
record EdgeVhost(String name, boolean remote, UpstreamProtocol protocol, List<ServerAddress> origins,
        String upstreamVhost, int graceMillis, int backoffInitialMillis, int backoffMaxMillis, int connectTimeoutMillis) {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeVhost.class);

    static EdgeVhost of(EdgeConfig c) {
        boolean remote = "remote".equals(c.mode().trim().toLowerCase(Locale.ROOT));
        UpstreamProtocol protocol;
        try {
            protocol = UpstreamProtocol.parse(c.protocol());
        } catch (IllegalArgumentException e) {
            protocol = UpstreamProtocol.RTMP;
            if (remote) {
                LOG.error("edge vhost {}: {}; pulling from the origin over rtmp", c.vhost(), e.getMessage());
            }
        }
        List<ServerAddress> origins = new ArrayList<>();
        for (String o : c.origin()) {
            // SRS writes several origins in one directive: "origin 127.0.0.1:19350 127.0.0.1:19351;"
            for (String part : o.trim().split("[\\s,]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    // With protocol flv the entries name the origins' HTTP servers, as in SRS.
                    origins.add(ServerAddress.parse(part, protocol.defaultPort()));
                } catch (IllegalArgumentException e) {
                    LOG.error("edge vhost {}: origin '{}' ignored: {}", c.vhost(), part, e.getMessage());
                }
            }
        }
        if (remote && origins.isEmpty()) {
            LOG.error("edge vhost {}: mode remote without any origin; players of this vhost will wait", c.vhost());
        }
        return new EdgeVhost(c.vhost().trim(), remote, protocol, List.copyOf(origins), c.upstream__vhost().trim(),
                Math.max(0, c.grace__period__ms()), Math.max(10, c.backoff__initial__ms()),
                Math.max(10, c.backoff__max__ms()), Math.max(100, c.connect__timeout__ms()));
    }

    /** The vhost to fetch a stream of local vhost {@code vhost} from at the origin (SRS cluster { vhost }). */
    String targetVhost(String vhost) {
        return upstreamVhost.isEmpty() ? vhost : upstreamVhost;
    }

    /** The stream name to play at an RTMP origin: the vhost travels as {@code ?vhost=} when it is not the default. */
    String upstreamName(String vhost, String stream) {
        String target = targetVhost(vhost);
        String relay = WriteWindows.RELAY_PARAMETER + "=1";
        return "__defaultVhost__".equals(target) ? stream + "?" + relay : stream + "?vhost=" + target + "&" + relay;
    }
}
