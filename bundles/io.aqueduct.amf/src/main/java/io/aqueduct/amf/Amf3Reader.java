package io.aqueduct.amf;

import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AMF3 values (AMF 3 specification), as carried by RTMP message types 15 and 17 and after the AMF0
 * switch marker, into plain Java values:
 * <ul>
 * <li>undefined &rarr; {@link Amf0#UNDEFINED}; null &rarr; {@code null}; false/true &rarr; {@link Boolean};
 * integer (29-bit, sign-extended) &rarr; {@link Integer}; double &rarr; {@link Double};</li>
 * <li>string, XML document and XML &rarr; {@link String}; date &rarr; {@link Instant}; byte array &rarr;
 * {@code byte[]};</li>
 * <li>array &rarr; {@link ArrayList} when it has no associative part, else a {@link LinkedHashMap} holding
 * the dense entries under the keys "0", "1", ... followed by the associative entries (a dense entry wins over an
 * associative entry with the same key);</li>
 * <li>object &rarr; {@link LinkedHashMap} (sealed then dynamic members) for anonymous traits, else
 * {@link TypedObject}.</li>
 * </ul>
 * String, object and traits reference tables are honoured. Externalizable objects, vectors and dictionaries
 * fail, as do cycles (a reference to an object still being read). Failures raise {@link AmfException} and leave
 * the buffer's readerIndex where the call found it.
 *
 * <p>Instances are immutable and thread-safe; reference tables live for one {@link #read} or {@link #readAll}
 * call only.
 */
public final class Amf3Reader {

    private static final Object IN_PROGRESS = new Object();

    private final int maxDepth;

    /** A reader with {@link Amf0Reader#DEFAULT_MAX_DEPTH}. */
    public Amf3Reader() {
        this(Amf0Reader.DEFAULT_MAX_DEPTH);
    }

    /**
     * @param maxDepth how many objects/arrays may nest, at most {@link Amf0Reader#MAX_DEPTH_LIMIT}
     * @throws IllegalArgumentException when out of range
     */
    public Amf3Reader(int maxDepth) {
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

    /** Reads values until the buffer has no readable bytes, sharing the reference tables across them. */
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

    /** One value after an AMF0 switch marker, nested {@code depth} containers deep, with fresh tables. */
    Object readSwitched(ByteBuf in, int depth) throws AmfException {
        return new Decoding().value(in, depth);
    }

    private record Traits(String className, boolean dynamic, List<String> sealedNames) {
    }

    /** The state of one read call: the string, object and traits reference tables. */
    private final class Decoding {

        private final List<String> strings = new ArrayList<>();
        private final List<Object> objects = new ArrayList<>();
        private final List<Traits> traits = new ArrayList<>();

        Object value(ByteBuf in, int depth) throws AmfException {
            int at = in.readerIndex();
            int marker = AmfInput.u8(in, "AMF3 type marker");
            switch (marker) {
                case Amf3.UNDEFINED:
                    return Amf0.UNDEFINED;
                case Amf3.NULL:
                    return null;
                case Amf3.FALSE:
                    return Boolean.FALSE;
                case Amf3.TRUE:
                    return Boolean.TRUE;
                case Amf3.INTEGER:
                    return (AmfInput.u29(in, "integer") << 3) >> 3;
                case Amf3.DOUBLE:
                    return AmfInput.f64(in, "double");
                case Amf3.STRING:
                    return string(in, "string");
                case Amf3.XML_DOC:
                case Amf3.XML:
                    return xml(in, at);
                case Amf3.DATE:
                    return date(in, at);
                case Amf3.ARRAY:
                    return array(in, depth, at);
                case Amf3.OBJECT:
                    return object(in, depth, at);
                case Amf3.BYTE_ARRAY:
                    return byteArray(in, at);
                case Amf3.VECTOR_INT:
                case Amf3.VECTOR_UINT:
                case Amf3.VECTOR_DOUBLE:
                case Amf3.VECTOR_OBJECT:
                case Amf3.DICTIONARY:
                    throw new AmfException("unsupported AMF3 marker 0x" + Integer.toHexString(marker), at);
                default:
                    throw new AmfException("unknown AMF3 marker 0x" + Integer.toHexString(marker), at);
            }
        }

        /** UTF-8-vr: a reference into the string table, or an inline string (non-empty ones join the table). */
        private String string(ByteBuf in, String what) throws AmfException {
            int at = in.readerIndex();
            int header = AmfInput.u29(in, what);
            if ((header & 1) == 0) {
                int index = header >>> 1;
                if (index >= strings.size()) {
                    throw new AmfException(what + " reference " + index + " points past the " + strings.size()
                            + " strings read so far", at);
                }
                return strings.get(index);
            }
            String s = AmfInput.utf8(in, header >>> 1, what);
            if (!s.isEmpty()) {
                strings.add(s);
            }
            return s;
        }

        private Object xml(ByteBuf in, int at) throws AmfException {
            int header = AmfInput.u29(in, "XML length");
            if ((header & 1) == 0) {
                return objectReference(header >>> 1, at);
            }
            String xml = AmfInput.utf8(in, header >>> 1, "XML");
            objects.add(xml);
            return xml;
        }

        private Object date(ByteBuf in, int at) throws AmfException {
            int header = AmfInput.u29(in, "date header");
            if ((header & 1) == 0) {
                return objectReference(header >>> 1, at);
            }
            double millis = AmfInput.f64(in, "date");
            if (!Double.isFinite(millis)) {
                throw new AmfException("date is not a finite number of milliseconds", at);
            }
            Instant date = Instant.ofEpochMilli((long) Math.floor(millis));
            objects.add(date);
            return date;
        }

        private Object byteArray(ByteBuf in, int at) throws AmfException {
            int header = AmfInput.u29(in, "byte array length");
            if ((header & 1) == 0) {
                return objectReference(header >>> 1, at);
            }
            int length = header >>> 1;
            AmfInput.need(in, length, "byte array");
            byte[] bytes = new byte[length];
            in.readBytes(bytes);
            objects.add(bytes);
            return bytes;
        }

        private Object array(ByteBuf in, int depth, int at) throws AmfException {
            int header = AmfInput.u29(in, "array header");
            if ((header & 1) == 0) {
                return objectReference(header >>> 1, at);
            }
            int inner = enter(depth, at);
            int denseCount = header >>> 1;
            int slot = reserve();
            Map<String, Object> associative = null;
            for (String key = string(in, "array key"); !key.isEmpty(); key = string(in, "array key")) {
                if (associative == null) {
                    associative = new LinkedHashMap<>();
                }
                associative.put(key, value(in, inner));
            }
            // Every element takes at least its marker byte: a larger count cannot be satisfied by this buffer.
            AmfInput.need(in, denseCount, "array of " + denseCount + " dense elements");
            List<Object> dense = new ArrayList<>(denseCount);
            for (int i = 0; i < denseCount; i++) {
                dense.add(value(in, inner));
            }
            Object result = dense;
            if (associative != null) {
                Map<String, Object> mixed = new LinkedHashMap<>();
                for (int i = 0; i < dense.size(); i++) {
                    mixed.put(Integer.toString(i), dense.get(i));
                }
                associative.forEach(mixed::putIfAbsent);
                result = mixed;
            }
            objects.set(slot, result);
            return result;
        }

        private Object object(ByteBuf in, int depth, int at) throws AmfException {
            int header = AmfInput.u29(in, "object header");
            if ((header & 1) == 0) {
                return objectReference(header >>> 1, at);
            }
            int inner = enter(depth, at);
            int slot = reserve();
            Traits objectTraits = traits(in, header, at);
            Map<String, Object> members = new LinkedHashMap<>();
            for (String name : objectTraits.sealedNames()) {
                members.put(name, value(in, inner));
            }
            if (objectTraits.dynamic()) {
                for (String name = string(in, "dynamic member name"); !name.isEmpty();
                        name = string(in, "dynamic member name")) {
                    members.put(name, value(in, inner));
                }
            }
            Object result = objectTraits.className().isEmpty()
                    ? members : new TypedObject(objectTraits.className(), members);
            objects.set(slot, result);
            return result;
        }

        /** The traits of an inline object: a reference into the traits table or an inline definition. */
        private Traits traits(ByteBuf in, int header, int at) throws AmfException {
            if ((header & 2) == 0) {
                int index = header >>> 2;
                if (index >= traits.size()) {
                    throw new AmfException("traits reference " + index + " points past the " + traits.size()
                            + " traits read so far", at);
                }
                return traits.get(index);
            }
            if ((header & 4) != 0) {
                throw new AmfException("externalizable AMF3 objects are not supported", at);
            }
            boolean dynamic = (header & 8) != 0;
            int sealedCount = header >>> 4;
            String className = string(in, "class name");
            AmfInput.need(in, sealedCount, sealedCount + " sealed member names");
            List<String> names = new ArrayList<>(sealedCount);
            for (int i = 0; i < sealedCount; i++) {
                names.add(string(in, "sealed member name"));
            }
            Traits defined = new Traits(className, dynamic, List.copyOf(names));
            traits.add(defined);
            return defined;
        }

        private Object objectReference(int index, int at) throws AmfException {
            if (index >= objects.size()) {
                throw new AmfException("object reference " + index + " points past the " + objects.size()
                        + " objects read so far", at);
            }
            Object target = objects.get(index);
            if (target == IN_PROGRESS) {
                throw new AmfException("object reference " + index + " points to an object still being read (cycle)",
                        at);
            }
            return target;
        }

        private int enter(int depth, int at) throws AmfException {
            if (depth >= maxDepth) {
                throw new AmfException("objects nested deeper than " + maxDepth, at);
            }
            return depth + 1;
        }

        private int reserve() {
            objects.add(IN_PROGRESS);
            return objects.size() - 1;
        }
    }
}
