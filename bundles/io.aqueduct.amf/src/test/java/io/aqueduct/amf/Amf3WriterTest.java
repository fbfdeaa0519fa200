package io.aqueduct.amf;

import static io.aqueduct.amf.Vectors.amf3;
import static io.aqueduct.amf.Vectors.bytes;
import static io.aqueduct.amf.Vectors.readAmf3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf3WriterTest {

    @Test
    void writesIntegersInTheShortestU29Form() {
        for (Object[] vector : Amf3ReaderTest.INTEGERS) {
            assertArrayEquals(bytes("04", (String) vector[1]), amf3(vector[0]), (String) vector[1]);
        }
        assertArrayEquals(bytes("04", "7F"), amf3((short) 127));
        assertArrayEquals(bytes("04", "8100"), amf3(128L));
    }

    @Test
    void writesIntegersOutsideThe29BitRangeAsDoubles() {
        assertArrayEquals(bytes("05", "41B0000000000000"), amf3(Amf3.INTEGER_MAX + 1));    // 2^28
        assertArrayEquals(bytes("05", "C1B0000001000000"), amf3(Amf3.INTEGER_MIN - 1));    // -(2^28) - 1
        assertArrayEquals(bytes("05", "3FF8000000000000"), amf3(1.5));
        assertArrayEquals(bytes("05", "4000000000000000"), amf3(2.0));               // a double stays a double
    }

    @Test
    void writesScalars() {
        assertArrayEquals(bytes("00"), amf3(Amf0.UNDEFINED));
        assertArrayEquals(bytes("01"), amf3(null));
        assertArrayEquals(bytes("02"), amf3(false));
        assertArrayEquals(bytes("03"), amf3(true));
        assertArrayEquals(bytes("06", "01"), amf3(""));                             // empty string
        assertArrayEquals(bytes("06", "07", "'abc'"), amf3("abc"));                 // (3 << 1) | 1
        assertArrayEquals(bytes("06", "05", "C3A9"), amf3("é"));                    // length in bytes
        assertArrayEquals(bytes("0C", "07", "010203"), amf3(new byte[] {1, 2, 3}));
        assertArrayEquals(bytes("08", "01", "4278BCFE56800000"), amf3(new Date(1_700_000_000_000L)));
    }

    @Test
    void writesListsAsDenseArrays() {
        byte[] expected = bytes("09", "05", "01",                                   // 2 dense, no assoc part
                "04", "01", "01");                                                  // 1, null
        assertArrayEquals(expected, amf3(Arrays.asList(1, null)));
        assertArrayEquals(expected, amf3(new Object[] {1, null}));
    }

    @Test
    void writesMapsAsAnonymousDynamicObjects() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("app", "live");
        assertArrayEquals(bytes("0A", "0B", "01",                                   // dynamic traits, class ""
                "07", "'app'", "06", "09", "'live'",                                // app: "live"
                "01"), amf3(map));                                                  // end of members
        assertArrayEquals(bytes("0A", "0B", "03", "'T'", "01"), amf3(new TypedObject("T", Map.of())));
    }

    @Test
    void rejectsWhatAmf3CannotCarryAndRestoresTheWriterIndex() {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            assertThrows(IllegalArgumentException.class, () -> Amf3Writer.write(out, Map.of("", 1)));
            assertThrows(IllegalArgumentException.class, () -> Amf3Writer.write(out, List.of(1, new Object())));
            assertThrows(IllegalArgumentException.class, () -> Amf3Writer.writeAll(out, 1, 'c'));
            List<Object> cyclic = new ArrayList<>();
            cyclic.add(cyclic);
            assertThrows(IllegalArgumentException.class, () -> Amf3Writer.write(out, cyclic));
            assertEquals(0, out.writerIndex());
        } finally {
            out.release();
        }
    }

    @Test
    void roundTripsEveryType() throws AmfException {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("int", -5);
        object.put("double", 0.25);
        object.put("bool", true);
        object.put("null", null);
        object.put("undefined", Amf0.UNDEFINED);
        object.put("string", "s\u00e9\uD83C\uDFA5");
        object.put("long", "x".repeat(70_000));
        object.put("list", Arrays.asList(1, "two", null, List.of()));
        object.put("typed", new TypedObject("Cls", Map.of("p", 2)));
        object.put("date", Instant.ofEpochMilli(1_234_567L));

        Object read = readAmf3(amf3(object));
        assertEquals(object, read);

        byte[] bytes = {0, -1, 127};
        assertArrayEquals(bytes, (byte[]) readAmf3(amf3(bytes)));
    }

    @Test
    void amf3ValuesRoundTripInsideAmf0() throws AmfException {
        byte[] switched = Vectors.written(out -> {
            out.writeByte(Amf0.AVMPLUS_OBJECT);
            Amf3Writer.write(out, Map.of("k", 7));
        });
        assertEquals(Map.of("k", 7), Vectors.readAmf0(switched));
    }
}
