package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The media tools the end-to-end tests rely on are installed and the helpers read live RTMP. ffmpeg itself
 * serves RTMP here ({@code -listen 1}), so these tests hold whatever state the Aqueduct server is in.
 */
class MediaToolsIT {

    /** ffmpeg binds its listening socket a moment after it starts; until then the clients fail at once. */
    private static final Duration SERVER_READY = Duration.ofSeconds(15);

    @Test
    void ffmpegFfprobeRtmpdumpAndCurlAreInstalled() {
        assertEquals(List.of(), MediaTools.missingTools(),
                "missing tools: run ./test.sh, or apt-get install ffmpeg rtmpdump curl");
    }

    @Test
    void ffprobeCountsDecodedFramesOfALiveRtmpStream() {
        String url = "rtmp://127.0.0.1:" + FreePorts.pick() + "/live/probe";
        try (BackgroundTool server = MediaTools.ffmpegServeRtmp(url, Duration.ofSeconds(20))) {
            List<StreamFrames> streams = Retry.until(SERVER_READY, server::isAlive,
                    () -> MediaTools.ffprobeCountFrames(url, 3), () -> "serving ffmpeg said:\n" + server.output());

            StreamFrames video = MediaTools.stream(streams, "video").orElseThrow();
            StreamFrames audio = MediaTools.stream(streams, "audio").orElseThrow();
            assertEquals("h264", video.codecName());
            assertEquals("aac", audio.codecName());
            // 3 s at 25 fps; the interval boundary may cut a frame or two either way
            assertTrue(video.frames() >= 70 && video.frames() <= 80, streams.toString());
            // 3 s of 44.1 kHz AAC, 1024 samples per frame: about 129
            assertTrue(audio.frames() >= 110, streams.toString());
        }
    }

    @Test
    void rtmpdumpRecordsALiveRtmpStreamToFlv() throws IOException {
        String url = "rtmp://127.0.0.1:" + FreePorts.pick() + "/live/dump";
        Path flv = WorkDirs.newFile("rtmpdump", ".flv");
        try (BackgroundTool server = MediaTools.ffmpegServeRtmp(url, Duration.ofSeconds(20))) {
            ToolResult dump = Retry.until(SERVER_READY, server::isAlive, () -> {
                ToolResult result = MediaTools.rtmpdump(url, flv, Duration.ofSeconds(3));
                if (!result.timedOut()) {
                    throw new AssertionError("rtmpdump ended before its deadline: " + result.describe());
                }
                return result;
            }, () -> "serving ffmpeg said:\n" + server.output());

            assertTrue(Files.size(flv) > 13, dump.describe());
            List<StreamFrames> recorded = MediaTools.ffprobeCountFrames(flv.toString(), 60);
            assertTrue(MediaTools.stream(recorded, "video").orElseThrow().frames() > 25, recorded.toString());
        }
    }
}
