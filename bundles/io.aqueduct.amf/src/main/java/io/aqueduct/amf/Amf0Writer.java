package io.aqueduct.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Writes Java values as AMF0 (AMF 0 specification):
 * <ul>
 * <li>{@code null} &rarr; null; {@link Amf0#UNDEFINED} &rarr; undefined; any {@link Number} &rarr; number
 * (double); {@link Boolean} &rarr; boolean;</li>
 * <li>{@link CharSequence} &rarr; string, or long string when its UTF-8 form exceeds 65535 bytes;</li>
 * <li>{@link EcmaArray} &rarr; ECMA array; {@link TypedObject} &rarr; typed object; any other {@link Map}
 * &rarr; anonymous object (keys through {@code String.valueOf}, each at most 65535 UTF-8 bytes);</li>
 * <li>{@link List} or {@code Object[]} &rarr; strict array; {@link Instant} or {@link Date} &rarr; date (UTC,
 * time zone 0).</li>
 * </ul>
 * Anything else, a {@code null} map key, or nesting deeper than {@link Amf0Reader#MAX_DEPTH_LIMIT} (such as a
 * cyclic structure) raises {@link IllegalArgumentException}, and the buffer's writerIndex is then restored to
 * where the call found it. Never writes references. Stateless and thread-safe.
 */
public final class Amf0Writer {

    private Amf0Writer() {
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

    /** Appends the values in order, e.g. a command name, transaction id, command object and arguments. */
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
            out.writeByte(Amf0.NULL);
        } else if (value == Amf0.UNDEFINED) {
            out.writeByte(Amf0.UNDEFINED_MARKER);
        } else if (value instanceof Number number) {
            out.writeByte(Amf0.NUMBER);
            out.writeDouble(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            out.writeByte(Amf0.BOOLEAN);
            out.writeByte(bool ? 1 : 0);
        } else if (value instanceof CharSequence string) {
            string(out, string.toString());
        } else if (value instanceof EcmaArray array) {
            out.writeByte(Amf0.ECMA_ARRAY);
            out.writeInt(array.size());
            properties(out, array, enter(depth));
        } else if (value instanceof TypedObject typed) {
            out.writeByte(Amf0.TYPED_OBJECT);
            shortUtf8(out, typed.className(), "class name");
            properties(out, typed.properties(), enter(depth));
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(Amf0.OBJECT);
            properties(out, map, enter(depth));
        } else if (value instanceof List<?> list) {
            int inner = enter(depth);
            out.writeByte(Amf0.STRICT_ARRAY);
            out.writeInt(list.size());
            for (Object element : list) {
                value(out, element, inner);
            }
        } else if (value instanceof Object[] array) {
            value(out, Arrays.asList(array), depth);
        } else if (value instanceof Instant instant) {
            date(out, instant.toEpochMilli());
        } else if (value instanceof Date date) {
            // getTime, not toInstant: java.sql.Date.toInstant throws.
            date(out, date.getTime());
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as AMF0");
        }
    }

    private static void string(ByteBuf out, String s) {
        if (ByteBufUtil.utf8Bytes(s) <= 0xFFFF) {
            out.writeByte(Amf0.STRING);
            shortUtf8(out, s, "string");
        } else {
            out.writeByte(Amf0.LONG_STRING);
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            out.setInt(lengthAt, ByteBufUtil.writeUtf8(out, s));
        }
    }

    /** A 16-bit length then UTF-8 bytes (unpaired surrogates become '?', as Netty writes them). */
    private static void shortUtf8(ByteBuf out, String s, String what) {
        int length = ByteBufUtil.utf8Bytes(s);
        if (length > 0xFFFF) {
            throw new IllegalArgumentException(what + " longer than 65535 UTF-8 bytes: " + length);
        }
        out.writeShort(length);
        ByteBufUtil.writeUtf8(out, s);
    }

    private static void properties(ByteBuf out, Map<?, ?> map, int depth) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("null key in a map written as AMF0");
            }
            shortUtf8(out, String.valueOf(entry.getKey()), "member name");
            value(out, entry.getValue(), depth);
        }
        out.writeShort(0);
        out.writeByte(Amf0.OBJECT_END);
    }

    private static void date(ByteBuf out, long epochMillis) {
        out.writeByte(Amf0.DATE);
        out.writeDouble(epochMillis);
        out.writeShort(0);
    }

    private static int enter(int depth) {
        if (depth >= Amf0Reader.MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("values nested deeper than " + Amf0Reader.MAX_DEPTH_LIMIT
                    + " (a cyclic structure?)");
        }
        return depth + 1;
    }
}
