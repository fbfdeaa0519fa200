package io.aqueduct.edge.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeSettingsTest {

    @Test
    void originsParseWithDefaultPortAndIpv6() {
        assertEquals(new Origin("10.0.0.1", 1935), Origin.parse("10.0.0.1"));
        assertEquals(new Origin("127.0.0.1", 19350), Origin.parse(" 127.0.0.1:19350 "));
        assertEquals(new Origin("::1", 19351), Origin.parse("[::1]:19351"));
        assertEquals(new Origin("::1", 1935), Origin.parse("[::1]"));
        assertThrows(IllegalArgumentException.class, () -> Origin.parse("host:99999"));
        assertThrows(IllegalArgumentException.class, () -> Origin.parse("host:x"));
    }

    @Test
    void srsStyleOriginListsSplitOnSpaces() {
        EdgeVhost v = EdgeVhost.of(EdgeCluster.config());
        assertEquals(List.of(), v.origins());
        EdgeConfig c = EdgeCluster.config(19350, 19351);
        EdgeVhost two = EdgeVhost.of(c);
        assertEquals(List.of(new Origin("127.0.0.1", 19350), new Origin("127.0.0.1", 19351)), two.origins());
        assertEquals("cam?aqueduct_relay=1", two.upstreamName("__defaultVhost__", "cam"));
        assertEquals("cam?vhost=a.com&aqueduct_relay=1", two.upstreamName("a.com", "cam"));
    }

    @Test
    void protocolFlvNamesHttpOriginsWithPort80ByDefault() {
        EdgeVhost flv = EdgeVhost.of(EdgeCluster.config(Map.of("protocol", "FLV", "origin",
                new String[] {"10.0.0.1 10.0.0.2:8081"})));
        assertEquals(UpstreamProtocol.FLV, flv.protocol());
        assertEquals(List.of(new Origin("10.0.0.1", 80), new Origin("10.0.0.2", 8081)), flv.origins());
        assertEquals("a.com", flv.targetVhost("a.com"));
        EdgeVhost upstreamVhost = EdgeVhost.of(EdgeCluster.config(Map.of("upstream__vhost", "origin.com")));
        assertEquals("origin.com", upstreamVhost.targetVhost("a.com"));
        assertEquals(UpstreamProtocol.RTMP, EdgeVhost.of(EdgeCluster.config()).protocol());
        assertEquals(UpstreamProtocol.RTMP, EdgeVhost.of(EdgeCluster.config(Map.of("protocol", "srt"))).protocol(),
                "an unknown protocol falls back to rtmp");
    }

    @Test
    void anOriginWithoutTheStreamIsAskedAgainWithDoublingWaitsUntilItSendsIt() {
        OriginRotation r = new OriginRotation();
        assertEquals(100, r.absent(100, 300));
        assertEquals(200, r.absent(100, 300));
        assertEquals(300, r.absent(100, 300));
        r.succeeded();
        assertEquals(100, r.absent(100, 300));
    }

    @Test
    void rotationTriesEveryOriginThenBacksOff() {
        List<Origin> origins = List.of(new Origin("a", 1), new Origin("b", 2));
        OriginRotation r = new OriginRotation();
        assertEquals("a", r.current(origins).host());
        assertEquals(0, r.failed(origins, 100, 1000));
        assertEquals("b", r.current(origins).host());
        assertEquals(100, r.failed(origins, 100, 1000));
        assertEquals(0, r.failed(origins, 100, 1000));
        assertEquals(200, r.failed(origins, 100, 1000));
        assertEquals(0, r.failed(origins, 100, 1000));
        assertEquals(400, r.failed(origins, 100, 1000));
        assertEquals(0, r.failed(origins, 100, 1000));
        assertEquals(800, r.failed(origins, 100, 1000));
        assertEquals(0, r.failed(origins, 100, 1000));
        assertEquals(1000, r.failed(origins, 100, 1000));
        r.succeeded();
        assertEquals(0, r.failed(origins, 100, 1000));
    }
}
