package io.aqueduct.bench.jmh;

import io.aqueduct.rtmp.codec.ChunkDecoder;
import io.aqueduct.rtmp.codec.ChunkEncoder;
import io.aqueduct.rtmp.codec.ChunkStreams;
import io.aqueduct.rtmp.codec.MediaPacket;
import io.aqueduct.rtmp.codec.SetChunkSize;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
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
 * The ingest path: {@link ChunkDecoder} reassembling one second of a 1 Mbit/s stream (25 video messages of 4.5 KB
 * and 44 audio messages of 370 B, as a publisher sends them) fed in 64 KB reads. Time is per second of stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkDecodingBenchmark {

    private static final int READ_SIZE = 64 * 1024;

    @Param({"128", "4096"})
    public int chunkSize;

    private ByteBuf wire;

    @Setup(Level.Trial)
    public void setUp() {
        EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
        encoder.writeOutbound(new SetChunkSize(chunkSize));
        for (int frame = 0; frame < 25; frame++) {
            encoder.writeOutbound(new MediaPacket(1, media(MessageType.VIDEO, frame * 40, 4500)));
            encoder.writeOutbound(new MediaPacket(1, media(MessageType.AUDIO, frame * 40, 370)));
            if (frame % 4 != 3) {
                encoder.writeOutbound(new MediaPacket(1, media(MessageType.AUDIO, frame * 40 + 20, 370)));
            }
        }
        wire = Unpooled.directBuffer();
        for (Object o; (o = encoder.readOutbound()) != null;) {
            ByteBuf b = (ByteBuf) o;
            wire.writeBytes(b);
            b.release();
        }
        encoder.finishAndReleaseAll();
    }

    private static MediaMessage media(MessageType type, int timestamp, int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return MediaMessage.of(type, timestamp, Unpooled.wrappedBuffer(bytes));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
    }

    @Benchmark
    public int decodeOneSecond() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkDecoder());
        for (int i = 0; i < wire.readableBytes(); i += READ_SIZE) {
            channel.writeInbound(wire.retainedSlice(i, Math.min(READ_SIZE, wire.readableBytes() - i)));
        }
        int messages = 0;
        for (Object o; (o = channel.readInbound()) != null;) {
            messages++;
            ReferenceCountUtil.release(o);
        }
        channel.finishAndReleaseAll();
        return messages;
    }
}
