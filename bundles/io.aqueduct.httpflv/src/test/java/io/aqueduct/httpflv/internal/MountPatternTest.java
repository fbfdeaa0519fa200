package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountPatternTest {

    @Test
    void srsDefaultMountMatchesVhostAppAndStream() {
        MountPattern p = MountPattern.parse("[vhost]/[app]/[stream].flv");
        assertEquals(Optional.of(new MountPattern.Match("example.com", "live", "cam")),
                p.match("/example.com/live/cam.flv"));
        assertEquals(Optional.of(new MountPattern.Match(null, "live", "cam")), p.matchWithoutVhost("/live/cam.flv"));
    }

    @Test
    void streamNamesMayContainDots() {
        MountPattern p = MountPattern.parse("/[app]/[stream].flv");
        assertEquals(Optional.of(new MountPattern.Match(null, "live", "cam.hd")), p.match("/live/cam.hd.flv"));
    }

    @Test
    void literalPartsMustMatchExactly() {
        MountPattern p = MountPattern.parse("/flv/[app]/[stream].flv");
        assertTrue(p.match("/flv/live/cam.flv").isPresent());
        assertTrue(p.match("/live/cam.flv").isEmpty());
        assertTrue(p.match("/flv/live/cam.mp4").isEmpty());
        assertTrue(p.match("/flv/live/sub/cam.flv").isEmpty(), "variables match one segment");
        assertTrue(p.match("/flv/live/.flv").isEmpty(), "a stream name is never empty");
    }

    @Test
    void regexCharactersInTheMountAreLiteral() {
        MountPattern p = MountPattern.parse("/a+b/[app]/[stream].flv");
        assertTrue(p.match("/a+b/live/cam.flv").isPresent());
        assertTrue(p.match("/aab/live/cam.flv").isEmpty());
    }

    @Test
    void patternWithoutVhostHasNoShortForm() {
        MountPattern p = MountPattern.parse("[app]/[stream].flv");
        assertTrue(p.matchWithoutVhost("/live/cam.flv").isEmpty());
        assertEquals(Optional.of(new MountPattern.Match(null, "live", "cam")), p.match("/live/cam.flv"));
    }

    @Test
    void mountsWithoutAppOrStreamOrWithRepeatsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MountPattern.parse("/live/[stream].flv"));
        assertThrows(IllegalArgumentException.class, () -> MountPattern.parse("/[app]/live.flv"));
        assertThrows(IllegalArgumentException.class, () -> MountPattern.parse("/[app]/[stream]/[stream].flv"));
    }
}
