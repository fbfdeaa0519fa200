package io.aqueduct.bench.jmh;

import io.aqueduct.rtmp.codec.ChunkStreams;
import io.aqueduct.rtmp.codec.RtmpEncoding;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fan-out hot path: one video message delivered to many RTMP players. {@code shared} encodes it once through
 * the message's cache ({@link MediaMessage#encoded}) and hands each player a retained duplicate, as PlayerSession
 * does; {@code perPlayer} encodes it again for every player, the cost the cache avoids. Time is per message (all
 * players).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkEncodingBenchmark {

    @Param({"1000"})
    public int players;

    @Param({"40960"})
    public int messageBytes;

    @Param({"4096", "60000"})
    public int chunkSize;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf payload;
    private RtmpEncoding encoding;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = new byte[messageBytes];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = 0x27;
        bytes[1] = 1;
        payload = alloc.directBuffer(messageBytes).writeBytes(bytes);
        encoding = RtmpEncoding.of(chunkSize, ChunkStreams.VIDEO, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        payload.release();
    }

    @Benchmark
    public long shared() {
        MediaMessage message = MediaMessage.of(MessageType.VIDEO, 40, payload.retainedDuplicate());
        long bytes = 0;
        for (int i = 0; i < players; i++) {
            ByteBuf wire = message.encoded(encoding, alloc);
            bytes += wire.readableBytes();
            wire.release();
        }
        message.release();
        return bytes;
    }

    @Benchmark
    public long perPlayer() {
        MediaMessage message = MediaMessage.of(MessageType.VIDEO, 40, payload.retainedDuplicate());
        long bytes = 0;
        for (int i = 0; i < players; i++) {
            ByteBuf wire = encoding.encode(message, alloc);
            bytes += wire.readableBytes();
            wire.release();
        }
        message.release();
        return bytes;
    }
}
