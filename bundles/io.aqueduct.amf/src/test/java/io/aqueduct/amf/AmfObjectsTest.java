package io.aqueduct.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmfObjectsTest {

    private final Map<String, Object> connect = Map.of(
            "app", "live", "objectEncoding", 3.0, "fpad", false,
            "args", new EcmaArray(Map.of("k", "v")), "typed", new TypedObject("T", Map.of("p", 1.0)));

    @Test
    void readsTypedValuesOrFallsBack() {
        assertEquals("live", AmfObjects.string(connect, "app"));
        assertNull(AmfObjects.string(connect, "objectEncoding"));                   // wrong type
        assertEquals("dflt", AmfObjects.string(connect, "missing", "dflt"));
        assertEquals(3.0, AmfObjects.number(connect, "objectEncoding", 0));
        assertEquals(-1.0, AmfObjects.number(connect, "app", -1));
        assertEquals(false, AmfObjects.bool(connect, "fpad", true));
        assertEquals(true, AmfObjects.bool(connect, "missing", true));
        assertEquals(Map.of("k", "v"), AmfObjects.map(connect, "args"));
        assertEquals(Map.of("p", 1.0), AmfObjects.map(connect, "typed"));
        assertNull(AmfObjects.map(connect, "app"));
        assertNull(AmfObjects.string(null, "app"));
    }

    @Test
    void findsMapsAmongCommandArguments() {
        List<Object> command = Arrays.asList("connect", 1.0, connect, null);
        assertEquals(connect, AmfObjects.map(command, 2));
        assertNull(AmfObjects.map(command, 3));
        assertNull(AmfObjects.map(command, 9));
    }
}
