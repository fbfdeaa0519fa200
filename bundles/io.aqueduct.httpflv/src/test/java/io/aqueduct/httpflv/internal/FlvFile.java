package io.aqueduct.httpflv.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A parsed FLV file or body, for tests: the header flags and each tag, checked against its PreviousTagSize. */
record FlvFile(int flags, List<FlvFile.Tag> tags) {

    record Tag(int type, int timestamp, byte[] body) {
    }

    static FlvFile read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), false);
    }

    /**
     * Parses FLV bytes. With {@code allowTruncatedEnd} a last incomplete tag (a body cut by the client leaving) is
     * ignored; anything malformed before it fails.
     */
    static FlvFile parse(byte[] bytes, boolean allowTruncatedEnd) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.remaining() < 13 || in.get() != 'F' || in.get() != 'L' || in.get() != 'V' || in.get() != 1) {
            throw new IllegalArgumentException("no FLV header");
        }
        int flags = in.get() & 0xff;
        if (in.getInt() != 9 || in.getInt() != 0) {
            throw new IllegalArgumentException("bad FLV header size or PreviousTagSize0");
        }
        List<Tag> tags = new ArrayList<>();
        while (in.remaining() > 0) {
            if (in.remaining() < 11) {
                return truncated(allowTruncatedEnd, flags, tags);
            }
            int type = in.get() & 0xff;
            int size = ((in.get() & 0xff) << 16) | ((in.get() & 0xff) << 8) | (in.get() & 0xff);
            int low = ((in.get() & 0xff) << 16) | ((in.get() & 0xff) << 8) | (in.get() & 0xff);
            int timestamp = low | ((in.get() & 0xff) << 24);
            in.position(in.position() + 3);
            if (in.remaining() < size + 4) {
                return truncated(allowTruncatedEnd, flags, tags);
            }
            byte[] body = new byte[size];
            in.get(body);
            int previous = in.getInt();
            if (previous != size + 11) {
                throw new IllegalArgumentException("PreviousTagSize " + previous + " after a tag of " + size);
            }
            if (type != 8 && type != 9 && type != 18) {
                throw new IllegalArgumentException("tag type " + type);
            }
            tags.add(new Tag(type, timestamp, body));
        }
        return new FlvFile(flags, tags);
    }

    private static FlvFile truncated(boolean allowed, int flags, List<Tag> tags) {
        if (!allowed) {
            throw new IllegalArgumentException("truncated tag");
        }
        return new FlvFile(flags, tags);
    }
}
