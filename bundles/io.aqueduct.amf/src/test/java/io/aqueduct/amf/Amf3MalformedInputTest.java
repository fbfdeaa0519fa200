package io.aqueduct.amf;

import static io.aqueduct.amf.Vectors.bytes;
import static io.aqueduct.amf.Vectors.readAmf3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Amf3MalformedInputTest {

    private static void fails(byte[] vector, String part, int offset) {
        AmfException e = assertThrows(AmfException.class, () -> readAmf3(vector));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Test
    void truncatedValuesFail() {
        fails(bytes("04", "81"), "truncated integer", 2);                           // continuation, then nothing
        fails(bytes("05", "3FF0"), "truncated double", 1);
        fails(bytes("06", "07", "'ab'"), "truncated string", 2);                    // 3 announced, 2 present
        fails(bytes("0C", "07", "01"), "truncated byte array", 2);
        fails(bytes("0A", "0B", "01", "03", "'a'"), "truncated AMF3 type marker", 5);
    }

    @Test
    void hugeCountsFailBeforeAllocating() {
        fails(bytes("09", "BFFFFFFF", "01"), "truncated array of 134217727 dense elements", 6);
        fails(bytes("0A", "BFFFFFF3", "01"), "truncated 16777215 sealed member names", 6);
        fails(bytes("0C", "BFFFFFFF"), "truncated byte array", 5);
    }

    @Test
    void unknownAndUnsupportedMarkersFail() {
        fails(bytes("12"), "unknown AMF3 marker 0x12", 0);
        fails(bytes("0D", "01"), "unsupported AMF3 marker 0xd", 0);                 // vector-int
        fails(bytes("11", "01"), "unsupported AMF3 marker 0x11", 0);                // dictionary
    }

    @Test
    void externalizableObjectsFail() {
        fails(bytes("0A", "07", "07", "'Ext'"), "externalizable", 0);              // traits flag 0b0111
    }

    @Test
    void badReferencesFail() {
        fails(bytes("06", "00"), "string reference 0 points past the 0 strings", 1);
        fails(bytes("0A", "00"), "object reference 0 points past the 0 objects", 0);
        fails(bytes("0A", "05"), "traits reference 1 points past the 0 traits", 0);
        fails(bytes("09", "03", "01", "09", "00"), "still being read", 3);         // array holding itself
    }

    @Test
    void invalidUtf8Fails() {
        fails(bytes("06", "03", "FF"), "invalid UTF-8 in string", 2);
    }

    @Test
    void thousandNestedArraysAndObjectsFailOnDepth() {
        fails(bytes("090301".repeat(1000) + "01"), "nested deeper than 32", 32 * 3);
        fails(bytes("0A0B01 0361".repeat(1000) + "01" + "01".repeat(1000)), "nested deeper than 32", 32 * 5);
    }

    @Test
    void amf0SwitchCountsTowardsTheSameDepth() {
        // 31 AMF0 strict arrays of one element, then an AMF3 array holding an AMF3 array: depth 33.
        byte[] vector = bytes("0A00000001".repeat(31), "11", "090301", "0901", "01");
        AmfException e = assertThrows(AmfException.class, () -> Vectors.readAmf0(vector));
        assertTrue(e.getMessage().contains("nested deeper than 32"), e.getMessage());
    }
}
