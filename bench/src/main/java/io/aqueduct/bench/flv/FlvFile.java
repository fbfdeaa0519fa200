package io.aqueduct.bench.flv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An FLV file read into memory: its configuration tags (metadata, sequence headers) and its media tags, with the
 * timing needed to replay it in a loop at real-time pace.
 */
public final class FlvFile {

    private final Path path;
    private final List<FlvTag> config;
    private final List<FlvTag> media;
    private final long mediaBytes;

    private FlvFile(Path path, List<FlvTag> config, List<FlvTag> media, long mediaBytes) {
        this.path = path;
        this.config = config;
        this.media = media;
        this.mediaBytes = mediaBytes;
    }

    public static FlvFile read(Path path) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(path));
        if (in.remaining() < 13 || in.get() != 'F' || in.get() != 'L' || in.get() != 'V') {
            throw new IOException("not an FLV file: " + path);
        }
        in.position(5);
        int dataOffset = in.getInt();
        in.position(dataOffset + 4);
        List<FlvTag> config = new ArrayList<>();
        List<FlvTag> media = new ArrayList<>();
        long mediaBytes = 0;
        while (in.remaining() >= 11) {
            int type = in.get() & 0x1f;
            int size = readMedium(in);
            int timestamp = readMedium(in) | (in.get() & 0xff) << 24;
            in.position(in.position() + 3);
            if (in.remaining() < size + 4) {
                break;
            }
            byte[] data = new byte[size];
            in.get(data);
            in.getInt();
            FlvTag tag = new FlvTag(type, timestamp, data);
            if (tag.isConfig()) {
                if (media.isEmpty()) {
                    config.add(tag);
                }
            } else if (type == FlvTag.AUDIO || type == FlvTag.VIDEO) {
                media.add(tag);
                mediaBytes += size;
            }
        }
        if (media.size() < 2) {
            throw new IOException("no media tags in " + path);
        }
        return new FlvFile(path, Collections.unmodifiableList(config), Collections.unmodifiableList(media),
                mediaBytes);
    }

    private static int readMedium(ByteBuffer in) {
        return (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
    }

    public Path path() {
        return path;
    }

    /** Script data and sequence headers found before the first media tag. */
    public List<FlvTag> config() {
        return config;
    }

    /** Audio and video tags, in file order. */
    public List<FlvTag> media() {
        return media;
    }

    public int firstTimestamp() {
        return media.get(0).timestamp();
    }

    /**
     * The time one pass of the loop takes: from the first media tag to the last, plus one video frame interval so
     * that the next pass does not start on the same millisecond as the last frame.
     */
    public int loopMillis() {
        int first = -1;
        int last = -1;
        int frames = 0;
        for (FlvTag t : media) {
            if (t.isVideo()) {
                if (first < 0) {
                    first = t.timestamp();
                }
                last = t.timestamp();
                frames++;
            }
        }
        int frameInterval = frames > 1 ? Math.max(1, (last - first) / (frames - 1)) : 40;
        return media.get(media.size() - 1).timestamp() - firstTimestamp() + frameInterval;
    }

    /** The media bitrate (tag bodies only) in bits per second. */
    public double bitsPerSecond() {
        return mediaBytes * 8.0 * 1000 / loopMillis();
    }
}
