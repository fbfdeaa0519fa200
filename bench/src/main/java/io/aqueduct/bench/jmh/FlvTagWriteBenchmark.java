package io.aqueduct.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
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
 * Writing one FLV tag (11-byte header, body, 4-byte previous tag size) for HTTP-FLV: a composite of a small header
 * buffer, a retained slice of the body and the trailer ({@code composite}), against one buffer with the body copied
 * ({@code copy}). Either is computed once per message and shared by all HTTP-FLV players.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlvTagWriteBenchmark {

    @Param({"370", "4500", "40960"})
    public int bodyBytes;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf body;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = new byte[bodyBytes];
        ThreadLocalRandom.current().nextBytes(bytes);
        body = alloc.directBuffer(bodyBytes).writeBytes(bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        body.release();
    }

    @Benchmark
    public int composite() {
        ByteBuf header = alloc.directBuffer(11);
        writeHeader(header, 9, bodyBytes, 123_456);
        ByteBuf trailer = alloc.directBuffer(4).writeInt(11 + bodyBytes);
        CompositeByteBuf tag = alloc.compositeDirectBuffer(3);
        tag.addComponents(true, header, body.retainedSlice(), trailer);
        int n = tag.readableBytes();
        tag.release();
        return n;
    }

    @Benchmark
    public int copy() {
        ByteBuf tag = alloc.directBuffer(15 + bodyBytes);
        writeHeader(tag, 9, bodyBytes, 123_456);
        tag.writeBytes(body, body.readerIndex(), bodyBytes);
        tag.writeInt(11 + bodyBytes);
        int n = tag.readableBytes();
        tag.release();
        return n;
    }

    private static void writeHeader(ByteBuf out, int type, int size, int timestamp) {
        out.writeByte(type);
        out.writeMedium(size);
        out.writeMedium(timestamp & 0xFFFFFF);
        out.writeByte(timestamp >>> 24);
        out.writeMedium(0);
    }
}
