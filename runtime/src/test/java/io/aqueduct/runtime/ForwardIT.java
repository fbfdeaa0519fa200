package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's forward cluster with real processes: a master forwarding to slaves that serve RTMP and HTTP-FLV.
 */
@Timeout(240)
class ForwardIT {

    private static MultiThreadIoEventLoopGroup group;

    @BeforeAll
    static void loops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void slaveStartedLateReceivesAndSurvivesARestartWhileTheMasterGoesOn() throws Exception {
        int master = FreePorts.pick();
        int slave = FreePorts.pick();
        int slaveHttp = FreePorts.pick();
        String masterConfig = SeedConfigs.withPorts("forward.master.conf", new int[] {19350, 1935},
                new int[] {slave, master});
        String slaveConfig = SeedConfigs.withPorts("forward.slave.conf", new int[] {19350, 8080},
                new int[] {slave, slaveHttp});
        try (AqueductProcess m = AqueductProcess.startListening("master", masterConfig, master);
             BackgroundTool publisher = MediaTools.ffmpegPublish("rtmp://127.0.0.1:" + master + "/live/livestream",
                     Duration.ofSeconds(120));
             RtmpTestPlayer local = RtmpTestPlayer.play(group, "rtmp://127.0.0.1:" + master + "/live/livestream")) {
            Await.until(Duration.ofSeconds(20), () -> local.video.get() > 25, () -> "master's local player:\n"
                    + publisher.output() + "\n" + m.log());

            // The slave is not there yet: the master retries; its local player is unaffected.
            int beforeSlave = local.video.get();
            Await.until(Duration.ofSeconds(10), () -> local.video.get() > beforeSlave + 25, "master plays on");

            try (AqueductProcess s = AqueductProcess.startListening("slave", slaveConfig, slave)
                    .awaitListening(slaveHttp)) {
                long started = System.nanoTime();
                List<StreamFrames> rtmp = Retry.until(Duration.ofSeconds(30), publisher::isAlive,
                        () -> MediaTools.ffprobeCountFrames("rtmp://127.0.0.1:" + slave + "/live/livestream", 3),
                        () -> "slave:\n" + s.log() + "\nmaster:\n" + m.log());
                System.out.printf("a slave started after the publish received the stream within %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertDecodes(rtmp);
                assertDecodes(MediaTools.ffprobeCountFrames("http://127.0.0.1:" + slaveHttp
                        + "/live/livestream.flv", 3));
            }

            // Slave gone (SIGTERM): the master's local player goes on.
            int afterKill = local.video.get();
            Await.until(Duration.ofSeconds(10), () -> local.video.get() > afterKill + 50, "master plays on");

            try (AqueductProcess again = AqueductProcess.startListening("slave", slaveConfig, slave)) {
                long restarted = System.nanoTime();
                try (RtmpTestPlayer onSlave = RtmpTestPlayer.play(group,
                        "rtmp://127.0.0.1:" + slave + "/live/livestream")) {
                    Await.until(Duration.ofSeconds(20), () -> onSlave.video.get() > 25,
                            () -> "restarted slave receives again:\n" + again.log());
                    System.out.printf("a restarted slave received video %d ms after it was started%n",
                            TimeUnit.NANOSECONDS.toMillis(onSlave.firstVideoNanos.get() - restarted));
                }
            }
            assertTrue(publisher.isAlive(), "the publisher never noticed:\n" + publisher.output());
            assertTrue(!local.isClosed());
        }
    }

    @Test
    void twoSlavesBothReceive() throws Exception {
        int master = FreePorts.pick();
        int slaveA = FreePorts.pick();
        int slaveB = FreePorts.pick();
        String masterConfig = """
                listen %d;
                pid ./objs/master2.pid;
                vhost __defaultVhost__ {
                    forward {
                        enabled on;
                        destination 127.0.0.1:%d 127.0.0.1:%d;
                    }
                }
                """.formatted(master, slaveA, slaveB);
        try (AqueductProcess a = AqueductProcess.startListening("slave-a", Configs.rtmpServer("slave-a", slaveA), slaveA);
             AqueductProcess b = AqueductProcess.startListening("slave-b", Configs.rtmpServer("slave-b", slaveB), slaveB);
             AqueductProcess m = AqueductProcess.startListening("master2", masterConfig, master);
             BackgroundTool publisher = MediaTools.ffmpegPublish("rtmp://127.0.0.1:" + master + "/live/two",
                     Duration.ofSeconds(60))) {
            for (int port : new int[] {slaveA, slaveB}) {
                List<StreamFrames> streams = Retry.until(Duration.ofSeconds(30), publisher::isAlive,
                        () -> MediaTools.ffprobeCountFrames("rtmp://127.0.0.1:" + port + "/live/two", 3),
                        () -> "master:\n" + m.log());
                assertDecodes(streams);
            }
        }
    }

    private static void assertDecodes(List<StreamFrames> streams) {
        StreamFrames video = MediaTools.stream(streams, "video").orElseThrow(() -> new AssertionError(streams));
        StreamFrames audio = MediaTools.stream(streams, "audio").orElseThrow(() -> new AssertionError(streams));
        assertEquals("h264", video.codecName());
        assertEquals("aac", audio.codecName());
        assertTrue(video.frames() >= 50 && audio.frames() >= 80, streams.toString());
    }
}
