package io.aqueduct.amf;

import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AMF0 values (AMF 0 specification) from a ByteBuf into plain Java values:
 * <ul>
 * <li>number &rarr; {@link Double}; boolean &rarr; {@link Boolean}; string, long string and XML document
 * &rarr; {@link String};</li>
 * <li>object &rarr; {@link LinkedHashMap}{@code <String,Object>} in wire order; ECMA array &rarr;
 * {@link EcmaArray}; strict array &rarr; {@link ArrayList}; typed object &rarr; {@link TypedObject};</li>
 * <li>null &rarr; {@code null}; undefined and the "unsupported" marker &rarr; {@link Amf0#UNDEFINED};
 * date &rarr; {@link Instant} (the time-zone field is ignored, as the specification asks);</li>
 * <li>reference &rarr; the earlier object itself (a reference to an object still being read, i.e. a cycle,
 * fails); switch to AMF3 (0x11) &rarr; one AMF3 value read by {@link Amf3Reader} rules.</li>
 * </ul>
 * Tolerated encoder quirks: an ECMA array's declared count is ignored and its entries are read until the
 * object-end marker (ffmpeg and others write counts that differ), and an ECMA array that ends with the buffer
 * right after its declared entries, without an end marker, is accepted. Movie clip and record set fail.
 *
 * <p>Failures (truncated input, unknown marker, bad UTF-8, nesting deeper than {@link #maxDepth()}, bad
 * reference) raise {@link AmfException} and leave the buffer's readerIndex where the call found it.
 *
 * <p>Instances are immutable and thread-safe; reference tables live for one {@link #read} or {@link #readAll}
 * call only.
 */
public final class Amf0Reader {

    /** Default nesting limit for objects and arrays. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    /** Highest nesting limit a reader accepts, so that the recursive descent stays far from the thread stack. */
    public static final int MAX_DEPTH_LIMIT = 256;

    /** Placeholder in the reference table for an object whose members are still being read. */
    private static final Object IN_PROGRESS = new Object();

    private final int maxDepth;

    /** A reader with {@link #DEFAULT_MAX_DEPTH}. */
    public Amf0Reader() {
        this(DEFAULT_MAX_DEPTH);
    }

    /**
     * @param maxDepth how many objects/arrays may nest (1 = a top-level object of scalars, 0 = scalars only),
     *                 at most {@link #MAX_DEPTH_LIMIT}
     * @throws IllegalArgumentException when out of range
     */
    public Amf0Reader(int maxDepth) {
        this.maxDepth = AmfInput.checkMaxDepth(maxDepth);
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Reads one value and advances the readerIndex past it. */
    public Object read(ByteBuf in) throws AmfException {
        int start = in.readerIndex();
        try {
            return new Decoding().value(in, 0);
        } catch (AmfException e) {
            in.readerIndex(start);
            throw e;
        }
    }

    /**
     * Reads values until the buffer has no readable bytes (an RTMP command or data message body), sharing one
     * reference table across them as one AMF packet.
     */
    public List<Object> readAll(ByteBuf in) throws AmfException {
        int start = in.readerIndex();
        try {
            Decoding decoding = new Decoding();
            List<Object> values = new ArrayList<>();
            while (in.isReadable()) {
                values.add(decoding.value(in, 0));
            }
            return values;
        } catch (AmfException e) {
            in.readerIndex(start);
            throw e;
        }
    }

    /** The state of one read call: the table of complex values that references (0x07) point into. */
    private final class Decoding {

        private final List<Object> references = new ArrayList<>();

        Object value(ByteBuf in, int depth) throws AmfException {
            int at = in.readerIndex();
            int marker = AmfInput.u8(in, "AMF0 type marker");
            switch (marker) {
                case Amf0.NUMBER:
                    return AmfInput.f64(in, "number");
                case Amf0.BOOLEAN:
                    return AmfInput.u8(in, "boolean") != 0;
                case Amf0.STRING:
                    return AmfInput.utf8(in, AmfInput.u16(in, "string length"), "string");
                case Amf0.LONG_STRING:
                    return AmfInput.utf8(in, AmfInput.u32(in, "long string length"), "long string");
                case Amf0.XML_DOCUMENT:
                    return AmfInput.utf8(in, AmfInput.u32(in, "XML document length"), "XML document");
                case Amf0.NULL:
                    return null;
                case Amf0.UNDEFINED_MARKER:
                case Amf0.UNSUPPORTED:
                    return Amf0.UNDEFINED;
                case Amf0.OBJECT:
                    return object(in, depth, at);
                case Amf0.ECMA_ARRAY:
                    return ecmaArray(in, depth, at);
                case Amf0.STRICT_ARRAY:
                    return strictArray(in, depth, at);
                case Amf0.TYPED_OBJECT:
                    return typedObject(in, depth, at);
                case Amf0.REFERENCE:
                    return reference(in, at);
                case Amf0.DATE:
                    return date(in, at);
                case Amf0.AVMPLUS_OBJECT:
                    return new Amf3Reader(maxDepth).readSwitched(in, depth);
                case Amf0.OBJECT_END:
                    throw new AmfException("object-end marker outside an object", at);
                case Amf0.MOVIECLIP:
                case Amf0.RECORDSET:
                    throw new AmfException("unsupported AMF0 marker 0x" + Integer.toHexString(marker), at);
                default:
                    throw new AmfException("unknown AMF0 marker 0x" + Integer.toHexString(marker), at);
            }
        }

        private Map<String, Object> object(ByteBuf in, int depth, int at) throws AmfException {
            int inner = enter(depth, at);
            int slot = reserve();
            Map<String, Object> object = new LinkedHashMap<>();
            properties(in, object, inner, "object", -1);
            references.set(slot, object);
            return object;
        }

        private EcmaArray ecmaArray(ByteBuf in, int depth, int at) throws AmfException {
            int inner = enter(depth, at);
            long declared = AmfInput.u32(in, "ECMA array count");
            int slot = reserve();
            EcmaArray array = new EcmaArray();
            properties(in, array, inner, "ECMA array", declared);
            references.set(slot, array);
            return array;
        }

        private TypedObject typedObject(ByteBuf in, int depth, int at) throws AmfException {
            int inner = enter(depth, at);
            String className = AmfInput.utf8(in, AmfInput.u16(in, "class name length"), "class name");
            int slot = reserve();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties(in, properties, inner, "typed object", -1);
            TypedObject object = new TypedObject(className, properties);
            references.set(slot, object);
            return object;
        }

        private List<Object> strictArray(ByteBuf in, int depth, int at) throws AmfException {
            int inner = enter(depth, at);
            long count = AmfInput.u32(in, "strict array count");
            // Every element takes at least its marker byte: a larger count cannot be satisfied by this buffer.
            AmfInput.need(in, count, "strict array of " + count + " elements");
            int slot = reserve();
            List<Object> list = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                list.add(value(in, inner));
            }
            references.set(slot, list);
            return list;
        }

        /**
         * Reads name/value pairs until the empty name followed by the object-end marker. An empty name followed by
         * anything else is a member with an empty name. {@code declaredCount} (ECMA arrays only, else -1) lets an
         * array end at the end of the buffer once its declared entries are read.
         */
        private void properties(ByteBuf in, Map<String, Object> into, int depth, String what, long declaredCount)
                throws AmfException {
            while (true) {
                if (!in.isReadable() && declaredCount >= 0 && into.size() >= declaredCount) {
                    return;
                }
                int nameLength = AmfInput.u16(in, what + " member name length");
                if (nameLength == 0) {
                    AmfInput.need(in, 1, what + " end marker or member value");
                    if (in.getUnsignedByte(in.readerIndex()) == Amf0.OBJECT_END) {
                        in.skipBytes(1);
                        return;
                    }
                }
                String name = AmfInput.utf8(in, nameLength, what + " member name");
                into.put(name, value(in, depth));
            }
        }

        private Object reference(ByteBuf in, int at) throws AmfException {
            int index = AmfInput.u16(in, "reference index");
            if (index >= references.size()) {
                throw new AmfException("reference " + index + " points past the " + references.size()
                        + " objects read so far", at);
            }
            Object target = references.get(index);
            if (target == IN_PROGRESS) {
                throw new AmfException("reference " + index + " points to an object still being read (cycle)", at);
            }
            return target;
        }

        private Instant date(ByteBuf in, int at) throws AmfException {
            double millis = AmfInput.f64(in, "date");
            AmfInput.u16(in, "date time zone");
            if (!Double.isFinite(millis)) {
                throw new AmfException("date is not a finite number of milliseconds", at);
            }
            return Instant.ofEpochMilli((long) Math.floor(millis));
        }

        private int enter(int depth, int at) throws AmfException {
            if (depth >= maxDepth) {
                throw new AmfException("objects nested deeper than " + maxDepth, at);
            }
            return depth + 1;
        }

        private int reserve() {
            references.add(IN_PROGRESS);
            return references.size() - 1;
        }
    }
}
