package io.aqueduct.edge.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqueduct.stream.api.transport.ServerAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeSettingsTest {

    @Test
    void srsStyleOriginListsSplitOnSpaces() {
        EdgeVhost v = EdgeVhost.of(EdgeCluster.config());
        assertEquals(List.of(), v.origins());
        EdgeConfig c = EdgeCluster.config(19350, 19351);
        EdgeVhost two = EdgeVhost.of(c);
        assertEquals(List.of(new ServerAddress("127.0.0.1", 19350), new ServerAddress("127.0.0.1", 19351)),
                two.origins());
        assertEquals("cam?aqueduct_relay=1", two.upstreamName("__defaultVhost__", "cam"));
        assertEquals("cam?vhost=a.com&aqueduct_relay=1", two.upstreamName("a.com", "cam"));
    }

    @Test
    void protocolFlvNamesHttpOriginsWithPort80ByDefault() {
        EdgeVhost flv = EdgeVhost.of(EdgeCluster.config(Map.of("protocol", "FLV", "origin",
                new String[] {"10.0.0.1 10.0.0.2:8081"})));
        assertEquals(UpstreamProtocol.FLV, flv.protocol());
        assertEquals(List.of(new ServerAddress("10.0.0.1", 80), new ServerAddress("10.0.0.2", 8081)), flv.origins());
        assertEquals("a.com", flv.targetVhost("a.com"));
        EdgeVhost upstreamVhost = EdgeVhost.of(EdgeCluster.config(Map.of("upstream__vhost", "origin.com")));
        assertEquals("origin.com", upstreamVhost.targetVhost("a.com"));
        assertEquals(UpstreamProtocol.RTMP, EdgeVhost.of(EdgeCluster.config()).protocol());
        assertEquals(UpstreamProtocol.RTMP, EdgeVhost.of(EdgeCluster.config(Map.of("protocol", "srt"))).protocol(),
                "an unknown protocol falls back to rtmp");
    }
}
