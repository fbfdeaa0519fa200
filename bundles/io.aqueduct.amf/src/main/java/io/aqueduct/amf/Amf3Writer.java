package io.aqueduct.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Writes Java values as AMF3 (AMF 3 specification):
 * <ul>
 * <li>{@code null} &rarr; null; {@link Amf0#UNDEFINED} &rarr; undefined; {@link Boolean} &rarr; false/true;</li>
 * <li>{@link Byte}, {@link Short}, {@link Integer}, {@link Long} within the 29-bit range &rarr; integer, other
 * {@link Number}s &rarr; double;</li>
 * <li>{@link CharSequence} &rarr; string; {@code byte[]} &rarr; byte array; {@link Instant} or {@link Date}
 * &rarr; date;</li>
 * <li>{@link List} or {@code Object[]} &rarr; dense array; {@link TypedObject} &rarr; dynamic object of that
 * class; any other {@link Map} (including {@link EcmaArray}) &rarr; anonymous dynamic object whose keys go
 * through {@code String.valueOf} and must not be empty (an empty name ends the member list in AMF3).</li>
 * </ul>
 * Every value is written inline: no string, object or traits references, which the format allows. Anything
 * else, a {@code null} or empty key, a string or byte array over 2^28-1 bytes, or nesting deeper than
 * {@link Amf0Reader#MAX_DEPTH_LIMIT} raises {@link IllegalArgumentException}, and the buffer's writerIndex is
 * then restored. Stateless and thread-safe.
 */
public final class Amf3Writer {

    /** Traits header of an inline, non-externalizable, dynamic object with no sealed members. */
    private static final int DYNAMIC_TRAITS = 0x0B;
    private static final int EMPTY_STRING = 0x01;
    private static final int MAX_LENGTH = Amf3.U29_MAX >>> 1;

    private Amf3Writer() {
    }

    /** Appends one value to {@code out}. */
    public static void write(ByteBuf out, Object value) {
        int mark = out.writerIndex();
        try {
            value(out, value, 0);
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Appends the values in order. */
    public static void writeAll(ByteBuf out, Object... values) {
        int mark = out.writerIndex();
        try {
            for (Object value : values) {
                value(out, value, 0);
            }
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    private static void value(ByteBuf out, Object value, int depth) {
        if (value == null) {
            out.writeByte(Amf3.NULL);
        } else if (value == Amf0.UNDEFINED) {
            out.writeByte(Amf3.UNDEFINED);
        } else if (value instanceof Boolean bool) {
            out.writeByte(bool ? Amf3.TRUE : Amf3.FALSE);
        } else if (value instanceof Number number) {
            number(out, number);
        } else if (value instanceof CharSequence string) {
            out.writeByte(Amf3.STRING);
            string(out, string.toString());
        } else if (value instanceof byte[] bytes) {
            out.writeByte(Amf3.BYTE_ARRAY);
            writeU29(out, inlineLength(bytes.length, "byte array"));
            out.writeBytes(bytes);
        } else if (value instanceof Instant instant) {
            date(out, instant.toEpochMilli());
        } else if (value instanceof Date date) {
            date(out, date.getTime());
        } else if (value instanceof List<?> list) {
            int inner = enter(depth);
            out.writeByte(Amf3.ARRAY);
            writeU29(out, inlineLength(list.size(), "array"));
            out.writeByte(EMPTY_STRING);
            for (Object element : list) {
                value(out, element, inner);
            }
        } else if (value instanceof Object[] array) {
            value(out, Arrays.asList(array), depth);
        } else if (value instanceof TypedObject typed) {
            dynamicObject(out, typed.className(), typed.properties(), enter(depth));
        } else if (value instanceof Map<?, ?> map) {
            dynamicObject(out, "", map, enter(depth));
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as AMF3");
        }
    }

    private static void number(ByteBuf out, Number number) {
        boolean integral = number instanceof Integer || number instanceof Short || number instanceof Byte
                || number instanceof Long;
        long v = number.longValue();
        if (integral && v >= Amf3.INTEGER_MIN && v <= Amf3.INTEGER_MAX) {
            out.writeByte(Amf3.INTEGER);
            writeU29(out, (int) v & Amf3.U29_MAX);
        } else {
            out.writeByte(Amf3.DOUBLE);
            out.writeDouble(number.doubleValue());
        }
    }

    private static void dynamicObject(ByteBuf out, String className, Map<?, ?> members, int depth) {
        out.writeByte(Amf3.OBJECT);
        out.writeByte(DYNAMIC_TRAITS);
        string(out, className);
        for (Map.Entry<?, ?> entry : members.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("null key in a map written as AMF3");
            }
            String name = String.valueOf(entry.getKey());
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty key in a map written as AMF3");
            }
            string(out, name);
            value(out, entry.getValue(), depth);
        }
        out.writeByte(EMPTY_STRING);
    }

    /** UTF-8-vr written inline: U29 (byte length << 1 | 1) then the bytes. */
    private static void string(ByteBuf out, String s) {
        writeU29(out, inlineLength(ByteBufUtil.utf8Bytes(s), "string"));
        ByteBufUtil.writeUtf8(out, s);
    }

    private static void date(ByteBuf out, long epochMillis) {
        out.writeByte(Amf3.DATE);
        out.writeByte(0x01);
        out.writeDouble(epochMillis);
    }

    private static int inlineLength(int length, String what) {
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " longer than " + MAX_LENGTH + ": " + length);
        }
        return (length << 1) | 1;
    }

    /** Writes 0..2^29-1 in the AMF3 variable-length form (1 to 4 bytes). */
    static void writeU29(ByteBuf out, int v) {
        if (v < 0x80) {
            out.writeByte(v);
        } else if (v < 0x4000) {
            out.writeByte(v >> 7 | 0x80);
            out.writeByte(v & 0x7F);
        } else if (v < 0x200000) {
            out.writeByte(v >> 14 | 0x80);
            out.writeByte(v >> 7 & 0x7F | 0x80);
            out.writeByte(v & 0x7F);
        } else {
            out.writeByte(v >> 22 | 0x80);
            out.writeByte(v >> 15 & 0x7F | 0x80);
            out.writeByte(v >> 8 & 0x7F | 0x80);
            out.writeByte(v & 0xFF);
        }
    }

    private static int enter(int depth) {
        if (depth >= Amf0Reader.MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("values nested deeper than " + Amf0Reader.MAX_DEPTH_LIMIT
                    + " (a cyclic structure?)");
        }
        return depth + 1;
    }
}
