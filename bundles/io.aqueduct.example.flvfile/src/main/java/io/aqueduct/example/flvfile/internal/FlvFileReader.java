package io.aqueduct.example.flvfile.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an FLV file tag by tag (FLV specification 10.1, annex E.2 and E.3): the file header, PreviousTagSize0,
 * then tags, each followed by its PreviousTagSize. Every length is checked before it is used: a tag larger than
 * the limit, a truncated tag or a PreviousTagSize that does not match fails with a {@link FlvFormatException}
 * naming the file and the offset of the bad field, and never allocates more than the limit.
 *
 * <p>Not thread-safe: one reader per publishing thread.
 */
final class FlvFileReader implements AutoCloseable {

    /** Largest tag body accepted by default, as the RTMP server's largest message. */
    static final int DEFAULT_MAX_TAG_SIZE = 16 * 1024 * 1024;

    private static final int FILE_HEADER_SIZE = 9;
    private static final int TAG_HEADER_SIZE = 11;
    private static final int PREVIOUS_TAG_SIZE = 4;
    /** The TagType byte: 2 reserved bits, the Filter (encryption) bit, then 5 bits of type. */
    private static final int FILTER_BIT = 0x20;

    private final Path file;
    private final FileChannel channel;
    private final int maxTagSize;
    private final long firstTagOffset;
    private final ByteBuffer header = ByteBuffer.allocate(TAG_HEADER_SIZE);
    private long position;
    private long bytesRead;

    // The tag header read last by readTagHeader().
    private long tagOffset;
    private int tagType;
    private int tagSize;
    private int tagTimestamp;

    FlvFileReader(Path file, int maxTagSize) throws IOException {
        this.file = file;
        this.maxTagSize = maxTagSize;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            firstTagOffset = readFileHeader();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        position = firstTagOffset;
    }

    /** Checks the signature and returns where the first tag starts (after the header and PreviousTagSize0). */
    private long readFileHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(FILE_HEADER_SIZE);
        if (!readFully(h, 0)) {
            throw new FlvFormatException(file, 0, "not an FLV file: shorter than the 9-byte FLV header");
        }
        if (h.get(0) != 'F' || h.get(1) != 'L' || h.get(2) != 'V') {
            throw new FlvFormatException(file, 0, "not an FLV file: no 'FLV' signature");
        }
        long dataOffset = h.getInt(5) & 0xFFFF_FFFFL;
        if (dataOffset < FILE_HEADER_SIZE) {
            throw new FlvFormatException(file, 5, "header size " + dataOffset + " is less than 9");
        }
        if (dataOffset + PREVIOUS_TAG_SIZE > channel.size()) {
            throw new FlvFormatException(file, dataOffset, "truncated: the file ends within the FLV header");
        }
        return dataOffset + PREVIOUS_TAG_SIZE;
    }

    /** Starts again at the first tag: the next pass of a loop. */
    void rewind() {
        position = firstTagOffset;
    }

    /** Bytes of tag bodies read so far, over all passes. */
    long bytesRead() {
        return bytesRead;
    }

    /**
     * The next audio, video or script tag, or {@code null} at the end of the file. Tags of other (reserved) types
     * are skipped, as the specification allows.
     *
     * @param alloc allocates the body, which the returned tag owns
     */
    FlvTag next(ByteBufAllocator alloc) throws IOException {
        while (readTagHeader()) {
            long bodyOffset = tagOffset + TAG_HEADER_SIZE;
            checkPreviousTagSize();
            position = bodyOffset + tagSize + PREVIOUS_TAG_SIZE;
            if (!isKnownType(tagType)) {
                continue;
            }
            ByteBuf body = alloc.buffer(tagSize, tagSize);
            try {
                while (body.isWritable()) {
                    int n = body.writeBytes(channel, bodyOffset + body.writerIndex(), body.writableBytes());
                    if (n < 0) {
                        throw new FlvFormatException(file, bodyOffset + body.writerIndex(),
                                "truncated: the file shrank while it was read");
                    }
                }
            } catch (IOException | RuntimeException e) {
                body.release();
                throw e;
            }
            bytesRead += tagSize;
            return new FlvTag(tagType, tagTimestamp, body, tagOffset);
        }
        return null;
    }

    /**
     * Checks every tag header and PreviousTagSize of the file without reading the bodies, and sums up what the
     * publisher needs to pace and loop it. Leaves the reader at the first tag.
     */
    FlvFileSummary scan() throws IOException {
        FlvFileSummary.Builder summary = new FlvFileSummary.Builder();
        rewind();
        while (readTagHeader()) {
            checkPreviousTagSize();
            if (isKnownType(tagType)) {
                summary.add(tagType, tagTimestamp & 0xFFFF_FFFFL);
            }
            position = tagOffset + TAG_HEADER_SIZE + tagSize + PREVIOUS_TAG_SIZE;
        }
        rewind();
        return summary.build();
    }

    private static boolean isKnownType(int type) {
        return type == FlvTag.AUDIO || type == FlvTag.VIDEO || type == FlvTag.SCRIPT;
    }

    /** Reads the tag header at {@link #position}; {@code false} at the end of the file. */
    private boolean readTagHeader() throws IOException {
        long size = channel.size();
        if (position == size) {
            return false;
        }
        tagOffset = position;
        header.clear();
        if (!readFully(header, position)) {
            throw new FlvFormatException(file, position, "truncated tag header: " + (size - position)
                    + " bytes left of the 11 a tag header needs");
        }
        int typeByte = header.get(0) & 0xFF;
        tagType = typeByte & 0x1F;
        tagSize = ((header.get(1) & 0xFF) << 16) | ((header.get(2) & 0xFF) << 8) | (header.get(3) & 0xFF);
        int low = ((header.get(4) & 0xFF) << 16) | ((header.get(5) & 0xFF) << 8) | (header.get(6) & 0xFF);
        tagTimestamp = ((header.get(7) & 0xFF) << 24) | low;
        if ((typeByte & FILTER_BIT) != 0) {
            throw new FlvFormatException(file, position, "encrypted tag (Filter bit set): not supported");
        }
        if (tagSize > maxTagSize) {
            throw new FlvFormatException(file, position, "tag of type " + tagType + " has " + tagSize
                    + " bytes, more than the limit of " + maxTagSize);
        }
        long needed = (long) TAG_HEADER_SIZE + tagSize + PREVIOUS_TAG_SIZE;
        if (position + needed > size) {
            throw new FlvFormatException(file, position, "truncated tag of type " + tagType + ": needs " + needed
                    + " bytes with its PreviousTagSize, the file has " + (size - position) + " left");
        }
        return true;
    }

    /** The PreviousTagSize after a tag must be the tag's full size: a mismatch means the file is damaged. */
    private void checkPreviousTagSize() throws IOException {
        long at = tagOffset + TAG_HEADER_SIZE + tagSize;
        ByteBuffer trailer = ByteBuffer.allocate(PREVIOUS_TAG_SIZE);
        if (!readFully(trailer, at)) {
            throw new FlvFormatException(file, at, "truncated: no PreviousTagSize");
        }
        long previous = trailer.getInt(0) & 0xFFFF_FFFFL;
        if (previous != TAG_HEADER_SIZE + tagSize) {
            throw new FlvFormatException(file, at, "PreviousTagSize is " + previous + ", the tag at " + tagOffset
                    + " has " + (TAG_HEADER_SIZE + tagSize) + " bytes");
        }
    }

    private boolean readFully(ByteBuffer buffer, long at) throws IOException {
        long offset = at;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset);
            if (n < 0) {
                return false;
            }
            offset += n;
        }
        return true;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
