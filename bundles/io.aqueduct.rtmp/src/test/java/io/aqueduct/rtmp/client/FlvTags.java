package io.aqueduct.rtmp.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the tags of an FLV file (FLV specification 10.1, annex E) for the interop tests. */
final class FlvTags {

    record Tag(int type, int timestamp, byte[] body) {
    }

    private FlvTags() {
    }

    static List<Tag> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < 13 || in.get() != 'F' || in.get() != 'L' || in.get() != 'V') {
            throw new IOException("not an FLV file: " + file);
        }
        in.position(in.getInt(5) + 4);   // header size, then PreviousTagSize0
        List<Tag> tags = new ArrayList<>();
        while (in.remaining() >= 11) {
            int type = in.get() & 0x1f;
            int size = medium(in);
            int timestamp = medium(in) | (in.get() & 0xff) << 24;
            medium(in);   // stream id, always 0
            if (in.remaining() < size) {
                break;   // a truncated last tag
            }
            byte[] body = new byte[size];
            in.get(body);
            tags.add(new Tag(type, timestamp, body));
            if (in.remaining() >= 4) {
                in.getInt();
            }
        }
        return tags;
    }

    static long count(List<Tag> tags, int type) {
        return tags.stream().filter(t -> t.type() == type).count();
    }

    static boolean sameBodies(List<Tag> a, List<Tag> b, int type) {
        List<Tag> x = a.stream().filter(t -> t.type() == type).toList();
        List<Tag> y = b.stream().filter(t -> t.type() == type).toList();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Arrays.equals(x.get(i).body(), y.get(i).body())) {
                return false;
            }
        }
        return true;
    }

    private static int medium(ByteBuffer in) {
        return (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
    }
}
