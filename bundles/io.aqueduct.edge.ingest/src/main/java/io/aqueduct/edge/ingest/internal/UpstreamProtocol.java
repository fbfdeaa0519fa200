package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.transport.ServerAddress;
import io.netty.channel.EventLoop;
import java.util.Locale;

/** How an edge pulls a stream from its origin: the {@code protocol} key of the vhost's cluster settings. */
enum UpstreamProtocol {

    /** Plays the stream over RTMP; origins are RTMP servers, port 1935 by default. */
    RTMP(1935) {
        @Override
        Upstream create(EventLoop loop, ServerAddress origin, StreamKey key, EdgeVhost vhost, UpstreamEvents events) {
            return new RtmpUpstream(loop, origin, key.app(), vhost.upstreamName(key.vhost(), key.stream()),
                    vhost.connectTimeoutMillis(), events);
        }
    },

    /** GETs the stream's HTTP-FLV; origins are HTTP servers (as in SRS), port 80 by default. */
    FLV(80) {
        @Override
        Upstream create(EventLoop loop, ServerAddress origin, StreamKey key, EdgeVhost vhost, UpstreamEvents events) {
            return new FlvUpstream(loop, origin, key.app(), key.stream(), vhost.targetVhost(key.vhost()),
                    vhost.connectTimeoutMillis(), events);
        }
    };

    private final int defaultPort;

    UpstreamProtocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The origin port when an origin entry names none. */
    int defaultPort() {
        return defaultPort;
    }

    /** A new, unopened connection to {@code origin} for {@code key}, reporting to {@code events}. */
    abstract Upstream create(EventLoop loop, ServerAddress origin, StreamKey key, EdgeVhost vhost,
            UpstreamEvents events);

    /** {@code rtmp} or {@code flv}, any case; throws IllegalArgumentException for anything else. */
    static UpstreamProtocol parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "rtmp" -> RTMP;
            case "flv", "http-flv" -> FLV;
            default -> throw new IllegalArgumentException("unknown upstream protocol '" + value + "'");
        };
    }
}
