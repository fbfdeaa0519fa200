package io.aqueduct.amf;

import static io.aqueduct.amf.Vectors.bytes;
import static io.aqueduct.amf.Vectors.readAllAmf0;
import static io.aqueduct.amf.Vectors.readAmf0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0ReaderTest {

    /** The ffmpeg/FMLE connect command: "connect", 1.0, {app, type, flashVer, tcUrl}. */
    static final byte[] CONNECT = bytes(
            "02", "0007", "'connect'",                          // string marker, length 7, "connect"
            "00", "3FF0000000000000",                           // number marker, 1.0 (transaction id)
            "03",                                               // object marker
            "0003", "'app'", "02", "0004", "'live'",            // app: "live"
            "0004", "'type'", "02", "000A", "'nonprivate'",     // type: "nonprivate"
            "0008", "'flashVer'", "02", "001F",                 // flashVer: 31-byte string
            "'FMLE/3.0 (compatible; FMSc/1.0)'",
            "0005", "'tcUrl'", "02", "001A",                    // tcUrl: 26-byte string
            "'rtmp://127.0.0.1:1935/live'",
            "0000", "09");                                      // empty name + object-end marker

    static Map<String, Object> connectObject() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("app", "live");
        object.put("type", "nonprivate");
        object.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        object.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        return object;
    }

    @Test
    void readsTheFfmpegConnectCommandInOrder() throws AmfException {
        List<Object> values = readAllAmf0(CONNECT);

        assertEquals(List.of("connect", 1.0, connectObject()), values);
        Map<?, ?> object = assertInstanceOf(LinkedHashMap.class, values.get(2));
        assertEquals(List.of("app", "type", "flashVer", "tcUrl"), List.copyOf(object.keySet()));
    }

    @Test
    void readsNumbers() throws AmfException {
        assertEquals(1.5, readAmf0(bytes("00", "3FF8000000000000")));              // number 1.5
        assertEquals(-0.0, readAmf0(bytes("00", "8000000000000000")));             // number -0.0
    }

    @Test
    void readsBooleansAnyNonZeroByteAsTrue() throws AmfException {
        assertEquals(Boolean.FALSE, readAmf0(bytes("01", "00")));
        assertEquals(Boolean.TRUE, readAmf0(bytes("01", "01")));
        assertEquals(Boolean.TRUE, readAmf0(bytes("01", "FF")));
    }

    @Test
    void readsStringsAsUtf8() throws AmfException {
        assertEquals("", readAmf0(bytes("02", "0000")));                           // empty string
        assertEquals("é€", readAmf0(bytes("02", "0005", "C3A9", "E282AC")));      // 2-byte + 3-byte sequences
        assertEquals("\uD83C\uDFA5", readAmf0(bytes("02", "0004", "F09F8EA5")));  // 4-byte sequence (surrogate pair)
    }

    @Test
    void readsLongStringsAndXmlDocumentsAsStrings() throws AmfException {
        assertEquals("long", readAmf0(bytes("0C", "00000004", "'long'")));        // long string, u32 length
        assertEquals("<a/>", readAmf0(bytes("0F", "00000004", "'<a/>'")));        // XML document, u32 length
    }

    @Test
    void readsNullUndefinedAndUnsupported() throws AmfException {
        assertNull(readAmf0(bytes("05")));
        assertSame(Amf0.UNDEFINED, readAmf0(bytes("06")));
        assertSame(Amf0.UNDEFINED, readAmf0(bytes("0D")));                          // "unsupported" marker
    }

    @Test
    void readsAnEmptyObject() throws AmfException {
        assertEquals(Map.of(), readAmf0(bytes("03", "0000", "09")));
    }

    @Test
    void readsAMemberWithAnEmptyNameWhenNoEndMarkerFollows() throws AmfException {
        Object value = readAmf0(bytes("03",
                "0000", "05",                                                       // "": null
                "0000", "09"));                                                     // end
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("", null);
        assertEquals(expected, value);
    }

    @Test
    void readsNestedObjectsAndStrictArrays() throws AmfException {
        Object value = readAmf0(bytes("03",
                "0001", "'a'", "0A", "00000002",                                    // a: strict array of 2
                "00", "4000000000000000",                                           //   2.0
                "03", "0001", "'b'", "01", "01", "0000", "09",                      //   {b: true}
                "0000", "09"));
        assertEquals(Map.of("a", List.of(2.0, Map.of("b", true))), value);
    }

    @Test
    void readsAnEcmaArrayUntilTheEndMarkerWhateverItsCount() throws AmfException {
        Object declaredZero = readAmf0(bytes("08", "00000000",                      // count 0, yet two entries
                "0001", "'a'", "00", "3FF0000000000000",
                "0001", "'b'", "05",
                "0000", "09"));
        EcmaArray array = assertInstanceOf(EcmaArray.class, declaredZero);
        assertEquals(List.of("a", "b"), List.copyOf(array.keySet()));
        assertEquals(1.0, array.get("a"));

        Object declaredFive = readAmf0(bytes("08", "00000005", "0001", "'a'", "05", "0000", "09"));
        assertEquals(1, assertInstanceOf(EcmaArray.class, declaredFive).size());
    }

    @Test
    void acceptsAnEcmaArrayWithoutEndMarkerAtTheEndOfTheBuffer() throws AmfException {
        Object value = readAmf0(bytes("08", "00000001", "0001", "'a'", "05"));     // 1 entry, then buffer ends
        assertEquals(1, assertInstanceOf(EcmaArray.class, value).size());
    }

    @Test
    void readsATypedObject() throws AmfException {
        Object value = readAmf0(bytes("10", "0005", "'Point'",                      // typed object, class "Point"
                "0001", "'x'", "00", "3FF0000000000000",                            // x: 1.0
                "0000", "09"));
        assertEquals(new TypedObject("Point", Map.of("x", 1.0)), value);
    }

    @Test
    void readsADateAndIgnoresItsTimeZone() throws AmfException {
        Object value = readAmf0(bytes("0B", "4278BCFE56800000", "FF88"));           // 1.7e12 ms, zone -120 min
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), value);
    }

    @Test
    void resolvesReferencesToEarlierObjects() throws AmfException {
        Object value = readAmf0(bytes("0A", "00000002",                             // strict array (ref 0)
                "03", "0001", "'k'", "05", "0000", "09",                            //   {k: null} (ref 1)
                "07", "0001"));                                                     //   reference 1
        List<?> list = assertInstanceOf(List.class, value);
        assertSame(list.get(0), list.get(1));
    }

    @Test
    void readAllSharesTheReferenceTableAcrossValues() throws AmfException {
        List<Object> values = readAllAmf0(bytes("03", "0000", "09", "07", "0000"));
        assertSame(values.get(0), values.get(1));
    }

    @Test
    void switchesToAmf3ForOneValue() throws AmfException {
        assertEquals(128, readAmf0(bytes("11", "04", "8100")));                     // AVM+ marker, AMF3 int 128
        List<Object> values = readAllAmf0(bytes(
                "11", "06", "07", "'abc'",                                          // AMF3 string "abc"
                "02", "0002", "'hi'"));                                             // back in AMF0
        assertEquals(List.of("abc", "hi"), values);
    }

    @Test
    void readsOneValueAndLeavesTheRest() throws AmfException {
        var in = Vectors.buffer(bytes("05", "06"));
        try {
            assertNull(new Amf0Reader().read(in));
            assertEquals(1, in.readableBytes());
        } finally {
            in.release();
        }
    }
}
