package io.aqueduct.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Stopping, starting, updating, uninstalling and installing the forward bundle under a live stream: its forward
 * connection to the destination (ffmpeg listening as an RTMP server) ends and comes back; the publisher and local
 * players never notice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ForwardHotSwapIT extends AqueductTestSupport {

    @Configuration
    public Option[] config() {
        return origin();
    }

    @Test
    public void forwardBundleComesAndGoesUnderALiveStream() throws Exception {
        int rtmp = freePort();
        int slave = freePort();
        configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + rtmp});
        configureFactory("io.aqueduct.forward", "__defaultVhost__", "vhost", "__defaultVhost__", "enabled", true,
                "destination", new String[] {"127.0.0.1:" + slave});
        await(Duration.ofSeconds(10), () -> accepts(rtmp), "RTMP listening");

        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        String url = "rtmp://127.0.0.1:" + rtmp + "/live/fw";
        Bundle forward = installed("io.aqueduct.forward");
        Process publisher = ffmpegPublish(url);
        try (GapMeasuringPlayer player = awaitPlayer(group, url, publisher)) {
            Sink first = Sink.listen(slave);
            await(Duration.ofSeconds(15), () -> first.received() > 20_000, "the slave receives the forwarded stream");

            player.resetGap();
            forward.stop();
            await(Duration.ofSeconds(10), first::ended, "stopping the bundle closes the forward connection");

            Sink second = Sink.listen(slave);
            forward.start();
            // ffmpeg, as the slave, probes its input for seconds before it writes: the deadline allows for that.
            await(Duration.ofSeconds(15), () -> second.received() > 5_000, "starting it forwards the live stream");

            forward.update();
            await(Duration.ofSeconds(10), second::ended, "an update restarts the forward connection");
            Sink third = Sink.listen(slave);
            await(Duration.ofSeconds(15), () -> third.received() > 5_000, "forwarding after the update");

            String location = forward.getLocation();
            forward.uninstall();
            await(Duration.ofSeconds(10), third::ended, "uninstall closes the forward connection");
            Sink fourth = Sink.listen(slave);
            Bundle reinstalled = context.installBundle(location);
            reinstalled.start();
            await(Duration.ofSeconds(15), () -> fourth.received() > 5_000, "forwarding after a reinstall");

            // Reconfigured live: the destination moves to another slave without a republish.
            int otherSlave = freePort();
            Sink moved = Sink.listen(otherSlave);
            configureFactory("io.aqueduct.forward", "__defaultVhost__", "vhost", "__defaultVhost__", "enabled", true,
                    "destination", new String[] {"127.0.0.1:" + otherSlave});
            await(Duration.ofSeconds(15), fourth::ended, "the removed destination's connection is closed");
            await(Duration.ofSeconds(15), () -> moved.received() > 5_000, "the new destination receives the live stream");
            moved.close();

            assertTrue("publisher never disconnected", publisher.isAlive());
            assertFalse("local player never disconnected", player.isClosed());
            System.out.printf("longest gap of a local RTMP player while forward came and went: %d ms%n",
                    player.maxGapMillis());
            assertTrue("gap " + player.maxGapMillis() + " ms", player.maxGapMillis() < 500);
        } finally {
            publisher.destroy();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Real H.264/AAC from ffmpeg, so the ffmpeg sink can parse what is forwarded to it. */
    private static Process ffmpegPublish(String url) throws Exception {
        return new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine", "-t", "90",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-c:a", "aac",
                "-f", "flv", url)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static GapMeasuringPlayer awaitPlayer(MultiThreadIoEventLoopGroup group, String url, Process publisher)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            GapMeasuringPlayer p = new GapMeasuringPlayer(group, url);
            await(Duration.ofSeconds(15), () -> p.video.get() > 10 || !publisher.isAlive(), "video from ffmpeg");
            if (p.video.get() > 10 || System.nanoTime() > deadline) {
                return p;
            }
            p.close();
        }
    }

    /** ffmpeg listening as an RTMP server, copying what is published to it into a file. */
    private static final class Sink implements AutoCloseable {

        private final Process process;
        private final File out;

        private Sink(Process process, File out) {
            this.process = process;
            this.out = out;
        }

        static Sink listen(int port) throws Exception {
            File out = File.createTempFile("forward-sink", ".flv");
            out.deleteOnExit();
            Process p = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-listen", "1", "-f", "flv", "-i", "rtmp://127.0.0.1:" + port + "/live/fw", "-c", "copy",
                    "-f", "flv", out.getPath())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // No probe connection: ffmpeg -listen 1 takes exactly one. The forwarder retries until it listens.
            return new Sink(p, out);
        }

        long received() {
            return out.length();
        }

        boolean ended() {
            return !process.isAlive();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
