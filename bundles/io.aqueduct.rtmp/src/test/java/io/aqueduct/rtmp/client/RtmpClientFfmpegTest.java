package io.aqueduct.rtmp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.testing.Await;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client against ffmpeg acting as an RTMP server (ffmpeg's {@code -listen 1}), publishing and playing. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RtmpClientFfmpegTest {

    @TempDir
    static Path dir;
    private static Path sample;
    private static List<FlvTags.Tag> sampleTags;
    private static EventLoopGroup group;

    @BeforeAll
    static void makeSample() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        sample = dir.resolve("sample.flv");
        Process p = ffmpeg(dir.resolve("sample.log"), "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25",
                "-f", "lavfi", "-i", "sine", "-t", "2", "-c:v", "libx264", "-g", "25", "-c:a", "aac",
                "-f", "flv", sample.toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg made the sample in time");
        assertEquals(0, p.exitValue());
        sampleTags = FlvTags.read(sample);
        assertTrue(FlvTags.count(sampleTags, 9) >= 50, "about 2 s of video");
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Process ffmpeg(Path log, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning",
                "-nostdin", "-y"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String log(String name) {
        try {
            return java.nio.file.Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** ffmpeg listens a moment after it starts: retry while the port refuses. */
    private static RtmpClientSession connect(RtmpUrl url) {
        AtomicReference<RtmpClientSession> session = new AtomicReference<>();
        Await.until(Duration.ofSeconds(20), () -> {
            try {
                session.set(RtmpClient.connect(group, NioSocketChannel.class, url, RtmpClientOptions.DEFAULTS)
                        .get(10, TimeUnit.SECONDS));
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ConnectException) {
                    return false;
                }
                throw new AssertionError("connect failed", e);
            } catch (Exception e) {
                throw new AssertionError("connect failed", e);
            }
        }, "ffmpeg accepted the RTMP connection");
        return session.get();
    }

    private static MediaMessage toMessage(FlvTags.Tag tag) {
        MessageType type = switch (tag.type()) {
            case 8 -> MessageType.AUDIO;
            case 9 -> MessageType.VIDEO;
            default -> MessageType.METADATA;
        };
        return MediaMessage.of(type, tag.timestamp(), Unpooled.wrappedBuffer(tag.body()));
    }

    @Test
    void publishesToFfmpeg() throws Exception {
        int port = freePort();
        Path received = dir.resolve("received.flv");
        Process server = ffmpeg(dir.resolve("publish.log"), "-listen", "1", "-i",
                "rtmp://127.0.0.1:" + port + "/live/test", "-c", "copy", "-f", "flv", received.toString());
        try {
            RtmpClientSession session = connect(RtmpUrl.parse("rtmp://127.0.0.1:" + port + "/live/test"));
            try {
                session.publish("test").get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("publish failed; ffmpeg said: " + log("publish.log"), e);
            }
            for (FlvTags.Tag tag : sampleTags) {
                session.send(toMessage(tag));
            }
            session.close().get(10, TimeUnit.SECONDS);
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "ffmpeg finished after the publisher left");
            assertEquals(0, server.exitValue());
            List<FlvTags.Tag> tags = FlvTags.read(received);
            assertEquals(FlvTags.count(sampleTags, 9), FlvTags.count(tags, 9), "video tags");
            assertEquals(FlvTags.count(sampleTags, 8), FlvTags.count(tags, 8), "audio tags");
            assertTrue(FlvTags.sameBodies(sampleTags, tags, 9), "video bodies arrive unchanged");
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void playsFromFfmpeg() throws Exception {
        int port = freePort();
        Process server = ffmpeg(dir.resolve("play.log"), "-i", sample.toString(), "-c", "copy", "-f", "flv",
                "-listen", "1", "rtmp://127.0.0.1:" + port + "/live/test");
        try {
            AtomicInteger video = new AtomicInteger();
            AtomicInteger audio = new AtomicInteger();
            AtomicInteger metadata = new AtomicInteger();
            List<String> statuses = new CopyOnWriteArrayList<>();
            AtomicInteger closed = new AtomicInteger();
            RtmpClientSession session = connect(RtmpUrl.parse("rtmp://127.0.0.1:" + port + "/live/test"));
            session.play("test", new RtmpPlayListener() {
                @Override
                public void onMedia(MediaMessage message) {
                    switch (message.type()) {
                        case VIDEO -> video.incrementAndGet();
                        case AUDIO -> audio.incrementAndGet();
                        case METADATA -> metadata.incrementAndGet();
                        case DATA -> { }
                    }
                    message.release();
                }

                @Override
                public void onStatus(String code, String description) {
                    statuses.add(code);
                }

                @Override
                public void onClose() {
                    closed.incrementAndGet();
                }
            }).get(10, TimeUnit.SECONDS);
            session.closeFuture().get(30, TimeUnit.SECONDS);
            assertTrue(statuses.contains("NetStream.Play.Start"), statuses::toString);
            assertEquals(FlvTags.count(sampleTags, 9), video.get(), () -> "video messages; ffmpeg: " + log("play.log"));
            assertEquals(FlvTags.count(sampleTags, 8), audio.get(), "audio messages");
            assertEquals(1, metadata.get(), "onMetaData");
            assertEquals(1, closed.get());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
