package io.aqueduct.edge.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parsed, immutable cluster settings of one vhost. */
record EdgeVhost(String name, boolean remote, List<Origin> origins, String upstreamVhost, int graceMillis,
        int backoffInitialMillis, int backoffMaxMillis, int connectTimeoutMillis) {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeVhost.class);

    static EdgeVhost of(EdgeConfig c) {
        List<Origin> origins = new ArrayList<>();
        for (String o : c.origin()) {
            // SRS writes several origins in one directive: "origin 127.0.0.1:19350 127.0.0.1:19351;"
            for (String part : o.trim().split("[\\s,]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    origins.add(Origin.parse(part));
                } catch (IllegalArgumentException e) {
                    LOG.error("edge vhost {}: origin '{}' ignored: {}", c.vhost(), part, e.getMessage());
                }
            }
        }
        boolean remote = "remote".equals(c.mode().trim().toLowerCase(Locale.ROOT));
        if (remote && origins.isEmpty()) {
            LOG.error("edge vhost {}: mode remote without any origin; players of this vhost will wait", c.vhost());
        }
        String protocol = c.protocol().trim().toLowerCase(Locale.ROOT);
        if (remote && !protocol.equals("rtmp")) {
            LOG.warn("edge vhost {}: protocol '{}' is not supported for pulling from the origin; using rtmp",
                    c.vhost(), protocol);
        }
        return new EdgeVhost(c.vhost().trim(), remote, List.copyOf(origins), c.upstream__vhost().trim(),
                Math.max(0, c.grace__period__ms()), Math.max(10, c.backoff__initial__ms()),
                Math.max(10, c.backoff__max__ms()), Math.max(100, c.connect__timeout__ms()));
    }

    /** The stream name to play at the origin: the vhost travels as {@code ?vhost=} when it is not the default. */
    String upstreamName(String vhost, String stream) {
        String target = upstreamVhost.isEmpty() ? vhost : upstreamVhost;
        return "__defaultVhost__".equals(target) ? stream : stream + "?vhost=" + target;
    }
}
