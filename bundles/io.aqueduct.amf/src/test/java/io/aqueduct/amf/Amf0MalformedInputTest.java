package io.aqueduct.amf;

import static io.aqueduct.amf.Vectors.bytes;
import static io.aqueduct.amf.Vectors.readAmf0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0MalformedInputTest {

    private static AmfException fails(byte[] vector) {
        return assertThrows(AmfException.class, () -> readAmf0(vector));
    }

    private static void assertMessage(AmfException e, String part, int offset) {
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().endsWith("at offset " + offset), e.getMessage());
    }

    /** {@code depth} objects, each the only member "a" of its parent, properly closed. */
    static byte[] nestedObjects(int depth) {
        StringBuilder hex = new StringBuilder();
        hex.append("030001 61".repeat(depth - 1)).append("03");
        hex.append("000009".repeat(depth));
        return bytes(hex.toString());
    }

    @Test
    void truncatedStringFailsWithItsOffset() {
        AmfException e = fails(bytes("02", "0005", "'abc'"));                       // 5 announced, 3 present
        assertMessage(e, "truncated string", 3);
    }

    @Test
    void truncatedScalarsFail() {
        assertMessage(fails(bytes("00", "3FF0")), "truncated number", 1);
        assertMessage(fails(bytes("01")), "truncated boolean", 1);
        assertMessage(fails(bytes("02", "00")), "truncated string length", 1);
        assertMessage(fails(bytes("0B", "4278BCFE56800000")), "truncated date time zone", 9);
        assertMessage(fails(bytes("0C", "FFFFFFFF", "'x'")), "truncated long string", 5);
    }

    @Test
    void truncatedObjectFails() {
        assertMessage(fails(bytes("03", "0001", "'a'", "05")), "truncated object member name length", 5);
        assertMessage(fails(bytes("03", "0000")), "truncated object end marker", 3);
    }

    @Test
    void strictArrayCountLargerThanTheBufferFailsBeforeAllocating() {
        assertMessage(fails(bytes("0A", "7FFFFFFF", "05")), "truncated strict array", 5);
    }

    @Test
    void unknownAndUnsupportedMarkersFail() {
        assertMessage(fails(bytes("12")), "unknown AMF0 marker 0x12", 0);
        assertMessage(fails(bytes("FF")), "unknown AMF0 marker 0xff", 0);
        assertMessage(fails(bytes("04")), "unsupported AMF0 marker 0x4", 0);        // movie clip
        assertMessage(fails(bytes("0E")), "unsupported AMF0 marker 0xe", 0);        // record set
        assertMessage(fails(bytes("09")), "object-end marker outside an object", 0);
    }

    @Test
    void invalidUtf8Fails() {
        assertMessage(fails(bytes("02", "0002", "C328")), "invalid UTF-8 in string", 3);          // bad continuation
        assertMessage(fails(bytes("02", "0002", "C0AF")), "invalid UTF-8 in string", 3);          // overlong '/'
        assertMessage(fails(bytes("02", "0003", "EDA080")), "invalid UTF-8 in string", 3);        // surrogate
        assertMessage(fails(bytes("03", "0001", "FF", "05", "0000", "09")), "invalid UTF-8 in object member name", 3);
    }

    @Test
    void badReferencesFail() {
        assertMessage(fails(bytes("07", "0000")), "reference 0 points past the 0 objects", 0);
        // An object whose member refers to the object itself: a cycle.
        assertMessage(fails(bytes("03", "0001", "'a'", "07", "0000", "0000", "09")), "still being read", 4);
    }

    @Test
    void nonFiniteDateFails() {
        assertMessage(fails(bytes("0B", "7FF8000000000000", "0000")), "not a finite", 0);          // NaN
    }

    @Test
    void thousandNestedObjectsFailOnDepthNotOnTheStack() {
        AmfException e = fails(nestedObjects(1000));
        assertMessage(e, "nested deeper than 32", 32 * 4);                          // the 33rd object's marker
        AmfException atLimit = assertThrows(AmfException.class,
                () -> readAmf0(new Amf0Reader(Amf0Reader.MAX_DEPTH_LIMIT), nestedObjects(1000)));
        assertTrue(atLimit.getMessage().contains("nested deeper than 256"), atLimit.getMessage());
    }

    @Test
    void thousandNestedArraysFailOnDepth() {
        String nested = "0A00000001".repeat(1000) + "05";                           // [[[...[null]...]]]
        assertTrue(fails(bytes(nested)).getMessage().contains("nested deeper than 32"));
        String ecma = "0800000001 0001 61".repeat(1000) + "05" + "000009".repeat(1000);
        assertTrue(fails(bytes(ecma)).getMessage().contains("nested deeper than 32"));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() throws AmfException {
        Object value = readAmf0(nestedObjects(Amf0Reader.DEFAULT_MAX_DEPTH));
        for (int i = 1; i < Amf0Reader.DEFAULT_MAX_DEPTH; i++) {
            value = ((Map<?, ?>) value).get("a");
        }
        assertEquals(Map.of(), value);
        assertThrows(AmfException.class, () -> readAmf0(new Amf0Reader(1), bytes("0A00000001", "0A00000000")));
        assertThrows(AmfException.class, () -> readAmf0(new Amf0Reader(0), bytes("03", "0000", "09")));
        assertEquals(1.0, readAmf0(new Amf0Reader(0), bytes("00", "3FF0000000000000")));
    }

    @Test
    void rejectsUnreasonableDepthLimits() {
        assertThrows(IllegalArgumentException.class, () -> new Amf0Reader(-1));
        assertThrows(IllegalArgumentException.class, () -> new Amf0Reader(Amf0Reader.MAX_DEPTH_LIMIT + 1));
    }

    @Test
    void failureLeavesTheReaderIndexWhereItWas() {
        ByteBuf in = Vectors.buffer(bytes("05", "02", "0005", "'ab'"));
        try {
            in.readerIndex(1);
            assertThrows(AmfException.class, () -> new Amf0Reader().read(in));
            assertEquals(1, in.readerIndex());
            in.readerIndex(0);
            assertThrows(AmfException.class, () -> new Amf0Reader().readAll(in));
            assertEquals(0, in.readerIndex());
        } finally {
            in.release();
        }
    }
}
