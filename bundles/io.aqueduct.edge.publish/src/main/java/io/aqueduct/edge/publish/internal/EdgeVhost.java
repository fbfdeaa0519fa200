package io.aqueduct.edge.publish.internal;

import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.transport.ServerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parsed, immutable cluster settings of one vhost, as far as edge publishing needs them. */
record EdgeVhost(String name, boolean remote, List<ServerAddress> origins, String upstreamVhost,
        int backoffInitialMillis, int backoffMaxMillis, int connectTimeoutMillis) {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeVhost.class);

    static EdgeVhost of(EdgeConfig c) {
        List<ServerAddress> origins = new ArrayList<>();
        for (String o : c.origin()) {
            // SRS writes several origins in one directive: "origin 127.0.0.1:19350 127.0.0.1:19351;"
            for (String part : o.trim().split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    try {
                        origins.add(ServerAddress.parse(part, RtmpUrl.DEFAULT_PORT));
                    } catch (IllegalArgumentException e) {
                        LOG.error("edge vhost {}: origin '{}' ignored: {}", c.vhost(), part, e.getMessage());
                    }
                }
            }
        }
        return new EdgeVhost(c.vhost().trim(), "remote".equals(c.mode().trim().toLowerCase(Locale.ROOT)),
                List.copyOf(origins), c.upstream__vhost().trim(), Math.max(10, c.backoff__initial__ms()),
                Math.max(10, c.backoff__max__ms()), Math.max(100, c.connect__timeout__ms()));
    }

    /** The stream name to publish at the origin: the vhost travels as {@code ?vhost=} when it is not the default. */
    String upstreamName(String vhost, String stream) {
        String target = upstreamVhost.isEmpty() ? vhost : upstreamVhost;
        return "__defaultVhost__".equals(target) ? stream : stream + "?vhost=" + target;
    }
}
