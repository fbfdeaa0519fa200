package io.aqueduct.amf;

/**
 * AMF3 type markers (AMF 3 specification, section 3.1) and the limits of its variable-length integers.
 */
public final class Amf3 {

    public static final int UNDEFINED = 0x00;
    public static final int NULL = 0x01;
    public static final int FALSE = 0x02;
    public static final int TRUE = 0x03;
    public static final int INTEGER = 0x04;
    public static final int DOUBLE = 0x05;
    public static final int STRING = 0x06;
    public static final int XML_DOC = 0x07;
    public static final int DATE = 0x08;
    public static final int ARRAY = 0x09;
    public static final int OBJECT = 0x0A;
    public static final int XML = 0x0B;
    public static final int BYTE_ARRAY = 0x0C;
    public static final int VECTOR_INT = 0x0D;
    public static final int VECTOR_UINT = 0x0E;
    public static final int VECTOR_DOUBLE = 0x0F;
    public static final int VECTOR_OBJECT = 0x10;
    public static final int DICTIONARY = 0x11;

    /** Smallest value of the integer type (29-bit two's complement). */
    public static final int INTEGER_MIN = -(1 << 28);
    /** Largest value of the integer type. */
    public static final int INTEGER_MAX = (1 << 28) - 1;
    /** Largest unsigned U29 value, also the largest length or count the format can carry. */
    public static final int U29_MAX = (1 << 29) - 1;

    private Amf3() {
    }
}
