package io.aqueduct.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Builds byte vectors by hand and runs readers/writers on pooled buffers that are always released. */
final class Vectors {

    private Vectors() {
    }

    /**
     * Concatenates parts: a part in single quotes is its text as UTF-8 (e.g. {@code "'connect'"}), any other
     * part is hex digits, spaces ignored (e.g. {@code "02 0007"}).
     */
    static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            if (part.length() >= 2 && part.startsWith("'") && part.endsWith("'")) {
                out.writeBytes(part.substring(1, part.length() - 1).getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes(ByteBufUtil.decodeHexDump(part.replace(" ", "")));
            }
        }
        return out.toByteArray();
    }

    /** A pooled direct buffer holding {@code bytes}; the caller releases it. */
    static ByteBuf buffer(byte[] bytes) {
        return ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    /** What {@code writer} appends to an empty buffer. */
    static byte[] written(Consumer<ByteBuf> writer) {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            writer.accept(out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static byte[] amf0(Object value) {
        return written(out -> Amf0Writer.write(out, value));
    }

    static byte[] amf3(Object value) {
        return written(out -> Amf3Writer.write(out, value));
    }

    /** Reads one AMF0 value that must span the whole vector. */
    static Object readAmf0(byte[] bytes) throws AmfException {
        return readAmf0(new Amf0Reader(), bytes);
    }

    static Object readAmf0(Amf0Reader reader, byte[] bytes) throws AmfException {
        ByteBuf in = buffer(bytes);
        try {
            Object value = reader.read(in);
            assertEquals(0, in.readableBytes(), "bytes left after the value");
            return value;
        } finally {
            in.release();
        }
    }

    static List<Object> readAllAmf0(byte[] bytes) throws AmfException {
        ByteBuf in = buffer(bytes);
        try {
            return new Amf0Reader().readAll(in);
        } finally {
            in.release();
        }
    }

    /** Reads one AMF3 value that must span the whole vector. */
    static Object readAmf3(byte[] bytes) throws AmfException {
        return readAmf3(new Amf3Reader(), bytes);
    }

    static Object readAmf3(Amf3Reader reader, byte[] bytes) throws AmfException {
        ByteBuf in = buffer(bytes);
        try {
            Object value = reader.read(in);
            assertEquals(0, in.readableBytes(), "bytes left after the value");
            return value;
        } finally {
            in.release();
        }
    }
}
