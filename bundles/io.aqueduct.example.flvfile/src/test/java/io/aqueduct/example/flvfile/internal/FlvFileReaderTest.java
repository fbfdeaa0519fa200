package io.aqueduct.example.flvfile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlvFileReaderTest {

    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void makeFile() throws Exception {
        file = MediaFiles.flv(dir, "two.flv", 2);
    }

    @Test
    void readsMetadataThenTagsInOrderAndSumsUpTheFile() throws IOException {
        try (FlvFileReader reader = new FlvFileReader(file, FlvFileReader.DEFAULT_MAX_TAG_SIZE)) {
            FlvFileSummary summary = reader.scan();
            FlvTag first = reader.next(ByteBufAllocator.DEFAULT);
            assertEquals(MessageType.METADATA, first.messageType(), "ffmpeg writes onMetaData first");
            assertEquals(13, first.offset(), "the first tag follows the 9-byte header and PreviousTagSize0");
            first.body().release();
            int tags = 1;
            int audio = 0;
            int video = 0;
            long bytes = first.body().capacity();
            FlvTag tag;
            while ((tag = reader.next(ByteBufAllocator.DEFAULT)) != null) {
                tags++;
                audio += tag.messageType() == MessageType.AUDIO ? 1 : 0;
                video += tag.messageType() == MessageType.VIDEO ? 1 : 0;
                bytes += tag.body().readableBytes();
                tag.body().release();
            }
            assertEquals(summary.tags(), tags);
            assertEquals(summary.audioTags(), audio);
            assertEquals(1 + 50 + 1, video, "the AVC sequence header, 50 frames, the AVC end of sequence");
            assertEquals(summary.videoTags(), video);
            assertEquals(bytes, reader.bytesRead());
            assertEquals(0, summary.firstMediaTimestamp());
            assertTrue(summary.durationMillis() >= 1_950 && summary.durationMillis() < 2_100,
                    "2 s of media: " + summary.durationMillis());
            assertEquals(summary.durationMillis() + 40, summary.loopLengthMillis(), "one 25 fps frame more");

            reader.rewind();
            FlvTag again = reader.next(ByteBufAllocator.DEFAULT);
            assertEquals(13, again.offset(), "rewind starts at the first tag");
            again.body().release();
        }
    }

    @Test
    void truncatedTagNamesFileAndOffset() throws IOException {
        Path cut = MediaFiles.truncated(file, dir, 7);
        try (FlvFileReader reader = new FlvFileReader(cut, FlvFileReader.DEFAULT_MAX_TAG_SIZE)) {
            FlvFormatException e = assertThrows(FlvFormatException.class, reader::scan);
            assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(cut.toString())
                    + " at offset \\d+: truncated tag of type \\d+: needs \\d+ bytes .*"), e.getMessage());
        }
    }

    @Test
    void tagLargerThanTheLimitIsRefusedBeforeAnyAllocation() throws IOException {
        try (FlvFileReader reader = new FlvFileReader(file, 100)) {
            FlvFormatException e = assertThrows(FlvFormatException.class, () -> {
                FlvTag tag;
                while ((tag = reader.next(ByteBufAllocator.DEFAULT)) != null) {
                    tag.body().release();
                }
            });
            assertTrue(e.getMessage().contains("more than the limit of 100"), e.getMessage());
        }
    }

    @Test
    void wrongPreviousTagSizeIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int firstTagSize = ByteBuffer.wrap(bytes, 14, 4).getInt() >>> 8;
        int trailer = 13 + 11 + firstTagSize;
        bytes[trailer + 3] ^= 1;
        Path damaged = dir.resolve("damaged.flv");
        Files.write(damaged, bytes);
        try (FlvFileReader reader = new FlvFileReader(damaged, FlvFileReader.DEFAULT_MAX_TAG_SIZE)) {
            FlvFormatException e = assertThrows(FlvFormatException.class, reader::scan);
            assertTrue(e.getMessage().startsWith(damaged + " at offset " + trailer + ": PreviousTagSize is "),
                    e.getMessage());
        }
    }

    @Test
    void notAnFlvFileIsRefused() throws IOException {
        Path text = dir.resolve("text.flv");
        Files.writeString(text, "this is not a video file");
        FlvFormatException e = assertThrows(FlvFormatException.class,
                () -> new FlvFileReader(text, FlvFileReader.DEFAULT_MAX_TAG_SIZE));
        assertEquals(text + " at offset 0: not an FLV file: no 'FLV' signature", e.getMessage());
        Path empty = dir.resolve("empty.flv");
        Files.write(empty, new byte[0]);
        assertThrows(FlvFormatException.class, () -> new FlvFileReader(empty, FlvFileReader.DEFAULT_MAX_TAG_SIZE));
    }

    @Test
    void headerOnlyFileHasNoTags() throws IOException {
        Path headerOnly = dir.resolve("header-only.flv");
        Files.write(headerOnly, new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        try (FlvFileReader reader = new FlvFileReader(headerOnly, FlvFileReader.DEFAULT_MAX_TAG_SIZE)) {
            assertEquals(0, reader.scan().tags());
            assertNull(reader.next(ByteBufAllocator.DEFAULT));
        }
    }
}
