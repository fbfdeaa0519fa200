package io.aqueduct.amf;

import static io.aqueduct.amf.Vectors.amf0;
import static io.aqueduct.amf.Vectors.bytes;
import static io.aqueduct.amf.Vectors.readAllAmf0;
import static io.aqueduct.amf.Vectors.readAmf0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0WriterTest {

    @Test
    void writesTheFfmpegConnectCommandByteForByte() {
        byte[] written = Vectors.written(out ->
                Amf0Writer.writeAll(out, "connect", 1, Amf0ReaderTest.connectObject()));
        assertArrayEquals(Amf0ReaderTest.CONNECT, written);
    }

    @Test
    void writesScalars() {
        assertArrayEquals(bytes("05"), amf0(null));                                 // null
        assertArrayEquals(bytes("06"), amf0(Amf0.UNDEFINED));                       // undefined
        assertArrayEquals(bytes("01", "01"), amf0(true));                           // boolean true
        assertArrayEquals(bytes("01", "00"), amf0(false));                          // boolean false
        assertArrayEquals(bytes("00", "3FF8000000000000"), amf0(1.5));              // number 1.5
        assertArrayEquals(bytes("00", "4060000000000000"), amf0(128L));             // any Number as double
        assertArrayEquals(bytes("00", "4014000000000000"), amf0(5.0f));
    }

    @Test
    void writesStringsAsUtf8WithTheirByteLength() {
        assertArrayEquals(bytes("02", "0000"), amf0(""));
        assertArrayEquals(bytes("02", "0005", "C3A9", "E282AC"), amf0("é€"));       // 2 chars, 5 bytes
    }

    @Test
    void switchesToLongStringAbove65535Bytes() {
        String limit = "x".repeat(0xFFFF);
        byte[] atLimit = amf0(limit);
        assertEquals(0x02, atLimit[0]);                                             // still a string
        assertEquals(3 + 0xFFFF, atLimit.length);

        byte[] over = amf0(limit + "é");                                            // 65537 UTF-8 bytes
        assertArrayEquals(bytes("0C", "00010001"), Arrays.copyOf(over, 5));         // long string, u32 length
        assertEquals(5 + 0x10001, over.length);
    }

    @Test
    void writesObjectsEcmaArraysAndTypedObjects() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("a", null);
        assertArrayEquals(bytes("03", "0001", "'a'", "05", "0000", "09"), amf0(object));

        EcmaArray array = new EcmaArray(object);
        assertArrayEquals(bytes("08", "00000001", "0001", "'a'", "05", "0000", "09"), amf0(array));

        assertArrayEquals(bytes("10", "0001", "'T'", "0001", "'a'", "05", "0000", "09"),
                amf0(new TypedObject("T", object)));
    }

    @Test
    void writesListsAndObjectArraysAsStrictArrays() {
        byte[] expected = bytes("0A", "00000002", "05", "01", "01");                // [null, true]
        assertArrayEquals(expected, amf0(Arrays.asList(null, true)));
        assertArrayEquals(expected, amf0(new Object[] {null, true}));
    }

    @Test
    void writesDatesInUtc() {
        byte[] expected = bytes("0B", "4278BCFE56800000", "0000");                  // 1.7e12 ms, zone 0
        assertArrayEquals(expected, amf0(Instant.ofEpochMilli(1_700_000_000_000L)));
        assertArrayEquals(expected, amf0(new Date(1_700_000_000_000L)));
    }

    @Test
    void rejectsUnsupportedTypesAndRestoresTheWriterIndex() {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            out.writeByte(0x42);
            List<Object> list = List.of("fine", new Object());
            assertThrows(IllegalArgumentException.class, () -> Amf0Writer.write(out, list));
            assertThrows(IllegalArgumentException.class, () -> Amf0Writer.writeAll(out, 1, 'c'));
            assertEquals(1, out.writerIndex());
        } finally {
            out.release();
        }
    }

    @Test
    void rejectsNullKeysOverlongKeysAndCycles() {
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(IllegalArgumentException.class, () -> amf0(nullKey));
        assertThrows(IllegalArgumentException.class, () -> amf0(Map.of("k".repeat(0x10000), 1)));

        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThrows(IllegalArgumentException.class, () -> amf0(cyclic));
    }

    @Test
    void roundTripsEveryType() throws AmfException {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("number", 3.0);
        object.put("bool", false);
        object.put("string", "s");
        object.put("null", null);
        object.put("undefined", Amf0.UNDEFINED);
        object.put("list", Arrays.asList(1.0, "two", null));
        object.put("ecma", new EcmaArray(Map.of("k", "v")));
        object.put("typed", new TypedObject("Cls", Map.of("p", 2.0)));
        object.put("date", Instant.ofEpochMilli(1_234_567L));
        object.put("long", "é".repeat(40_000));
        object.put("", "empty name");

        assertEquals(object, readAmf0(amf0(object)));
        assertEquals(List.of("connect", 1.0, object), readAllAmf0(Vectors.written(out ->
                Amf0Writer.writeAll(out, "connect", 1.0, object))));
    }
}
