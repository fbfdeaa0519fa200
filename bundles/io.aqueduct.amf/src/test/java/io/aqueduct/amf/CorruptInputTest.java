package io.aqueduct.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cut and corrupted real vectors: readers may only succeed or raise AmfException, never anything else. */
class CorruptInputTest {

    private interface Read {
        void read(ByteBuf in) throws AmfException;
    }

    private static final Read AMF0 = in -> new Amf0Reader().readAll(in);
    private static final Read AMF3 = in -> new Amf3Reader().readAll(in);

    private static void readCorrupt(Read reader, byte[] vector) {
        ByteBuf in = Vectors.buffer(vector);
        try {
            reader.read(in);
        } catch (AmfException expected) {
            assertEquals(0, in.readerIndex(), "readerIndex restored after: " + expected.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("not an AmfException for " + Arrays.toString(vector), e);
        } finally {
            in.release();
        }
    }

    @Test
    void everyTruncationOfTheConnectCommandFailsCleanly() {
        byte[] connect = Amf0ReaderTest.CONNECT;
        for (int length = 1; length < connect.length; length++) {
            byte[] cut = Arrays.copyOf(connect, length);
            ByteBuf in = Vectors.buffer(cut);
            try {
                new Amf0Reader().readAll(in);
                if (length != 10 && length != 19) {                                 // after "connect", after 1.0
                    fail("a cut at " + length + " was read as complete values");
                }
            } catch (AmfException expected) {
                assertEquals(0, in.readerIndex());
            } finally {
                in.release();
            }
        }
    }

    @Test
    void randomlyCorruptedAmf0VectorsFailCleanly() {
        Random random = new Random(20240601);
        for (byte[] vector : new byte[][] {Amf0ReaderTest.CONNECT, OnMetaDataTest.FFMPEG_SET_DATA_FRAME}) {
            for (int i = 0; i < 3000; i++) {
                readCorrupt(AMF0, corrupt(vector, random));
            }
        }
    }

    @Test
    void randomlyCorruptedAmf3VectorsFailCleanly() {
        Random random = new Random(20240602);
        byte[] vector = Vectors.amf3(Arrays.asList(
                Amf0ReaderTest.connectObject(), new TypedObject("P", java.util.Map.of("x", 1)), "connect",
                "connect", 1_000_000, 2.5, new byte[] {1, 2}, java.time.Instant.EPOCH));
        for (int i = 0; i < 3000; i++) {
            readCorrupt(AMF3, corrupt(vector, random));
        }
    }

    @Test
    void randomBytesFailCleanly() {
        Random random = new Random(20240603);
        for (int i = 0; i < 3000; i++) {
            byte[] noise = new byte[1 + random.nextInt(64)];
            random.nextBytes(noise);
            readCorrupt(AMF0, noise);
            readCorrupt(AMF3, noise);
        }
    }

    /** Flips a few bytes to random values and sometimes cuts the tail. */
    private static byte[] corrupt(byte[] vector, Random random) {
        byte[] copy = vector.clone();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return random.nextBoolean() ? copy : Arrays.copyOf(copy, 1 + random.nextInt(copy.length));
    }
}
