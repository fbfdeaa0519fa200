package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream published with ffmpeg to the assembled server plays back with ffprobe: H.264 and AAC frames arrive. */
class PublishPlayIT {

    @Test
    void ffmpegPublishesAndFfprobeDecodesVideoAndAudio() {
        int rtmpPort = FreePorts.pick();
        String url = "rtmp://127.0.0.1:" + rtmpPort + "/live/livestream";
        String config = Configs.rtmpServer("origin", rtmpPort);
        try (AqueductProcess server = AqueductProcess.startListening("origin", config, rtmpPort);
             BackgroundTool publisher = MediaTools.ffmpegPublish(url, Duration.ofSeconds(30))) {

            // the player may connect before ffmpeg publishes: retry until the stream is there
            List<StreamFrames> streams = Retry.until(Duration.ofSeconds(30), publisher::isAlive,
                    () -> MediaTools.ffprobeCountFrames(url, 3),
                    () -> "publisher:\n" + publisher.output() + "\nserver:\n" + server.log());

            StreamFrames video = MediaTools.stream(streams, "video").orElseThrow(() -> new AssertionError(
                    "no video in " + streams + "\npublisher:\n" + publisher.output() + "\nserver:\n" + server.log()));
            StreamFrames audio = MediaTools.stream(streams, "audio").orElseThrow(() -> new AssertionError(
                    "no audio in " + streams + "\npublisher:\n" + publisher.output() + "\nserver:\n" + server.log()));
            assertEquals("h264", video.codecName());
            assertEquals("aac", audio.codecName());
            // 3 s of media at 25 fps; a GOP cache may add up to one GOP (25 frames) in front
            assertTrue(video.frames() >= 50, streams.toString());
            assertTrue(audio.frames() >= 80, streams.toString());
            assertTrue(publisher.isAlive(), "publisher stopped early:\n" + publisher.output());
            assertEquals(List.of(), server.problemLines(), server.log());
        }
    }
}
