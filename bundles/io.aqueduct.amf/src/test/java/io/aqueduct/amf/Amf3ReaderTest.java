package io.aqueduct.amf;

import static io.aqueduct.amf.Vectors.bytes;
import static io.aqueduct.amf.Vectors.readAmf3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf3ReaderTest {

    /** Integer vectors: value, then its U29 encoding after the 0x04 marker. */
    static final Object[][] INTEGERS = {
        {0, "00"},
        {127, "7F"},                          // largest 1-byte form
        {128, "8100"},                        // 1 << 7: 0x81 (continue, 1) 0x00
        {16383, "FF7F"},                      // largest 2-byte form
        {16384, "818000"},                    // smallest 3-byte form
        {0x1FFFFF, "FFFF7F"},                 // largest 3-byte form
        {0x200000, "80C08000"},               // smallest 4-byte form: last byte carries 8 bits
        {0x0FFFFFFF, "BFFFFFFF"},             // Amf3.INTEGER_MAX
        {-1, "FFFFFFFF"},                     // 29-bit 0x1FFFFFFF, sign-extended
        {-268435456, "C0808000"},             // Amf3.INTEGER_MIN, 29-bit 0x10000000
    };

    @Test
    void readsIntegersSignExtendedFrom29Bits() throws AmfException {
        for (Object[] vector : INTEGERS) {
            assertEquals(vector[0], readAmf3(bytes("04", (String) vector[1])), (String) vector[1]);
        }
    }

    @Test
    void readsScalars() throws AmfException {
        assertSame(Amf0.UNDEFINED, readAmf3(bytes("00")));
        assertNull(readAmf3(bytes("01")));
        assertEquals(false, readAmf3(bytes("02")));
        assertEquals(true, readAmf3(bytes("03")));
        assertEquals(1.5, readAmf3(bytes("05", "3FF8000000000000")));                // double 1.5
        assertEquals("", readAmf3(bytes("06", "01")));                              // empty string, length 0
        assertEquals("é", readAmf3(bytes("06", "05", "C3A9")));                     // (2 << 1) | 1, 2 bytes
    }

    @Test
    void readsDatesXmlAndByteArrays() throws AmfException {
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L),
                readAmf3(bytes("08", "01", "4278BCFE56800000")));                   // date, inline flag, ms
        assertEquals("<a/>", readAmf3(bytes("0B", "09", "'<a/>'")));                // XML, (4 << 1) | 1
        assertEquals("<b/>", readAmf3(bytes("07", "09", "'<b/>'")));                // XML document
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) readAmf3(bytes("0C", "07", "010203")));
    }

    @Test
    void resolvesStringReferences() throws AmfException {
        Object value = readAmf3(bytes("09", "07", "01",                             // array, 3 dense, no assoc
                "06", "07", "'abc'",                                                // "abc" -> string ref 0
                "06", "01",                                                         // "" is never a reference
                "06", "00"));                                                       // string reference 0
        assertEquals(List.of("abc", "", "abc"), value);
    }

    @Test
    void resolvesTraitsAndObjectReferences() throws AmfException {
        Object value = readAmf3(bytes("09", "07", "01",                             // array (object ref 0)
                "0A", "23", "0B", "'Point'",                                        // traits: 2 sealed, class Point
                "03", "'x'", "03", "'y'",                                           //   sealed names x, y
                "04", "01", "04", "02",                                             //   x = 1, y = 2 (object ref 1)
                "0A", "01",                                                         // traits reference 0
                "04", "03", "04", "04",                                             //   x = 3, y = 4
                "0A", "02"));                                                       // object reference 1
        List<?> list = assertInstanceOf(List.class, value);
        assertEquals(new TypedObject("Point", Map.of("x", 1, "y", 2)), list.get(0));
        assertEquals(new TypedObject("Point", Map.of("x", 3, "y", 4)), list.get(1));
        assertSame(list.get(0), list.get(2));
    }

    @Test
    void readsAnonymousDynamicObjectsAsMaps() throws AmfException {
        Object value = readAmf3(bytes("0A", "0B", "01",                             // dynamic, 0 sealed, class ""
                "07", "'app'", "06", "09", "'live'",                                // app: "live"
                "0B", "'tcUrl'", "01",                                              // tcUrl: null
                "01"));                                                             // end of dynamic members
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("app", "live");
        expected.put("tcUrl", null);
        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, value);
        assertEquals(expected, map);
        assertEquals(List.of("app", "tcUrl"), List.copyOf(map.keySet()));
    }

    @Test
    void readsSealedAndDynamicMembersTogether() throws AmfException {
        Object value = readAmf3(bytes("0A", "1B", "01",                             // dynamic, 1 sealed, class ""
                "03", "'a'",                                                        // sealed name a
                "04", "01",                                                         // a = 1
                "03", "'b'", "04", "02", "01"));                                    // b = 2, end
        assertEquals(Map.of("a", 1, "b", 2), value);
    }

    @Test
    void readsMixedArraysAsMapsWithDenseKeysFirst() throws AmfException {
        Object value = readAmf3(bytes("09", "03",                                   // 1 dense element
                "03", "'k'", "06", "03", "'v'",                                     // k: "v"
                "01",                                                               // end of associative part
                "04", "05"));                                                       // [0] = 5
        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, value);
        assertEquals(Map.of("0", 5, "k", "v"), map);
        assertEquals(List.of("0", "k"), List.copyOf(map.keySet()));
    }

    @Test
    void readsAnEmptyArrayAsAnEmptyList() throws AmfException {
        assertEquals(List.of(), readAmf3(bytes("09", "01", "01")));
    }

    @Test
    void sharesTablesAcrossReadAllButNotAcrossReads() throws AmfException {
        var in = Vectors.buffer(bytes("06", "05", "'hi'", "06", "00"));
        try {
            assertEquals(List.of("hi", "hi"), new Amf3Reader().readAll(in));
            in.readerIndex(0);
            Amf3Reader reader = new Amf3Reader();
            assertEquals("hi", reader.read(in));
            assertThrows(AmfException.class, () -> reader.read(in));                 // fresh, empty table
        } finally {
            in.release();
        }
    }
}
