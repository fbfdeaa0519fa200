package io.aqueduct.bench.jmh;

import io.aqueduct.amf.Amf0Reader;
import io.aqueduct.amf.Amf0Writer;
import io.aqueduct.amf.AmfException;
import io.aqueduct.amf.EcmaArray;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** AMF0 reading and writing of an ffmpeg-like {@code onMetaData} message (a name and an ECMA array of 14 entries). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Amf0Benchmark {

    private final Amf0Reader reader = new Amf0Reader();
    private Object metadata;
    private ByteBuf encoded;
    private ByteBuf scratch;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration", 0.0);
        m.put("width", 1280.0);
        m.put("height", 720.0);
        m.put("videodatarate", 976.5625);
        m.put("framerate", 25.0);
        m.put("videocodecid", 7.0);
        m.put("audiodatarate", 62.5);
        m.put("audiosamplerate", 44100.0);
        m.put("audiosamplesize", 16.0);
        m.put("stereo", true);
        m.put("audiocodecid", 10.0);
        m.put("major_brand", "isom");
        m.put("encoder", "Lavf59.27.100");
        m.put("filesize", 0.0);
        metadata = new EcmaArray(m);
        encoded = Unpooled.directBuffer();
        Amf0Writer.writeAll(encoded, "onMetaData", metadata);
        scratch = Unpooled.directBuffer(encoded.readableBytes() * 2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoded.release();
        scratch.release();
    }

    @Benchmark
    public int write() {
        scratch.clear();
        Amf0Writer.writeAll(scratch, "onMetaData", metadata);
        return scratch.readableBytes();
    }

    @Benchmark
    public List<Object> read() throws AmfException {
        return reader.readAll(encoded.duplicate());
    }
}
